import type { FastifyInstance } from 'fastify';
import { access } from '../auth/access.ts';
import { collabPath } from '../../shared/protocol/collab.ts';
import type { CollabServer } from '../collab/server.ts';
import { sendError } from '../plugins/errors.ts';
import { isOriginAllowed } from '../plugins/origin.ts';
import { releaseUpgrade } from '../plugins/ws-upgrade.ts';

export interface CollabRouteOptions {
  collab: CollabServer;
  allowedOrigins: readonly string[];
}

/** `/collab/:docName`: the y-websocket endpoint. Everything after the handshake is CollabServer's. */
export async function collabRoutes(app: FastifyInstance, opts: CollabRouteOptions): Promise<void> {
  app.get<{ Params: { docName: string } }>(
    `${collabPath}/:docName`,
    {
      websocket: true,
      config: { access: access.public },
      preValidation: async (request, reply) => {
        if (!isOriginAllowed(request, opts.allowedOrigins)) return sendError(reply, 'origin_not_allowed');
      },
    },
    (socket, request) => {
      releaseUpgrade(socket, request.raw);
      opts.collab.handleSocket(socket, request, request.params.docName);
    },
  );
}
