import { afterAll, afterEach, beforeAll } from 'vitest';
import pg from 'pg';
import { migrateRepoSchema } from '../../server/storage/postgres-schema.ts';
import { PostgresSql } from '../../server/storage/postgres-sql.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { describeReposContract } from './repos.contract.ts';

// One throw-away server for the file; each case gets a fresh schema on it (cheaper than a database).
let server: TestPostgres;
const dbs: PostgresSql[] = [];
let schemas = 0;
beforeAll(async () => {
  server = await startPostgres();
});
// Each case's pools end with it: the server allows 50 connections, and the cases add up.
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
});
afterAll(async () => {
  await server.close();
});

describeReposContract('PostgreSQL', {
  async create() {
    const schema = `repos_${++schemas}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    // Each open is its own pool, as another server process would have.
    const open = async (): Promise<PostgresSql> => {
      const db = await PostgresSql.connect({ connectionString: server.url, options: `-c search_path=${schema}` });
      dbs.push(db);
      return db;
    };
    const db = await open();
    await migrateRepoSchema(db.pool);
    return { db, reopen: open, peer: open };
  },
});
