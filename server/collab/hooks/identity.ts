import * as encoding from 'lib0/encoding';
import type { CollabConnection } from '../connection.ts';
import type { AwarenessEntry, IncomingMessage } from '../messages.ts';

/**
 * Presence identity comes from the server, never from the client: every awareness state a
 * socket announces gets its `user` field replaced by the socket's authenticated identity, and a
 * socket may only speak for awareness client ids that no other socket has claimed.
 *
 * Entries for ids another socket owns are dropped, not refused: the stock y-websocket client
 * echoes every remote state it receives back to the server, so foreign entries are normal
 * traffic — they just must never take effect. Returns null when nothing is left to apply.
 */
export function stampAwareness(
  conn: CollabConnection,
  msg: Extract<IncomingMessage, { kind: 'awareness' }>,
  owners: Map<number, CollabConnection>,
): Extract<IncomingMessage, { kind: 'awareness' }> | null {
  const own = msg.entries.filter((e) => {
    const owner = owners.get(e.clientId);
    return owner === undefined || owner === conn;
  });
  if (own.length === 0) return null;
  for (const e of own) owners.set(e.clientId, conn);
  if (conn.identity.userId === null && own.length === msg.entries.length) return msg;
  const { userId, name, color, role } = conn.identity;
  const entries: AwarenessEntry[] = own.map((e) =>
    conn.identity.userId === null || e.state === null
      ? e
      : { ...e, state: { ...(e.state as Record<string, unknown>), user: { userId, name, color, role } } },
  );
  return { kind: 'awareness', entries, update: encodeAwarenessEntries(entries) };
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}
