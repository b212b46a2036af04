/**
 * The one interface the repositories speak (STORE-9): SQL text with `?` or `@name` placeholders,
 * asynchronous so that the same repository code runs on the embedded SQLite file and on
 * PostgreSQL (`DATABASE_URL`). Each adapter translates only what must differ (placeholders,
 * result types); the queries' logic exists once, in the repositories.
 *
 * Dialect notes the repositories follow, so one SQL text fits both:
 * - upserts and "insert if absent" use `ON CONFLICT … DO …` (SQLite ≥ 3.24 and PostgreSQL);
 * - timestamps are epoch milliseconds (INTEGER on SQLite, BIGINT on PostgreSQL; both read as numbers);
 * - booleans are 0/1 integers;
 * - where a query cannot be shared (sequence of the audit log), the repository branches on `dialect`.
 */
export type SqlValue = string | number | null | Uint8Array;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export type SqlDialect = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Runs statements: the database itself, or the transaction a `transaction` callback receives. */
export interface SqlExec {
  readonly dialect: SqlDialect;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<RunResult>;
}

export interface SqlDb extends SqlExec {
  /**
   * Runs `fn` in one transaction that holds the write lock from its start (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: a transaction, with `lockKey` taken as an advisory lock first when
   * given). Calls made through `tx`, or through the database from inside `fn`'s async context,
   * belong to it; other calls wait until it ends. A throw rolls everything back.
   */
  transaction<T>(fn: (tx: SqlExec) => Promise<T>, opts?: { lockKey?: string }): Promise<T>;
  /**
   * Makes erased rows of `tables` leave the disk (ERASE-*): SQLite overwrites deleted cells
   * (`secure_delete`) and here truncates the WAL; PostgreSQL runs VACUUM on the tables, which
   * frees the dead row versions' space for reuse (see README, "Erasure on PostgreSQL").
   */
  reclaim(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Whether a SQL error is a uniqueness conflict, on either adapter. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
