import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeCodes } from '../../shared/errors/index.ts';
import { limits } from '../../shared/limits/index.ts';
import { messageType, syncMessageType } from '../../shared/protocol/collab.ts';
import { connectProvider, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { randomInt, seededRandom } from '../helpers/random.ts';
import { startProtocolServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.close();
  server = undefined;
});

function connect(room: string): WebsocketProvider {
  const p = connectProvider(server!.wsUrl, room);
  providers.push(p);
  return p;
}

/** Opens a raw socket; resolves once open, or with the HTTP status if the upgrade is refused. */
function rawSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** Sends query-awareness and resolves on the server's awareness answer or on close. */
function answeredOrClosed(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      ws.off('message', onMessage);
      ws.off('close', done);
      resolve();
    };
    const onMessage = (data: Buffer): void => {
      if (data[0] === messageType.awareness) done();
    };
    ws.on('message', onMessage);
    ws.on('close', done);
    if (ws.readyState === ws.OPEN) ws.send(new Uint8Array([messageType.queryAwareness]));
    else done();
  });
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageType.sync);
  encoding.writeVarUint(e, syncMessageType.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Seeded corpus of hostile messages: random bytes, truncations, bit flips and bad lengths of valid ones. */
function hostileMessages(count: number, seed: number, valid: Uint8Array[]): Uint8Array[] {
  const rand = seededRandom(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const base = valid[randomInt(rand, valid.length)]!;
    const kind = randomInt(rand, 6);
    let m: Uint8Array;
    if (kind === 0) {
      m = new Uint8Array(randomInt(rand, 64));
      for (let j = 0; j < m.length; j++) m[j] = randomInt(rand, 256);
    } else if (kind === 1) {
      m = base.slice(0, randomInt(rand, base.length));
    } else if (kind === 2) {
      m = base.slice();
      for (let f = 0; f < 1 + randomInt(rand, 4); f++) m[randomInt(rand, m.length)] = randomInt(rand, 256);
    } else if (kind === 3) {
      m = new Uint8Array([...base, ...new Uint8Array(1 + randomInt(rand, 8)).map(() => randomInt(rand, 256))]);
    } else if (kind === 4) {
      // A length prefix claiming far more bytes than follow.
      m = new Uint8Array([messageType.sync, syncMessageType.update, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]);
    } else {
      m = new Uint8Array([messageType.awareness, ...base.slice(1, 1 + randomInt(rand, base.length))]);
    }
    out.push(m);
  }
  return out;
}

describe('SYNC-4 bad input never crashes the server or corrupts a document', () => {
  it('10,000 fuzzed, mutated and truncated messages: 0 crashes, other rooms keep working', async () => {
    server = await startProtocolServer();
    // A room with real content, and a bystander room that must keep working throughout.
    const owner = connect('fuzz');
    await waitForSynced(owner);
    owner.doc.getText('t').insert(0, 'echtheid en gezamenlijk doel');
    const valid: Uint8Array[] = [];
    const scratch = new Y.Doc();
    scratch.on('update', (u: Uint8Array) => valid.push(syncUpdateMessage(u)));
    for (let i = 0; i < 20; i++) scratch.getMap('m').set(`k${i}`, 'x'.repeat(i));
    const a = connect('bystander');
    const b = connect('bystander');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);

    const messages = hostileMessages(10_000, 7, valid);
    let socket = await rawSocket(`${server.wsUrl}/fuzz`);
    let refused = 0;
    for (const m of messages) {
      if (socket.readyState !== socket.OPEN) {
        refused++;
        socket = await rawSocket(`${server.wsUrl}/fuzz`);
      }
      socket.send(m);
      // Round trip: the server answers a query-awareness unless the hostile message closed us.
      await answeredOrClosed(socket);
    }
    socket.close();
    expect(refused).toBeGreaterThan(1_000);

    a.doc.getText('t').insert(0, 'nog steeds in de lucht');
    await waitForDoc(b.doc, () => b.doc.getText('t').toString() === 'nog steeds in de lucht');
    // The fuzzed document still loads and still holds its real content.
    const reader = connect('fuzz');
    await waitForSynced(reader);
    expect(reader.doc.getText('t').toString()).toBe('echtheid en gezamenlijk doel');
  });

  it('an oversized message closes only that socket with 1009', async () => {
    server = await startProtocolServer();
    const ws = await rawSocket(`${server.wsUrl}/big`);
    const other = connect('big');
    await waitForSynced(other);
    ws.send(new Uint8Array(limits.maxWsMessageBytes + 1));
    expect(await closeCode(ws)).toBe(closeCodes.messageTooBig);
    expect(other.wsconnected).toBe(true);
  });

  it('a malformed message closes the socket with the documented code', async () => {
    server = await startProtocolServer();
    const ws = await rawSocket(`${server.wsUrl}/bad`);
    ws.send(new Uint8Array([99, 1, 2]));
    expect(await closeCode(ws)).toBe(closeCodes.malformedMessage);
    const text = await rawSocket(`${server.wsUrl}/bad`);
    text.send('hallo');
    expect(await closeCode(text)).toBe(closeCodes.malformedMessage);
  });

  it('an invalid document name is refused with 4404 and creates no room', async () => {
    server = await startProtocolServer();
    for (const name of ['Hoofdletters', '.verborgen', '-x', 'a'.repeat(200), 'sp%20ace', '%C3%BC']) {
      const ws = await rawSocket(`${server.wsUrl}/${name}`);
      expect(await closeCode(ws)).toBe(closeCodes.invalidDocName);
    }
    expect(server.app.collab.stats()).toEqual({ rooms: 0, connections: 0 });
  });

  it('the handshake refuses a foreign Origin and accepts an allowed one', async () => {
    server = await startProtocolServer({ allowedOrigins: ['https://kijkruimte.gemeente.example'] });
    await expect(rawSocket(`${server.wsUrl}/o`, { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const ok = await rawSocket(`${server.wsUrl}/o`, { Origin: 'https://kijkruimte.gemeente.example' });
    ok.close();
    expect(server.app.collab.stats().rooms).toBeLessThanOrEqual(1);
  });

  it('without an allow-list only the same host is accepted as Origin', async () => {
    server = await startProtocolServer();
    const host = new URL(server.url).host;
    await expect(rawSocket(`${server.wsUrl}/o`, { Origin: 'http://localhost:1' })).rejects.toThrow('HTTP 403');
    const ok = await rawSocket(`${server.wsUrl}/o`, { Origin: `http://${host}` });
    ok.close();
  });
});

describe('SYNC-5 room lifecycle', () => {
  it('loads before the first sync reply and retains nothing after the last client leaves', async () => {
    server = await startProtocolServer({ roomGraceMs: 20 });
    const a = connect('lifecycle');
    await waitForSynced(a);
    a.doc.getText('t').insert(0, 'bewaard');
    const b = connect('lifecycle');
    await waitForSynced(b);
    expect(b.doc.getText('t').toString()).toBe('bewaard');
    expect(server.app.collab.stats()).toEqual({ rooms: 1, connections: 2 });
    const unloaded = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (server!.app.collab.stats().rooms === 0) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    a.destroy();
    b.destroy();
    await unloaded;
    expect(server.app.collab.stats()).toEqual({ rooms: 0, connections: 0 });
    // Loaded again from storage, not from memory.
    const c = connect('lifecycle');
    await waitForSynced(c);
    expect(c.doc.getText('t').toString()).toBe('bewaard');
  });
});
