import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PostgresSql } from '../../server/storage/postgres-sql.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

let server: TestPostgres;
let db: PostgresSql;
beforeAll(async () => {
  server = await startPostgres();
  db = await PostgresSql.connect(server.url);
  await db.run('CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT NOT NULL, b BYTEA, x DOUBLE PRECISION)');
  await db.run('CREATE TABLE counter (k TEXT PRIMARY KEY, v BIGINT NOT NULL)');
});
afterAll(async () => {
  await db.close();
  await server.close();
});

describe('PGREPO-1 PostgresSql gives the repositories what the SQLite adapter gives', () => {
  it('BIGINT, COUNT, SUM as numbers, booleans as 0/1 and BYTEA as Buffer, with ? and @name placeholders', async () => {
    expect(await db.run('INSERT INTO t (id, n, b, x) VALUES (?, ?, ?, ?)', ['a', 2 ** 40, new Uint8Array([7, 8]), 1.5])).toEqual({ changes: 1 });
    await db.run('INSERT INTO t (id, n, b, x) VALUES (@id, @n, @b, @x)', { id: 'b', n: 3, b: null, x: 3 });
    const row = await db.get<{ id: string; n: number; b: Buffer; x: number }>('SELECT * FROM t WHERE id = ?', ['a']);
    expect(row).toEqual({ id: 'a', n: 2 ** 40, b: Buffer.from([7, 8]), x: 1.5 });
    expect(await db.get('SELECT COUNT(*) AS n, SUM(n) AS total, MAX(n) AS highest FROM t')).toEqual({ n: 2, total: 2 ** 40 + 3, highest: 2 ** 40 });
    // Booleans as SQLite gives them: 0 or 1.
    expect(await db.get("SELECT EXISTS (SELECT 1 FROM t WHERE id = 'a') AS yes, 1 > 2 AS no")).toEqual({ yes: 1, no: 0 });
    expect(await db.get('SELECT id AS rowId FROM t WHERE n = @v OR n = @v + 1', { v: 3 })).toEqual({ rowId: 'b' });
    expect(await db.get('SELECT id FROM t WHERE id = ?', ['none'])).toBeUndefined();
    expect(await db.run('UPDATE t SET n = n + 1')).toEqual({ changes: 2 });
    // The parsers belong to this pool: the driver's global defaults (strings for BIGINT) are untouched.
    const plain = new pg.Client({ connectionString: server.url });
    await plain.connect();
    expect((await plain.query('SELECT COUNT(*) AS n FROM t')).rows[0]).toEqual({ n: '2' });
    await plain.end();
  });

  it('a transaction commits, a throw rolls back, and a nested transaction joins the outer one', async () => {
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (id, n) VALUES (?, 1)', ['c']);
      // Through the database, from inside the callback's async context: the same transaction.
      await db.transaction(async () => db.run('INSERT INTO t (id, n) VALUES (?, 1)', ['d']));
      expect(await db.get('SELECT id FROM t WHERE id = ?', ['d'])).toEqual({ id: 'd' });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (id, n) VALUES (?, 1)', ['e']);
        await db.run('INSERT INTO t (id, n) VALUES (?, 1)', ['f']);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.all<{ id: string }>("SELECT id FROM t WHERE id IN ('c', 'd', 'e', 'f') ORDER BY id")).map((r) => r.id)).toEqual(['c', 'd']);
  });

  it('outside calls do not see a transaction’s rows before it commits', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const didInsert = new Promise<void>((r) => (inserted = r));
    const tx = db.transaction(async (t) => {
      await t.run('INSERT INTO t (id, n) VALUES (?, 1)', ['g']);
      inserted();
      await gate;
    });
    await didInsert;
    expect(await db.get('SELECT id FROM t WHERE id = ?', ['g'])).toBeUndefined();
    release();
    await tx;
    expect(await db.get('SELECT id FROM t WHERE id = ?', ['g'])).toEqual({ id: 'g' });
  });

  it('transactions with the same lockKey run one after the other (no lost read-modify-write)', async () => {
    await db.run('INSERT INTO counter (k, v) VALUES (?, 0)', ['c']);
    // A second pool: as another server process would.
    const other = await PostgresSql.connect(server.url);
    const bump = (on: PostgresSql) =>
      on.transaction(
        async (tx) => {
          const row = await tx.get<{ v: number }>('SELECT v FROM counter WHERE k = ?', ['c']);
          await tx.run('UPDATE counter SET v = ? WHERE k = ?', [row!.v + 1, 'c']);
        },
        { lockKey: 'counter:c' },
      );
    await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 ? db : other)));
    await other.close();
    expect(await db.get('SELECT v FROM counter WHERE k = ?', ['c'])).toEqual({ v: 20 });
  });

  it('reclaim runs VACUUM on the tables (and refuses inside a transaction, where PostgreSQL cannot)', async () => {
    await db.run("DELETE FROM t WHERE id = 'a'");
    await db.reclaim(['t', 'counter']);
    // VACUUM reports into the shared statistics when it ends.
    const stats = await db.all<{ relname: string; vacuum_count: number }>(
      "SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE relname IN ('t', 'counter') ORDER BY relname",
    );
    expect(stats).toEqual([
      { relname: 'counter', vacuum_count: 1 },
      { relname: 't', vacuum_count: 1 },
    ]);
    await expect(db.transaction(() => db.reclaim(['t']))).rejects.toThrow(/outside a transaction/);
    await expect(db.reclaim(['t; DROP TABLE t'])).rejects.toThrow(/not a table/);
  });
});
