import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Which database the integration tests' apps use (PGSUITE-1): `KIJKRUIMTE_TEST_DATABASE=postgres`
 * (`npm run test:integration:pg`) gives every app a PostgreSQL database of its own on the run's
 * throw-away cluster (`postgres-suite-setup.ts`); unset or `sqlite`, the embedded SQLite file.
 */
export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(env: NodeJS.ProcessEnv = process.env): TestDatabaseKind {
  const value = env['KIJKRUIMTE_TEST_DATABASE'] ?? '';
  if (value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`KIJKRUIMTE_TEST_DATABASE: "${value}" is neither sqlite nor postgres`);
}

/** True on the PostgreSQL run of the suite. */
export const onPostgres = testDatabaseKind() === 'postgres';

/**
 * Why a test is skipped on the PostgreSQL run: it checks the embedded SQLite file itself (its
 * bytes, WAL, pragmas), which does not exist there. Pass to `it.skipIf(onPostgres)` via the name
 * so the reason shows in the report, e.g. `sqliteOnly('scans the file for canaries')`.
 */
export function sqliteOnly(why: string): string {
  return onPostgres ? `[SQLite only: ${why}]` : '';
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://…` of the run's throw-away cluster (any database on it), or '' on SQLite. */
    kijkruimteTestPostgres: string;
  }
}

/** One database per data folder: an app restarted on the same folder finds its data again. */
const byDataDir = new Map<string, Promise<string>>();
let counter = 0;

function clusterUrl(database: string): string {
  const base = inject('kijkruimteTestPostgres');
  if (!base) throw new Error('KIJKRUIMTE_TEST_DATABASE=postgres but no cluster was started (run through the vitest project "integration")');
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The `databaseUrl` an app on `dataDir` gets: null on the SQLite run (the file in the folder),
 * else a fresh PostgreSQL database made for this folder on first use and dropped after the file.
 */
export function testDatabaseUrl(dataDir: string): Promise<string | null> {
  if (!onPostgres) return Promise.resolve(null);
  const key = path.resolve(dataDir);
  let url = byDataDir.get(key);
  if (!url) {
    const name = `t${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    url = admin(async (client) => {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return clusterUrl(name);
    });
    byDataDir.set(key, url);
  }
  return url;
}

/** Drops the databases this test file made (the setup file's afterAll). Connections left open are cut. */
export async function dropTestDatabases(): Promise<void> {
  const urls = await Promise.allSettled([...byDataDir.values()]);
  byDataDir.clear();
  const names = urls.flatMap((r) => (r.status === 'fulfilled' ? [new URL(r.value).pathname.slice(1)] : []));
  if (names.length === 0) return;
  await admin(async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
