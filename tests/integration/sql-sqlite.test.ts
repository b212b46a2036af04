import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/storage/sqlite.ts';
import { SqliteSql } from '../../server/storage/sqlite-sql.ts';
import { tempDir } from '../helpers/server.ts';

let sql: SqliteSql;
afterEach(async () => sql.close());

function open(): SqliteSql {
  const db = openSqlite(tempDir());
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL, b BLOB)');
  sql = new SqliteSql(db);
  return sql;
}

describe('STORE-9 the SQLite adapter of the asynchronous SQL interface', () => {
  it('binds positional and named parameters, and Uint8Array as a blob', async () => {
    const db = open();
    await db.run('INSERT INTO t (k, v, b) VALUES (?, ?, ?)', ['a', 1, new Uint8Array([1, 2, 3])]);
    await db.run('INSERT INTO t (k, v) VALUES (@k, @v)', { k: 'b', v: 2 });
    expect(await db.all<{ k: string; v: number }>('SELECT k, v FROM t ORDER BY k')).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
    ]);
    const row = await db.get<{ b: Buffer }>('SELECT b FROM t WHERE k = ?', ['a']);
    expect([...row!.b]).toEqual([1, 2, 3]);
    expect(await db.get('SELECT * FROM t WHERE k = ?', ['none'])).toBeUndefined();
    expect((await db.run('UPDATE t SET v = v + 1')).changes).toBe(2);
  });

  it('a throw rolls the whole transaction back', async () => {
    const db = open();
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 1]);
        throw new Error('halverwege');
      }),
    ).rejects.toThrow('halverwege');
    expect(await db.all('SELECT * FROM t')).toEqual([]);
  });

  it('calls from outside wait until an open transaction ends; calls from inside join it', async () => {
    const db = open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.run('INSERT INTO t (k, v) VALUES (?, ?)', ['in', 1]);
      // Through the database, not `t`: the same async context, so it belongs to the transaction.
      await db.run('INSERT INTO t (k, v) VALUES (?, ?)', ['repo', 2]);
      order.push('tx wrote');
      await gate;
      order.push('tx ends');
    });
    // Outside the transaction: must neither see its rows nor slip into it.
    const outside = db.all<{ k: string }>('SELECT k FROM t ORDER BY k').then((rows) => {
      order.push('outside read');
      return rows.map((r) => r.k);
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['tx wrote']);
    release();
    await tx;
    expect(await outside).toEqual(['in', 'repo']);
    expect(order).toEqual(['tx wrote', 'tx ends', 'outside read']);
  });

  it('a transaction inside a transaction joins it, and two transactions never interleave', async () => {
    const db = open();
    await db.run('INSERT INTO t (k, v) VALUES (?, ?)', ['n', 0]);
    const bump = () =>
      db.transaction(async (t) => {
        const { v } = (await t.get<{ v: number }>('SELECT v FROM t WHERE k = ?', ['n']))!;
        await new Promise((r) => setImmediate(r));
        await db.transaction(async (inner) => inner.run('UPDATE t SET v = ? WHERE k = ?', [v + 1, 'n']));
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    expect((await db.get<{ v: number }>('SELECT v FROM t WHERE k = ?', ['n']))!.v).toBe(20);
  });
});
