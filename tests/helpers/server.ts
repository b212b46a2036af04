import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../server/app.ts';
import { authoriseDocName } from '../../server/collab/hooks/authorise.ts';
import { testConfig, type AppConfig } from '../../server/config/index.ts';
import { testDatabaseUrl } from './test-database.ts';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'kijkruimte-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * `testConfig` with the run's database (PGSUITE-1): unless the test chose one itself, an app on
 * the PostgreSQL run gets the PostgreSQL database of its data folder (the same one again when it
 * is restarted on that folder); on the SQLite run, the file in the folder as always.
 */
export async function testAppConfig(overrides: Partial<AppConfig> & { dataDir: string }): Promise<AppConfig> {
  const databaseUrl = overrides.databaseUrl === undefined ? await testDatabaseUrl(overrides.dataDir) : overrides.databaseUrl;
  return testConfig({ ...overrides, databaseUrl });
}

/** A real server on an ephemeral port with its own data directory. */
export async function startServer(
  overrides: Partial<AppConfig> = {},
  extra: Omit<BuildAppOptions, 'config'> = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await buildApp({ config: await testAppConfig({ ...overrides, dataDir }), ...extra });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/collab`,
    dataDir,
    close: () => app.close(),
  };
}

/**
 * A server whose WebSocket accepts any valid document name anonymously: for the protocol,
 * durability and bad-input tests of the collaboration server itself. Access control has its
 * own tests against the real hook.
 */
export function startProtocolServer(
  overrides: Partial<AppConfig> = {},
  extra: Omit<BuildAppOptions, 'config'> = {},
): Promise<TestServer> {
  return startServer(overrides, { authorise: authoriseDocName, ...extra });
}
