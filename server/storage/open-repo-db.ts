import type { FastifyBaseLogger } from 'fastify';
import { migrate } from './migrations.ts';
import type { SqlDb } from './sql.ts';
import { openSqlite } from './sqlite.ts';
import { SqliteSql } from './sqlite-sql.ts';

/**
 * The repositories' database, migrated: PostgreSQL when `DATABASE_URL` is set (then no SQLite
 * file is opened or created for them), else the embedded SQLite file in the data folder.
 */
export async function openRepoDb(opts: { dataDir: string; databaseUrl: string | null; log?: FastifyBaseLogger }): Promise<SqlDb> {
  if (!opts.databaseUrl) {
    const raw = openSqlite(opts.dataDir);
    try {
      migrate(raw);
    } catch (err) {
      raw.close();
      throw err;
    }
    return new SqliteSql(raw);
  }
  // The PostgreSQL driver is loaded only by installations that use it (OPS-4).
  const { PostgresSql } = await import('./postgres-sql.ts');
  const { migrateRepoSchema } = await import('./postgres-schema.ts');
  const db = await PostgresSql.connect(opts.databaseUrl, {
    onIdleError: (err) => opts.log?.warn({ err }, 'storage: an idle PostgreSQL connection of the repositories failed; the pool replaces it'),
  });
  try {
    await migrateRepoSchema(db.pool);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
