import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { access } from '../auth/access.ts';
import { sendError } from '../plugins/errors.ts';

/**
 * Serves the built client (when it exists) and falls back to index.html for client-side routes.
 * Unknown /api and /collab paths stay JSON 404s.
 */
export async function clientRoutes(app: FastifyInstance, opts: { clientDir: string }): Promise<void> {
  const hasClient = fs.existsSync(path.join(opts.clientDir, 'index.html'));
  if (hasClient) {
    // The built client is public (the login page is part of it); its routes say so explicitly
    // because the access hook refuses every route without a declaration.
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: access.public };
    });
    await app.register(fastifyStatic, { root: opts.clientDir, index: false, wildcard: false, serveDotFiles: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/collab');
    if (hasClient && request.method === 'GET' && !isApi && !path.extname(request.url.split('?')[0] ?? '')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(reply, 'not_found');
  });
}
