import { describe, expect, it } from 'vitest';
import { SeqChain } from '../../server/collab/fanout/chain.ts';
import { decodeDocMessage, encodeDocMessage } from '../../server/collab/fanout/wire.ts';

const u = (n: number) => new Uint8Array([n]);
const link = (prevSeq: number, seq: number, own = false) => ({ prevSeq, seq, update: own ? null : u(seq) });

describe('SCALE-3 the chain of committed entries a process holds', () => {
  it('applies links in commit order even when they arrive out of order, and skips its own', () => {
    const chain = new SeqChain(10);
    expect(chain.offer(link(12, 15))).toEqual([]);
    expect(chain.hasGap).toBe(true);
    // Its own commit (already in the room) fills part of the gap, the missing one the rest.
    expect(chain.offer(link(11, 12, true))).toEqual([]);
    expect(chain.offer(link(10, 11))).toEqual([u(11), u(15)]);
    expect(chain.last).toBe(15);
    expect(chain.hasGap).toBe(false);
    // Duplicates and what a catch-up already brought are ignored.
    expect(chain.offer(link(10, 11))).toEqual([]);
  });

  it('a catch-up from the database closes a gap pub/sub never fills', () => {
    const chain = new SeqChain(3);
    chain.offer(link(5, 6));
    chain.offer(link(8, 9));
    expect(chain.hasGap).toBe(true);
    // The database had everything up to 8: 6 is covered, 9 follows on.
    expect(chain.advanceTo(8)).toEqual([u(9)]);
    expect(chain.last).toBe(9);
    expect(chain.hasGap).toBe(false);
    expect(chain.advanceTo(4)).toEqual([]);
    expect(chain.last).toBe(9);
  });

  it('messages survive the wire and refuse garbage', () => {
    const msg = { kind: 'updates', from: 'p1', links: [{ prevSeq: 2 ** 40, seq: 2 ** 40 + 1, update: u(7) }] } as const;
    expect(decodeDocMessage(encodeDocMessage(msg))).toEqual(msg);
    expect(decodeDocMessage(encodeDocMessage({ kind: 'awarenessQuery', from: 'p2' }))).toEqual({ kind: 'awarenessQuery', from: 'p2' });
    expect(decodeDocMessage(encodeDocMessage({ kind: 'resync', from: 'p3' }))).toEqual({ kind: 'resync', from: 'p3' });
    expect(() => decodeDocMessage(new Uint8Array([9, 1, 65]))).toThrow();
  });
});
