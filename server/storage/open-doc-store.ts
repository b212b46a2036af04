import type { FastifyBaseLogger } from 'fastify';
import type { DocStore } from './doc-store.ts';
import { SqliteDocStore } from './sqlite-doc-store.ts';

/**
 * Where the collaboration documents (update log and snapshots) live: PostgreSQL when
 * DATABASE_URL is set (PG-1), as everything else then (PGREPO-6); else the SQLite file in the
 * data folder that holds everything else.
 */
export async function openDocStore(dataDir: string, databaseUrl: string | null, log: FastifyBaseLogger): Promise<DocStore> {
  // Its own connection to the same file, with group commit off the event loop (wal-sync.ts).
  if (!databaseUrl) return SqliteDocStore.openWithGroupCommit(dataDir);
  // The PostgreSQL driver is loaded only by installations that use it. Its own pool: the
  // repositories' pool parses numbers differently, and document commits never wait behind them.
  const { PostgresDocStore } = await import('./postgres-doc-store.ts');
  const store = await PostgresDocStore.connect(databaseUrl, {
    onIdleError: (err) => log.warn({ err }, 'storage: an idle PostgreSQL connection failed; the pool replaces it'),
  });
  log.info('storage: everything in PostgreSQL (documents, accounts, sessions, cycles, audit, media metadata and keys)');
  return store;
}
