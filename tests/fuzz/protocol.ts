import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseMessage } from '../../server/collab/messages.ts';
import { limits } from '../../shared/limits/index.ts';
import { messageType, syncMessageType } from '../../shared/protocol/collab.ts';
import { randomInt } from '../helpers/random.ts';
import { byteMutations, caseRandom, concat, FuzzFailure, mutateBytes, pick, randomBytes, within, type Rand } from './mutate.ts';

/**
 * FUZZ-1: seeded protocol fuzzing of the collaboration server over raw sockets. Each target is
 * one room reached by one socket at a time (reopened whenever the server closes it). Messages
 * go in batches; each batch ends with a sync step 1 of our own, and the batch counts as answered
 * once every sync step 1 in it (ours included) got its sync step 2 or the server closed the
 * socket, within 2 s. Anything slower is a hang.
 */
export const HANG_MS = 2_000;

export interface ProtocolTarget {
  label: string;
  url: string;
  /** Fresh handshake headers per socket (a new session each time for cycle documents). */
  headers(): Record<string, string>;
  /** Real messages of this room's kind, the material of the mutations. */
  corpus: Uint8Array[];
  /** Only messages the parser refuses (or oversize frames) go here: the stored room must not change. */
  refusedOnly?: boolean;
  /** Share of the run's messages (weights are normalised). */
  weight: number;
}

export interface ProtocolFuzzOptions {
  seed: number;
  messages: number;
  targets: ProtocolTarget[];
  /** Checks between batches that the server is alive and other rooms converge (each bounded by HANG_MS). */
  checks: { every: number; run: () => Promise<void> };
}

export interface ProtocolFuzzReport {
  sent: number;
  batches: number;
  sockets: number;
  /** Server close codes seen, by code. */
  closeCodes: Record<number, number>;
  slowestBatchMs: number;
  checks: number;
}

const sentinel = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageType.sync);
  encoding.writeVarUint(e, syncMessageType.step1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
})();

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageType.sync);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * Real messages from real Yjs edits in the given parts (`edit` writes one change into a fresh
 * client document): updates, a whole-state sync step 2, sync step 1s, awareness, query-awareness.
 */
export function buildCorpus(edits: ((doc: Y.Doc, i: number) => void)[]): Uint8Array[] {
  const out: Uint8Array[] = [sentinel, new Uint8Array([messageType.queryAwareness])];
  const doc = new Y.Doc();
  doc.on('update', (u: Uint8Array) => out.push(syncMessage(syncMessageType.update, u)));
  for (let i = 0; i < 24; i++) doc.transact(() => edits[i % edits.length]!(doc, i));
  // Independent single edits (no dependencies on the ones above) so some pass as they are.
  for (const [i, edit] of edits.entries()) {
    const fresh = new Y.Doc();
    edit(fresh, i);
    out.push(syncMessage(syncMessageType.update, Y.encodeStateAsUpdate(fresh)));
  }
  out.push(syncMessage(syncMessageType.step2, Y.encodeStateAsUpdate(doc)));
  out.push(syncMessage(syncMessageType.step1, Y.encodeStateVector(doc)));
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Onderzoeker', color: '#1f77b4' }, cursor: { anchor: 3, head: 9 } });
  out.push(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.setLocalState(null);
  out.push(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.destroy();
  return out;
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageType.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Edits for the open protocol server (any root type is accepted there). */
export const openEdits: ((doc: Y.Doc, i: number) => void)[] = [
  (d, i) => d.getText('t').insert(0, `echtheid ${i} ✓ 🎥`),
  (d, i) => d.getMap('m').set(`k${i}`, { nested: [i, 'x'.repeat(i)] }),
  (d, i) => d.getArray('a').push([i, `fragment ${i}`]),
  (d) => {
    const t = d.getText('t');
    if (t.length > 2) t.delete(0, 2);
    else t.insert(0, 'ab');
  },
  (d, i) => d.getXmlFragment('x').insert(0, [new Y.XmlText(`alinea ${i}`)]),
];

/** Edits in a cycle document: the evaluation (owner and researchers may write it) and an unknown part. */
export const cycleEdits: ((doc: Y.Doc, i: number) => void)[] = [
  (d, i) => d.getMap('evaluation').set(`fuzz${i % 4}`, `waarde ${i}`),
  (d, i) => d.getMap('evaluation').set(`t${i % 3}`, new Y.Text(`tekst ${i}`)),
  (d, i) => d.getText('onbekend').insert(0, `niet toegestaan ${i}`),
  (d, i) => d.getMap('agenda').set(`e${i}`, 'zonder auteur'),
];

/** One generated message for iteration `i`; depends on (seed, i) only. */
export function generateMessage(seed: number, i: number, corpus: Uint8Array[], refusedOnly = false): Uint8Array {
  const rand = caseRandom(seed, i);
  if (!refusedOnly) return generate(rand, corpus);
  for (let tries = 0; tries < 16; tries++) {
    const m = generate(rand, corpus);
    if (m.byteLength > limits.maxWsMessageBytes || !parses(m)) return m;
  }
  // An unknown message type: refused by every parser, whatever follows.
  return concat(new Uint8Array([0x63]), randomBytes(rand, randomInt(rand, 32)));
}

function parses(m: Uint8Array): boolean {
  try {
    parseMessage(m);
    return true;
  } catch {
    return false;
  }
}

function generate(rand: Rand, corpus: Uint8Array[]): Uint8Array {
  const r = rand();
  const base = pick(rand, corpus);
  if (r < 0.3) return base;
  if (r < 0.75) {
    let m = base;
    for (let n = 0; n < 1 + randomInt(rand, 3); n++) m = mutateBytes(rand, m, pick(rand, byteMutations), pick(rand, corpus));
    return m;
  }
  if (r < 0.83) return randomBytes(rand, randomInt(rand, rand() < 0.9 ? 64 : 4096));
  if (r < 0.88) {
    // A length prefix claiming far more bytes than follow.
    const claim = [[0xff, 0xff, 0xff, 0x7f], [0x80, 0x80, 0x80, 0x80, 0x10], [0xff, 0x01]][randomInt(rand, 3)]!;
    return concat(new Uint8Array([pick(rand, [0, 1]), randomInt(rand, 3), ...claim]), randomBytes(rand, randomInt(rand, 8)));
  }
  if (r < 0.95) return hostileAwareness(rand);
  if (r < 0.998) {
    // Large but within the frame limit: a big update-looking payload.
    return syncMessage(syncMessageType.update, randomBytes(rand, 1024 * (1 + randomInt(rand, 256))));
  }
  // Oversize: over the frame limit, closed by the WebSocket layer (1009).
  return new Uint8Array(limits.maxWsMessageBytes + 1 + randomInt(rand, 1024));
}

const hostileStates = [
  'null',
  '{}',
  '[]',
  '42',
  '"tekst"',
  '{"user":{"name":"\\ud800"}}',
  `{"user":{"name":"${'x'.repeat(20_000)}"}}`,
  '{"a":'.repeat(400) + '1' + '}'.repeat(400),
  '{"__proto__":{"polluted":true}}',
  '{"user":',
];

function hostileAwareness(rand: Rand): Uint8Array {
  const inner = encoding.createEncoder();
  const n = rand() < 0.9 ? 1 + randomInt(rand, 3) : 1000 + randomInt(rand, 100);
  encoding.writeVarUint(inner, n);
  for (let k = 0; k < Math.min(n, 8); k++) {
    encoding.writeVarUint(inner, rand() < 0.5 ? randomInt(rand, 8) : randomInt(rand, 2 ** 32));
    encoding.writeVarUint(inner, randomInt(rand, 1000));
    encoding.writeVarString(inner, pick(rand, hostileStates));
  }
  return awarenessMessage(encoding.toUint8Array(inner));
}

/** A raw socket that only counts sync step 2 replies and remembers its close code. */
class FuzzSocket {
  readonly ws: WebSocket;
  replies = 0;
  code: number | null = null;
  private wake: (() => void) | null = null;

  constructor(url: string, headers: Record<string, string>) {
    this.ws = new WebSocket(url, { headers, perMessageDeflate: false });
    this.ws.on('message', (data: Buffer) => {
      if (data[0] === messageType.sync && data[1] === syncMessageType.step2) {
        this.replies++;
        this.wake?.();
      }
    });
    this.ws.once('close', (code) => {
      this.code = code;
      this.wake?.();
    });
    // Writes racing the server's close fail with EPIPE/ECONNRESET; 'close' follows.
    this.ws.on('error', () => undefined);
  }

  opened(): Promise<boolean> {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.ws.once('open', () => resolve(true));
      this.ws.once('close', () => resolve(false));
    });
  }

  /** Resolves once `count` replies arrived in total, or the socket closed. */
  answered(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.replies >= count || this.code !== null) {
          this.wake = null;
          resolve();
        }
      };
      this.wake = check;
      check();
    });
  }
}

export async function fuzzProtocol(o: ProtocolFuzzOptions): Promise<ProtocolFuzzReport> {
  const report: ProtocolFuzzReport = { sent: 0, batches: 0, sockets: 0, closeCodes: {}, slowestBatchMs: 0, checks: 0 };
  const totalWeight = o.targets.reduce((n, t) => n + t.weight, 0);
  // Contiguous iteration ranges per target, so an iteration number names its target too.
  let start = 0;
  const ranges = o.targets.map((t, k) => {
    const count = k === o.targets.length - 1 ? o.messages - start : Math.round((o.messages * t.weight) / totalWeight);
    const range = { target: t, from: start, to: start + count };
    start += count;
    return range;
  });
  let nextCheck = o.checks.every;
  let failure: FuzzFailure | null = null;

  const runTarget = async ({ target, from, to }: (typeof ranges)[number]): Promise<void> => {
    let socket: FuzzSocket | null = null;
    let i = from;
    try {
      while (i < to && !failure) {
        if (!socket || socket.code !== null) {
          if (socket?.code !== null && socket) report.closeCodes[socket.code] = (report.closeCodes[socket.code] ?? 0) + 1;
          socket = new FuzzSocket(target.url, target.headers());
          report.sockets++;
          if (!(await within(socket.opened(), HANG_MS, `${target.label}: opening a socket`))) continue;
        }
        const size = Math.min(to - i, 1 + randomInt(caseRandom(o.seed, i), 32));
        const first = i;
        let expected = socket.replies + 1;
        const began = performance.now();
        for (let k = 0; k < size; k++, i++) {
          const m = generateMessage(o.seed, i, target.corpus, target.refusedOnly);
          if (parsesAsStep1(m)) expected++;
          socket.ws.send(m);
        }
        socket.ws.send(sentinel);
        report.sent += size;
        report.batches++;
        try {
          await within(socket.answered(expected), HANG_MS, `${target.label}: batch ${first}..${i - 1}`);
        } catch (err) {
          throw new FuzzFailure('protocol', o.seed, first, (err as Error).message);
        }
        report.slowestBatchMs = Math.max(report.slowestBatchMs, performance.now() - began);
        if (report.sent >= nextCheck) {
          nextCheck += o.checks.every;
          try {
            await o.checks.run();
            report.checks++;
          } catch (err) {
            throw new FuzzFailure('protocol', o.seed, first, `after batch ${first}..${i - 1}: ${(err as Error).message}`);
          }
        }
      }
    } catch (err) {
      failure ??= err instanceof FuzzFailure ? err : new FuzzFailure('protocol', o.seed, i, (err as Error).message);
    } finally {
      if (socket && socket.code === null) {
        const closed = new Promise<void>((resolve) => socket!.ws.once('close', () => resolve()));
        socket.ws.close();
        await within(closed, HANG_MS, 'closing').catch(() => socket!.ws.terminate());
      }
    }
  };

  await Promise.all(ranges.map(runTarget));
  if (failure) throw failure;
  return report;
}

function parsesAsStep1(m: Uint8Array): boolean {
  if (m.byteLength > limits.maxWsMessageBytes) return false;
  try {
    return parseMessage(m).kind === 'syncStep1';
  } catch {
    return false;
  }
}
