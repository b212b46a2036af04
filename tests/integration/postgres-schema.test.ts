import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { migrate, schemaMigrations, versionBeforeAuditChain } from '../../server/storage/migrations.ts';
import { createRepoSchemaAt, migrateRepoSchema, postgresOnlyTables, translateMigration } from '../../server/storage/postgres-schema.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

let server: TestPostgres;
const pools: pg.Pool[] = [];
let schemas = 0;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  for (const p of pools.splice(0)) await p.end();
  await server.close();
});

/** A pool on a fresh, empty schema of the test server (cheaper than a database each). */
async function freshPool(): Promise<{ pool: pg.Pool; open: () => pg.Pool }> {
  const schema = `schema_${++schemas}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const open = (): pg.Pool => {
    const pool = new pg.Pool({ connectionString: server.url, options: `-c search_path=${schema}` });
    pools.push(pool);
    return pool;
  };
  return { pool: open(), open };
}

function sqliteColumns(): Record<string, string[]> {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t] = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(t) as string[]);
  db.close();
  return out;
}

async function postgresColumns(pool: pg.Pool): Promise<Record<string, string[]>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const out: Record<string, string[]> = {};
  for (const r of rows) if (!postgresOnlyTables.includes(r.table_name)) (out[r.table_name] ??= []).push(r.column_name);
  return out;
}

async function postgresTriggers(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ t: string }>(
    `SELECT DISTINCT event_object_table || '.' || trigger_name || ':' || event_manipulation AS t
       FROM information_schema.triggers WHERE trigger_schema = current_schema() ORDER BY t`,
  );
  // TRUNCATE triggers are not listed in information_schema.triggers; pg_trigger has them.
  const trunc = await pool.query<{ t: string }>(
    `SELECT c.relname || '.' || g.tgname || ':TRUNCATE' AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND (g.tgtype & 32) <> 0 ORDER BY t`,
  );
  return [...rows.map((r) => r.t), ...trunc.rows.map((r) => r.t)].sort();
}

describe('PGREPO-2 the PostgreSQL schema is built from the SQLite migrations', () => {
  it('an empty database gets every SQLite table with the same columns, and the version is recorded', async () => {
    const { pool } = await freshPool();
    await migrateRepoSchema(pool);
    expect(await postgresColumns(pool)).toEqual(sqliteColumns());
    const { rows } = await pool.query<{ v: number }>('SELECT MAX(version) AS v FROM repo_schema');
    expect(rows[0]!.v).toBe(schemaMigrations.length);
    // A second start finds it done.
    await migrateRepoSchema(pool);
    expect((await pool.query('SELECT version FROM repo_schema')).rowCount).toBe(1);
    // Case-insensitive uniqueness of e-mail addresses (SQLite: COLLATE NOCASE).
    await pool.query(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'O', 0)`);
    await pool.query(`INSERT INTO users (id, org_id, email, name, color, created_at) VALUES ('u1', 'o', 'a@x.nl', 'A', '#000', 0)`);
    await expect(
      pool.query(`INSERT INTO users (id, org_id, email, name, color, created_at) VALUES ('u2', 'o', 'A@X.nl', 'B', '#000', 0)`),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('processes starting together on an empty database: one builds the schema, the other finds it', async () => {
    const { pool, open } = await freshPool();
    await Promise.all([migrateRepoSchema(pool), migrateRepoSchema(open())]);
    expect((await pool.query('SELECT version FROM repo_schema')).rowCount).toBe(1);
  });

  it('a database of an older version is brought up step by step to the same schema as a new one', async () => {
    const fresh = await freshPool();
    await migrateRepoSchema(fresh.pool);
    const old = await freshPool();
    await createRepoSchemaAt(old.pool, versionBeforeAuditChain + 1);
    await old.pool.query(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'O', 0)`);
    await migrateRepoSchema(old.pool);
    expect(await postgresColumns(old.pool)).toEqual(await postgresColumns(fresh.pool));
    expect(await postgresTriggers(old.pool)).toEqual(await postgresTriggers(fresh.pool));
    // The data of the older version is kept, with the new column's default.
    expect((await old.pool.query('SELECT id, require_consent_scan FROM organisations')).rows).toEqual([{ id: 'o', require_consent_scan: '1' }]);
    const { rows } = await old.pool.query<{ v: number }>('SELECT MAX(version) AS v FROM repo_schema');
    expect(rows[0]!.v).toBe(schemaMigrations.length);
  });

  it('refuses clearly to upgrade across a migration written as a function', async () => {
    const old = await freshPool();
    await createRepoSchemaAt(old.pool, versionBeforeAuditChain);
    await expect(migrateRepoSchema(old.pool)).rejects.toThrow(/is a function/);
  });

  it('a migration that does not translate fails here (unknown trigger, SQLite-only SQL)', () => {
    expect(() => translateMigration(`CREATE TRIGGER x BEFORE UPDATE ON users BEGIN SELECT RAISE(ABORT, 'no'); END;`)).toThrow(/twin/);
    expect(() => translateMigration(`UPDATE users SET created_at = julianday('now')`)).toThrow(/SQLite-only/);
    expect(() => translateMigration(`INSERT OR IGNORE INTO t VALUES (1)`)).toThrow(/SQLite-only/);
    expect(translateMigration(`ALTER TABLE users ADD COLUMN nick TEXT UNIQUE COLLATE NOCASE; CREATE INDEX a ON b (c)`)).toEqual([
      'ALTER TABLE users ADD COLUMN nick TEXT COLLATE "C" UNIQUE',
      'CREATE UNIQUE INDEX users_nick_lower ON users (lower(nick))',
      'CREATE INDEX a ON b (c)',
    ]);
  });
});

describe('PGREPO-3 the audit log and the consent history are append-only on PostgreSQL', () => {
  it('raw UPDATE, DELETE and TRUNCATE through pg are refused; consent rows of a cycle being deleted may go', async () => {
    const { pool } = await freshPool();
    await migrateRepoSchema(pool);
    await pool.query(`INSERT INTO audit_events (id, at, action, outcome, prev_hash, hash) VALUES (1, 0, 'login', 'allowed', 'p', 'h')`);
    for (const attack of ["UPDATE audit_events SET action = 'x'", 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
      await expect(pool.query(attack), attack).rejects.toThrow(/audit log is append-only/);
    }
    expect((await pool.query('SELECT action FROM audit_events')).rows).toEqual([{ action: 'login' }]);

    await pool.query(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'O', 0)`);
    await pool.query(`INSERT INTO users (id, org_id, email, name, color, created_at) VALUES ('u', 'o', 'u@x.nl', 'U', '#000', 0)`);
    await pool.query(`INSERT INTO cycles (id, org_id, owner_id, title, created_at, updated_at) VALUES ('c', 'o', 'u', 'C', 0, 0)`);
    await pool.query(`INSERT INTO recordings (id, cycle_id, label, created_at) VALUES ('r', 'c', 'R', 0)`);
    await pool.query(`INSERT INTO consent_events (recording_id, at, kind, decisions, changed) VALUES ('r', 0, 'recorded', '{}', '[]')`);
    for (const attack of ["UPDATE consent_events SET kind = 'withdrawn'", 'DELETE FROM consent_events', 'TRUNCATE consent_events CASCADE']) {
      await expect(pool.query(attack), attack).rejects.toThrow(/consent history is append-only/);
    }
    // Deleting the cycle (DELETE-1) marks it inside the transaction: then its consent rows may go.
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO cycles_being_deleted (cycle_id) VALUES ('c')`);
    expect((await client.query('DELETE FROM consent_events')).rowCount).toBe(1);
    await client.query('ROLLBACK');
    client.release();
  });

  it('the highest audit id ever handed out is kept in the inserting transaction (no gap after a rollback)', async () => {
    const { pool } = await freshPool();
    await migrateRepoSchema(pool);
    const insert = (id: number) => `INSERT INTO audit_events (id, at, action, outcome) VALUES (${id}, 0, 'a', 'allowed')`;
    await pool.query(insert(1));
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query(insert(2));
    await client.query('ROLLBACK');
    client.release();
    expect((await pool.query(`SELECT seq FROM audit_sequence WHERE name = 'audit_events'`)).rows).toEqual([{ seq: '1' }]);
    await pool.query(insert(2));
    expect((await pool.query(`SELECT seq FROM audit_sequence WHERE name = 'audit_events'`)).rows).toEqual([{ seq: '2' }]);
  });
});
