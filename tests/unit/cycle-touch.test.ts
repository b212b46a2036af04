import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CycleTouches } from '../../server/storage/cycle-touch.ts';

describe('CYCLE-1 "Laatst gewijzigd" is written at most once per cycle per minute', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the first change at once, later ones once at the end of the window with the last time', () => {
    const writes: [string, number][] = [];
    const touches = new CycleTouches((id, at) => writes.push([id, at]), 60_000);
    touches.changed('c1', 1_000);
    touches.changed('c1', 2_000);
    touches.changed('c1', 30_000);
    touches.changed('c2', 5_000);
    expect(writes).toEqual([['c1', 1_000], ['c2', 5_000]]);
    vi.advanceTimersByTime(60_000);
    expect(writes).toEqual([['c1', 1_000], ['c2', 5_000], ['c1', 30_000]]);
    // After a quiet minute the next change is written at once again.
    touches.changed('c1', 200_000);
    expect(writes.at(-1)).toEqual(['c1', 200_000]);
  });

  it('writes what is pending at shutdown', () => {
    const writes: [string, number][] = [];
    const touches = new CycleTouches((id, at) => writes.push([id, at]), 60_000);
    touches.changed('c1', 1_000);
    touches.changed('c1', 2_000);
    touches.close();
    expect(writes).toEqual([['c1', 1_000], ['c1', 2_000]]);
  });
});
