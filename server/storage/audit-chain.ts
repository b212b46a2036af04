import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SqlExec } from './sql.ts';

/**
 * The audit log's hash chain (SPEC.md AUDIT-3). The triggers stop the application from editing
 * or deleting audit rows, but not someone with the database file; the chain makes such an edit
 * visible afterwards. Each row carries the previous row's hash and its own: sha256 over the
 * previous hash and every field of the row, the id included (so rows cannot be renumbered).
 *
 * What it cannot show: someone who rewrites a row *and* recomputes every later hash. Keeping a
 * copy of the newest hash elsewhere (a backup, a printout) anchors the chain against that.
 */
export const genesisHash = '0'.repeat(64);

/** The fields a row's hash covers, in the database's own representation. */
export interface ChainedFields {
  id: number;
  at: number;
  actor_id: string | null;
  action: string;
  outcome: string;
  cycle_id: string | null;
  target: string | null;
  detail: string | null;
}

export function auditRowHash(prevHash: string, r: ChainedFields): string {
  // A JSON array is an unambiguous encoding: no separator can be forged inside a field.
  const canonical = JSON.stringify([prevHash, r.id, r.at, r.actor_id, r.action, r.outcome, r.cycle_id, r.target, r.detail]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/**
 * Chains rows written before the chain existed (run once by the migration that adds the columns,
 * with the update trigger lifted for the duration of that migration's transaction).
 */
export function chainExistingAuditRows(db: Database): void {
  const rows = db.prepare('SELECT id, at, actor_id, action, outcome, cycle_id, target, detail FROM audit_events ORDER BY id').all() as ChainedFields[];
  const set = db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = genesisHash;
  for (const row of rows) {
    const hash = auditRowHash(prev, row);
    set.run(prev, hash, row.id);
    prev = hash;
  }
}

export type ChainProblemKind =
  /** The row's fields no longer give its stored hash: it was changed. */
  | 'altered'
  /** The row does not point at the row before it: rows were removed or inserted in between. */
  | 'broken_link'
  /** Ids are not consecutive: rows were removed. */
  | 'gap'
  /** The highest id ever handed out is above the last row: rows were removed from the end. */
  | 'missing_tail';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The row where the problem shows (for `missing_tail`: the last id that should exist). */
  id: number;
}

export interface ChainReport {
  rows: number;
  /** The newest row's hash: worth keeping outside the database as an anchor. */
  head: string;
  problems: ChainProblem[];
}

type StoredRow = ChainedFields & { prev_hash: string | null; hash: string | null };

/** The chain check, row by row in id order; shared by the SQLite and the PostgreSQL readers. */
class ChainWalk {
  private readonly problems: ChainProblem[] = [];
  private prevHash = genesisHash;
  private prevId = 0;
  private rows = 0;

  add(row: StoredRow): void {
    this.rows++;
    if (row.id !== this.prevId + 1) this.problems.push({ kind: 'gap', id: row.id });
    if (row.prev_hash !== this.prevHash) this.problems.push({ kind: 'broken_link', id: row.id });
    if (row.prev_hash === null || row.hash !== auditRowHash(row.prev_hash, row)) this.problems.push({ kind: 'altered', id: row.id });
    // Continue from what the row claims, so one tampered row is reported once, not for every row after it.
    this.prevHash = row.hash ?? '';
    this.prevId = row.id;
  }

  /** `seq`: the highest id ever handed out (SQLite's sequence, PostgreSQL's `audit_sequence`). */
  finish(seq: number | undefined): ChainReport {
    if (seq !== undefined && seq > this.prevId) this.problems.push({ kind: 'missing_tail', id: seq });
    return { rows: this.rows, head: this.prevHash, problems: this.problems };
  }
}

const chainColumns = 'id, at, actor_id, action, outcome, cycle_id, target, detail, prev_hash, hash';

/** Walks the whole chain in id order (streaming, so a large log needs no memory). */
export function verifyAuditChain(db: Database): ChainReport {
  const walk = new ChainWalk();
  const iter = db.prepare(`SELECT ${chainColumns} FROM audit_events ORDER BY id`).iterate() as IterableIterator<StoredRow>;
  for (const row of iter) walk.add(row);
  const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").pluck().get() as number | undefined;
  return walk.finish(seq);
}

/**
 * The same walk through the asynchronous interface, on either adapter, a page of rows at a time
 * (by id, so memory stays flat). On PostgreSQL the high-water mark is `audit_sequence`, which a
 * trigger keeps in the inserting transaction, as SQLite keeps `sqlite_sequence`.
 */
export async function verifyAuditChainSql(db: SqlExec, pageSize = 1000): Promise<ChainReport> {
  const walk = new ChainWalk();
  for (let after = -1; ; ) {
    const page = await db.all<StoredRow>(`SELECT ${chainColumns} FROM audit_events WHERE id > ? ORDER BY id LIMIT ?`, [after, pageSize]);
    for (const row of page) walk.add(row);
    if (page.length < pageSize) break;
    after = page.at(-1)!.id;
  }
  const seqSql =
    db.dialect === 'postgres'
      ? "SELECT seq FROM audit_sequence WHERE name = 'audit_events'"
      : "SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'";
  return walk.finish((await db.get<{ seq: number }>(seqSql))?.seq);
}
