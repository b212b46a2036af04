/**
 * The collaboration wire protocol is the standard y-websocket protocol, so an unmodified
 * `y-websocket` WebsocketProvider can connect. These are its message types; the payloads are
 * encoded with `y-protocols` (sync and awareness) and lib0 varints.
 */
export const collabPath = '/collab';

export const messageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

export const syncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** WebSocket URL for a document, derived from the page's own origin (no tokens in URLs). */
export function collabUrl(origin: string): string {
  const url = new URL(collabPath, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
