import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** The unmodified npm y-websocket client, as a browser would use it, minus BroadcastChannel. */
export function connectProvider(
  wsUrl: string,
  room: string,
  opts: { doc?: Y.Doc; headers?: Record<string, string>; connect?: boolean } = {},
): WebsocketProvider {
  const doc = opts.doc ?? new Y.Doc();
  const headers = opts.headers;
  const Polyfill = headers
    ? class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      }
    : WebSocket;
  return new WebsocketProvider(wsUrl, room, doc, {
    // Node has a global BroadcastChannel: without this, in-process peers would bypass the server.
    disableBc: true,
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    connect: opts.connect ?? true,
    maxBackoffTime: 200,
  });
}

export function waitForSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean): void => {
      if (synced) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
  });
}

/** Resolves when `predicate` holds, re-checking on every document update. */
export function waitForDoc(doc: Y.Doc, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = (): void => {
      if (predicate()) {
        doc.off('update', check);
        resolve();
      }
    };
    doc.on('update', check);
  });
}

/** Resolves with the close code of the provider's socket. */
export function waitForClose(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => {
    const handler = (event: CloseEvent | null): void => {
      provider.off('connection-close', handler);
      resolve(event?.code ?? -1);
    };
    provider.on('connection-close', handler);
  });
}

/** Resolves when `predicate` holds, re-checking whenever any of `docs` changes. */
export function waitForDocs(docs: readonly Y.Doc[], predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = (): void => {
      if (!predicate()) return;
      for (const d of docs) d.off('update', check);
      resolve();
    };
    for (const d of docs) d.on('update', check);
  });
}

/** Disconnects and resolves once the socket is really closed (provider.synced is false again). */
export function disconnectFully(provider: WebsocketProvider): Promise<void> {
  provider.disconnect();
  if (!provider.wsconnected && !provider.wsconnecting) return Promise.resolve();
  return new Promise((resolve) => {
    const onStatus = ({ status }: { status: string }): void => {
      if (status !== 'disconnected') return;
      provider.off('status', onStatus);
      resolve();
    };
    provider.on('status', onStatus);
  });
}

/**
 * An append-only log of tagged entries in a cycle document, in a part the klantmanager (owner)
 * may write under the rule table (her twijfels): durability tests append and read it back.
 */
export function appendLog(doc: Y.Doc, entry: string): void {
  const item = new Y.Map<unknown>();
  item.set('kind', 'twijfel');
  item.set('text', entry);
  item.set('order', 0);
  doc.getMap<Y.Map<unknown>>('doubts').set(`log:${entry}`, item);
}

export function logEntries(doc: Y.Doc): string[] {
  return [...doc.getMap('doubts').keys()].filter((k) => k.startsWith('log:')).map((k) => k.slice(4)).sort();
}
