import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { limits } from '../shared/limits/index.ts';
import { authoriseDocName, type AuthoriseHook } from './collab/hooks/authorise.ts';
import { CollabServer } from './collab/server.ts';
import type { AppConfig } from './config/index.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { securityPlugin } from './plugins/security.ts';
import { clientRoutes } from './routes/client.ts';
import { collabRoutes } from './routes/collab.ts';
import { healthRoutes } from './routes/health.ts';
import type { DocStore } from './storage/doc-store.ts';
import { SqliteDocStore } from './storage/sqlite-doc-store.ts';
import { openSqlite } from './storage/sqlite.ts';

export interface BuildAppOptions {
  config: AppConfig;
  /** Overrides the document store (tests inject failing or slow stores). */
  docStore?: DocStore;
  authorise?: AuthoriseHook;
}

declare module 'fastify' {
  interface FastifyInstance {
    collab: CollabServer;
    config: AppConfig;
  }
}

/** Builds the application. Never listens: `server/index.ts` does, tests use port 0 or inject(). */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Long enough for any valid document name, so a too-long one gets our own error code.
    maxParamLength: 256,
  });

  const db = opts.docStore ? null : openSqlite(config.dataDir);
  const docStore = opts.docStore ?? new SqliteDocStore(db!);
  const collab = new CollabServer({
    store: docStore,
    authorise: opts.authorise ?? authoriseDocName,
    log: app.log,
    graceMs: config.roomGraceMs,
    compactThreshold: config.compactThreshold,
  });
  app.decorate('collab', collab);
  app.decorate('config', config);

  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: limits.maxWsMessageBytes, perMessageDeflate: false },
  });
  await app.register(healthRoutes);
  await app.register(collabRoutes, { collab, allowedOrigins: config.allowedOrigins });
  await app.register(clientRoutes, { clientDir: config.clientDir });

  // Close sockets and flush before the HTTP server stops; then release the database.
  app.addHook('preClose', async () => {
    await collab.close();
  });
  app.addHook('onClose', async () => {
    await docStore.close();
    db?.close();
  });
  return app;
}
