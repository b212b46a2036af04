import { describe, expect, it } from 'vitest';
import { compareAnalyses, type CompareInput } from '../../shared/domain/cycle-doc/compare.ts';
import type { Observation } from '../../shared/domain/cycle-doc/observations.ts';
import { formatTimeRef, groupByRecording, mediaLabelsOf, soleMediaId } from '../../shared/domain/cycle-doc/recording-refs.ts';
import { timeRefLabel } from '../../client/features/room/mediaLabels.ts';

let n = 0;
function obs(analyst: string, mediaId: string | null, start: number): CompareInput {
  const observation: Observation = {
    id: `o${++n}`, mediaId, start, end: null, author: analyst, authorName: analyst, themes: ['echtheid'],
    kind: 'observation', valence: 'neutral', text: '', createdAt: 0, origin: null, replies: [],
  };
  return { analyst, observation };
}

const labels = mediaLabelsOf([
  { label: 'video 1', fileIds: ['m1'] },
  { label: 'video 2', fileIds: ['m2a', 'm2b'] },
]);

describe('TIMECODE-1 a time code names its recording (and file)', () => {
  it('labels files per recording, with parts where a recording has several', () => {
    expect([...labels]).toEqual([['m1', 'video 1'], ['m2a', 'video 2 · deel 1'], ['m2b', 'video 2 · deel 2']]);
    expect(formatTimeRef(labels, 'm1', 360)).toBe('video 1 · 06:00');
    expect(formatTimeRef(labels, 'm2b', 360, 390)).toBe('video 2 · deel 2 · 06:00–06:30');
  });

  it('lists show the time alone only when there is one file and the code is on it', () => {
    const single = mediaLabelsOf([{ label: 'video 1', fileIds: ['m1'] }]);
    expect(timeRefLabel(single, 'm1', 61)).toBe('01:01');
    expect(timeRefLabel(single, null, 61)).toBe('opname onbekend · 01:01');
    expect(timeRefLabel(labels, 'm1', 61)).toBe('video 1 · 01:01');
    expect(timeRefLabel(labels, 'gone', 61)).toBe('verwijderde opname · 01:01');
    // Before the recordings are known, the time alone (never "verwijderde opname").
    expect(timeRefLabel(new Map(), 'm1', 61, 70)).toBe('01:01–01:10');
  });
});

describe('FRAGMENT-3 fragments are listed per recording', () => {
  it('groups per recording in recording order, unassigned last', () => {
    const groups = groupByRecording([{ mediaId: null }, { mediaId: 'm2a' }, { mediaId: 'm1' }, { mediaId: 'm1' }], labels);
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([['video 1', 2], ['video 2 · deel 1', 1], ['opname onbekend', 1]]);
  });
});

describe('TIMECODE-2 Vergelijk matches only within one recording', () => {
  it('video 1 at 1:00 and video 2 at 1:01 are no agreement', () => {
    const r = compareAnalyses([obs('A', 'm1', 60), obs('B', 'm2a', 61)], 5);
    expect(r.overlaps).toHaveLength(0);
    expect(r.themes[0]!.agreement).toBe(0);
  });

  it('the same moment of the same recording is', () => {
    const r = compareAnalyses([obs('A', 'm1', 60), obs('B', 'm1', 61), obs('C', 'm2a', 60)], 5);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]!.mediaId).toBe('m1');
    expect(r.overlaps[0]!.analysts).toEqual(['A', 'B']);
  });

  it('an unassigned code never agrees with an assigned one', () => {
    expect(compareAnalyses([obs('A', null, 60), obs('B', 'm1', 60)], 5).overlaps).toHaveLength(0);
  });
});

describe('TIMECODE-5 which file old time codes belong to', () => {
  it('only a cycle with exactly one recording of exactly one file answers', () => {
    expect(soleMediaId([{ label: 'video 1', fileIds: ['m1'] }])).toBe('m1');
    expect(soleMediaId([])).toBeNull();
    expect(soleMediaId([{ label: 'video 1', fileIds: ['m1'] }, { label: 'video 2', fileIds: ['m2'] }])).toBeNull();
    expect(soleMediaId([{ label: 'video 1', fileIds: ['a', 'b'] }])).toBeNull();
  });
});
