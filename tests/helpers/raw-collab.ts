import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { messageType, syncMessageType } from '../../shared/protocol/collab.ts';

/**
 * A y-websocket client written by hand, for attacks the stock client would never send. Every
 * message and the close are recorded from the start, so no test has to race a listener.
 */
export interface RawCollab {
  ws: WebSocket;
  /** Resolves with the close code (the socket's own, or -1 if it never opened). */
  closed: Promise<number>;
  received: Uint8Array[];
  /** Resolves true once `count` received messages match, false if the socket closes first. */
  waitFor(predicate: (m: Uint8Array) => boolean, count?: number): Promise<boolean>;
  send(message: Uint8Array): void;
}

export function openRaw(url: string, headers: Record<string, string> = {}): Promise<RawCollab> {
  const ws = new WebSocket(url, { headers });
  const received: Uint8Array[] = [];
  const listeners = new Set<() => void>();
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) =>
    ws.once('close', (code) => {
      closeCode = code;
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  ws.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data));
    for (const l of listeners) l();
  });
  const raw: RawCollab = {
    ws,
    closed,
    received,
    send: (message) => ws.send(message),
    waitFor(predicate, count = 1) {
      return new Promise((resolve) => {
        const check = (): void => {
          const done = received.filter(predicate).length >= count;
          if (!done && closeCode === null) return;
          listeners.delete(check);
          resolve(done);
        };
        listeners.add(check);
        check();
      });
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(raw));
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

export const isSync = (m: Uint8Array): boolean => m[0] === messageType.sync;
export const isAwareness = (m: Uint8Array): boolean => m[0] === messageType.awareness;

/** Opened and joined its room: the server's sync step 1 arrived (false: refused instead). */
export function joined(raw: RawCollab): Promise<boolean> {
  return raw.waitFor(isSync);
}

export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export function awarenessMessage(entries: readonly RawAwarenessEntry[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, messageType.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

export const queryAwarenessMessage = (): Uint8Array => new Uint8Array([messageType.queryAwareness]);

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageType.sync);
  encoding.writeVarUint(e, syncMessageType.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}
