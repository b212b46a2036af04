/**
 * Durable storage of collaborative documents as an append-only log of Yjs updates plus an
 * optional snapshot. Every adapter (SQLite now, PostgreSQL later) implements this contract and
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
}

export interface DocStore {
  load(docName: string): Promise<StoredDoc>;
  /** Appends all entries in one durable commit; resolves only once they are on disk. Returns the
   * sequence number assigned to each entry, in order. */
  appendBatch(entries: readonly AppendEntry[]): Promise<number[]>;
  /** Atomically replaces every log entry with seq ≤ uptoSeq by `snapshot`. A crash at any point
   * leaves either the old log or the new snapshot, never neither. */
  compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /** Log entries after the latest snapshot. */
  logLength(docName: string): Promise<number>;
  close(): Promise<void>;
}
