import pg from 'pg';
import { inPgTransaction } from './pg-transaction.ts';
import { currentHour, encodeParts, mergeEdits, tally, type EditRow } from './doc-edits.ts';
import type { AppendEntry, DocStore, EditSummary, LinkedSeq, StoredDoc, StoredTail } from './doc-store.ts';

/**
 * The document store's schema on PostgreSQL, applied in order inside one transaction and tracked
 * in `doc_store_schema`. It mirrors what `SqliteDocStore` creates on SQLite, step for step:
 *
 * 1. the tables of the first release: `doc_updates` (one global, increasing `seq`; `kind` 0 =
 *    update, 1 = snapshot; the Yjs bytes) with its index per document, and the `doc_edits`
 *    roll-up (per document, person, part and hour);
 * 2. the columns SQLite later added with `ALTER TABLE … ADD COLUMN`: sender, parts, hour.
 *
 * Types differ only where PostgreSQL needs it: BIGINT identity for SQLite's INTEGER
 * AUTOINCREMENT, BYTEA for BLOB, BIGINT epoch ms for the hour. `doc_name` is compared bytewise
 * (COLLATE "C") like SQLite's default BINARY collation, so the prefix range in `edits()` means the
 * same in both. Never edit a released step; append a new one.
 */
/**
 * Advisory-lock namespace of the document store (first key of the two-key form; the second is
 * `hashtext(doc_name)`, or 0 for migrations). Other users of advisory locks pick other numbers.
 */
const lockSpace = 0x4b52_0001;

export const postgresDocMigrations: readonly string[] = [
  `
  CREATE TABLE doc_updates (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_name TEXT COLLATE "C" NOT NULL,
    kind SMALLINT NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE INDEX doc_updates_by_doc ON doc_updates (doc_name, seq);
  CREATE TABLE doc_edits (
    doc_name TEXT COLLATE "C" NOT NULL,
    user_id TEXT NOT NULL,
    part TEXT NOT NULL,
    hour BIGINT NOT NULL,
    updates BIGINT NOT NULL,
    PRIMARY KEY (doc_name, user_id, part, hour)
  );
  `,
  `
  ALTER TABLE doc_updates ADD COLUMN user_id TEXT, ADD COLUMN parts TEXT, ADD COLUMN hour BIGINT;
  `,
  // 3. A commit in one statement (one round trip instead of BEGIN, lock, read, insert, COMMIT:
  // P8). Called outside an explicit transaction, the statement is its own transaction, so the
  // advisory locks are held until it commits. In a VOLATILE PL/pgSQL function every statement
  // takes a fresh snapshot (READ COMMITTED), so the previous seqs are read after the locks are
  // granted and see the commit that held them.
  `
  CREATE FUNCTION kr_append(p_names TEXT[], p_data BYTEA[], p_users TEXT[], p_parts TEXT[], p_hours BIGINT[])
    RETURNS TABLE (seq BIGINT, prev_seq BIGINT) LANGUAGE plpgsql VOLATILE AS $fn$
  #variable_conflict use_column
  DECLARE
    last_seqs JSONB;
  BEGIN
    PERFORM pg_advisory_xact_lock(${lockSpace}, k)
       FROM (SELECT DISTINCT hashtext(d) AS k FROM unnest(p_names) AS d) AS keys ORDER BY k;
    SELECT COALESCE(jsonb_object_agg(d, COALESCE((SELECT MAX(u.seq) FROM doc_updates u WHERE u.doc_name = d), 0)), '{}')
      INTO last_seqs FROM (SELECT DISTINCT d FROM unnest(p_names) AS d) AS docs;
    RETURN QUERY
      WITH ins AS (
        INSERT INTO doc_updates (doc_name, kind, data, user_id, parts, hour)
        SELECT e.doc_name, 0, e.data, e.user_id, e.parts, e.hour
          FROM unnest(p_names, p_data, p_users, p_parts, p_hours) WITH ORDINALITY AS e(doc_name, data, user_id, parts, hour, ord)
         ORDER BY e.ord
        RETURNING doc_updates.seq, doc_updates.doc_name
      )
      SELECT ins.seq, COALESCE(LAG(ins.seq) OVER (PARTITION BY ins.doc_name ORDER BY ins.seq), (last_seqs ->> ins.doc_name)::BIGINT)
        FROM ins ORDER BY ins.seq;
  END
  $fn$;
  `,
];

/** Advisory-lock namespace of `runExclusive` (jobs only one process may run at a time). */
const jobLockSpace = 0x4b52_0002;

export interface PostgresDocStoreOptions {
  /** An idle pooled connection failed (server restart, network); the pool replaces it. */
  onIdleError?: (err: Error) => void;
}

interface LoggedDbRow {
  docName: string;
  userId: string;
  parts: string | null;
  hour: string | null;
}

/**
 * PostgreSQL adapter: the same tables' meaning as `SqliteDocStore`, through a `pg` pool.
 *
 * Ordering across concurrent writers: `compact(doc, snapshot, uptoSeq)` deletes every entry with
 * seq ≤ uptoSeq, where uptoSeq is the highest seq a `load` saw. With several connections, a
 * transaction could take seq 10 and commit after another one took and committed 11; a load in
 * between would see 11 but not 10, and compaction would then delete 10 unseen. So appends and
 * compactions of one document take a transaction-level advisory lock on it before drawing seqs:
 * per document, seqs become visible in order, and "seq ≤ uptoSeq" is exactly what was loaded.
 * Different documents do not wait for each other (apart from rare hash collisions).
 */
export class PostgresDocStore implements DocStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** Connects, applies pending migrations and returns a store owning its pool (closed by `close`). */
  static async connect(config: string | pg.PoolConfig, opts: PostgresDocStoreOptions = {}): Promise<PostgresDocStore> {
    const pool = new pg.Pool(typeof config === 'string' ? { connectionString: config } : config);
    // Without a listener, an idle connection's error (e.g. the server restarting) would crash
    // the process; the pool drops that connection and the next query opens a new one.
    pool.on('error', (err) => opts.onIdleError?.(err));
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresDocStore(pool, true);
  }

  /** A store over a pool someone else owns (and ends); the schema must be migrated already. */
  static overPool(pool: pg.Pool): PostgresDocStore {
    return new PostgresDocStore(pool, false);
  }

  async load(docName: string): Promise<StoredDoc> {
    const { rows } = await this.pool.query<{ seq: string; kind: number; data: Buffer }>(
      'SELECT seq, kind, data FROM doc_updates WHERE doc_name = $1 ORDER BY seq',
      [docName],
    );
    const updates: Uint8Array[] = [];
    let logLength = 0;
    let lastSeq = 0;
    for (const row of rows) {
      updates.push(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
      if (row.kind === 0) logLength++;
      else logLength = 0;
      lastSeq = Number(row.seq);
    }
    return { updates, logLength, lastSeq };
  }

  /** One transaction; resolves after COMMIT, which with PostgreSQL's default
   * `synchronous_commit = on` returns only once the commit record is flushed to disk. */
  async appendBatch(entries: readonly AppendEntry[]): Promise<number[]> {
    return (await this.append(entries)).map((l) => l.seq);
  }

  /** The previous seq per document is read after the lock is taken (in its own statement: a
   * statement's snapshot is taken before it waits for the lock), so it is exactly the entry
   * committed before. */
  appendBatchLinked(entries: readonly AppendEntry[]): Promise<LinkedSeq[]> {
    return this.append(entries);
  }

  async loadSince(docName: string, afterSeq: number): Promise<StoredTail> {
    const { rows } = await this.pool.query<{ seq: string; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc_name = $1 AND seq > $2 ORDER BY seq',
      [docName, afterSeq],
    );
    const updates = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
    return { updates, lastSeq: rows.length > 0 ? Number(rows.at(-1)!.seq) : afterSeq };
  }

  private async append(entries: readonly AppendEntry[]): Promise<LinkedSeq[]> {
    if (entries.length === 0) return [];
    const hour = currentHour();
    const names: string[] = [];
    const data: Buffer[] = [];
    const users: (string | null)[] = [];
    const parts: (string | null)[] = [];
    const hours: (number | null)[] = [];
    for (const e of entries) {
      const who = e.userId ?? null;
      names.push(e.docName);
      data.push(toBuffer(e.update));
      users.push(who);
      parts.push(encodeParts(who, e.parts));
      hours.push(who ? hour : null);
    }
    // One round trip: `kr_append` (migration 3) locks, reads the previous seqs and inserts. A
    // named statement is parsed and planned once per pooled connection.
    const { rows } = await this.pool.query<{ seq: string; prev_seq: string }>({
      name: 'kr_append',
      text: 'SELECT seq, prev_seq FROM kr_append($1::text[], $2::bytea[], $3::text[], $4::text[], $5::bigint[])',
      values: [names, data, users, parts, hours],
    });
    return rows.map((r) => ({ seq: Number(r.seq), prevSeq: Number(r.prev_seq) }));
  }

  /** Roll-up, delete and snapshot in one transaction: PostgreSQL keeps all of it or none. */
  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      await lockDocs(client, [docName]);
      const { rows } = await client.query<LoggedDbRow>(
        `SELECT doc_name AS "docName", user_id AS "userId", parts, hour FROM doc_updates
          WHERE doc_name = $1 AND seq <= $2 AND kind = 0 AND user_id IS NOT NULL`,
        [docName, uptoSeq],
      );
      const rolled = tally(rows.map((r) => ({ ...r, hour: r.hour === null ? null : Number(r.hour) })));
      if (rolled.length > 0) {
        await client.query(
          `INSERT INTO doc_edits (doc_name, user_id, part, hour, updates)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
           ON CONFLICT (doc_name, user_id, part, hour) DO UPDATE SET updates = doc_edits.updates + excluded.updates`,
          [rolled.map((r) => r.docName), rolled.map((r) => r.userId), rolled.map((r) => r.part), rolled.map((r) => r.hour), rolled.map((r) => r.updates)],
        );
      }
      // Entries appended after `uptoSeq` survive; Yjs updates commute, so their order relative
      // to the snapshot does not matter on load.
      await client.query('DELETE FROM doc_updates WHERE doc_name = $1 AND seq <= $2', [docName, uptoSeq]);
      await client.query('INSERT INTO doc_updates (doc_name, kind, data) VALUES ($1, 1, $2)', [docName, toBuffer(snapshot)]);
    });
  }

  /**
   * DELETE-1 on PostgreSQL: the rows go in one transaction. Their old versions stay in the table
   * files until VACUUM reclaims them (not yet run here: the erasure guarantees of the SQLite
   * default, `secure_delete` and a truncated WAL, are not claimed for PostgreSQL yet).
   */
  async deleteDocs(docName: string): Promise<number> {
    return this.transaction(async (client) => {
      const under = `${docName}:`;
      const deleted = await client.query('DELETE FROM doc_updates WHERE doc_name = $1 OR starts_with(doc_name, $2)', [docName, under]);
      await client.query('DELETE FROM doc_edits WHERE doc_name = $1 OR starts_with(doc_name, $2)', [docName, under]);
      return deleted.rowCount ?? 0;
    });
  }

  async logLength(docName: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = $1 AND kind = 0 AND seq > COALESCE(
         (SELECT MAX(seq) FROM doc_updates s WHERE s.doc_name = $1 AND s.kind = 1), 0)`,
      [docName],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async edits(prefix: string, limit: number): Promise<EditSummary[]> {
    // Bytewise prefix range, as on SQLite (doc_name is COLLATE "C").
    const range = 'doc_name >= $1 AND doc_name < $1 || chr(1114111)';
    const [rolled, logged] = await Promise.all([
      this.pool.query<{ docName: string; userId: string; part: string; hour: string; updates: string }>(
        `SELECT doc_name AS "docName", user_id AS "userId", part, hour, updates FROM doc_edits WHERE ${range}`,
        [prefix],
      ),
      this.pool.query<LoggedDbRow>(
        `SELECT doc_name AS "docName", user_id AS "userId", parts, hour FROM doc_updates
          WHERE ${range} AND kind = 0 AND user_id IS NOT NULL`,
        [prefix],
      ),
    ]);
    const rolledRows: EditRow[] = rolled.rows.map((r) => ({ ...r, hour: Number(r.hour), updates: Number(r.updates) }));
    const live = tally(logged.rows.map((r) => ({ ...r, hour: r.hour === null ? null : Number(r.hour) })));
    return mergeEdits(rolledRows, live, limit);
  }

  /**
   * A session-level advisory lock on one pooled connection, tried (never waited for) and held
   * while `work` runs. If the connection dies meanwhile PostgreSQL releases the lock with it, so
   * a crashed process never blocks the others.
   */
  async runExclusive<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [jobLockSpace, name]);
      if (!rows[0]?.got) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [jobLockSpace, name]).catch(() => {
          broken = true;
        });
      }
    } catch (err) {
      broken = true;
      throw err;
    } finally {
      // A connection whose unlock failed may still hold the lock: it is closed, not reused.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inPgTransaction(this.pool, work);
  }
}

/** Applies the pending steps of `postgresDocMigrations`, one process at a time. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  await inPgTransaction(pool, async (client) => {
    // Several processes may start together: the first migrates, the others wait and find it done.
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [lockSpace]);
    await client.query('CREATE TABLE IF NOT EXISTS doc_store_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM doc_store_schema');
    const current = rows[0]?.v ?? 0;
    for (let v = current; v < postgresDocMigrations.length; v++) {
      await client.query(postgresDocMigrations[v]!);
      await client.query('INSERT INTO doc_store_schema (version) VALUES ($1)', [v + 1]);
    }
  });
}

/** Takes the per-document advisory locks, in one global order so two batches never deadlock. */
async function lockDocs(client: pg.PoolClient, docNames: readonly string[]): Promise<void> {
  // pg_advisory_xact_lock is volatile, so PostgreSQL evaluates it after the ORDER BY.
  await client.query(
    `SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(d) AS k FROM unnest($2::text[]) AS d) AS keys ORDER BY k`,
    [lockSpace, docNames],
  );
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
