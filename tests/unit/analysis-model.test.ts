import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/domain/cycle-doc/observations.ts';
import { adoptedIds, applyFilter, authorsOf, observationMarkers, parseTimecode, timeLabel, unpublished } from '../../client/features/analysis/model.ts';

const obs = (id: string, over: Partial<Observation> = {}): Observation => ({
  id,
  mediaId: null,
  start: 0,
  end: null,
  author: 'u1',
  authorName: 'Ahmed',
  themes: ['echtheid'],
  kind: 'observation',
  valence: 'neutral',
  text: id,
  createdAt: 0,
  origin: null,
  replies: [],
  ...over,
});

describe('analysis screen helpers', () => {
  it('reads time codes the way people write them, and refuses the rest', () => {
    expect(parseTimecode('6:30')).toBe(390);
    expect(parseTimecode('06:30')).toBe(390);
    expect(parseTimecode(' 0:05 ')).toBe(5);
    expect(parseTimecode('1:02:03')).toBe(3723);
    expect(parseTimecode('95')).toBe(95);
    expect(parseTimecode('95,5')).toBe(95.5);
    expect(parseTimecode('6:75')).toBeNull();
    expect(parseTimecode('1:75:00')).toBeNull();
    expect(parseTimecode('zes uur')).toBeNull();
    expect(parseTimecode('')).toBeNull();
    expect(timeLabel({ start: 360, end: 390 })).toBe('06:00–06:30');
    expect(timeLabel({ start: 360, end: null })).toBe('06:00');
  });

  it('filters by theme, author and kind together', () => {
    const list = [
      obs('a', { themes: ['doel', 'agenda'] }),
      obs('b', { author: 'u2', authorName: 'Ineke', kind: 'questionForClient' }),
      obs('c', { author: 'u2', authorName: 'Ineke', themes: ['doel'] }),
    ];
    expect(applyFilter(list, { theme: 'doel', author: '', kind: '' }).map((o) => o.id)).toEqual(['a', 'c']);
    expect(applyFilter(list, { theme: 'doel', author: 'u2', kind: '' }).map((o) => o.id)).toEqual(['c']);
    expect(applyFilter(list, { theme: '', author: '', kind: 'questionForClient' }).map((o) => o.id)).toEqual(['b']);
    expect(authorsOf(list)).toEqual([{ id: 'u1', name: 'Ahmed' }, { id: 'u2', name: 'Ineke' }]);
  });

  it('knows what is published and what was taken over, by the id in the author’s layer', () => {
    const layer = [obs('x'), obs('y'), obs('z')];
    const published = [obs('p1', { origin: { layer: 'u1', id: 'x' } }), obs('p2', { origin: { layer: 'u1', id: 'y' } })];
    expect(unpublished(layer, published).map((o) => o.id)).toEqual(['z']);
    expect([...adoptedIds([obs('s1', { origin: { layer: 'u1', id: 'y' } }), obs('s2')])]).toEqual(['y', 's2']);
  });

  it('puts only observations of the file being watched on the timeline, in the first theme’s colour', () => {
    const list = [obs('a', { mediaId: 'm1', start: 5, themes: ['emotie', 'echtheid'] }), obs('b', { mediaId: 'm2' }), obs('c', { themes: [] })];
    const markers = observationMarkers(list, 'm1', 'l', 'observatie');
    expect(markers.map((m) => m.id)).toEqual(['l-a', 'l-c']);
    expect(markers[0]).toMatchObject({ kind: 'observation', start: 5, color: '#C2185B', label: '00:05 a' });
  });
});
