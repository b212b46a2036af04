import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Statement } from 'better-sqlite3';
import type { RunResult, SqlDb, SqlExec, SqlParams, SqlValue } from './sql.ts';

type Bound = string | number | null | Buffer;

/** better-sqlite3 binds Buffers, not plain Uint8Arrays. */
function bindValue(v: SqlValue): Bound {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : (v as Bound);
}

function bind(params: SqlParams | undefined): Bound[] | [Record<string, Bound>] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return (params as readonly SqlValue[]).map(bindValue);
  const named: Record<string, Bound> = {};
  for (const [k, v] of Object.entries(params as Record<string, SqlValue>)) named[k] = bindValue(v);
  return [named];
}

/**
 * The SQLite adapter of `SqlDb` over one better-sqlite3 connection. Statements run synchronously
 * (SQLite is in-process and fast) and their results are handed back as settled promises.
 *
 * One connection means one transaction at a time, and everything run on the connection while it
 * is open belongs to it. So while a transaction runs, calls from outside its async context wait
 * (they would otherwise slip into it, or see its uncommitted rows); calls from inside it, through
 * `tx` or through any repository, join it (AsyncLocalStorage tells them apart).
 */
export class SqliteSql implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly inTx = new AsyncLocalStorage<SqlExec>();
  /** Settles when the open transaction ends; null when none is open. */
  private open: Promise<void> | null = null;
  private readonly txExec: SqlExec;

  constructor(readonly raw: Database) {
    this.txExec = {
      dialect: 'sqlite',
      all: async <T>(sql: string, params?: SqlParams) => this.allNow<T>(sql, params),
      get: async <T>(sql: string, params?: SqlParams) => this.getNow<T>(sql, params),
      run: async (sql: string, params?: SqlParams) => this.runNow(sql, params),
    };
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private allNow<T>(sql: string, params?: SqlParams): T[] {
    return this.stmt(sql).all(...bind(params)) as T[];
  }

  private getNow<T>(sql: string, params?: SqlParams): T | undefined {
    return this.stmt(sql).get(...bind(params)) as T | undefined;
  }

  private runNow(sql: string, params?: SqlParams): RunResult {
    return { changes: this.stmt(sql).run(...bind(params)).changes };
  }

  // The waits below are inline loops on purpose: once `open` is seen null, the statement (or
  // BEGIN) runs in the same synchronous stretch, so no other transaction can start in between.

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    while (this.open && !this.inTx.getStore()) await this.open;
    return this.allNow<T>(sql, params);
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    while (this.open && !this.inTx.getStore()) await this.open;
    return this.getNow<T>(sql, params);
  }

  async run(sql: string, params?: SqlParams): Promise<RunResult> {
    while (this.open && !this.inTx.getStore()) await this.open;
    return this.runNow(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T> {
    // A transaction inside a transaction joins it (as nested better-sqlite3 transactions did).
    if (this.inTx.getStore()) return fn(this.txExec);
    while (this.open) await this.open;
    let end!: () => void;
    this.open = new Promise((resolve) => (end = resolve));
    try {
      // IMMEDIATE: the write lock before the first read, so another process on the same file
      // cannot read the same state and write after us (waits up to busy_timeout).
      this.raw.exec('BEGIN IMMEDIATE');
      try {
        const out = await this.inTx.run(this.txExec, () => fn(this.txExec));
        this.raw.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.open = null;
      end();
    }
  }

  async reclaim(): Promise<void> {
    while (this.open && !this.inTx.getStore()) await this.open;
    // secure_delete overwrote the cells in the database file; the WAL still holds the old pages.
    this.raw.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.raw.open) this.raw.close();
  }
}
