import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem,
  addClientFeedback,
  addObservation,
  agendaBySource,
  agendaOf,
  analysisObservations,
  clientFeedbackOf,
  groupAgenda,
  interviewFragmentsOf,
  listAgenda,
  listClientFeedback,
  listInterviewFragmentIds,
  observationsOf,
  publishedOf,
  questionsForClient,
  setInterviewFragment,
  stepAgendaItem,
  suggestedSection,
} from '../../shared/domain/cycle-doc/index.ts';
import { matchRoute, paths, safeReturnPath } from '../../client/routing/router.ts';

const obs = { author: 'u1', authorName: 'Onderzoeker', valence: 'neutral' as const, themes: [], text: 'x' };

describe('reflection model (agenda steps, pillars, interview)', () => {
  it('AGENDA-1 steps items up and down, crossing into the neighbouring section at the edges', () => {
    const map = agendaOf(new Y.Doc());
    const a = addAgendaItem(map, { section: 'open', text: 'a' });
    const b = addAgendaItem(map, { section: 'open', text: 'b' });
    const c = addAgendaItem(map, { section: 'echtheid', text: 'c' });
    const order = () => Object.entries(groupAgenda(listAgenda(map))).flatMap(([s, items]) => items.map((i) => `${s}:${i.text}`));

    expect(stepAgendaItem(map, b, -1)).toBe(true);
    expect(order()).toEqual(['open:b', 'open:a', 'echtheid:c']);
    expect(stepAgendaItem(map, b, -1)).toBe(false);
    expect(stepAgendaItem(map, a, 1)).toBe(true);
    expect(order()).toEqual(['open:b', 'echtheid:a', 'echtheid:c']);
    expect(stepAgendaItem(map, c, -1)).toBe(true);
    expect(order()).toEqual(['open:b', 'echtheid:c', 'echtheid:a']);
    expect(stepAgendaItem(map, c, -1)).toBe(true);
    expect(order()).toEqual(['open:b', 'open:c', 'echtheid:a']);
    // Down from the last section's last item: nowhere to go.
    const z = addAgendaItem(map, { section: 'fragmenten', text: 'z' });
    expect(stepAgendaItem(map, z, 1)).toBe(false);
  });

  it('combines shared and published observations once, and picks out questions for the client', () => {
    const doc = new Y.Doc();
    const shared = observationsOf(doc);
    const layer = publishedOf(doc, 'u2');
    const published = addObservation(layer, { ...obs, start: 40, kind: 'questionForClient', text: 'voelde je je gehoord?' });
    addObservation(layer, { ...obs, start: 10, kind: 'observation', text: 'alleen gepubliceerd' });
    // Adopted into the shared list: the published original must not show twice.
    addObservation(shared, { ...obs, start: 40, kind: 'questionForClient', text: 'voelde je je gehoord?', origin: { layer: 'u2', id: published } });
    addObservation(shared, { ...obs, start: 5, kind: 'touchpoint', valence: 'positive', text: 'raakmoment' });

    const all = analysisObservations(doc);
    expect(all.map((o) => [o.start, o.text])).toEqual([
      [5, 'raakmoment'],
      [10, 'alleen gepubliceerd'],
      [40, 'voelde je je gehoord?'],
    ]);
    expect(questionsForClient(all).map((o) => o.text)).toEqual(['voelde je je gehoord?']);
  });

  it('suggests the agenda section from themes and kind', () => {
    expect(suggestedSection({ themes: ['echtheid'], kind: 'observation' })).toBe('echtheid');
    expect(suggestedSection({ themes: ['agenda'], kind: 'observation' })).toBe('doel');
    expect(suggestedSection({ themes: ['interventielogica'], kind: 'tip' })).toBe('interventielogica');
    expect(suggestedSection({ themes: [], kind: 'questionForProfessional' })).toBe('open');
    expect(suggestedSection({ themes: ['emotie'], kind: 'observation' })).toBe('fragmenten');
  });

  it('keeps client feedback in order and merges concurrent fragment choices for the interview', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addClientFeedback(clientFeedbackOf(a), { text: 'meer terugkoppeling', questionId: 'q1' });
    addClientFeedback(clientFeedbackOf(a), { text: 'niet het achterste van zijn tong' });
    setInterviewFragment(interviewFragmentsOf(a), 'f1', true);
    setInterviewFragment(interviewFragmentsOf(b), 'f2', true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listClientFeedback(clientFeedbackOf(b)).map((f) => [f.text, f.questionId])).toEqual([
      ['meer terugkoppeling', 'q1'],
      ['niet het achterste van zijn tong', null],
    ]);
    expect(listInterviewFragmentIds(interviewFragmentsOf(a))).toEqual(['f1', 'f2']);
    setInterviewFragment(interviewFragmentsOf(a), 'f1', false);
    expect(listInterviewFragmentIds(interviewFragmentsOf(a))).toEqual(['f2']);
  });

  it('maps sources to the agenda item made from them', () => {
    const map = agendaOf(new Y.Doc());
    const id = addAgendaItem(map, { section: 'open', text: 'twijfel', pillar: 'doubts', source: { kind: 'doubt', id: 'd1' } });
    addAgendaItem(map, { section: 'open', text: 'getypt' });
    const bySource = agendaBySource(listAgenda(map));
    expect(bySource.get('d1')?.id).toBe(id);
    expect(bySource.size).toBe(1);
  });
});

describe('reflection routes', () => {
  const id = '0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f';
  it('matches the print page and the leeragenda (own and shared)', () => {
    expect(matchRoute(paths.cyclePrint(id))).toEqual({ name: 'cyclePrint', cycleId: id });
    expect(matchRoute('/leeragenda')).toEqual({ name: 'leeragenda' });
    expect(matchRoute('/leeragenda/')).toEqual({ name: 'leeragenda' });
    expect(matchRoute(paths.leeragendaOf(id))).toEqual({ name: 'leeragendaOf', ownerId: id });
    expect(safeReturnPath(paths.leeragendaOf(id))).toBe(paths.leeragendaOf(id));
  });
  it('refuses malformed owner ids and deeper paths', () => {
    for (const path of ['/leeragenda/%E0%A4%A', '/leeragenda/x', `/leeragenda/${id}/meer`, `/cycli/${id}/afdrukken/x`]) {
      expect(matchRoute(path)).toEqual({ name: 'notFound' });
    }
  });
});
