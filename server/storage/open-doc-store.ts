import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { DocStore } from './doc-store.ts';
import { SqliteDocStore } from './sqlite-doc-store.ts';

/**
 * Where the collaboration documents (update log and snapshots) live: PostgreSQL when
 * DATABASE_URL is set (PG-1), else the SQLite database that holds everything else. Only the
 * documents move for now; accounts, sessions, cycles, audit and media metadata stay in SQLite.
 */
export async function openDocStore(db: Database, databaseUrl: string | null, log: FastifyBaseLogger): Promise<DocStore> {
  // Its own connection to the same file, with group commit off the event loop (wal-sync.ts).
  if (!databaseUrl) return SqliteDocStore.openWithGroupCommit(path.dirname(db.name), path.basename(db.name));
  try {
    // The PostgreSQL driver is loaded only by installations that use it.
    const { PostgresDocStore } = await import('./postgres-doc-store.ts');
    const store = await PostgresDocStore.connect(databaseUrl, {
      onIdleError: (err) => log.warn({ err }, 'storage: an idle PostgreSQL connection failed; the pool replaces it'),
    });
    log.info('storage: collaboration documents in PostgreSQL, everything else in SQLite');
    return store;
  } catch (err) {
    // No half-started server: the SQLite handle opened before is released too.
    db.close();
    throw err;
  }
}
