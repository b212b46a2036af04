import type { Database, Statement } from 'better-sqlite3';
import type { AppendEntry, DocStore, EditSummary, StoredDoc } from './doc-store.ts';

const hourMs = 3_600_000;

/**
 * SQLite adapter. One table holds both snapshots (kind 1) and updates (kind 0) keyed by a global
 * autoincrement sequence, so compaction is one INSERT + one DELETE in a single transaction.
 */
export class SqliteDocStore implements DocStore {
  private readonly insert: Statement<[string, number, Buffer, string | null]>;
  private readonly countEdit: Statement<[string, string, string, number, number]>;
  private readonly selectEdits: Statement<[string, string, number]>;
  private readonly selectAll: Statement<[string]>;
  private readonly deleteUpTo: Statement<[string, number]>;
  private readonly countLog: Statement<[string]>;
  private readonly appendTx: (entries: readonly AppendEntry[]) => number[];
  private readonly compactTx: (docName: string, snapshot: Uint8Array, uptoSeq: number) => void;

  constructor(private readonly db: Database) {
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
    // The sender of each update (added after the first release: older rows have none).
    const columns = db.prepare('PRAGMA table_info(doc_updates)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'user_id')) db.exec('ALTER TABLE doc_updates ADD COLUMN user_id TEXT');
    this.insert = db.prepare('INSERT INTO doc_updates (doc_name, kind, data, user_id) VALUES (?, ?, ?, ?)');
    this.countEdit = db.prepare(
      `INSERT INTO doc_edits (doc_name, user_id, part, hour, updates) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (doc_name, user_id, part, hour) DO UPDATE SET updates = updates + excluded.updates`,
    );
    this.selectEdits = db.prepare(
      `SELECT doc_name AS docName, user_id AS userId, part, hour, updates FROM doc_edits
       WHERE doc_name >= ? AND doc_name < ? || char(1114111) ORDER BY hour DESC, doc_name, user_id, part LIMIT ?`,
    );
    this.selectAll = db.prepare('SELECT seq, kind, data FROM doc_updates WHERE doc_name = ? ORDER BY seq');
    this.deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?');
    this.countLog = db.prepare(
      `SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ? AND kind = 0 AND seq > COALESCE(
         (SELECT MAX(seq) FROM doc_updates s WHERE s.doc_name = doc_updates.doc_name AND s.kind = 1), 0)`,
    );
    this.appendTx = db.transaction((entries: readonly AppendEntry[]) => {
      const seqs = entries.map((e) => Number(this.insert.run(e.docName, 0, toBuffer(e.update), e.userId ?? null).lastInsertRowid));
      // One summary row per document, person, part and hour, counted in the same commit.
      const hour = Math.floor(Date.now() / hourMs) * hourMs;
      const counts = new Map<string, { docName: string; userId: string; part: string; n: number }>();
      for (const e of entries) {
        if (!e.userId) continue;
        for (const part of e.parts ?? []) {
          const key = `${e.docName}\u0000${e.userId}\u0000${part}`;
          const c = counts.get(key);
          if (c) c.n++;
          else counts.set(key, { docName: e.docName, userId: e.userId, part, n: 1 });
        }
      }
      for (const c of counts.values()) this.countEdit.run(c.docName, c.userId, c.part, hour, c.n);
      return seqs;
    });
    this.compactTx = db.transaction((docName: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.deleteUpTo.run(docName, uptoSeq);
      this.insert.run(docName, 1, toBuffer(snapshot), null);
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

  appendBatch(entries: readonly AppendEntry[]): Promise<number[]> {
    try {
      return Promise.resolve(this.appendTx(entries));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    try {
      // Entries appended after `uptoSeq` survive; Yjs updates commute, so their order relative to
      // the snapshot does not matter on load.
      this.compactTx(docName, snapshot, uptoSeq);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  logLength(docName: string): Promise<number> {
    const row = this.countLog.get(docName) as { n: number };
    return Promise.resolve(row.n);
  }

  edits(prefix: string, limit: number): Promise<EditSummary[]> {
    return Promise.resolve(this.selectEdits.all(prefix, prefix, limit) as EditSummary[]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
