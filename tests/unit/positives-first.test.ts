import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addAgendaItem,
  addObservation,
  agendaOf,
  analysisObservations,
  groupAgenda,
  listAgenda,
  observationsOf,
  positivesFirst,
  publishedOf,
} from '../../shared/domain/cycle-doc/index.ts';

const item = (id: string, valence: 'positive' | 'neutral' | 'concern', start: number, mediaId: string | null = 'm1') => ({ id, valence, start, mediaId });

describe('POSITIVE-1 what goes well comes first where the method reads observations out', () => {
  it('orders by valence (positief, opvallend, mogelijk onbedoeld gevolg), then recording, then time', () => {
    const list = [
      item('c1', 'concern', 10),
      item('n1', 'neutral', 5),
      item('p2', 'positive', 300),
      item('p3', 'positive', 20, 'm2'),
      item('p1', 'positive', 30),
      item('u1', 'positive', 1, null),
    ];
    expect(positivesFirst(list, ['m1', 'm2']).map((i) => i.id)).toEqual(['p1', 'p2', 'p3', 'u1', 'n1', 'c1']);
  });

  it('the agenda sources list positive observations first, each group in time order', () => {
    const doc = new Y.Doc();
    const base = { author: 'u1', authorName: 'Onderzoeker', kind: 'observation' as const, themes: [], mediaId: 'm1' };
    addObservation(observationsOf(doc), { ...base, start: 5, valence: 'concern', text: 'vroeg, onbedoeld gevolg' });
    addObservation(observationsOf(doc), { ...base, start: 50, valence: 'positive', text: 'laat, goed' });
    addObservation(publishedOf(doc, 'u2'), { ...base, start: 10, valence: 'positive', text: 'vroeg, goed' });
    addObservation(observationsOf(doc), { ...base, start: 1, valence: 'neutral', text: 'opvallend' });
    expect(analysisObservations(doc).map((o) => o.text)).toEqual(['vroeg, goed', 'laat, goed', 'opvallend', 'vroeg, onbedoeld gevolg']);
  });
});

describe('POSITIVE-2 agenda items keep the valence of their source', () => {
  it('stores it, and a positive item goes before the section’s other items (after earlier positive ones)', () => {
    const doc = new Y.Doc();
    const map = agendaOf(doc);
    addAgendaItem(map, { section: 'echtheid', text: 'zorgpunt', valence: 'concern' });
    addAgendaItem(map, { section: 'echtheid', text: 'getypt' });
    addAgendaItem(map, { section: 'echtheid', text: 'goed 1', valence: 'positive' });
    addAgendaItem(map, { section: 'echtheid', text: 'goed 2', valence: 'positive' });
    addAgendaItem(map, { section: 'open', text: 'elders', valence: 'positive' });
    const echtheid = groupAgenda(listAgenda(map)).echtheid;
    expect(echtheid.map((i) => [i.text, i.valence])).toEqual([
      ['goed 1', 'positive'],
      ['goed 2', 'positive'],
      ['zorgpunt', 'concern'],
      ['getypt', null],
    ]);
  });
});
