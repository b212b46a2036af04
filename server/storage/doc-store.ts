/**
 * Durable storage of collaborative documents as an append-only log of Yjs updates plus an
 * optional snapshot. Every adapter (SQLite, PostgreSQL) implements this contract and
 * passes the same contract test suite (tests/integration/doc-store.contract.ts).
 */
export interface StoredDoc {
  /** Snapshot first (if any), then the updates after it, in commit order. */
  readonly updates: Uint8Array[];
  /** Number of log entries after the snapshot (drives compaction). */
  readonly logLength: number;
  /** Highest sequence number covered by what was loaded; pass it to `compact`. */
  readonly lastSeq: number;
}

export interface AppendEntry {
  readonly docName: string;
  readonly update: Uint8Array;
  /** Who sent it (null: the server itself, or an anonymous protocol client). */
  readonly userId?: string | null;
  /** The document parts it touched (shared/access/rules.ts part ids). */
  readonly parts?: readonly string[];
}

/** "Who changed what": per document, person, part and hour, kept across compaction. */
export interface EditSummary {
  readonly docName: string;
  readonly userId: string;
  readonly part: string;
  /** Start of the hour (epoch ms). */
  readonly hour: number;
  readonly updates: number;
}

/** An appended entry's place in its document's chain (SCALE-3): its seq and the seq of the
 * document's entry just before it (0: none), as committed. */
export interface LinkedSeq {
  readonly seq: number;
  readonly prevSeq: number;
}

/** What a catch-up reads: every entry after a known seq (a newer snapshot included). */
export interface StoredTail {
  readonly updates: Uint8Array[];
  /** Highest seq returned, or the `afterSeq` asked for when nothing is newer. */
  readonly lastSeq: number;
}

export interface DocStore {
  load(docName: string): Promise<StoredDoc>;
  /**
   * Entries of `docName` with seq > `afterSeq`, in seq order, snapshots included. With several
   * processes (REDIS_URL) a process that missed fan-out messages catches up with it; since
   * appends and compactions of one document are serialised, what it returns is always a complete
   * continuation of everything up to `afterSeq`.
   */
  loadSince(docName: string, afterSeq: number): Promise<StoredTail>;
  /** Appends all entries in one durable commit; resolves only once they are on disk. Returns the
   * sequence number assigned to each entry, in order. */
  appendBatch(entries: readonly AppendEntry[]): Promise<number[]>;
  /**
   * `appendBatch`, also naming for each entry the seq of its document's previous entry, read in
   * the same transaction: the fan-out between processes publishes both, so that a receiver sees
   * a gap (a message pub/sub dropped) as a `prevSeq` it does not have (SCALE-3).
   */
  appendBatchLinked(entries: readonly AppendEntry[]): Promise<LinkedSeq[]>;
  /** Atomically replaces every log entry with seq ≤ uptoSeq by `snapshot`. A crash at any point
   * leaves either the old log or the new snapshot, never neither. */
  compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /** Log entries after the latest snapshot. */
  logLength(docName: string): Promise<number>;
  /**
   * Deletes the document `docName` and every document under it (`docName:…`): updates, snapshots
   * and edit summaries (DELETE-1). Returns the number of stored entries deleted.
   */
  deleteDocs(docName: string): Promise<number>;
  /** Edit summaries of documents whose name starts with `prefix`, newest hour first. */
  edits(prefix: string, limit: number): Promise<EditSummary[]>;
  /**
   * Runs `work` unless another process runs work of the same name now (PostgreSQL: a session
   * advisory lock held for its duration). Resolves `{ ran: false }` without running it then.
   * Absent on SQLite, where one process owns the data (SCALE-6).
   */
  runExclusive?<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  close(): Promise<void>;
}
