/**
 * One cold load of a stored document, as the collaboration server does it when the first client
 * opens a room: `store.load()` (read the log from SQLite) then `room.loadStored()` (apply it to a
 * fresh Y.Doc). The database connection is opened fresh for every measurement, so SQLite's page
 * cache is cold (the OS file cache is not: that would need root and a quiet machine).
 */
import { performance } from 'node:perf_hooks';
import { Room } from '../../server/collab/room.ts';
import { SqliteDocStore } from '../../server/storage/sqlite-doc-store.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';

export interface LoadTiming {
  /** store.load(): query + copy rows, ms. */
  read: number;
  /** room.loadStored(): apply every stored update to a fresh Y.Doc, ms. */
  apply: number;
  total: number;
  rows: number;
  bytes: number;
  /** Length of the loaded document's text (sanity check against the source). */
  textLength: number;
}

export async function measureLoad(dataDir: string, docName: string, fragmentName: string): Promise<LoadTiming> {
  const db = openSqlite(dataDir);
  const store = new SqliteDocStore(db);
  const room = new Room(docName, () => {
    throw new Error('a stored load must not produce new updates');
  });
  try {
    const t0 = performance.now();
    const stored = await store.load(docName);
    const t1 = performance.now();
    room.loadStored(stored.updates);
    const t2 = performance.now();
    return {
      read: t1 - t0,
      apply: t2 - t1,
      total: t2 - t0,
      rows: stored.updates.length,
      bytes: stored.updates.reduce((n, u) => n + u.byteLength, 0),
      textLength: room.doc.getXmlFragment(fragmentName).toString().length,
    };
  } finally {
    room.destroy();
    await store.close();
    db.close();
  }
}
