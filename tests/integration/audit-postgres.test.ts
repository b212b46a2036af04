import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { auditRowHash, genesisHash, verifyAuditChainSql, type ChainedFields } from '../../server/storage/audit-chain.ts';
import { migrate } from '../../server/storage/migrations.ts';
import { migrateRepoSchema } from '../../server/storage/postgres-schema.ts';
import { PostgresSql } from '../../server/storage/postgres-sql.ts';
import type { SqlDb } from '../../server/storage/sql.ts';
import { SqliteSql } from '../../server/storage/sqlite-sql.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/server.ts';

let server: TestPostgres;
const dbs: SqlDb[] = [];
let schemas = 0;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  for (const d of dbs.splice(0)) await d.close();
  await server.close();
});

async function postgresDb(): Promise<PostgresSql> {
  const schema = `audit_${++schemas}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await PostgresSql.connect({ connectionString: server.url, options: `-c search_path=${schema}` });
  dbs.push(db);
  await migrateRepoSchema(db.pool);
  return db;
}

function sqliteDb(): SqliteSql {
  const raw = new BetterSqlite3(':memory:');
  migrate(raw);
  const db = new SqliteSql(raw);
  dbs.push(db);
  return db;
}

/** Writes `n` correctly chained rows, as the audit repository does. */
async function writeChain(db: SqlDb, n: number): Promise<void> {
  let prev = genesisHash;
  for (let id = 1; id <= n; id++) {
    const row: ChainedFields = { id, at: 1000 + id, actor_id: 'u', action: 'login', outcome: 'allowed', cycle_id: null, target: null, detail: null };
    const hash = auditRowHash(prev, row);
    await db.run(
      `INSERT INTO audit_events (id, at, actor_id, action, outcome, cycle_id, target, detail, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @action, @outcome, @cycle_id, @target, @detail, @prev_hash, @hash)`,
      { ...row, prev_hash: prev, hash },
    );
    prev = hash;
  }
}

describe('PGREPO-4 the audit chain verifies on PostgreSQL as on SQLite', () => {
  for (const [name, open] of [
    ['SQLite', async () => sqliteDb()],
    ['PostgreSQL', postgresDb],
  ] as const) {
    it(`${name}: an intact chain verifies, paged (the walk reads a page at a time)`, async () => {
      const db = await open();
      await writeChain(db, 7);
      const report = await verifyAuditChainSql(db, 3);
      expect(report.rows).toBe(7);
      expect(report.problems).toEqual([]);
      expect(report.head).toMatch(/^[0-9a-f]{64}$/);
    });
  }

  it('PostgreSQL: rows altered or removed by someone who lifted the triggers are found', async () => {
    const db = await postgresDb();
    await writeChain(db, 5);
    // The database owner can lift the triggers; the chain still shows what they did.
    await db.run('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await db.run("UPDATE audit_events SET action = 'logout' WHERE id = 2");
    await db.run('DELETE FROM audit_events WHERE id IN (4, 5)');
    const kinds = (await verifyAuditChainSql(db)).problems.map((p) => `${p.kind}:${p.id}`);
    expect(kinds).toEqual(['altered:2', 'missing_tail:5']);
    await db.run('DELETE FROM audit_events WHERE id = 1');
    expect((await verifyAuditChainSql(db)).problems.map((p) => `${p.kind}:${p.id}`)).toEqual([
      'gap:2',
      'broken_link:2',
      'altered:2',
      'missing_tail:5',
    ]);
  });
});

describe('PGREPO-4 npm run audit:verify checks the PostgreSQL audit log when DATABASE_URL is set', () => {
  it('exits 0 on an intact chain and 1 naming the altered row', async () => {
    const url = await server.createDatabase('verify_cli');
    const db = await PostgresSql.connect(url);
    dbs.push(db);
    await migrateRepoSchema(db.pool);
    await writeChain(db, 3);
    const run = (): { status: number | null; out: string } => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
        env: { ...process.env, DATABASE_URL: url, KIJKRUIMTE_DATA_DIR: tempDir() },
        encoding: 'utf8',
      });
      return { status: r.status, out: r.stdout + r.stderr };
    };
    const ok = run();
    expect(ok.out).toMatch(/Auditlog intact: 3 regels/);
    expect(ok.status).toBe(0);
    await db.run('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await db.run("UPDATE audit_events SET detail = 'x' WHERE id = 2");
    const bad = run();
    expect(bad.out).toMatch(/regel 2: gewijzigd/);
    expect(bad.status).toBe(1);
  });
});
