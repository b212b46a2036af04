import { AsyncLocalStorage } from 'node:async_hooks';
// Types only: the driver itself is loaded by `PostgresSql.connect` (OPS-4: the SQLite path never loads it).
import type { Pool, PoolClient, PoolConfig, QueryResult } from 'pg';
import { inPgTransaction } from './pg-transaction.ts';
import type { RunResult, SqlDb, SqlExec, SqlParams, SqlValue } from './sql.ts';

/**
 * Advisory-lock namespace of `transaction(fn, { lockKey })` (first key of the two-key form; the
 * second is `hashtext(lockKey)`). The document store uses 0x4b52_0001 and 0x4b52_0002.
 */
export const repoLockSpace = 0x4b52_0003;

/** A SQL text of the repositories, rewritten for PostgreSQL, and how to order its parameters. */
export interface TranslatedSql {
  text: string;
  /** Named placeholders in `$n` order; null when the text used `?` (or no placeholder). */
  names: string[] | null;
  /** How many `$n` the text has. */
  count: number;
}

const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_]/;
/** A camelCase word (`actorName`): an alias whose case SQLite keeps and PostgreSQL would fold. */
const camelCase = /^[a-z][a-z0-9_]*[A-Z][A-Za-z0-9_]*$/;

/**
 * Rewrites one SQL text of the repositories for PostgreSQL:
 * - `?` → `$1, $2, …`; `@name` → `$n`, the same name always the same number;
 * - camelCase words are quoted, because SQLite keeps an alias's case (`AS actorName` comes back
 *   as `actorName`) while PostgreSQL folds unquoted names to lower case;
 * - string literals, quoted identifiers, comments and `::` casts are copied untouched.
 * Mixing `?` and `@name` in one text is refused (SQLite refuses it too).
 */
export function translateSql(sql: string): TranslatedSql {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  const numberOf = new Map<string, number>();
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A quoted string or identifier; a doubled quote inside is an escaped quote.
      let j = i + 1;
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const j = end === -1 ? n : end;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const j = end === -1 ? n : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (c === ':' && sql[i + 1] === ':') {
      out += '::';
      i += 2;
    } else if (c === '?') {
      positional++;
      out += `$${positional}`;
      i++;
    } else if ((c === '@' || c === ':' || c === '$') && identStart.test(sql[i + 1] ?? '')) {
      if (c !== '@') throw new Error(`only ? and @name placeholders are supported: ${sql}`);
      let j = i + 1;
      while (j < n && identPart.test(sql[j]!)) j++;
      const name = sql.slice(i + 1, j);
      let num = numberOf.get(name);
      if (num === undefined) {
        names.push(name);
        num = names.length;
        numberOf.set(name, num);
      }
      out += `$${num}`;
      i = j;
    } else if (identStart.test(c)) {
      let j = i + 1;
      while (j < n && identPart.test(sql[j]!)) j++;
      const word = sql.slice(i, j);
      out += camelCase.test(word) ? `"${word}"` : word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error(`mixed ? and @name placeholders: ${sql}`);
  return { text: out, names: positional > 0 ? null : names, count: positional || names.length };
}

type PgValue = string | number | null | Buffer;

function toPg(v: SqlValue): PgValue {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : (v as PgValue);
}

/** The values in `$n` order, checked against the text as SQLite would (count, names). */
export function bindParams(t: TranslatedSql, params: SqlParams | undefined, sql: string): PgValue[] {
  if (params === undefined) {
    if (t.count > 0) throw new Error(`missing parameters for: ${sql}`);
    return [];
  }
  if (Array.isArray(params)) {
    const list = params as readonly SqlValue[];
    if (t.names !== null && t.names.length > 0) throw new Error(`named placeholders need an object: ${sql}`);
    if (list.length !== t.count) throw new Error(`expected ${t.count} parameters, got ${list.length}: ${sql}`);
    return list.map(toPg);
  }
  const named = params as Readonly<Record<string, SqlValue>>;
  if (t.names === null) throw new Error(`positional placeholders need an array: ${sql}`);
  return t.names.map((name) => {
    if (!(name in named)) throw new Error(`missing named parameter @${name}: ${sql}`);
    return toPg(named[name]!);
  });
}

/** PostgreSQL type oids read as JS numbers, as SQLite gives INTEGER and REAL values. */
const INT8 = 20;
const NUMERIC = 1700;
/** BOOLEAN (EXISTS, comparisons in a select list) as 0/1, as SQLite gives them. */
const BOOL = 16;

type Queryable = Pick<PoolClient, 'query'>;

/**
 * The PostgreSQL adapter of `SqlDb` over a `pg.Pool`: the repositories' SQL runs unchanged apart
 * from `translateSql`, and results look as the SQLite adapter gives them (BIGINT, COUNT and SUM
 * as numbers, booleans as 0/1, BYTEA as Buffer).
 *
 * A transaction holds one pooled client; calls from inside its async context, through `tx` or
 * through any repository on this database, go to that client (AsyncLocalStorage), and a nested
 * `transaction` joins the outer one. Calls from elsewhere take other pooled connections and
 * run concurrently, seeing only committed rows, as PostgreSQL's isolation provides.
 */
export class PostgresSql implements SqlDb {
  readonly dialect = 'postgres' as const;
  private readonly translations = new Map<string, TranslatedSql>();
  private readonly inTx = new AsyncLocalStorage<PoolClient>();

  private constructor(readonly pool: Pool) {}

  /**
   * Opens a pool (loading the driver now, not at start-up of SQLite installations). `onIdleError`
   * hears about idle connections that fail (a server restart); the pool replaces them.
   */
  static async connect(config: string | PoolConfig, opts: { onIdleError?: (err: Error) => void } = {}): Promise<PostgresSql> {
    const { default: pg } = await import('pg');
    const base: PoolConfig = typeof config === 'string' ? { connectionString: config } : config;
    const pool = new pg.Pool({
      ...base,
      // Per pool, not pg.types: other pools in the process (the document store) keep their parsers.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
          if (oid === BOOL) return (value: string) => (value === 't' ? 1 : 0);
          return pg.types.getTypeParser(oid, format ?? 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('error', (err) => opts.onIdleError?.(err));
    return new PostgresSql(pool);
  }

  private translate(sql: string): TranslatedSql {
    let t = this.translations.get(sql);
    if (!t) {
      t = translateSql(sql);
      this.translations.set(sql, t);
    }
    return t;
  }

  private async query<T>(on: Queryable, sql: string, params?: SqlParams): Promise<QueryResult<T & object>> {
    const t = this.translate(sql);
    return on.query<T & object>(t.text, bindParams(t, params, sql));
  }

  /** What a transaction callback receives: always its own client, whatever context it is called from. */
  private execOn(client: Queryable): SqlExec {
    return {
      dialect: 'postgres',
      all: async <T>(sql: string, params?: SqlParams) => (await this.query<T>(client, sql, params)).rows as T[],
      get: async <T>(sql: string, params?: SqlParams) => (await this.query<T>(client, sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params?: SqlParams) => ({ changes: (await this.query<object>(client, sql, params)).rowCount ?? 0 }),
    };
  }

  private target(): Queryable {
    return this.inTx.getStore() ?? this.pool;
  }

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return (await this.query<T>(this.target(), sql, params)).rows as T[];
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.query<T>(this.target(), sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params?: SqlParams): Promise<RunResult> {
    return { changes: (await this.query<object>(this.target(), sql, params)).rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: SqlExec) => Promise<T>, opts: { lockKey?: string } = {}): Promise<T> {
    const outer = this.inTx.getStore();
    if (outer) {
      // Joins the outer transaction; its own lock is still taken (held until the outer commit).
      if (opts.lockKey !== undefined) await outer.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [repoLockSpace, opts.lockKey]);
      return fn(this.execOn(outer));
    }
    return inPgTransaction(this.pool, async (client) => {
      if (opts.lockKey !== undefined) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [repoLockSpace, opts.lockKey]);
      const tx = this.execOn(client);
      return this.inTx.run(client, () => fn(tx));
    });
  }

  async reclaim(tables: readonly string[]): Promise<void> {
    // VACUUM cannot run inside a transaction block (PostgreSQL refuses it): callers reclaim after commit.
    if (this.inTx.getStore()) throw new Error('reclaim() runs outside a transaction');
    for (const table of tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
      await this.pool.query(`VACUUM ${table}`);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
