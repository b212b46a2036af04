import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem,
  addFeedbackPoint,
  addObservation,
  agendaBySource,
  agendaOf,
  analysisObservations,
  clientFeedbackOf,
  feedbackPointsOf,
  groupAgenda,
  interviewFragmentsOf,
  listAgenda,
  listClientFeedback,
  listFeedbackPoints,
  listInterviewFragmentIds,
  observationsOf,
  passOnFeedback,
  publishedOf,
  questionsForClient,
  setInterviewFragment,
  stepAgendaItem,
  withdrawFeedback,
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

  it('keeps feedback points in order and merges concurrent fragment choices for the interview', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addFeedbackPoint(feedbackPointsOf(a), { text: 'meer terugkoppeling', questionId: 'q1', createdBy: 'r1' });
    addFeedbackPoint(feedbackPointsOf(a), { text: 'niet het achterste van zijn tong', createdBy: 'r1' });
    setInterviewFragment(interviewFragmentsOf(a), 'f1', true);
    setInterviewFragment(interviewFragmentsOf(b), 'f2', true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listFeedbackPoints(feedbackPointsOf(b)).map((f) => [f.text, f.questionId, f.decision])).toEqual([
      ['meer terugkoppeling', 'q1', null],
      ['niet het achterste van zijn tong', null, null],
    ]);
    expect(listInterviewFragmentIds(interviewFragmentsOf(a))).toEqual(['f1', 'f2']);
    setInterviewFragment(interviewFragmentsOf(a), 'f1', false);
    expect(listInterviewFragmentIds(interviewFragmentsOf(a))).toEqual(['f2']);
  });

  it('DOCACCESS-4 passes a point on as said or only as its paraphrase, and ignores old unpassed notes', () => {
    const interview = new Y.Doc();
    const shared = new Y.Doc();
    const points = feedbackPointsOf(interview);
    addFeedbackPoint(points, { text: '„ze luistert nooit”', paraphrase: 'De cliënt voelt zich niet altijd gehoord.', createdBy: 'r1' });
    const [point] = listFeedbackPoints(points);
    const copies = clientFeedbackOf(shared);
    passOnFeedback(copies, point!, 'doorgeven', 1);
    expect(listClientFeedback(copies).map((f) => [f.text, f.mode])).toEqual([['„ze luistert nooit”', 'doorgeven']]);
    passOnFeedback(copies, point!, 'zonderCitaat', 2);
    expect(listClientFeedback(copies).map((f) => [f.text, f.mode])).toEqual([['De cliënt voelt zich niet altijd gehoord.', 'zonderCitaat']]);
    expect(JSON.stringify(shared.toJSON())).not.toContain('luistert nooit');
    expect(passOnFeedback(copies, { ...point!, paraphrase: ' ' }, 'zonderCitaat', 3)).toBeNull();
    withdrawFeedback(copies, point!.id);
    expect(listClientFeedback(copies)).toEqual([]);
    // A note written into the shared document before the interview had its own is not read.
    const old = new Y.Map<unknown>();
    old.set('text', 'oude notitie');
    old.set('order', 1);
    copies.set('old', old);
    expect(listClientFeedback(copies)).toEqual([]);
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
