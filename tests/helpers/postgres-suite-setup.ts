import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';
import { testDatabaseKind } from './test-database.ts';

/**
 * Global setup of the integration project (PGSUITE-1): on the PostgreSQL run, one throw-away
 * cluster for the whole run (files run one at a time), whose URL every test file receives; each
 * app then gets a database of its own on it (`test-database.ts`). On the SQLite run, nothing.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (testDatabaseKind() !== 'postgres') {
    project.provide('kijkruimteTestPostgres', '');
    return undefined;
  }
  // Generous: a file may leave an app's two pools open until its databases are dropped.
  const cluster = await startPostgres({ maxConnections: 300 });
  project.provide('kijkruimteTestPostgres', cluster.url);
  return () => cluster.close();
}
