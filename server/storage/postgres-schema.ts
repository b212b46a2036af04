import BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';
import { migrate, schemaMigrations } from './migrations.ts';

/**
 * The repositories' schema on PostgreSQL, from the one source of truth: the SQLite migrations
 * (`migrations.ts`). A new database gets the current schema at once: all SQLite migrations run on
 * an in-memory SQLite, and what `sqlite_master` then holds is translated statement by statement.
 * A database made by an older release gets each later SQLite migration translated and applied in
 * order. `repo_schema` records the SQLite `user_version` the PostgreSQL schema corresponds to.
 *
 * Translation (`translateDdl`): INTEGER → BIGINT, REAL → DOUBLE PRECISION, BLOB → BYTEA,
 * `INTEGER PRIMARY KEY AUTOINCREMENT` → an identity column, TEXT compared bytewise (COLLATE "C",
 * as SQLite's default BINARY collation, so ORDER BY gives the same order), `COLLATE NOCASE`
 * dropped with an index on `lower(col)` in its place (unique when the column is; the repositories
 * lower-case e-mail addresses already, and `lower()` under "C" folds only ASCII, as NOCASE does).
 * SQLite triggers have hand-written twins (`triggerTwins`), matched on their exact SQLite text: a
 * new or changed trigger has no twin and is refused, which fails the schema test until one is written.
 *
 * The document store's tables (`doc_updates`, `doc_edits`) are not here: `postgres-doc-store.ts`
 * creates and migrates them itself (`doc_store_schema`).
 */

/** Advisory-lock namespace of schema migration (the document store uses 0x4b52_0001/2, transactions 3). */
const schemaLockSpace = 0x4b52_0004;

/** Tables PostgreSQL has and SQLite has not: the version record and the audit log's high-water mark. */
export const postgresOnlyTables: readonly string[] = ['repo_schema', 'audit_sequence'];

interface SqliteObject {
  type: 'table' | 'index' | 'trigger';
  name: string;
  tbl_name: string;
  sql: string;
}

/** The SQLite schema after the first `version` migrations (all by default), read from `sqlite_master`. */
export function sqliteSchema(version = schemaMigrations.length): SqliteObject[] {
  const db = new BetterSqlite3(':memory:');
  try {
    migrate(db, version);
    return db
      .prepare(
        `SELECT type, name, tbl_name, sql FROM sqlite_master
          WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'index', 'trigger') ORDER BY rowid`,
      )
      .all() as SqliteObject[];
  } finally {
    db.close();
  }
}

// ---- tokens ---------------------------------------------------------------------------------

type TokKind = 'word' | 'str' | 'qid' | 'space' | 'comment' | 'punct';
interface Tok {
  kind: TokKind;
  text: string;
}

function tokenize(sql: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    let j = i + 1;
    let kind: TokKind;
    if (c === "'" || c === '"') {
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      j++;
      kind = c === "'" ? 'str' : 'qid';
    } else if (c === '-' && sql[i + 1] === '-') {
      while (j < sql.length && sql[j] !== '\n') j++;
      kind = 'comment';
    } else if (/\s/.test(c)) {
      while (j < sql.length && /\s/.test(sql[j]!)) j++;
      kind = 'space';
    } else if (/[A-Za-z0-9_]/.test(c)) {
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      kind = 'word';
    } else kind = 'punct';
    toks.push({ kind, text: sql.slice(i, j) });
    i = j;
  }
  return toks;
}

const upper = (t: Tok | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');

/** Splits a migration into statements; a trigger's body (BEGIN … END) keeps its own semicolons. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: Tok[] = [];
  let depth = 0;
  for (const t of tokenize(sql)) {
    if (t.kind === 'comment') continue;
    if (upper(t) === 'BEGIN' && current.some((x) => upper(x) === 'TRIGGER')) depth++;
    if (upper(t) === 'END' && depth > 0) depth--;
    if (t.kind === 'punct' && t.text === ';' && depth === 0) {
      const text = current.map((x) => x.text).join('').trim();
      if (text) out.push(text);
      current = [];
    } else current.push(t);
  }
  const rest = current.map((x) => x.text).join('').trim();
  if (rest) out.push(rest);
  return out;
}

// ---- DDL ------------------------------------------------------------------------------------

/**
 * Translates one `CREATE TABLE` or `ALTER TABLE … ADD COLUMN` statement; returns it and the
 * indexes that stand in for NOCASE collations.
 */
export function translateDdl(sql: string): string[] {
  const toks = tokenize(sql).filter((t) => t.kind !== 'comment');
  const words = toks.filter((t) => t.kind === 'word');
  const isAlter = upper(words[0]) === 'ALTER';
  if (!(upper(words[0]) === 'CREATE' && upper(words[1]) === 'TABLE') && !(isAlter && upper(words[1]) === 'TABLE')) {
    throw new Error(`not a CREATE/ALTER TABLE statement: ${sql}`);
  }
  const table = words[2]!.text;
  const extra: string[] = [];
  const out: string[] = [];
  let depth = 0;
  // The column being defined (its name and whether it is UNIQUE), for NOCASE's stand-in index.
  let column: string | null = null;
  let expectColumn = false;
  const nocase: { column: string; unique: () => boolean }[] = [];
  const nextWords = (from: number, n: number): { idx: number[]; up: string[] } => {
    const idx: number[] = [];
    for (let k = from; k < toks.length && idx.length < n; k++) if (toks[k]!.kind === 'word') idx.push(k);
    return { idx, up: idx.map((k) => upper(toks[k])) };
  };
  const uniqueFlags: boolean[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind === 'punct' && t.text === '(') {
      depth++;
      if (depth === 1 && !isAlter) expectColumn = true;
    } else if (t.kind === 'punct' && t.text === ')') depth--;
    else if (t.kind === 'punct' && t.text === ',' && depth === 1 && !isAlter) expectColumn = true;
    if (t.kind === 'word') {
      const w = upper(t);
      if (expectColumn) {
        expectColumn = false;
        column = t.text;
        uniqueFlags.push(false);
        out.push(t.text);
        continue;
      }
      if (isAlter && w === 'COLUMN') {
        out.push(t.text);
        const { idx } = nextWords(k + 1, 1);
        column = toks[idx[0]!]!.text;
        uniqueFlags.push(false);
        continue;
      }
      if (w === 'UNIQUE' && column && depth <= (isAlter ? 0 : 1)) uniqueFlags[uniqueFlags.length - 1] = true;
      if (w === 'INTEGER') {
        const { idx, up } = nextWords(k + 1, 3);
        if (up[0] === 'PRIMARY' && up[1] === 'KEY' && up[2] === 'AUTOINCREMENT') {
          out.push('BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY');
          k = idx[2]!;
          continue;
        }
        out.push('BIGINT');
        continue;
      }
      if (w === 'REAL') {
        out.push('DOUBLE PRECISION');
        continue;
      }
      if (w === 'BLOB') {
        out.push('BYTEA');
        continue;
      }
      if (w === 'TEXT') {
        out.push('TEXT COLLATE "C"');
        continue;
      }
      if (w === 'COLLATE') {
        const { idx, up } = nextWords(k + 1, 1);
        if (up[0] !== 'NOCASE') throw new Error(`unknown collation in: ${sql}`);
        if (!column) throw new Error(`COLLATE NOCASE outside a column in: ${sql}`);
        const flagAt = uniqueFlags.length - 1;
        nocase.push({ column, unique: () => uniqueFlags[flagAt]! });
        // Drop the keyword, the collation name and the space before it.
        if (out.at(-1)?.trim() === '') out.pop();
        k = idx[0]!;
        continue;
      }
      if (w === 'AUTOINCREMENT') throw new Error(`AUTOINCREMENT outside INTEGER PRIMARY KEY in: ${sql}`);
    }
    out.push(t.text);
  }
  for (const n of nocase) {
    const unique = n.unique() ? 'UNIQUE ' : '';
    extra.push(`CREATE ${unique}INDEX ${table}_${n.column}_lower ON ${table} (lower(${n.column}))`);
  }
  return [out.join(''), ...extra];
}

// ---- triggers -------------------------------------------------------------------------------

const normalise = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

const appendOnlyFn = `CREATE OR REPLACE FUNCTION kijkruimte_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$fn$`;

const consentDeleteFn = `CREATE OR REPLACE FUNCTION kijkruimte_consent_no_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM recordings r JOIN cycles_being_deleted d ON d.cycle_id = r.cycle_id WHERE r.id = OLD.recording_id) THEN
    RAISE EXCEPTION 'consent history is append-only' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END
$fn$`;

function refuse(name: string, table: string, event: 'UPDATE' | 'DELETE', message: string): string[] {
  const row = [
    appendOnlyFn,
    `DROP TRIGGER IF EXISTS ${name} ON ${table}`,
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION kijkruimte_append_only('${message}')`,
  ];
  if (event === 'UPDATE') return row;
  // TRUNCATE skips row triggers on PostgreSQL (SQLite has no TRUNCATE): refuse it with the DELETE.
  const truncate = name.replace(/_no_delete$/, '_no_truncate');
  return [
    ...row,
    `DROP TRIGGER IF EXISTS ${truncate} ON ${table}`,
    `CREATE TRIGGER ${truncate} BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION kijkruimte_append_only('${message}')`,
  ];
}

/** PostgreSQL twins of the SQLite triggers, by the SQLite trigger's exact text (whitespace aside). */
const triggerTwins = new Map<string, { name: string; table: string; statements: string[] }>(
  (
    [
      [
        `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
        'audit_no_update',
        'audit_events',
        refuse('audit_no_update', 'audit_events', 'UPDATE', 'audit log is append-only'),
      ],
      [
        `CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
        'audit_no_delete',
        'audit_events',
        refuse('audit_no_delete', 'audit_events', 'DELETE', 'audit log is append-only'),
      ],
      [
        `CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent_events BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END`,
        'consent_no_update',
        'consent_events',
        refuse('consent_no_update', 'consent_events', 'UPDATE', 'consent history is append-only'),
      ],
      [
        `CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent_events BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END`,
        'consent_no_delete',
        'consent_events',
        refuse('consent_no_delete', 'consent_events', 'DELETE', 'consent history is append-only'),
      ],
      [
        `CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent_events
    WHEN NOT EXISTS (SELECT 1 FROM recordings r JOIN cycles_being_deleted d ON d.cycle_id = r.cycle_id WHERE r.id = OLD.recording_id)
    BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END`,
        'consent_no_delete',
        'consent_events',
        // A trigger's WHEN cannot hold a subquery on PostgreSQL: the function checks instead.
        [
          consentDeleteFn,
          'DROP TRIGGER IF EXISTS consent_no_delete ON consent_events',
          'CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent_events FOR EACH ROW EXECUTE FUNCTION kijkruimte_consent_no_delete()',
          appendOnlyFn,
          'DROP TRIGGER IF EXISTS consent_no_truncate ON consent_events',
          `CREATE TRIGGER consent_no_truncate BEFORE TRUNCATE ON consent_events FOR EACH STATEMENT EXECUTE FUNCTION kijkruimte_append_only('consent history is append-only')`,
        ],
      ],
    ] as const
  ).map(([sqlite, name, table, statements]) => [normalise(sqlite), { name, table, statements: [...statements] }]),
);

function translateTrigger(sql: string): string[] {
  const twin = triggerTwins.get(normalise(sql));
  if (!twin) throw new Error(`no PostgreSQL twin for this SQLite trigger; add one to triggerTwins in postgres-schema.ts: ${normalise(sql)}`);
  return twin.statements;
}

/** The audit log's high-water mark, as SQLite's `sqlite_sequence` keeps it for AUTOINCREMENT:
 * in the same transaction as the insert, so a rolled-back append leaves no gap. */
const auditSequence = [
  `CREATE TABLE IF NOT EXISTS audit_sequence (name TEXT PRIMARY KEY, seq BIGINT NOT NULL)`,
  `CREATE OR REPLACE FUNCTION kijkruimte_audit_sequence() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO audit_sequence (name, seq) VALUES ('audit_events', NEW.id)
    ON CONFLICT (name) DO UPDATE SET seq = GREATEST(audit_sequence.seq, excluded.seq);
  RETURN NULL;
END
$fn$`,
  'DROP TRIGGER IF EXISTS audit_sequence_after_insert ON audit_events',
  'CREATE TRIGGER audit_sequence_after_insert AFTER INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION kijkruimte_audit_sequence()',
];

// ---- whole schema and later migrations ------------------------------------------------------

/** The tables of `objects`, each after the tables it references (SQLite's own order may put a
 * re-created table after one referring to it). */
function tablesInOrder(objects: readonly SqliteObject[]): SqliteObject[] {
  const tables = objects.filter((o) => o.type === 'table');
  const ordered: SqliteObject[] = [];
  const placed = new Set<string>();
  const place = (o: SqliteObject, path: Set<string>): void => {
    if (placed.has(o.name) || path.has(o.name)) return;
    path.add(o.name);
    for (const m of o.sql.matchAll(/REFERENCES\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) {
      const dep = tables.find((t) => t.name === m[1]);
      if (dep && dep !== o) place(dep, path);
    }
    placed.add(o.name);
    ordered.push(o);
  };
  for (const t of tables) place(t, new Set());
  return ordered;
}

/** The repositories' tables of the current schema, referenced ones first (the order to fill them in). */
export function repoTablesInOrder(): string[] {
  return tablesInOrder(sqliteSchema()).map((t) => t.name);
}

/** The PostgreSQL statements that create the schema of SQLite version `version` on an empty database. */
export function postgresBaseline(version = schemaMigrations.length): string[] {
  const objects = sqliteSchema(version);
  const tables = objects.filter((o) => o.type === 'table');
  const ordered = tablesInOrder(objects);
  const out: string[] = [];
  for (const t of ordered) out.push(...translateDdl(t.sql));
  for (const i of objects.filter((o) => o.type === 'index')) out.push(i.sql);
  for (const t of objects.filter((o) => o.type === 'trigger')) out.push(...translateTrigger(t.sql));
  if (tables.some((t) => t.name === 'audit_events')) out.push(...auditSequence);
  return out;
}

/** SQLite-only expressions in data migrations, and their PostgreSQL equivalents. */
const expressionTwins: readonly [string, string][] = [["CAST(strftime('%s', 'now') AS INTEGER)", 'CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)']];
const sqliteOnly = /\b(strftime|datetime|julianday|unixepoch|ifnull|group_concat|iif|glob|pragma)\b|\bINSERT\s+OR\b|\bREPLACE\s+INTO\b/i;

/** Translates one SQLite migration string (a step after the baseline) into PostgreSQL statements. */
export function translateMigration(sql: string): string[] {
  const out: string[] = [];
  for (const stmt of splitStatements(sql)) {
    const w = tokenize(stmt).filter((t) => t.kind === 'word').map((t) => t.text.toUpperCase());
    if ((w[0] === 'CREATE' && w[1] === 'TABLE') || (w[0] === 'ALTER' && w[1] === 'TABLE')) {
      if (w[0] === 'ALTER' && w[3] !== 'ADD') throw new Error(`only ALTER TABLE … ADD COLUMN is translated: ${stmt}`);
      out.push(...translateDdl(stmt));
    } else if (w[0] === 'CREATE' && (w[1] === 'INDEX' || (w[1] === 'UNIQUE' && w[2] === 'INDEX'))) {
      out.push(stmt);
    } else if (w[0] === 'CREATE' && w[1] === 'TRIGGER') {
      out.push(...translateTrigger(stmt));
    } else if (w[0] === 'DROP' && w[1] === 'TRIGGER') {
      const name = stmt.split(/\s+/)[2]!;
      const twin = [...triggerTwins.values()].find((t) => t.name === name);
      if (!twin) throw new Error(`DROP TRIGGER of a trigger without a PostgreSQL twin: ${stmt}`);
      out.push(`DROP TRIGGER IF EXISTS ${name} ON ${twin.table}`);
    } else if (['DROP', 'INSERT', 'UPDATE', 'DELETE'].includes(w[0]!)) {
      let s = stmt;
      for (const [from, to] of expressionTwins) s = s.split(from).join(to);
      if (sqliteOnly.test(s)) throw new Error(`SQLite-only SQL in a migration; translate it in postgres-schema.ts: ${stmt}`);
      out.push(s);
    } else {
      throw new Error(`statement kind not translated for PostgreSQL: ${stmt}`);
    }
  }
  return out;
}

/** The steps that bring a PostgreSQL schema from SQLite version `from` to the newest. */
export function postgresUpgrade(from: number): string[][] {
  const steps: string[][] = [];
  for (let v = from; v < schemaMigrations.length; v++) {
    const m = schemaMigrations[v]!;
    if (typeof m !== 'string') {
      throw new Error(
        `migration ${v + 1} is a function and has no PostgreSQL translation; this database (version ${from}) cannot be upgraded in place`,
      );
    }
    steps.push(translateMigration(m));
  }
  return steps;
}

/**
 * Brings the repositories' schema to the newest version: the whole baseline on an empty
 * database, else each later migration. One transaction under an advisory lock, so processes
 * starting together wait and find the work done.
 */
export async function migrateRepoSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [schemaLockSpace]);
    await client.query('CREATE TABLE IF NOT EXISTS repo_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM repo_schema');
    const current = rows[0]?.v ?? 0;
    if (current === 0) {
      for (const stmt of postgresBaseline()) await client.query(stmt);
      await client.query('INSERT INTO repo_schema (version) VALUES ($1)', [schemaMigrations.length]);
    } else if (current > schemaMigrations.length) {
      throw new Error(`the PostgreSQL schema (version ${current}) is newer than this server (${schemaMigrations.length})`);
    } else {
      const steps = postgresUpgrade(current);
      for (let i = 0; i < steps.length; i++) {
        for (const stmt of steps[i]!) await client.query(stmt);
        await client.query('INSERT INTO repo_schema (version) VALUES ($1)', [current + i + 1]);
      }
    }
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw err;
  }
}

/** For tests: creates the schema of an older SQLite version on an empty database. */
export async function createRepoSchemaAt(pool: Pool, version: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('CREATE TABLE repo_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    for (const stmt of postgresBaseline(version)) await client.query(stmt);
    await client.query('INSERT INTO repo_schema (version) VALUES ($1)', [version]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
