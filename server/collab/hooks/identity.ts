import * as encoding from 'lib0/encoding';
import type { ErrorCode } from '../../../shared/errors/index.ts';
import type { CollabConnection } from '../connection.ts';
import type { AwarenessEntry, IncomingMessage } from '../messages.ts';

/**
 * Presence identity comes from the server, never from the client: every awareness state a
 * socket announces gets its `user` field replaced by the socket's authenticated identity, and a
 * socket may only speak for awareness client ids that no other socket has claimed.
 */
export function stampAwareness(
  conn: CollabConnection,
  msg: Extract<IncomingMessage, { kind: 'awareness' }>,
  owners: Map<number, CollabConnection>,
): Extract<IncomingMessage, { kind: 'awareness' }> | ErrorCode {
  for (const e of msg.entries) {
    const owner = owners.get(e.clientId);
    if (owner && owner !== conn) return 'forbidden';
  }
  for (const e of msg.entries) owners.set(e.clientId, conn);
  if (conn.identity.userId === null) return msg;
  const { userId, name, color, role } = conn.identity;
  const entries: AwarenessEntry[] = msg.entries.map((e) =>
    e.state === null ? e : { ...e, state: { ...(e.state as Record<string, unknown>), user: { userId, name, color, role } } },
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
