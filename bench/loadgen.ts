/**
 * Load generator for `edit-latency`: a forked child process (`node --import tsx bench/loadgen.ts
 * '<LoadConfig JSON>'`) with IPC to the parent. Opens real y-websocket WebsocketProviders (ws as
 * the WebSocket, no BroadcastChannel) for its shard of the rooms, waits for the parent's start
 * signal, then drives one timer-driven schedule of small edits and records, in this same process
 * and clock, how long each edit takes to reach every *other* client of its room. The sender's own
 * echo (the reference server sends it back) is never counted.
 *
 * Each edit is one transaction: a short Y.Text insert (the realistic payload) plus a Y.Map entry
 * `<sender index> → <edit id>` that lets receivers identify the edit without reading a text
 * delta (which walks the whole text). Send times live in a table indexed by edit id.
 *
 * For the Hocuspocus peer (`cfg.protocol === 'hocuspocus'`) the clients are `@hocuspocus/provider`
 * providers instead: Hocuspocus frames every message with the document name and wants an
 * authentication message per document first, which the y-websocket client does not send. Edits,
 * schedule and measurement are the same code for every server.
 *
 * Standalone (no IPC) it starts at once and prints a summary: handy for profiling with
 * `node --import tsx --cpu-prof bench/loadgen.ts '{…}'`.
 */
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { isStartMessage, type LoadConfig, type LoadMessage, type LoadResult } from './lib/load-protocol.ts';
import { summarise } from './lib/stats.ts';

interface Client {
  key: string;
  doc: Y.Doc;
  /** This client's own text, created once synced (typing). */
  text: Y.Text | null;
  /** Latency markers: one key per client holding the id of its latest edit. */
  map: Y.Map<unknown>;
  provider: SyncedProvider;
}

/** What the generator needs of a provider, whichever protocol it speaks. */
interface SyncedProvider {
  /** Resolves once the first sync with the server is complete. */
  synced(timeoutMs: number): Promise<void>;
  /** Called on every connection close (counted as a disconnect once everyone is connected). */
  onClose(listener: () => void): void;
  destroy(): void;
}

type WebSocketClass = typeof globalThis.WebSocket;

function yWebsocketProvider(wsBase: string, room: string, doc: Y.Doc, ws: WebSocketClass): SyncedProvider {
  const provider = new WebsocketProvider(wsBase, room, doc, { disableBc: true, WebSocketPolyfill: ws, maxBackoffTime: 500 });
  return {
    synced: (timeoutMs) => waitSynced(provider, timeoutMs),
    onClose: (listener) => provider.on('connection-close', listener),
    destroy: () => provider.destroy(),
  };
}

/** One socket per client, as with y-websocket (Hocuspocus could multiplex documents on one). */
function hocuspocusProvider(wsBase: string, room: string, doc: Y.Doc, ws: WebSocketClass): SyncedProvider {
  const websocketProvider = new HocuspocusProviderWebsocket({ url: wsBase, WebSocketPolyfill: ws, maxDelay: 500 });
  const provider = new HocuspocusProvider({ websocketProvider, name: room, document: doc });
  provider.attach();
  return {
    synced: (timeoutMs) =>
      provider.isSynced
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`sync timeout for ${room}`)), timeoutMs);
            const onSynced = ({ state }: { state: boolean }): void => {
              if (!state) return;
              clearTimeout(timer);
              provider.off('synced', onSynced);
              resolve();
            };
            provider.on('synced', onSynced);
          }),
    onClose: (listener) => websocketProvider.on('close', listener),
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

function post(message: LoadMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      if (message.type === 'result') {
        const r = message.result;
        const { latencies, lags, ...rest } = r;
        console.log(JSON.stringify({ latency: summarise(latencies), sendLag: summarise(lags), ...rest }, null, 2));
      } else if (message.type === 'error') {
        console.error(message.message);
      }
      return resolve();
    }
    process.send(message, undefined, undefined, () => resolve());
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function waitForStart(): Promise<void> {
  if (!process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (msg: unknown): void => {
      if (!isStartMessage(msg)) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
  });
}

function waitSynced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync timeout for ${provider.roomname}`)), timeoutMs);
    const onSync = (synced: boolean): void => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** A growable Float64Array. */
class Samples {
  private buf = new Float64Array(4096);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: loadgen.ts <LoadConfig JSON>');
  const cfg = JSON.parse(raw) as LoadConfig;
  // Every provider registers a process 'exit' handler; thousands of them are expected here.
  process.setMaxListeners(0);

  // The WebSocket the providers use: ws, with the session cookie on the handshake.
  const headers = cfg.headers;
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }

  const myRooms: number[] = [];
  for (let r = 0; r < cfg.rooms; r++) if (r % cfg.shards === cfg.shard) myRooms.push(r);
  const rate = (cfg.rate * myRooms.length) / cfg.rooms;

  // Edit bookkeeping, indexed by edit id.
  const capacity = Math.ceil((rate * (cfg.warmupMs + cfg.measureMs)) / 1000) + 1024;
  const sendAt = new Float64Array(capacity);
  const measured = new Uint8Array(capacity);
  const latencies = new Samples();
  const lags = new Samples();
  let delivered = 0;
  let connected = false;
  let disconnects = 0;

  // Clients ordered so that consecutive edits go to different rooms.
  const clients: Client[] = [];
  const connectStart = performance.now();
  const specs: { key: string; room: number; base: string }[] = [];
  for (let c = 0; c < cfg.clientsPerRoom; c++) {
    for (const r of myRooms) specs.push({ key: `${r}.${c}`, room: r, base: cfg.wsBases ? cfg.wsBases[c % cfg.wsBases.length]! : cfg.wsBase });
  }
  for (let i = 0; i < specs.length; i += cfg.connectBatch) {
    const batch = specs.slice(i, i + cfg.connectBatch).map(({ key, room, base }) => {
      const doc = new Y.Doc();
      // A real part of the cycle document that the benchmark's account (a researcher) may
      // write, so every edit passes the server's write check (shared/access/rules.ts).
      const map = doc.getMap<unknown>('evaluation');
      const open = cfg.protocol === 'hocuspocus' ? hocuspocusProvider : yWebsocketProvider;
      const provider = open(base, cfg.roomNames[room]!, doc, CookieWebSocket as unknown as WebSocketClass);
      provider.onClose(() => {
        if (connected) disconnects++;
      });
      map.observe((event) => {
        const now = performance.now();
        for (const k of event.keysChanged) {
          if (k === key) continue; // never count the sender's own edit
          const id = map.get(k);
          if (typeof id !== 'number' || measured[id] !== 1) continue;
          latencies.push(now - sendAt[id]!);
          delivered++;
        }
      });
      const client: Client = { key, doc, text: null, map, provider };
      clients.push(client);
      return client;
    });
    await Promise.all(batch.map((c) => c.provider.synced(60_000)));
    for (const c of batch) {
      c.text = new Y.Text();
      c.map.set(`t-${c.key}`, c.text);
    }
  }
  const connectMs = performance.now() - connectStart;
  connected = true;
  await post({ type: 'phase', phase: 'connected' });
  await waitForStart();

  // One timer-driven schedule for all senders of this shard.
  const period = 1000 / rate;
  const t0 = performance.now();
  const measureFrom = t0 + cfg.warmupMs;
  const measureTo = measureFrom + cfg.measureMs;
  let next = t0;
  let nextId = 0;
  let rr = 0;
  let sent = 0;
  let started = false;
  let eluStart = performance.eventLoopUtilization();
  let cpuStart = process.cpuUsage();
  let wallStart = 0;

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      let now = performance.now();
      while (next <= now && next < measureTo) {
        const inWindow = next >= measureFrom;
        if (inWindow && !started) {
          started = true;
          eluStart = performance.eventLoopUtilization();
          cpuStart = process.cpuUsage();
          wallStart = now;
          void post({ type: 'phase', phase: 'measure-start' });
        }
        const client = clients[rr]!;
        rr = (rr + 1) % clients.length;
        const id = nextId++;
        measured[id] = inWindow ? 1 : 0;
        now = performance.now();
        sendAt[id] = now;
        if (inWindow) {
          lags.push(now - next);
          sent++;
        }
        client.doc.transact(() => {
          client.text!.insert(client.text!.length, 'ab ');
          client.map.set(client.key, id);
        });
        next += period;
        now = performance.now();
      }
      if (next >= measureTo) return resolve();
      setTimeout(tick, Math.max(0, next - performance.now()));
    };
    tick();
  });
  const elu = performance.eventLoopUtilization(eluStart).utilization;
  const cpuUsed = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  await post({ type: 'phase', phase: 'measure-end' });

  const expected = sent * (cfg.clientsPerRoom - 1);
  const drainUntil = performance.now() + cfg.drainMs;
  while (delivered < expected && performance.now() < drainUntil) await sleep(20);

  const result: LoadResult = {
    latencies: latencies.toArray(),
    sent,
    expected,
    delivered,
    lags: lags.toArray(),
    elu,
    cpu: wall > 0 ? (cpuUsed.user + cpuUsed.system) / 1000 / wall : Number.NaN,
    connectMs,
    disconnects,
  };
  connected = false;
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
  await post({ type: 'result', result });
}

main().then(
  () => {
    setTimeout(() => process.exit(0), 200).unref();
    process.disconnect?.();
  },
  async (err: unknown) => {
    await post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);
