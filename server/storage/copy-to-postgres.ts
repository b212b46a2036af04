import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { verifyAuditChainSql } from './audit-chain.ts';
import { migrate } from './migrations.ts';
import { PostgresDocStore } from './postgres-doc-store.ts';
import { migrateRepoSchema, postgresOnlyTables, repoTablesInOrder } from './postgres-schema.ts';
import { PostgresSql } from './postgres-sql.ts';
import type { SqlExec, SqlParams } from './sql.ts';
import { openSqlite } from './sqlite.ts';

/** The document store's tables, after the repositories' (nothing references them). */
const docTables = ['doc_updates', 'doc_edits'] as const;
/** SQLite's own bookkeeping, not data. */
const sqliteInternal = new Set(['sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4']);
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const batchParams = 30_000;

export interface CopyReport {
  /** Rows copied per table, in copy order. */
  tables: { name: string; rows: number }[];
  /** Entries in the audit log (its hash chain verified on PostgreSQL after the copy). */
  auditEntries: number;
}

export class CopyRefused extends Error {}

/**
 * Copies an installation's SQLite data (the data folder's `kijkruimte.sqlite`: accounts, cycles,
 * consent, audit log, media metadata and keys, documents) into an empty PostgreSQL database, for
 * an installation that switches to `DATABASE_URL` (README "Switching an installation to
 * PostgreSQL"). The media files and the master key stay where they are: the server with
 * `DATABASE_URL` uses the same data and media folders.
 *
 * The SQLite side is read in one read transaction (a consistent snapshot, also if a server still
 * wrote meanwhile); the PostgreSQL side is written in one transaction, checked (row counts per
 * table, the audit log's hash chain) before it commits. So the target is either a complete copy
 * or holds no data (at most the empty schema, which the server would create on its first start
 * anyway). A target that already holds data is refused: nothing is merged or overwritten.
 */
export async function copySqliteToPostgres(opts: { dataDir: string; databaseUrl: string; onTable?: (name: string, rows: number) => void }): Promise<CopyReport> {
  const file = path.join(opts.dataDir, 'kijkruimte.sqlite');
  if (!fs.existsSync(file)) throw new CopyRefused(`Geen SQLite-database gevonden: ${file}`);
  const sqlite = openSqlite(opts.dataDir);
  let pg: PostgresSql | null = null;
  try {
    // Brings an installation of an older release to the current schema, as its next start would.
    migrate(sqlite);
    pg = await PostgresSql.connect(opts.databaseUrl);
    await migrateRepoSchema(pg.pool);
    await (await PostgresDocStore.connect(opts.databaseUrl)).close();
    const target = pg;
    const tables = tablesToCopy(sqlite);
    sqlite.exec('BEGIN');
    try {
      return await target.transaction(async (tx) => {
        for (const name of tables) {
          const row = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`);
          if ((row?.n ?? 0) > 0) throw new CopyRefused(`De PostgreSQL-database is niet leeg (tabel ${name} heeft rijen). Kopieer alleen naar een lege database.`);
        }
        const report: CopyReport = { tables: [], auditEntries: 0 };
        for (const name of tables) {
          const rows = await copyTable(sqlite, name, tx);
          report.tables.push({ name, rows });
          opts.onTable?.(name, rows);
        }
        // Identity columns continue after the copied ids, and the audit log's high-water mark
        // after the highest id SQLite ever handed out (rows removed at the end stay detectable).
        const identities = await tx.all<{ t: string; c: string }>(
          `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE is_identity = 'YES' AND table_schema = current_schema()`,
        );
        for (const { t, c } of identities) {
          await tx.get(`SELECT setval(pg_get_serial_sequence(?, ?), GREATEST((SELECT MAX(${c}) FROM ${t}), 1))`, [t, c]);
        }
        const highest = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number } | undefined;
        if (highest) {
          await tx.run(
            `INSERT INTO audit_sequence (name, seq) VALUES ('audit_events', ?) ON CONFLICT (name) DO UPDATE SET seq = GREATEST(audit_sequence.seq, excluded.seq)`,
            [highest.seq],
          );
        }
        for (const { name, rows } of report.tables) {
          const counted = (await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`))?.n ?? 0;
          if (counted !== rows) throw new Error(`tabel ${name}: ${rows} rijen gelezen, ${counted} in PostgreSQL`);
        }
        const chain = await verifyAuditChainSql(tx);
        if (chain.problems.length > 0) {
          throw new Error(`de hash-keten van het auditlog klopt niet na het kopiëren: ${chain.problems.slice(0, 3).map((p) => JSON.stringify(p)).join('; ')}`);
        }
        report.auditEntries = chain.rows;
        return report;
      });
    } finally {
      sqlite.exec('ROLLBACK');
    }
  } finally {
    sqlite.close();
    await pg?.close();
  }
}

/** The tables with data, in the order to fill them: referenced ones first, then the documents'. */
function tablesToCopy(sqlite: Database): string[] {
  const present = new Set((sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  const order = [...repoTablesInOrder(), ...docTables];
  const unknown = [...present].filter((t) => !order.includes(t) && !sqliteInternal.has(t) && !postgresOnlyTables.includes(t));
  if (unknown.length > 0) throw new CopyRefused(`Onbekende tabellen in de SQLite-database: ${unknown.join(', ')}. Gebruik dezelfde versie van Kijkruimte als de database.`);
  // A data folder whose server never opened a document has no document tables yet.
  return order.filter((t) => present.has(t));
}

async function copyTable(sqlite: Database, name: string, tx: SqlExec): Promise<number> {
  const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(name) as { name: string }[]).map((c) => c.name);
  const perBatch = Math.max(1, Math.min(1_000, Math.floor(batchParams / columns.length)));
  // doc_updates' seq is GENERATED ALWAYS on PostgreSQL: the copied seqs are kept as they are.
  const overriding = name === 'doc_updates' ? ' OVERRIDING SYSTEM VALUE' : '';
  const head = `INSERT INTO ${name} (${columns.join(', ')})${overriding} VALUES `;
  let copied = 0;
  let batch: unknown[][] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await tx.run(head + batch.map(() => tuple).join(', '), batch.flat() as SqlParams);
    copied += batch.length;
    batch = [];
  };
  // rowid order: the order the rows were written in (the audit log's ids, the documents' seqs).
  for (const row of sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${name} ORDER BY rowid`).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return copied;
}
