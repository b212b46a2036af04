import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem,
  addFragment,
  addObservation,
  addReply,
  agendaOf,
  copyObservations,
  formatRange,
  fragmentsOf,
  groupAgenda,
  listAgenda,
  listFragments,
  listObservations,
  moveAgendaItem,
  observationsOf,
  orderBetween,
  parseLayerDocName,
  layerDocName,
} from '../../shared/domain/cycle-doc/index.ts';

const base = { author: 'u1', authorName: 'Onderzoeker', kind: 'observation' as const, text: 'x' };

describe('cycle document model', () => {
  it('lists observations in time order, positive moments first at the same time', () => {
    const doc = new Y.Doc();
    const map = observationsOf(doc);
    addObservation(map, { ...base, start: 30, themes: ['feedback'], valence: 'concern' });
    addObservation(map, { ...base, start: 30, themes: ['emotie'], valence: 'positive' });
    addObservation(map, { ...base, start: 5, themes: ['doel'], valence: 'neutral' });
    expect(listObservations(map).map((o) => [o.start, o.valence])).toEqual([
      [5, 'neutral'],
      [30, 'positive'],
      [30, 'concern'],
    ]);
  });

  it('skips entries a peer wrote with invalid fields instead of failing', () => {
    const doc = new Y.Doc();
    const map = observationsOf(doc);
    const bad = new Y.Map<unknown>();
    bad.set('start', 'gisteren');
    map.set('kapot', bad);
    addObservation(map, { ...base, start: 1, themes: ['echtheid'], valence: 'neutral' });
    expect(listObservations(map)).toHaveLength(1);
  });

  it('keeps replies and copies observations once (publish / neem over)', () => {
    const layer = new Y.Doc();
    const shared = new Y.Doc();
    const id = addObservation(observationsOf(layer), { ...base, start: 12, themes: ['emotie'], valence: 'positive' });
    addReply(observationsOf(layer), id, { author: 'u2', authorName: 'Collega', text: 'Zie ik ook' });
    expect(listObservations(observationsOf(layer))[0]!.replies).toHaveLength(1);
    const from = listObservations(observationsOf(layer));
    expect(copyObservations(from, observationsOf(shared), 'u1')).toBe(1);
    expect(copyObservations(from, observationsOf(shared), 'u1')).toBe(0);
    expect(listObservations(observationsOf(shared))[0]!.origin).toEqual({ layer: 'u1', id });
  });

  it('orders fragments and formats them as the method writes them', () => {
    const doc = new Y.Doc();
    addFragment(fragmentsOf(doc), { mediaId: 'm', start: 390, end: 360, label: 'twijfel', createdBy: 'u1' });
    const [f] = listFragments(fragmentsOf(doc));
    expect([f!.start, f!.end]).toEqual([360, 390]);
    expect(formatRange(f!.start, f!.end)).toBe('06:00–06:30');
  });

  it('moves agenda items between and within sections', () => {
    const doc = new Y.Doc();
    const map = agendaOf(doc);
    const a = addAgendaItem(map, { section: 'open', text: 'A' });
    const b = addAgendaItem(map, { section: 'open', text: 'B' });
    const c = addAgendaItem(map, { section: 'echtheid', text: 'C' });
    moveAgendaItem(map, b, 'open', a);
    moveAgendaItem(map, c, 'open', null);
    expect(groupAgenda(listAgenda(map)).open.map((i) => i.text)).toEqual(['B', 'A', 'C']);
    expect(groupAgenda(listAgenda(map)).echtheid).toEqual([]);
  });

  it('computes orders between neighbours and parses layer document names', () => {
    expect(orderBetween(null, null)).toBe(1);
    expect(orderBetween(1, 2)).toBe(1.5);
    expect(orderBetween(null, 1)).toBe(0);
    const name = layerDocName('0f0e0d0c-0b0a-4000-8000-000000000001', '0f0e0d0c-0b0a-4000-8000-000000000002');
    expect(parseLayerDocName(name)).toEqual({ cycleId: '0f0e0d0c-0b0a-4000-8000-000000000001', userId: '0f0e0d0c-0b0a-4000-8000-000000000002' });
    expect(parseLayerDocName('cycle:abc')).toBeNull();
  });
});
