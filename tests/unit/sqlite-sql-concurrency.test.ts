import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteSql } from '../../server/storage/sqlite-sql.ts';

describe('STORE-9 SqliteSql: transactions started together run one after the other', () => {
  it('20 read-modify-write transactions at once all commit, none lost (callers woken together open one at a time)', async () => {
    const db = new SqliteSql(new BetterSqlite3(':memory:'));
    await db.run('CREATE TABLE counter (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    await db.run("INSERT INTO counter (k, v) VALUES ('c', 0)");
    const bump = () =>
      db.transaction(async (tx) => {
        const row = await tx.get<{ v: number }>("SELECT v FROM counter WHERE k = 'c'");
        // A turn of the event loop inside the transaction, as a real caller's awaits give.
        await new Promise((resolve) => setImmediate(resolve));
        await tx.run("UPDATE counter SET v = ? WHERE k = 'c'", [row!.v + 1]);
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    expect(await db.get("SELECT v FROM counter WHERE k = 'c'")).toEqual({ v: 20 });
    await db.close();
  });
});
