import type { Database, Statement } from 'better-sqlite3';
import { currentHour, encodeParts, mergeEdits, tally, type EditRow, type LoggedRow } from './doc-edits.ts';
import type { AppendEntry, DocStore, EditSummary, LinkedSeq, StoredDoc, StoredTail } from './doc-store.ts';
import { openSqlite } from './sqlite.ts';
import { WalSync, type Durability } from './wal-sync.ts';

/**
 * SQLite adapter. One table holds both snapshots (kind 1) and updates (kind 0) keyed by a global
 * autoincrement sequence, so compaction is one INSERT + one DELETE in a single transaction.
 *
 * "Who changed what": each update row carries its sender, the parts it touched and its hour, so a
 * commit writes nothing beyond the update's own row (the hot path stays one row per update). At
 * compaction, the rows about to be replaced by the snapshot are first rolled up into `doc_edits`
 * (per document, person, part and hour) in the same transaction; `edits()` reads both.
 */
export class SqliteDocStore implements DocStore {
  private readonly insert: Statement<[string, number, Buffer, string | null, string | null, number | null]>;
  private readonly addEdit: Statement<[string, string, string, number, number]>;
  private readonly selectRolledUp: Statement<[string, string]>;
  private readonly selectLogged: Statement<[string, string]>;
  private readonly selectLoggedUpTo: Statement<[string, number]>;
  private readonly selectAll: Statement<[string]>;
  private readonly deleteUpTo: Statement<[string, number]>;
  private readonly countLog: Statement<[string]>;
  private readonly appendTx: (entries: readonly AppendEntry[]) => number[];
  private readonly appendLinkedTx: (entries: readonly AppendEntry[]) => LinkedSeq[];
  private readonly selectSince: Statement<[string, number]>;
  private readonly compactTx: (docName: string, snapshot: Uint8Array, uptoSeq: number) => void;
  private readonly deleteDocsTx: (docName: string, under: string) => number;

  /**
   * The server's store: its own connection to the database file, committing with
   * `synchronous = NORMAL` and made durable by a group `fdatasync` of the WAL off the event loop
   * (see wal-sync.ts). Every promise below resolves only once its writes are on disk, as with FULL.
   */
  static openWithGroupCommit(dataDir: string, fileName?: string): SqliteDocStore {
    const db = openSqlite(dataDir, fileName);
    db.pragma('synchronous = NORMAL');
    return new SqliteDocStore(db, { walSync: new WalSync(`${db.name}-wal`), ownsDb: true });
  }

  private readonly walSync: Durability | null;
  private readonly ownsDb: boolean;

  /** With a plain connection (`synchronous = FULL`, as `openSqlite` opens it) each commit is
   * durable when it returns. */
  constructor(
    private readonly db: Database,
    opts: { walSync?: Durability; ownsDb?: boolean } = {},
  ) {
    this.walSync = opts.walSync ?? null;
    this.ownsDb = opts.ownsDb ?? false;
    db.exec(`
      CREATE TABLE IF NOT EXISTS doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_name TEXT NOT NULL,
        kind INTEGER NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc_name, seq);
      CREATE TABLE IF NOT EXISTS doc_edits (
        doc_name TEXT NOT NULL,
        user_id TEXT NOT NULL,
        part TEXT NOT NULL,
        hour INTEGER NOT NULL,
        updates INTEGER NOT NULL,
        PRIMARY KEY (doc_name, user_id, part, hour)
      );
    `);
    // Sender, parts and hour of each update (added after the first release: older rows have none).
    const columns = new Set((db.prepare('PRAGMA table_info(doc_updates)').all() as { name: string }[]).map((c) => c.name));
    if (!columns.has('user_id')) db.exec('ALTER TABLE doc_updates ADD COLUMN user_id TEXT');
    if (!columns.has('parts')) db.exec('ALTER TABLE doc_updates ADD COLUMN parts TEXT');
    if (!columns.has('hour')) db.exec('ALTER TABLE doc_updates ADD COLUMN hour INTEGER');
    this.insert = db.prepare('INSERT INTO doc_updates (doc_name, kind, data, user_id, parts, hour) VALUES (?, ?, ?, ?, ?, ?)');
    this.addEdit = db.prepare(
      `INSERT INTO doc_edits (doc_name, user_id, part, hour, updates) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (doc_name, user_id, part, hour) DO UPDATE SET updates = updates + excluded.updates`,
    );
    this.selectRolledUp = db.prepare(
      `SELECT doc_name AS docName, user_id AS userId, part, hour, updates FROM doc_edits
        WHERE doc_name >= ? AND doc_name < ? || char(1114111)`,
    );
    this.selectLogged = db.prepare(
      `SELECT doc_name AS docName, user_id AS userId, parts, hour FROM doc_updates
        WHERE doc_name >= ? AND doc_name < ? || char(1114111) AND kind = 0 AND user_id IS NOT NULL`,
    );
    this.selectLoggedUpTo = db.prepare(
      `SELECT doc_name AS docName, user_id AS userId, parts, hour FROM doc_updates
        WHERE doc_name = ? AND seq <= ? AND kind = 0 AND user_id IS NOT NULL`,
    );
    this.selectAll = db.prepare('SELECT seq, kind, data FROM doc_updates WHERE doc_name = ? ORDER BY seq');
    this.deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?');
    const deleteUpdates = db.prepare<[string, string, string]>('DELETE FROM doc_updates WHERE doc_name = ? OR substr(doc_name, 1, length(?)) = ?');
    const deleteEdits = db.prepare<[string, string, string]>('DELETE FROM doc_edits WHERE doc_name = ? OR substr(doc_name, 1, length(?)) = ?');
    this.deleteDocsTx = db.transaction((docName: string, under: string) => {
      const n = deleteUpdates.run(docName, under, under).changes;
      deleteEdits.run(docName, under, under);
      return n;
    });
    this.countLog = db.prepare(
      `SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ? AND kind = 0 AND seq > COALESCE(
         (SELECT MAX(seq) FROM doc_updates s WHERE s.doc_name = doc_updates.doc_name AND s.kind = 1), 0)`,
    );
    const insertEntry = (e: AppendEntry, hour: number): number => {
      const who = e.userId ?? null;
      const parts = encodeParts(who, e.parts);
      return Number(this.insert.run(e.docName, 0, toBuffer(e.update), who, parts, who ? hour : null).lastInsertRowid);
    };
    this.appendTx = db.transaction((entries: readonly AppendEntry[]) => {
      const hour = currentHour();
      return entries.map((e) => insertEntry(e, hour));
    });
    const selectLast = db.prepare<[string]>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_name = ?');
    this.appendLinkedTx = db.transaction((entries: readonly AppendEntry[]) => {
      const hour = currentHour();
      const last = new Map<string, number>();
      return entries.map((e) => {
        const prevSeq = last.get(e.docName) ?? (selectLast.get(e.docName) as { seq: number | null }).seq ?? 0;
        const seq = insertEntry(e, hour);
        last.set(e.docName, seq);
        return { seq, prevSeq };
      });
    });
    this.selectSince = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq');
    this.compactTx = db.transaction((docName: string, snapshot: Uint8Array, uptoSeq: number) => {
      const rolled = tally(this.selectLoggedUpTo.all(docName, uptoSeq) as LoggedRow[]);
      for (const r of rolled) this.addEdit.run(r.docName, r.userId, r.part, r.hour, r.updates);
      this.deleteUpTo.run(docName, uptoSeq);
      this.insert.run(docName, 1, toBuffer(snapshot), null, null, null);
    });
  }

  load(docName: string): Promise<StoredDoc> {
    const rows = this.selectAll.all(docName) as { seq: number; kind: number; data: Buffer }[];
    const updates: Uint8Array[] = [];
    let logLength = 0;
    let lastSeq = 0;
    for (const row of rows) {
      updates.push(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
      if (row.kind === 0) logLength++;
      else logLength = 0;
      lastSeq = row.seq;
    }
    return Promise.resolve({ updates, logLength, lastSeq });
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<number[]> {
    const seqs = this.appendTx(entries);
    await this.durable();
    return seqs;
  }

  async appendBatchLinked(entries: readonly AppendEntry[]): Promise<LinkedSeq[]> {
    const linked = this.appendLinkedTx(entries);
    await this.durable();
    return linked;
  }

  loadSince(docName: string, afterSeq: number): Promise<StoredTail> {
    const rows = this.selectSince.all(docName, afterSeq) as { seq: number; data: Buffer }[];
    const updates = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
    return Promise.resolve({ updates, lastSeq: rows.at(-1)?.seq ?? afterSeq });
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    // Entries appended after `uptoSeq` survive; Yjs updates commute, so their order relative to
    // the snapshot does not matter on load.
    this.compactTx(docName, snapshot, uptoSeq);
    await this.durable();
  }

  logLength(docName: string): Promise<number> {
    const row = this.countLog.get(docName) as { n: number };
    return Promise.resolve(row.n);
  }

  edits(prefix: string, limit: number): Promise<EditSummary[]> {
    const rolled = this.selectRolledUp.all(prefix, prefix) as EditRow[];
    const live = tally(this.selectLogged.all(prefix, prefix) as LoggedRow[]);
    return Promise.resolve(mergeEdits(rolled, live, limit));
  }

  async deleteDocs(docName: string): Promise<number> {
    // `substr` rather than LIKE: a document name may hold `_` or `%`.
    const under = `${docName}:`;
    const n = this.deleteDocsTx(docName, under);
    await this.durable();
    return n;
  }

  close(): Promise<void> {
    this.walSync?.close();
    if (this.ownsDb) this.db.close();
    return Promise.resolve();
  }

  private durable(): Promise<void> {
    return this.walSync ? this.walSync.durable() : Promise.resolve();
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
