import * as encoding from 'lib0/encoding';
import type { ErrorCode } from '../../../shared/errors/index.ts';
import type { CollabConnection } from '../connection.ts';
import { maxAwarenessEntries, type AwarenessEntry, type IncomingMessage } from '../messages.ts';

type AwarenessMessage = Extract<IncomingMessage, { kind: 'awareness' }>;

/** Departed ids remembered per person; beyond this their oldest bindings are forgotten. */
const departedPerUser = 64;

interface Binding {
  /** The open connection speaking for the id; null once it has left. */
  conn: CollabConnection | null;
  /** The person the id belongs to for the room's lifetime. */
  userKey: string;
}

/**
 * Which person each awareness client id of a room belongs to. An id stays bound to the person who
 * first used it for as long as the room is loaded, not just while that connection is open:
 * otherwise, after a peer left, another member could claim its id and appear under its name in
 * clients that still hold the old state. The same person reconnecting may take it back.
 *
 * Memory: a person who keeps reconnecting with fresh ids only pushes out their own oldest
 * departed bindings (`departedPerUser`), never someone else's.
 */
export class AwarenessOwners {
  private readonly bindings = new Map<number, Binding>();
  private readonly departed = new Map<string, number[]>();

  get(id: number): Readonly<Binding> | undefined {
    return this.bindings.get(id);
  }

  get size(): number {
    return this.bindings.size;
  }

  claim(id: number, conn: CollabConnection): void {
    const userKey = userKeyOf(conn);
    const previous = this.bindings.get(id);
    if (previous?.conn === null) {
      const list = this.departed.get(previous.userKey);
      const i = list?.indexOf(id) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
    }
    this.bindings.set(id, { conn, userKey });
    conn.awarenessIds.add(id);
  }

  /**
   * An id in use by a client of another process (fan-out, SCALE-2): bound to its person as if it
   * had left here, so nobody else can take it over (LIMIT-6 across processes), while that person,
   * reconnecting to this process (their own died), may use it again. An id already bound stays.
   */
  bindRemote(id: number, userId: string | null): void {
    if (this.bindings.has(id)) return;
    const userKey = userId === null ? 'anonymous' : `user:${userId}`;
    this.bindings.set(id, { conn: null, userKey });
    let list = this.departed.get(userKey);
    if (!list) this.departed.set(userKey, (list = []));
    list.push(id);
    if (list.length > departedPerUser) this.bindings.delete(list.shift()!);
  }

  /** The connection left: its ids stay bound to its person. */
  release(conn: CollabConnection): void {
    for (const id of conn.awarenessIds) {
      const binding = this.bindings.get(id);
      if (binding?.conn !== conn) continue;
      binding.conn = null;
      let list = this.departed.get(binding.userKey);
      if (!list) this.departed.set(binding.userKey, (list = []));
      list.push(id);
      if (list.length > departedPerUser) this.bindings.delete(list.shift()!);
    }
  }
}

/** Anonymous sockets (protocol tests only) count as one person among themselves. */
function userKeyOf(conn: CollabConnection): string {
  return conn.identity.userId === null ? 'anonymous' : `user:${conn.identity.userId}`;
}

/** What stamping needs to know of a room's presence (a `Room` provides it). */
export interface RoomPresence {
  readonly awarenessOwners: AwarenessOwners;
  readonly awareness: { readonly meta: ReadonlyMap<number, { clock: number }>; getStates(): ReadonlyMap<number, unknown> };
  readonly awarenessSizes: ReadonlyMap<number, number>;
  readonly awarenessBytes: number;
}

export interface PresenceLimits {
  /** Awareness client ids one connection may speak for. */
  maxIds: number;
  /** The room's presence as a whole, in JSON bytes. */
  maxRoomBytes: number;
}

/**
 * Ids in a room's presence: half of what one awareness message may carry, so that a stock
 * client's echo of the whole room is never refused as malformed.
 */
const maxRoomIds = maxAwarenessEntries / 2;
/** Room for the `user` field the server writes into a state (estimate; the room counts exactly). */
const stampMargin = 256;

export type StampResult =
  | { kind: 'apply'; msg: AwarenessMessage }
  /** Nothing in the message is this connection's to change: it is dropped without reply. */
  | { kind: 'ignore' }
  | { kind: 'refuse'; code: ErrorCode };

/**
 * Presence identity comes from the server, never from the client: every awareness state a
 * socket announces gets its `user` field replaced by the socket's authenticated identity, and a
 * socket may only speak for awareness client ids that are its own (see `AwarenessOwners`).
 *
 * Entries for ids someone else owns are dropped, not refused: the stock y-websocket client
 * echoes every remote state it receives back to the server, so foreign entries are normal
 * traffic; they just must never take effect, and they do not count against the connection's
 * id limit. An id is claimed only by an entry that would take effect (a state newer than the
 * room's copy): an echo of a departed tab's removal by its sibling tab claims nothing.
 */
export function stampAwareness(conn: CollabConnection, msg: AwarenessMessage, room: RoomPresence, limits: PresenceLimits): StampResult {
  const owners = room.awarenessOwners;
  const clocks = room.awareness.meta;
  const own: AwarenessEntry[] = [];
  const claims = new Set<number>();
  const userKey = userKeyOf(conn);
  for (const e of msg.entries) {
    const binding = owners.get(e.clientId);
    if (binding?.conn === conn) {
      own.push(e);
      continue;
    }
    if (binding && (binding.conn !== null || binding.userKey !== userKey)) continue;
    // As y-protocols decides: an unknown id starts at clock 0, so only a higher clock applies.
    if (e.state === null || e.clock <= (clocks.get(e.clientId)?.clock ?? 0)) continue;
    claims.add(e.clientId);
    own.push(e);
  }
  // A tab needs one id; thousands from one socket once filled the room's presence with 29 MiB.
  if (conn.awarenessIds.size + claims.size > limits.maxIds) return { kind: 'refuse', code: 'awareness_limit' };
  if (own.length === 0) return { kind: 'ignore' };
  if (roomIsFull(room, own, claims, limits.maxRoomBytes)) return { kind: 'ignore' };
  for (const id of claims) owners.claim(id, conn);
  if (conn.identity.userId === null && own.length === msg.entries.length) return { kind: 'apply', msg };
  const { userId, name, color, role } = conn.identity;
  const entries: AwarenessEntry[] = own.map((e) =>
    conn.identity.userId === null || e.state === null
      ? e
      : { ...e, state: { ...(e.state as Record<string, unknown>), user: { userId, name, color, role } } },
  );
  return { kind: 'apply', msg: { kind: 'awareness', entries, update: encodeAwarenessEntries(entries) } };
}

/**
 * Whether applying `own` would grow the room's presence past its cap. Every stock client echoes
 * the whole room's presence in one message, so a room whose presence outgrew the message limit
 * would get its innocent members refused. Past the cap, growth is dropped rather than refused:
 * a newcomer in a room that someone filled can still work, only without presence.
 */
function roomIsFull(room: RoomPresence, own: readonly AwarenessEntry[], claims: ReadonlySet<number>, maxRoomBytes: number): boolean {
  let growth = 0;
  for (const e of own) growth += (e.state === null ? 0 : e.bytes + stampMargin) - (room.awarenessSizes.get(e.clientId) ?? 0);
  if (growth <= 0) return false;
  const states = room.awareness.getStates();
  let newIds = 0;
  for (const id of claims) if (!states.has(id)) newIds++;
  return room.awarenessBytes + growth > maxRoomBytes || states.size + newIds > maxRoomIds;
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
