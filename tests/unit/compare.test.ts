import { describe, expect, it } from 'vitest';
import { compareAnalyses, type CompareInput } from '../../shared/domain/cycle-doc/compare.ts';
import type { Observation } from '../../shared/domain/cycle-doc/observations.ts';
import type { ThemeId } from '../../shared/kijkwijzer/themes.ts';

let n = 0;
function obs(analyst: string, start: number, themes: ThemeId[], end: number | null = null): CompareInput {
  const observation: Observation = {
    id: `o${++n}`,
    mediaId: null,
    start,
    end,
    author: analyst,
    authorName: analyst,
    themes,
    kind: 'observation',
    valence: 'neutral',
    text: '',
    createdAt: 0,
    origin: null,
    replies: [],
  };
  return { analyst, observation };
}

describe('ANALYSE-1 overlap and agreement ("Vergelijk")', () => {
  it('matches moments within the tolerance that share a theme; not the same analyst', () => {
    const a1 = obs('A', 60, ['echtheid']);
    const b1 = obs('B', 63, ['echtheid', 'emotie']);
    const a2 = obs('A', 62, ['echtheid']); // same analyst as a1: no overlap between a1 and a2 by themselves
    const b2 = obs('B', 300, ['doel']);
    const r = compareAnalyses([a1, b1, a2, b2], 5);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]!.members.map((m) => m.observation.id).sort()).toEqual([a1, b1, a2].map((m) => m.observation.id).sort());
    expect(r.singles.map((s) => s.observation.id)).toEqual([b2.observation.id]);
  });

  it('does not match moments further apart than the tolerance, or without a shared theme', () => {
    const r = compareAnalyses([obs('A', 10, ['feedback']), obs('B', 16, ['feedback']), obs('B', 11, ['doel'])], 5);
    expect(r.overlaps).toHaveLength(0);
    expect(r.singles).toHaveLength(3);
  });

  it('treats ranges by their distance, not their start', () => {
    const r = compareAnalyses([obs('A', 100, ['weerstand'], 130), obs('B', 128, ['weerstand'])], 1);
    expect(r.overlaps).toHaveLength(1);
  });

  it('computes agreement per theme as the share of observations with a counterpart', () => {
    const r = compareAnalyses(
      [obs('A', 10, ['emotie']), obs('B', 12, ['emotie']), obs('A', 50, ['emotie']), obs('A', 90, ['doel']), obs('B', 91, ['feedback'])],
      5,
    );
    const emotie = r.themes.find((t) => t.theme === 'emotie')!;
    expect(emotie).toMatchObject({ total: 3, matched: 2, counts: { A: 2, B: 1 } });
    expect(emotie.agreement).toBeCloseTo(2 / 3);
    expect(r.themes.find((t) => t.theme === 'doel')!.agreement).toBe(0);
  });

  it('clusters three analysts seeing one moment into one overlap', () => {
    const r = compareAnalyses([obs('A', 30, ['gedoe']), obs('B', 33, ['gedoe']), obs('C', 36, ['gedoe'])], 4);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]!.analysts).toEqual(['A', 'B', 'C']);
  });
});
