import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type { AppendEntry, DocStore } from '../../server/storage/doc-store.ts';
import { SqliteDocStore } from '../../server/storage/sqlite-doc-store.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import type { Durability } from '../../server/storage/wal-sync.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { api, login } from '../helpers/auth.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { appendLog, connectProvider, logEntries, waitForClose, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { startProtocolServer, tempDir, type TestServer } from '../helpers/server.ts';

const providers: WebsocketProvider[] = [];
const servers: TestServer[] = [];
const children: ChildServer[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of servers.splice(0)) await s.close();
  for (const c of children.splice(0)) c.proc.kill('SIGKILL');
});

function connect(wsUrl: string, room: string): WebsocketProvider {
  const p = connectProvider(wsUrl, room);
  providers.push(p);
  return p;
}

/**
 * An ordering barrier instead of a sleep: `from` sets a ping in its presence; once `to` sees it,
 * everything the server sent `to` before relaying that ping has arrived, and the server has read
 * everything `from` sent before it.
 */
async function ping(from: WebsocketProvider, to: WebsocketProvider, value: number): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    const check = () => {
      if (to.awareness.getStates().get(from.awareness.clientID)?.['ping'] === value) {
        to.awareness.off('change', check);
        resolve();
      }
    };
    to.awareness.on('change', check);
  });
  from.awareness.setLocalStateField('ping', value);
  await seen;
}

/** A DocStore that holds every commit until the test opens the gate (or makes it fail). */
class GatedStore implements DocStore {
  private gate: { open: () => void; fail: (e: Error) => void } | null = null;
  private gated: Promise<void> | null = null;
  commits = 0;
  /** Entries per commit, in order. */
  readonly batches: number[] = [];
  private waiting: (() => void) | null = null;
  /** Resolves when the server next tries to commit: it has received and applied an update. */
  nextAppend(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }
  constructor(private readonly inner: DocStore) {}
  hold(): void {
    this.gated = new Promise((open, fail) => (this.gate = { open, fail }));
  }
  close = () => this.inner.close();
  open(): void {
    this.gate?.open();
    this.gated = null;
  }
  /** Lets the held commit through and holds the next one. */
  openAndHoldNext(): void {
    const gate = this.gate;
    this.hold();
    gate?.open();
  }
  failNext(): void {
    this.gate?.fail(new Error('disk full'));
    this.gated = null;
  }
  load = (n: string) => this.inner.load(n);
  logLength = (n: string) => this.inner.logLength(n);
  edits = (prefix: string, limit: number) => this.inner.edits(prefix, limit);
  deleteDocs = (docName: string) => this.inner.deleteDocs(docName);
  compact = (n: string, s: Uint8Array, q: number) => this.inner.compact(n, s, q);
  loadSince = (n: string, after: number) => this.inner.loadSince(n, after);
  appendBatchLinked = (entries: readonly AppendEntry[]) => this.inner.appendBatchLinked(entries);
  async appendBatch(entries: readonly AppendEntry[]): Promise<number[]> {
    this.waiting?.();
    this.waiting = null;
    if (this.gated) await this.gated;
    this.commits++;
    this.batches.push(entries.length);
    return this.inner.appendBatch(entries);
  }
}

describe('SYNC-2 persist before broadcast', () => {
  it('relays an update only after its commit resolved', async () => {
    const dir = tempDir();
    const store = new GatedStore(new SqliteDocStore(openSqlite(dir)));
    const server = await startProtocolServer({ dataDir: dir }, { docStore: store });
    servers.push(server);
    const a = connect(server.wsUrl, 'gated');
    const b = connect(server.wsUrl, 'gated');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);

    store.hold();
    let received = false;
    b.doc.on('update', () => (received = true));
    const appending = store.nextAppend();
    a.doc.getText('t').insert(0, 'wacht op de schijf');
    // The server has applied the update and is committing it — b must not have it yet.
    await appending;
    // Ordering barrier instead of a sleep: a message the server sends b *after* applying the
    // update arrives after anything it relayed to b before; b has the ping, so no update came.
    await ping(a, b, 1);
    expect(received).toBe(false);
    store.open();
    await waitForDoc(b.doc, () => b.doc.getText('t').toString() === 'wacht op de schijf');
  });

  it('relays nothing and resets the room when the commit fails', async () => {
    const dir = tempDir();
    const store = new GatedStore(new SqliteDocStore(openSqlite(dir)));
    const server = await startProtocolServer({ dataDir: dir }, { docStore: store });
    servers.push(server);
    const a = connect(server.wsUrl, 'failing');
    const b = connect(server.wsUrl, 'failing');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    store.hold();
    const bClosed = waitForClose(b);
    const appending = store.nextAppend();
    a.doc.getText('t').insert(0, 'verloren');
    await appending;
    store.failNext();
    expect(await bClosed).toBe(closeCodes.storageFailed);
    expect(b.doc.getText('t').toString()).toBe('');
    // Nothing of it is stored; a's edit comes back when a resyncs, so nothing is lost either.
    expect((await store.load('failing')).updates).toHaveLength(0);
    await waitForSynced(a);
    await waitForSynced(b);
    await waitForDoc(b.doc, () => b.doc.getText('t').toString() === 'verloren');
  });
});

describe('SYNC-7 the WAL is flushed before anything is relayed', () => {
  it('an update committed to the WAL waits for its flush to disk before any other client sees it', async () => {
    const dir = tempDir();
    const db = openSqlite(dir);
    db.pragma('synchronous = NORMAL');
    // The store's flush to disk, held by the test: committed to the WAL but not yet durable.
    let release: (() => void) | null = null;
    let flushRequested: (() => void) | null = null;
    const flushes: Durability = {
      durable: () =>
        new Promise<void>((resolve) => {
          release = resolve;
          flushRequested?.();
        }),
      close: () => undefined,
    };
    const server = await startProtocolServer({ dataDir: dir }, { docStore: new SqliteDocStore(db, { walSync: flushes, ownsDb: true }) });
    servers.push(server);
    const a = connect(server.wsUrl, 'wal');
    const b = connect(server.wsUrl, 'wal');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    let received = false;
    b.doc.on('update', () => (received = true));
    const requested = new Promise<void>((resolve) => (flushRequested = resolve));
    a.doc.getText('t').insert(0, 'eerst naar de schijf');
    await requested;
    // The row is in the WAL already (the commit returned), yet b has nothing: same ping barrier as SYNC-2.
    await ping(a, b, 1);
    expect(received).toBe(false);
    release!();
    await waitForDoc(b.doc, () => b.doc.getText('t').toString() === 'eerst naar de schijf');
  });
});

describe('SYNC-8 group commit: what arrives during a commit goes into the next one, together', () => {
  it('five updates sent while one commit is held are committed in one batch, in order', async () => {
    const dir = tempDir();
    const store = new GatedStore(new SqliteDocStore(openSqlite(dir)));
    const server = await startProtocolServer({ dataDir: dir }, { docStore: store });
    servers.push(server);
    const a = connect(server.wsUrl, 'group');
    const b = connect(server.wsUrl, 'group');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    store.hold();
    const appending = store.nextAppend();
    a.doc.getArray<number>('n').push([0]);
    await appending;
    // Five more while the first commit is held, each in its own event-loop turn of the server:
    // the ping barrier shows the server has read (and applied) each before the next is sent.
    for (let i = 1; i <= 5; i++) {
      a.doc.getArray<number>('n').push([i]);
      await ping(a, b, i);
    }
    const before = store.batches.length;
    store.open();
    await waitForDoc(b.doc, () => b.doc.getArray('n').length === 6);
    expect(b.doc.getArray<number>('n').toArray()).toEqual([0, 1, 2, 3, 4, 5]);
    // The held commit, then one for all five (without group commit: five more).
    expect(store.batches.slice(before)).toEqual([1, 5]);
  });
});

describe('SYNC-9 a sync reply holds only what is committed', () => {
  it('an update integrated while a newcomer waits for the commit is committed before the reply goes out', async () => {
    const dir = tempDir();
    const store = new GatedStore(new SqliteDocStore(openSqlite(dir)));
    const server = await startProtocolServer({ dataDir: dir }, { docStore: store });
    servers.push(server);
    const a = connect(server.wsUrl, 'reply');
    const b = connect(server.wsUrl, 'reply');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    store.hold();
    const appending = store.nextAppend();
    a.doc.getText('t').insert(0, 'een');
    await appending;
    // A newcomer asks for the document while the first commit is held: its reply waits.
    const c = connect(server.wsUrl, 'reply');
    await ping(c, a, 1);
    // Meanwhile a second update is integrated; its commit will be held as well.
    a.doc.getText('t').insert(3, ' twee');
    await ping(a, b, 2);
    store.openAndHoldNext();
    await store.nextAppend();
    // The first commit is through, the second held. Anything the server sent the newcomer when
    // the first commit ended has arrived once a later message (a's ping) has.
    await ping(a, c, 3);
    expect(c.doc.getText('t').toString()).not.toContain('twee');
    store.open();
    await waitForDoc(c.doc, () => c.doc.getText('t').toString() === 'een twee');
  });
});

describe('SYNC-3 durability across restarts', () => {
  it('a graceful server restart keeps every update', async () => {
    const dir = tempDir();
    const first = await startProtocolServer({ dataDir: dir, compactThreshold: 25 });
    const a = connect(first.wsUrl, 'restart');
    await waitForSynced(a);
    const watcher = connect(first.wsUrl, 'restart');
    await waitForSynced(watcher);
    for (let i = 0; i < 100; i++) a.doc.getArray<number>('n').push([i]);
    // Relayed means committed: once the watcher has all 100, the server has them on disk.
    await waitForDoc(watcher.doc, () => watcher.doc.getArray('n').length === 100);
    a.destroy();
    watcher.destroy();
    await first.close();

    const second = await startProtocolServer({ dataDir: dir, compactThreshold: 25 });
    servers.push(second);
    const b = connect(second.wsUrl, 'restart');
    await waitForSynced(b);
    expect(b.doc.getArray<number>('n').toArray()).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('kill -9 while 5 clients edit loses no update that another client had received', async () => {
    const dir = tempDir();
    // A low compaction threshold makes compactions happen during the edits, so the kill can hit one.
    const env = { KIJKRUIMTE_DATA_DIR: dir, KIJKRUIMTE_COMPACT_THRESHOLD: '40', KIJKRUIMTE_DEMO: '1' };
    const child = await startChildServer(env);
    children.push(child);
    // The real process with real access control: the demo klantmanager edits the demo cycle.
    const who = await login(child.url, 'klantmanager@kijkruimte.example');
    const { body } = await api<{ cycles: { id: string }[] }>(child.url, who, 'GET', '/api/cycles');
    const room = cycleDocName(body.cycles[0]!.id);
    const connectAs = (url: string): WebsocketProvider => {
      const p = connectProvider(url, room, { headers: { cookie: who.cookie } });
      providers.push(p);
      return p;
    };
    const clients = Array.from({ length: 5 }, () => connectAs(child.wsUrl));
    await Promise.all(clients.map(waitForSynced));

    // Each client appends its own tagged entries; what a client holds from *others* was relayed.
    let total = 0;
    const target = 300;
    const relayedSoFar = (): Set<string> => {
      const relayed = new Set<string>();
      clients.forEach((c, i) => {
        for (const e of logEntries(c.doc)) if (!e.startsWith(`c${i}-`)) relayed.add(e);
      });
      return relayed;
    };
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < clients.length; i++) appendLog(clients[i]!.doc, `c${i}-${total++}`);
        if (relayedSoFar().size >= target) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    // Killed while edits are still in flight: clients keep sending until the socket dies.
    child.proc.kill('SIGKILL');
    await child.exited;
    const relayed = relayedSoFar();
    for (const c of clients) c.destroy();
    providers.splice(0);

    const restarted = await startChildServer(env);
    children.push(restarted);
    const reader = connectAs(restarted.wsUrl);
    await waitForSynced(reader);
    const stored = new Set(logEntries(reader.doc));
    const lost = [...relayed].filter((e) => !stored.has(e));
    expect(relayed.size).toBeGreaterThanOrEqual(target);
    expect(lost).toEqual([]);
  });
});
