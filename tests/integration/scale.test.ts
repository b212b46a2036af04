import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { docKeys } from '../../shared/domain/cycle-doc/keys.ts';
import type { RecordingsResponse } from '../../shared/domain/media.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { loadConfig } from '../../server/config/index.ts';
import { PostgresDocStore } from '../../server/storage/postgres-doc-store.ts';
import { accessFixture } from '../helpers/access-fixture.ts';
import { api, login, type LoggedIn } from '../helpers/auth.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { readFixture, tusUpload, withFreeBox } from '../helpers/media.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { appendLog, connectProvider, logEntries, waitForClose, waitForDoc, waitForDocs, waitForSynced } from '../helpers/providers.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { startProtocolServer, startServer, tempDir } from '../helpers/server.ts';

/**
 * Two real server processes (`tsx server/index.ts`) on different ports share one data folder
 * (SQLite for accounts and media metadata, the media folder), one PostgreSQL (the documents) and
 * one Redis (fan-out). The session sweep is slowed down so that only the fan-out can be what
 * closes a socket or stream on the other process within the test.
 */
let postgres: TestPostgres;
let redis: TestRedis;
let a: ChildServer;
let b: ChildServer;
let owner: LoggedIn;
let cycleId: string;
let room: string;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    KIJKRUIMTE_DATA_DIR: tempDir(),
    // The media folder apart from the data folder, as on a shared volume: A stores, B serves.
    KIJKRUIMTE_MEDIA_DIR: tempDir(),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    KIJKRUIMTE_DEMO: '1',
    KIJKRUIMTE_SESSION_SWEEP_MS: '600000',
    KIJKRUIMTE_COMPACT_THRESHOLD: '60',
    KIJKRUIMTE_MAX_SOCKETS_PER_USER: '100',
    KIJKRUIMTE_MAX_SOCKETS_PER_SESSION: '100',
  };
  // One after the other: the first creates the schema and the demo workspace.
  a = await startChildServer(env);
  b = await startChildServer(env);
  owner = await login(a.url, 'klantmanager@kijkruimte.example');
  const { body } = await api<{ cycles: { id: string }[] }>(a.url, owner, 'GET', '/api/cycles');
  cycleId = body.cycles[0]!.id;
  room = cycleDocName(cycleId);
}, 120_000);

afterAll(async () => {
  for (const c of [a, b]) {
    if (!c) continue;
    c.proc.kill('SIGKILL');
    await c.exited;
  }
  await Promise.all([redis?.close(), postgres?.close()]);
});

const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

function connect(server: ChildServer, who: LoggedIn, doc?: Y.Doc): WebsocketProvider {
  const p = connectProvider(server.wsUrl, room, { headers: { cookie: who.cookie }, ...(doc ? { doc } : {}) });
  providers.push(p);
  return p;
}

/** Resolves when `predicate` holds, re-checked on every awareness change of `p`. */
function waitForAwareness(p: WebsocketProvider, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = (): void => {
      if (!predicate()) return;
      p.awareness.off('change', check);
      resolve();
    };
    p.awareness.on('change', check);
  });
}

/** Every entry `editUntil` wrote, per tag. */
const written = new Map<string, string[]>();
let entryNo = 0;

/** Edits from every client every 2 ms until `done()`; returns what each client received from the others. */
async function editUntil(clients: readonly WebsocketProvider[], tag: string, done: (relayed: Set<string>) => boolean): Promise<() => Set<string>> {
  const mine = written.get(tag) ?? [];
  written.set(tag, mine);
  const relayed = (): Set<string> => {
    const out = new Set<string>();
    clients.forEach((c, i) => {
      for (const e of logEntries(c.doc)) if (e.startsWith(tag) && !e.startsWith(`${tag}${i}-`)) out.add(e);
    });
    return out;
  };
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      clients.forEach((c, i) => {
        const entry = `${tag}${i}-${entryNo++}`;
        mine.push(entry);
        appendLog(c.doc, entry);
      });
      if (done(relayed())) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  return relayed;
}

describe('SCALE-1 two processes: unmodified y-websocket clients on each converge', () => {
  it('REDIS_URL needs DATABASE_URL: without it the server refuses to start, saying why', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL.*DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://x', DATABASE_URL: 'postgres://db/k' })).toThrow(/REDIS_URL/);
    const config = loadConfig({ REDIS_URL: 'redis://r:6379', DATABASE_URL: 'postgres://db/k', KIJKRUIMTE_MEDIA_DIR: '/srv/media' });
    expect(config).toMatchObject({ redisUrl: 'redis://r:6379', mediaDir: '/srv/media' });
  });

  it('an unreachable Redis stops the start with a clear message', async () => {
    const started = startChildServer({ KIJKRUIMTE_DATA_DIR: tempDir(), DATABASE_URL: postgres.url, REDIS_URL: 'redis://127.0.0.1:1' });
    await expect(started).rejects.toThrow(/server exited early \(1\)[\s\S]*Redis/);
  });

  it('an edit on either side reaches the other; concurrent edits converge; a late joiner loads the same', async () => {
    const pa = connect(a, owner);
    const pb = connect(b, owner);
    await Promise.all([waitForSynced(pa), waitForSynced(pb)]);
    const all = (d: Y.Doc) => logEntries(d).filter((e) => e.startsWith('s1')).length;
    // One side at a time first: the receiving process writes nothing that could reveal a gap,
    // so only the fan-out can bring the update.
    appendLog(pa.doc, 's1-a');
    await waitForDoc(pb.doc, () => all(pb.doc) === 1);
    appendLog(pb.doc, 's1-b');
    await waitForDoc(pa.doc, () => all(pa.doc) === 2);
    for (let i = 0; i < 30; i++) {
      appendLog(pa.doc, `s1a-${i}`);
      appendLog(pb.doc, `s1b-${i}`);
    }
    await waitForDocs([pa.doc, pb.doc], () => all(pa.doc) === 62 && all(pb.doc) === 62);
    expect(logEntries(pb.doc)).toEqual(logEntries(pa.doc));
    // A late joiner on either process loads the same state.
    const late = connect(b, owner);
    await waitForSynced(late);
    await waitForDoc(late.doc, () => all(late.doc) === 62);
  });
});

describe('SCALE-2 awareness, the presenter lock and the playback transport cross processes', () => {
  it('presence crosses (stamped with the person), and leaves with its client', async () => {
    const pa = connect(a, owner);
    const pb = connect(b, owner);
    await Promise.all([waitForSynced(pa), waitForSynced(pb)]);
    pa.awareness.setLocalStateField('cursor', 'hier');
    const idA = pa.doc.clientID;
    await waitForAwareness(pb, () => (pb.awareness.getStates().get(idA) as { cursor?: string } | undefined)?.cursor === 'hier');
    const state = pb.awareness.getStates().get(idA) as { user?: { userId?: string } };
    expect(state.user?.userId).toBe(owner.userId);
    // A client connecting later on B sees A's presence at once (asked from A, not after its renewal).
    const late = connect(b, owner);
    await waitForSynced(late);
    await waitForAwareness(late, () => late.awareness.getStates().has(idA));
    pa.destroy();
    await waitForAwareness(pb, () => !pb.awareness.getStates().has(idA));
  });

  it('a process that starts following a room gets the presence of the other process’s clients at once', { timeout: 12_000 }, async () => {
    // A document no process has loaded yet (the owner's own layer). The stock client renews its
    // presence only every 15 s: before that, only B asking A can bring it (the test timeout is shorter).
    const layer = `${room}:layer:${owner.userId}`;
    const pa = connectProvider(a.wsUrl, layer, { headers: { cookie: owner.cookie } });
    providers.push(pa);
    await waitForSynced(pa);
    pa.awareness.setLocalStateField('cursor', 'laag');
    const pb = connectProvider(b.wsUrl, layer, { headers: { cookie: owner.cookie } });
    providers.push(pb);
    await waitForSynced(pb);
    await waitForAwareness(pb, () => (pb.awareness.getStates().get(pa.doc.clientID) as { cursor?: string } | undefined)?.cursor === 'laag');
  });

  it('the lock set on A binds writers on B; the transport set on A plays on B', async () => {
    const researcher = await login(b.url, 'onderzoeker1@kijkruimte.example');
    const pa = connect(a, owner);
    const pr = connect(b, researcher);
    await Promise.all([waitForSynced(pa), waitForSynced(pr)]);
    const transport = { mediaId: null, playing: true, position: 12, at: Date.now(), rate: 1, by: owner.userId, stopAt: null, seq: 7, hold: null };
    pa.doc.transact(() => {
      pa.doc.getMap(docKeys.settings).set('presenter', owner.userId);
      pa.doc.getMap(docKeys.playback).set('transport', transport);
    });
    await waitForDoc(pr.doc, () => (pr.doc.getMap(docKeys.playback).get('transport') as { seq?: number } | undefined)?.seq === 7);
    expect(pr.doc.getMap(docKeys.settings).get('presenter')).toBe(owner.userId);
    // B's write check knows the lock: the researcher may not move the transport.
    const refused = waitForClose(pr);
    pr.doc.getMap(docKeys.playback).set('transport', { ...transport, seq: 8, by: researcher.userId });
    expect(await refused).toBe(closeCodes.writeForbidden);
    pa.doc.getMap(docKeys.settings).delete('presenter');
    await waitForDoc(pa.doc, () => !pa.doc.getMap(docKeys.settings).has('presenter'));
  });
});

/** Starts a stream and stops reading after its first bytes (a paused video element). */
function openStream(url: string, who: LoggedIn, mediaId: string): Promise<{ res: http.IncomingMessage; ended: Promise<'complete' | 'cut'> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/media/${mediaId}`, { headers: { cookie: who.cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      const ended = new Promise<'complete' | 'cut'>((done) => {
        res.once('end', () => done('complete'));
        res.socket.once('close', () => done(res.complete ? 'complete' : 'cut'));
      });
      res.once('data', () => {
        res.pause();
        resolve({ res, ended });
      });
    });
    req.on('error', () => undefined);
  });
}

describe('SCALE-5 revocation reaches every process', () => {
  it('a consent withdrawal on A cuts a stream served by B', async () => {
    const admin = await login(a.url, 'beheerder@kijkruimte.example');
    // No scan of a signed form in this test: the gate would keep the researcher from playing.
    expect((await api(a.url, admin, 'PUT', '/api/admin/settings', { requireConsentScan: false })).status).toBe(200);
    // Larger than what loopback socket buffers hold, so the paused stream is still open.
    const data = withFreeBox(readFixture('mp4'), Buffer.alloc(32 * 1024 * 1024));
    const upload = tusUpload(`${a.url}/api/cycles/${cycleId}/uploads`, { cookie: owner.cookie, 'x-csrf-token': owner.csrf }, data, {
      metadata: { filename: 'lang.mp4', filetype: 'video/mp4', label: 'lang' },
    });
    expect(await upload.done).toBeNull();
    const { body } = await api<RecordingsResponse>(a.url, owner, 'GET', `/api/cycles/${cycleId}/recordings`);
    const recording = body.recordings.find((r) => r.media.some((m) => m.sizeBytes > 32 * 1024 * 1024))!;
    const mediaId = recording.media[0]!.id;
    const today = new Date().toISOString().slice(0, 10);
    const consent = await api(a.url, owner, 'PUT', `/api/cycles/${cycleId}/recordings/${recording.id}/consent`, {
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: false },
      clientSignedOn: today,
      managerSignedOn: today,
      recordedBy: 'Klantmanager',
      retentionUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(consent.status).toBe(200);

    const researcher = await login(b.url, 'onderzoeker1@kijkruimte.example');
    const stream = await openStream(b.url, researcher, mediaId);
    const withdrawn = await api(a.url, owner, 'POST', `/api/cycles/${cycleId}/recordings/${recording.id}/consent/withdraw`, { uses: ['researchers'] });
    expect(withdrawn.status).toBe(200);
    stream.res.resume();
    expect(await stream.ended).toBe('cut');
  });

  it('a file erased by another process ends this process’s responses at the next re-check', async () => {
    const fx = await accessFixture({ sessionSweepMs: 600_000 });
    try {
      const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
      const row = await fx.app.media.importMedia({
        cycleId: fx.cycleId,
        orgId: cycle.org_id,
        userId: fx.userIds.owner,
        data: withFreeBox(readFixture('mp4'), Buffer.alloc(32 * 1024 * 1024)),
      });
      const stream = await openStream(fx.url, { cookie: fx.headersFor('owner').cookie!, csrf: '', userId: fx.userIds.owner }, row.id);
      // What the erasing process did in the shared database; its own responses it cut itself.
      await fx.app.media.repo.eraseKey(row.id, 'withdrawn');
      expect(await fx.app.media.recheckStreams(() => true)).toBe(1);
      stream.res.resume();
      expect(await stream.ended).toBe('cut');
    } finally {
      await fx.close();
    }
  });

  it('removing a member on A closes their socket on B', async () => {
    const member = await login(b.url, 'onderzoeker2@kijkruimte.example');
    const p = connect(b, member);
    await waitForSynced(p);
    const closed = waitForClose(p);
    expect((await api(a.url, owner, 'DELETE', `/api/cycles/${cycleId}/members/${member.userId}`)).status).toBe(200);
    expect(await closed).toBe(closeCodes.forbidden);
  });
});

const tusHeaders = () => ({ cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'tus-resumable': '1.0.0' });

/** Creates an upload on `server` by hand (tus creation); returns its absolute URL there. */
async function createUpload(server: ChildServer, data: Buffer, label: string): Promise<string> {
  const meta = (k: string, v: string) => `${k} ${Buffer.from(v).toString('base64')}`;
  const created = await fetch(`${server.url}/api/cycles/${cycleId}/uploads`, {
    method: 'POST',
    headers: { ...tusHeaders(), 'upload-length': String(data.length), 'upload-metadata': [meta('filename', 'gesprek.mp4'), meta('filetype', 'video/mp4'), meta('label', label)].join(',') },
  });
  expect(created.status).toBe(201);
  return new URL(created.headers.get('location')!, server.url).href;
}

describe('SCALE-7 a resumable upload continues on another process', () => {
  it('created and half sent on A, resumed on B from the offset B reads; the stored bytes are the original, played from A', async () => {
    const data = withFreeBox(readFixture('mp4'), crypto.randomBytes(6 * 1024 * 1024));
    const headers = tusHeaders();
    const onA = await createUpload(a, data, 'verder op B');
    const half = Math.floor(data.length / 2);
    const patched = await fetch(onA, {
      method: 'PATCH',
      headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(data.subarray(0, half)),
    });
    expect(patched.status).toBe(204);
    // The same upload, addressed to the other process (as a load balancer without stickiness would).
    const onB = onA.replace(a.url, b.url);
    const head = await fetch(onB, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-offset'))).toBe(half);
    const rest = tusUpload(`${b.url}/api/cycles/${cycleId}/uploads`, { cookie: owner.cookie, 'x-csrf-token': owner.csrf }, data, { uploadUrl: onB });
    expect(await rest.done).toBeNull();
    expect(rest.requests).toEqual(['HEAD', `PATCH ${half}`]);
    const mediaId = onB.split('/').pop()!;
    const res = await fetch(`${a.url}/api/media/${mediaId}`, { headers: { cookie: owner.cookie } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });
});

describe('SCALE-9 one writer per upload, also across processes', () => {
  it('while A still receives a PATCH, B answers 423 and asks A to stop; the client retries on B and completes', async () => {
    const data = withFreeBox(readFixture('mp4'), crypto.randomBytes(4 * 1024 * 1024));
    const headers = tusHeaders();
    const onA = await createUpload(a, data, 'vast op A');
    const onB = onA.replace(a.url, b.url);
    // A PATCH to A that sends half and then stalls, as a client whose network went away would.
    const half = Math.floor(data.length / 2);
    const req = http.request(onA, { method: 'PATCH', headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' } });
    const ended = new Promise<void>((resolve) => {
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve());
        res.on('error', () => resolve());
      });
      req.on('close', () => resolve());
    });
    req.write(data.subarray(0, half));
    const offsetOn = async (url: string) => {
      const res = await fetch(url, { method: 'HEAD', headers });
      return res.status === 200 ? Number(res.headers.get('upload-offset')) : res.status;
    };
    await expect.poll(() => offsetOn(onA), { timeout: 10_000 }).toBe(half);
    // B does not open the file while A writes it: locked, and A is asked to stop.
    expect(await offsetOn(onB)).toBe(423);
    await ended;
    const rest = tusUpload(`${b.url}/api/cycles/${cycleId}/uploads`, { cookie: owner.cookie, 'x-csrf-token': owner.csrf }, data, { uploadUrl: onB });
    expect(await rest.done).toBeNull();
    const mediaId = onB.split('/').pop()!;
    const res = await fetch(`${a.url}/api/media/${mediaId}`, { headers: { cookie: owner.cookie } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });
});

describe('SCALE-8 archiving a cycle on A closes it for updates on B', () => {
  it('an edit on B after the archive on A is refused with cycle_archived; after reopening, B accepts edits again', async () => {
    const p = connect(b, owner);
    await waitForSynced(p);
    const closed = waitForClose(p);
    let code: number | null = null;
    void closed.then((c) => (code = c));
    expect((await api(a.url, owner, 'PATCH', `/api/cycles/${cycleId}`, { status: 'archived' })).status).toBe(200);
    // Each poll writes once more on B: refused as soon as B has heard of the archive.
    let n = 0;
    await expect
      .poll(
        () => {
          if (code === null) appendLog(p.doc, `s8-${n++}`);
          return code;
        },
        { timeout: 10_000 },
      )
      .toBe(closeCodes.cycleArchived);
    expect((await api(a.url, owner, 'PATCH', `/api/cycles/${cycleId}`, { status: 'active' })).status).toBe(200);
    const again = connect(b, owner);
    await waitForSynced(again);
    const watcher = connect(a, owner);
    await waitForSynced(watcher);
    appendLog(again.doc, 's8-reopened');
    await waitForDoc(watcher.doc, () => logEntries(watcher.doc).includes('s8-reopened'));
  });
});

describe('SCALE-4 a Redis restart mid-edit loses nothing, and fan-out resumes', () => {
  it('edits before, during and after the restart converge on both processes', async () => {
    const pa = connect(a, owner);
    const pb = connect(b, owner);
    await Promise.all([waitForSynced(pa), waitForSynced(pb)]);
    const clients = [pa, pb];
    await editUntil(clients, 'r', (relayed) => relayed.size >= 20);
    const restarted = redis.restart();
    await editUntil(clients, 'r', (relayed) => relayed.size >= 60);
    await restarted;
    // Both processes subscribe again to the document's channel.
    const probe = new Redis(redis.url);
    try {
      await expect
        .poll(async () => ((await probe.call('PUBSUB', 'NUMSUB', `kijkruimte:doc:${room}`)) as [string, number])[1], { timeout: 20_000 })
        .toBe(2);
    } finally {
      probe.disconnect();
    }
    const ours = (d: Y.Doc) => logEntries(d).filter((e) => e.startsWith('r'));
    // Everything from before and during the outage arrives (read from the database)…
    const everything = written.get('r')!;
    await waitForDocs([pa.doc, pb.doc], () => [pa.doc, pb.doc].every((d) => everything.every((e) => ours(d).includes(e))));
    expect(ours(pb.doc)).toEqual(ours(pa.doc));
    // …and pub/sub carries again: one side writes, the other (writing nothing) receives it.
    appendLog(pa.doc, 'r-after-a');
    await waitForDoc(pb.doc, () => ours(pb.doc).includes('r-after-a'));
    appendLog(pb.doc, 'r-after-b');
    await waitForDoc(pa.doc, () => ours(pa.doc).includes('r-after-b'));
  });
});

describe('SCALE-11 a commit whose message never came is read from the database', () => {
  it('an entry committed without a fan-out message (its process died before publishing) reaches both processes at the next commit', async () => {
    const pa = connect(a, owner);
    const pb = connect(b, owner);
    await Promise.all([waitForSynced(pa), waitForSynced(pb)]);
    // The lost commit: made on a copy of the document and written straight into the database,
    // as a process that died between its commit and its publish would leave it.
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(pa.doc));
    const before = Y.encodeStateVector(ghost);
    appendLog(ghost, 'scale11-lost');
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      await db.query('INSERT INTO doc_updates (doc_name, kind, data) VALUES ($1, 0, $2)', [room, Buffer.from(Y.encodeStateAsUpdate(ghost, before))]);
    } finally {
      await db.end();
    }
    // The next commit names the lost one as its predecessor: both processes see the gap, and
    // with nothing else arriving they read the tail from the database.
    appendLog(pa.doc, 'scale11-next');
    const both = (d: Y.Doc) => ['scale11-lost', 'scale11-next'].every((e) => logEntries(d).includes(e));
    await waitForDocs([pa.doc, pb.doc], () => both(pa.doc) && both(pb.doc));
  });
});

describe('SCALE-3 compaction never deletes what the process has not applied', () => {
  it('an entry committed elsewhere whose message never came is read before the log is compacted', async () => {
    const server = await startProtocolServer({ databaseUrl: postgres.url, redisUrl: redis.url, compactThreshold: 2 });
    const elsewhere = await PostgresDocStore.connect(postgres.url);
    try {
      const p = connectProvider(server.wsUrl, 'scale-compact');
      providers.push(p);
      await waitForSynced(p);
      p.doc.getArray<string>('n').push(['een']);
      await expect.poll(async () => (await elsewhere.load('scale-compact')).updates.length).toBe(1);
      // Another process committed this, and its message was lost (nothing is published here).
      const other = new Y.Doc();
      other.getArray<string>('n').push(['elders']);
      await elsewhere.appendBatch([{ docName: 'scale-compact', update: Y.encodeStateAsUpdate(other) }]);
      // The next commit here follows it in the document's chain and starts a compaction at once.
      p.doc.getArray<string>('n').push(['twee']);
      await expect.poll(async () => (await elsewhere.loadSince('scale-compact', 0)).updates.length, { timeout: 20_000 }).toBe(1);
      const stored = new Y.Doc();
      for (const u of (await elsewhere.load('scale-compact')).updates) Y.applyUpdate(stored, u);
      expect([...stored.getArray<string>('n').toArray()].sort()).toEqual(['een', 'elders', 'twee']);
      await waitForDoc(p.doc, () => p.doc.getArray('n').length === 3);
    } finally {
      await elsewhere.close();
      await server.close();
    }
  });
});

describe('SCALE-3 kill -9 of one process while clients on both edit', () => {
  it('loses no update any client had received; the dead process’s clients reconnect to the other and converge', async () => {
    const ca = connect(a, owner);
    const cb = connect(b, owner);
    await Promise.all([waitForSynced(ca), waitForSynced(cb)]);
    const relayedNow = await editUntil([ca, cb], 'k', (relayed) => relayed.size >= 150);
    a.proc.kill('SIGKILL');
    await a.exited;
    const relayed = relayedNow();
    const mine = (d: Y.Doc) => logEntries(d).filter((e) => e.startsWith('k'));
    // Everything either client holds, its own edits the dead process never stored included.
    const held = [...new Set([...mine(ca.doc), ...mine(cb.doc)])];
    // The load balancer sends A's client to B: same document, new socket.
    ca.destroy();
    const moved = connect(b, owner, ca.doc);
    await waitForSynced(moved);
    await waitForDocs([moved.doc, cb.doc], () => [moved.doc, cb.doc].every((d) => held.every((e) => mine(d).includes(e))));
    expect(mine(cb.doc)).toEqual(mine(moved.doc));
    expect([...relayed].filter((e) => !mine(cb.doc).includes(e))).toEqual([]);

    // And in the database itself, not only in B's memory.
    const store = await PostgresDocStore.connect(postgres.url);
    try {
      const doc = new Y.Doc();
      for (const u of (await store.load(room)).updates) Y.applyUpdate(doc, u);
      const stored = new Set(logEntries(doc));
      expect([...relayed].filter((e) => !stored.has(e))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('SCALE-6 the retention sweep runs on one process at a time', () => {
  it('skips its round while another process holds the sweep lock, and sweeps once it is free', async () => {
    const server = await startServer({ databaseUrl: postgres.url });
    const other = await PostgresDocStore.connect(postgres.url);
    try {
      // The start-up round may still hold the lock: wait until a round of our own ran.
      await expect.poll(() => server.app.retentionSweep()).toBe(true);
      // A file no row refers to, old enough for the sweep to remove.
      const stray = path.join(server.app.media.dir, `${crypto.randomUUID()}.enc`);
      fs.mkdirSync(path.dirname(stray), { recursive: true });
      fs.writeFileSync(stray, 'x');
      const old = new Date(Date.now() - 3_600_000);
      fs.utimesSync(stray, old, old);
      const held = await other.runExclusive('retention-sweep', async () => {
        const ran = await server.app.retentionSweep();
        return { ran, kept: fs.existsSync(stray) };
      });
      expect(held).toEqual({ ran: true, value: { ran: false, kept: true } });
      expect(await server.app.retentionSweep()).toBe(true);
      expect(fs.existsSync(stray)).toBe(false);
    } finally {
      await other.close();
      await server.close();
    }
  });
});
