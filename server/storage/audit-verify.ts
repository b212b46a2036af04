import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { verifyAuditChain, type ChainReport } from './audit-chain.ts';

/**
 * Verifies the audit chain of a database file, opened read-only so that checking a copy (or the
 * live file of a running server) changes nothing. A database that was never migrated to the chain
 * has no `hash` column; that is reported as an error, not as "intact".
 */
export function verifyAuditLog(file: string): ChainReport {
  if (!fs.existsSync(file)) throw new Error(`Database niet gevonden: ${file}`);
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const columns = db.prepare("SELECT name FROM pragma_table_info('audit_events')").pluck().all() as string[];
    if (!columns.includes('hash')) throw new Error('Deze database heeft nog geen hashketen: start de server eenmaal om hem bij te werken.');
    return verifyAuditChain(db);
  } finally {
    db.close();
  }
}
