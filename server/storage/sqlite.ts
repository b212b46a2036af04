import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * Opens the embedded database. WAL + synchronous=FULL: a commit is on disk when it returns, which
 * persist-before-broadcast relies on.
 */
export function openSqlite(dataDir: string, fileName = 'kijkruimte.sqlite'): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (erased media keys) are overwritten, not just unlinked from the b-tree.
  db.pragma('secure_delete = ON');
  return db;
}
