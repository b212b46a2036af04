import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { PostgresDocStore, postgresDocMigrations } from '../../server/storage/postgres-doc-store.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { describeDocStoreContract } from './doc-store.contract.ts';

// One throw-away server for the file; every `create()` gets a fresh schema on it (cheaper than a
// database each), and every store opened over it is closed before the server stops.
let server: TestPostgres;
const stores: PostgresDocStore[] = [];
let schemas = 0;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  for (const s of stores.splice(0)) await s.close();
  await server.close();
});

async function open(schema: string): Promise<PostgresDocStore> {
  const store = await PostgresDocStore.connect({ connectionString: server.url, options: `-c search_path=${schema}` });
  stores.push(store);
  return store;
}

/** A new, empty schema on the file's server (cheaper than a database per case). */
async function freshSchema(prefix: string): Promise<string> {
  const schema = `${prefix}_${++schemas}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return schema;
}

describeDocStoreContract('PostgreSQL', {
  async create() {
    const schema = await freshSchema('contract');
    const store = await open(schema);
    return {
      store,
      reopen: () => open(schema),
      async injectCompactionCrash() {
        // The snapshot insert fails after the log delete ran inside the same transaction, which
        // is what a crash between the two statements would leave behind.
        const c = new pg.Client({ connectionString: server.url });
        await c.connect();
        await c.query(`
          CREATE FUNCTION ${schema}.crash() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
          CREATE TRIGGER crash_on_snapshot BEFORE INSERT ON ${schema}.doc_updates
            FOR EACH ROW WHEN (NEW.kind = 1) EXECUTE FUNCTION ${schema}.crash();`);
        await c.end();
      },
    };
  },
});

describe('PG-2 concurrent writers: compaction never deletes an update it did not load', () => {
  it('an append that drew an earlier seq but commits later survives a compaction in between', async () => {
    const schema = `race_${++schemas}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const store = await open(schema);
    // An append by "stall" stops inside its transaction, after drawing its seq, until the test
    // lets it go: the window in which another connection can commit a later seq first.
    await admin.query(`
      CREATE FUNCTION ${schema}.stall() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NEW; END $$;
      CREATE TRIGGER stall AFTER INSERT ON ${schema}.doc_updates
        FOR EACH ROW WHEN (NEW.user_id = 'stall') EXECUTE FUNCTION ${schema}.stall();`);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i++) doc.getText('t').insert(0, `${i}`);
    await store.appendBatch(updates.splice(0).map((update) => ({ docName: 'd', update })));

    await admin.query('SELECT pg_advisory_lock(4242)');
    doc.getText('t').insert(0, 'traag ');
    const slow = store.appendBatch(updates.splice(0).map((update) => ({ docName: 'd', update, userId: 'stall', parts: ['report'] })));
    await waitUntil(admin, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted`);
    doc.getText('t').insert(0, 'snel ');
    let fastDone = false;
    const fast = store.appendBatch(updates.splice(0).map((update) => ({ docName: 'd', update }))).then(() => (fastDone = true));
    // The second append either committed (it did not wait for the first) or waits for a lock.
    await waitUntil(admin, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted HAVING COUNT(*) >= 2`, () => fastDone);
    const loaded = await store.load('d');
    const snapshot = Y.mergeUpdates(loaded.updates);
    await admin.query('SELECT pg_advisory_unlock(4242)');
    await Promise.all([slow, fast]);
    await store.compact('d', snapshot, loaded.lastSeq);
    await admin.end();

    const after = new Y.Doc();
    for (const u of (await store.load('d')).updates) Y.applyUpdate(after, u);
    expect(after.getText('t').toString()).toBe(doc.getText('t').toString());
  });
});

describe('PG-6 linked appends from several processes form one chain per document', () => {
  it('STORE-8 two pools appending to the same documents at once: every entry names the entry committed just before it', async () => {
    const schema = await freshSchema('chain');
    const pools = [await open(schema), await open(schema)];
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 120; i++) doc.getText('t').insert(0, `${i % 10}`);
    // Each pool runs batches of one to three entries over two documents, several at a time, so
    // appends of one document wait for each other's locks (the previous seq must be read after them).
    const links = await Promise.all(
      pools.flatMap((store, p) =>
        Array.from({ length: 4 }, async (_, lane) => {
          const mine: { docName: string; seq: number; prevSeq: number }[] = [];
          for (let b = 0; b < 10; b++) {
            const entries = Array.from({ length: 1 + ((b + lane) % 3) }, (_, k) => ({ docName: (b + k + p) % 2 === 0 ? 'x' : 'y', update: updates[(p * 40 + lane * 10 + b) % updates.length]! }));
            const got = await store.appendBatchLinked(entries);
            got.forEach((l, i) => mine.push({ docName: entries[i]!.docName, ...l }));
          }
          return mine;
        }),
      ),
    );
    for (const name of ['x', 'y']) {
      const chain = links.flat().filter((l) => l.docName === name).sort((a, b) => a.seq - b.seq);
      expect(chain.length).toBeGreaterThan(20);
      expect(chain.map((l) => l.prevSeq)).toEqual([0, ...chain.slice(0, -1).map((l) => l.seq)]);
    }
  });
});

/** Polls the database until `sql` returns a row (or `done()` is true): waiting on a state, not a time. */
async function waitUntil(client: pg.Client, sql: string, done: () => boolean = () => false): Promise<void> {
  while (!done() && (await client.query(sql)).rowCount === 0) await new Promise((r) => setImmediate(r));
}

describe('PG-3 migrations', () => {
  it('several stores starting together on an empty database migrate it once, in order', async () => {
    const schema = `migrate_${++schemas}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    // Without the lock, the second CREATE TABLE would fail (or a step would run twice).
    await Promise.all([open(schema), open(schema), open(schema)]);
    const { rows } = await admin.query<{ version: number }>(`SELECT version FROM ${schema}.doc_store_schema ORDER BY version`);
    await admin.end();
    expect(rows.map((r) => r.version)).toEqual(postgresDocMigrations.map((_, i) => i + 1));
  });
});

describe('PG-5 jobs that only one process may run at a time', () => {
  it('runExclusive runs nothing while another connection runs the same job, and frees it afterwards (also after a failure)', async () => {
    const one = await open('public');
    const two = await open('public');
    let inner: unknown = null;
    const outer = await one.runExclusive('job', async () => {
      inner = await two.runExclusive('job', () => Promise.resolve('ran twice'));
      // Another job's name is not blocked.
      return two.runExclusive('other-job', () => Promise.resolve('other'));
    });
    expect(inner).toEqual({ ran: false });
    expect(outer).toEqual({ ran: true, value: { ran: true, value: 'other' } });
    await expect(one.runExclusive('job', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await two.runExclusive('job', () => Promise.resolve(1))).toEqual({ ran: true, value: 1 });
  });
});
