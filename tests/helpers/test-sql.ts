import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { AppConfig } from '../../server/config/index.ts';
import { PostgresSql } from '../../server/storage/postgres-sql.ts';
import type { SqlDb } from '../../server/storage/sql.ts';
import { SqliteSql } from '../../server/storage/sqlite-sql.ts';

/**
 * A connection of the test's own to an app's database, whichever it is (PGSUITE-1): for tests
 * that look at stored rows or set one up (an expiry in the past) where no route does. Through the
 * same `SqlDb` interface as the repositories, so one SQL text serves both runs. Close it after use.
 */
export async function openTestSql(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): Promise<SqlDb> {
  if (config.databaseUrl) return PostgresSql.connect(config.databaseUrl);
  return new SqliteSql(new BetterSqlite3(path.join(config.dataDir, 'kijkruimte.sqlite')));
}

/** Runs `fn` with such a connection and closes it. */
export async function withTestSql<T>(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>, fn: (db: SqlDb) => Promise<T>): Promise<T> {
  const db = await openTestSql(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
