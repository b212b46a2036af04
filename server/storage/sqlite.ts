import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/** The database handle's type, for code outside storage that passes it along (LINT-1: only
 * server/storage/ imports the driver). */
export type { Database };

/** The data directory holds everything confidential: only the server's own user may enter it. */
export const dataDirMode = 0o700;
/** Database files (and their WAL and shared-memory files): readable by the server's user only. */
export const dataFileMode = 0o600;

/** Creates the data directory (owner-only), or tightens an existing one. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: dataDirMode });
  // mkdir's mode is masked by the umask and leaves existing directories alone.
  fs.chmodSync(dir, dataDirMode);
}

/** Creates `file` owner-only if missing and tightens it if it exists. */
function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, dataFileMode));
  fs.chmodSync(file, dataFileMode);
}

/**
 * Opens the embedded database. WAL + synchronous=FULL: a commit is on disk when it returns, which
 * persist-before-broadcast relies on. The files are created owner-only before SQLite opens them;
 * SQLite gives the -wal and -shm files the database file's mode, and existing files from an
 * older installation (0644) are tightened here.
 */
export function openSqlite(dataDir: string, fileName = 'kijkruimte.sqlite'): Database {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, fileName);
  ensurePrivateFile(file);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (erased media keys) are overwritten, not just unlinked from the b-tree.
  db.pragma('secure_delete = ON');
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, dataFileMode);
  }
  return db;
}
