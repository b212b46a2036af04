import { SqliteDocStore } from '../../server/storage/sqlite-doc-store.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import { WalSync } from '../../server/storage/wal-sync.ts';
import { tempDir } from '../helpers/server.ts';
import { describeDocStoreContract } from './doc-store.contract.ts';

describeDocStoreContract('SQLite', {
  async create() {
    const dir = tempDir();
    const db = openSqlite(dir);
    return {
      store: new SqliteDocStore(db),
      reopen: async () => new SqliteDocStore(openSqlite(dir)),
      injectCompactionCrash() {
        // The snapshot insert fails after the log delete ran inside the same transaction,
        // which is what a crash between the two statements would leave behind.
        db.exec(`CREATE TEMP TRIGGER crash_on_snapshot BEFORE INSERT ON doc_updates
                 WHEN NEW.kind = 1 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;`);
      },
    };
  },
});

/** The server's own store: `synchronous = NORMAL` plus a group fdatasync of the WAL (SYNC-7),
 * built as `SqliteDocStore.openWithGroupCommit` builds it, keeping the handle for the crash trigger. */
describeDocStoreContract('SQLite with group commit', {
  async create() {
    const dir = tempDir();
    const open = () => {
      const db = openSqlite(dir);
      db.pragma('synchronous = NORMAL');
      return { db, store: new SqliteDocStore(db, { walSync: new WalSync(`${db.name}-wal`), ownsDb: true }) };
    };
    const { db, store } = open();
    return {
      store,
      reopen: async () => open().store,
      injectCompactionCrash() {
        db.exec(`CREATE TEMP TRIGGER crash_on_snapshot BEFORE INSERT ON doc_updates
                 WHEN NEW.kind = 1 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;`);
      },
    };
  },
});
