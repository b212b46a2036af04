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

/**
 * On PostgreSQL, the tables of the app's database with a row holding `needle` (in a text value's
 * UTF-8 or a binary value's bytes); on SQLite, none, because there the tests scan the database
 * file itself with the rest of the data folder. PostgreSQL's files are not scanned: VACUUM frees
 * erased rows' space without overwriting it (README, "Erasure on PostgreSQL"), so erasure there is
 * checked on what the database holds, and key destruction does the rest.
 */
export async function storedHolding(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>, needle: Buffer): Promise<string[]> {
  if (!config.databaseUrl) return [];
  return withTestSql(config, async (db) => {
    const tables = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const rows = await db.all<Record<string, unknown>>(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
      const holds = rows.some((row) =>
        Object.values(row).some((v) => (typeof v === 'string' ? Buffer.from(v) : v instanceof Uint8Array ? Buffer.from(v) : null)?.includes(needle)),
      );
      if (holds) found.push(`postgres:${name}`);
    }
    return found;
  });
}
