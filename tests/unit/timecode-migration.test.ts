import { describe, expect, it } from 'vitest';
import { durationPicker } from '../../server/collab/doc-migrations.ts';

const file = (id: string, minutes: number | null, status = 'ready') => ({ id, status, durationMs: minutes === null ? null : minutes * 60_000 });

describe('TIMECODE-6 an old time code is assigned only where the files tell', () => {
  it('one file takes every code; several files only the codes one alone is long enough for', () => {
    expect(durationPicker([[file('a', null)]])!(9_999, null)).toBe('a');
    // Two recordings of 10 and 30 minutes; or one recording in two parts: the same rule.
    for (const recs of [[[file('a', 10)], [file('b', 30)]], [[file('a', 10), file('b', 30)]]]) {
      const pick = durationPicker(recs)!;
      expect(pick(20 * 60, null)).toBe('b');
      expect(pick(5 * 60, null)).toBeNull();
      // A range counts by its end: 9:00–11:00 fits only the longer file.
      expect(pick(9 * 60, 11 * 60)).toBe('b');
      expect(pick(40 * 60, null)).toBeNull();
    }
  });

  it('nothing is guessed when a file’s length is unknown, a file was erased, or there is no file', () => {
    expect(durationPicker([[file('a', 10)], [file('b', null)]])).toBeNull();
    expect(durationPicker([[file('a', 10)], [file('b', 30, 'erased')]])).toBeNull();
    expect(durationPicker([[file('a', 10)], []])).toBeNull();
    expect(durationPicker([])).toBeNull();
    // An upload that never finished never played: it holds no time code.
    expect(durationPicker([[file('a', 10), file('b', null, 'uploading')]])!(5, null)).toBe('a');
  });
});
