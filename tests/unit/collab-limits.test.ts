import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { CollabConnection, CollabIdentity } from '../../server/collab/connection.ts';
import { AwarenessOwners, stampAwareness, type RoomPresence } from '../../server/collab/hooks/identity.ts';
import { defaultCollabLimits, LimitHook, SocketCounts } from '../../server/collab/hooks/limit.ts';
import { AwarenessLimitError, parseMessage } from '../../server/collab/messages.ts';
import { messageType } from '../../shared/protocol/collab.ts';

function identity(userId: string | null, sessionId: string | null): CollabIdentity {
  return { userId, sessionId, name: userId ?? 'Gast', color: '#000000', role: null, cycleId: null };
}

let nextId = 1;
function conn(userId: string | null): CollabConnection {
  return { id: nextId++, docName: 'd', identity: identity(userId, null), awarenessIds: new Set(), revoked: false, send: () => {}, fail: () => {} };
}

function awareness(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
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

const parsed = (entries: { clientId: number; clock: number; state: unknown }[]) => {
  const msg = parseMessage(awareness(entries));
  if (msg.kind !== 'awareness') throw new Error('not awareness');
  return msg;
};

describe('LIMIT-2 awareness sizes at parse time', () => {
  const parseLimits = { maxAwarenessStateBytes: 100, maxAwarenessMessageBytes: 300 };
  it('measures a state in bytes, not characters', () => {
    expect(() => parseMessage(awareness([{ clientId: 1, clock: 1, state: { n: 'é'.repeat(50) } }]), parseLimits)).toThrow(AwarenessLimitError);
    expect(parseMessage(awareness([{ clientId: 1, clock: 1, state: { n: 'e'.repeat(50) } }]), parseLimits).kind).toBe('awareness');
  });
  it('bounds the message as a whole', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ clientId: i, clock: 1, state: { n: 'e'.repeat(60) } }));
    expect(() => parseMessage(awareness(entries), parseLimits)).toThrow(AwarenessLimitError);
  });
});

describe('LIMIT-3 query-awareness window', () => {
  it('allows a few per window and forgets them once the window passed', () => {
    const hook = new LimitHook({ ...defaultCollabLimits, maxAwarenessQueries: 2, awarenessQueryWindowMs: 1_000 });
    expect([hook.checkQuery(0), hook.checkQuery(10), hook.checkQuery(20)]).toEqual([null, null, 'awareness_limit']);
    expect(hook.checkQuery(1_005)).toBeNull();
    expect(hook.checkQuery(1_006)).toBe('awareness_limit');
  });
});

describe('LIMIT-4 socket counts', () => {
  it('refuses beyond either limit, frees on remove, ignores anonymous sockets', () => {
    const counts = new SocketCounts({ ...defaultCollabLimits, maxSocketsPerSession: 2, maxSocketsPerUser: 3 });
    const a = identity('u', 's1');
    expect([counts.add(a), counts.add(a), counts.add(a)]).toEqual([null, null, 'too_many_connections']);
    const b = identity('u', 's2');
    expect([counts.add(b), counts.add(b)]).toEqual([null, 'too_many_connections']);
    counts.remove(a);
    expect(counts.add(b)).toBeNull();
    for (let i = 0; i < 100; i++) expect(counts.add(identity(null, null))).toBeNull();
  });
});

describe('LIMIT-1 and LIMIT-6 awareness ownership', () => {
  const room = (owners: AwarenessOwners, held: { sizes?: Map<number, number>; bytes?: number } = {}): RoomPresence => ({
    awarenessOwners: owners,
    awareness: { meta: new Map(), getStates: () => held.sizes ?? new Map() },
    awarenessSizes: held.sizes ?? new Map(),
    awarenessBytes: held.bytes ?? 0,
  });
  it('counts claims, not echoes of ids others own', () => {
    const owners = new AwarenessOwners();
    const other = conn('b');
    owners.claim(50, other);
    const c = conn('a');
    const echo = stampAwareness(c, parsed([{ clientId: 50, clock: 9, state: {} }]), room(owners), { maxIds: 1, maxRoomBytes: 1_000_000 });
    expect(echo.kind).toBe('ignore');
    expect(stampAwareness(c, parsed([{ clientId: 1, clock: 1, state: {} }]), room(owners), { maxIds: 1, maxRoomBytes: 1_000_000 }).kind).toBe('apply');
    expect(stampAwareness(c, parsed([{ clientId: 2, clock: 1, state: {} }]), room(owners), { maxIds: 1, maxRoomBytes: 1_000_000 })).toEqual({ kind: 'refuse', code: 'awareness_limit' });
  });

  it('keeps a departed id for its person; a removal echo claims nothing', () => {
    const owners = new AwarenessOwners();
    const first = conn('a');
    owners.claim(7, first);
    owners.release(first);
    expect(stampAwareness(conn('b'), parsed([{ clientId: 7, clock: 5, state: {} }]), room(owners), { maxIds: 4, maxRoomBytes: 1_000_000 }).kind).toBe('ignore');
    const sibling = conn('a');
    expect(stampAwareness(sibling, parsed([{ clientId: 7, clock: 5, state: null }]), room(owners), { maxIds: 4, maxRoomBytes: 1_000_000 }).kind).toBe('ignore');
    expect(sibling.awarenessIds.size).toBe(0);
    expect(stampAwareness(sibling, parsed([{ clientId: 7, clock: 5, state: {} }]), room(owners), { maxIds: 4, maxRoomBytes: 1_000_000 }).kind).toBe('apply');
    expect(owners.get(7)?.conn).toBe(sibling);
  });

  it('drops growth past the room’s presence cap without refusing; shrinking still applies', () => {
    const owners = new AwarenessOwners();
    const c = conn('a');
    owners.claim(3, c);
    const full = room(owners, { sizes: new Map([[3, 900]]), bytes: 900 });
    const limits = { maxIds: 4, maxRoomBytes: 1_000 };
    expect(stampAwareness(conn('b'), parsed([{ clientId: 9, clock: 1, state: { n: 1 } }]), full, limits).kind).toBe('ignore');
    expect(stampAwareness(c, parsed([{ clientId: 3, clock: 2, state: { n: 'x'.repeat(900) } }]), full, limits).kind).toBe('ignore');
    expect(stampAwareness(c, parsed([{ clientId: 3, clock: 2, state: { n: 1 } }]), full, limits).kind).toBe('apply');
  });

  it('forgets only the churning person’s oldest departed ids', () => {
    const owners = new AwarenessOwners();
    const steady = conn('a');
    owners.claim(1, steady);
    owners.release(steady);
    for (let i = 0; i < 500; i++) {
      const c = conn('b');
      owners.claim(1_000 + i, c);
      owners.release(c);
    }
    expect(owners.get(1)?.userKey).toBe('user:a');
    expect(owners.size).toBeLessThan(100);
  });
});
