import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addAgendaItem, agendaOf, listAgenda } from '../../shared/domain/cycle-doc/agenda.ts';
import { addFragment, fragmentsOf, listFragments } from '../../shared/domain/cycle-doc/fragments.ts';
import { addFeedbackPoint, feedbackPointsOf, listFeedbackPoints } from '../../shared/domain/cycle-doc/interview.ts';
import { docKeys, interviewDocName, layerDocName, sharedWorksheetDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { addCoreMoment, coreReflectionOf, readCoreReflection } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { listSlim, slimOf, startSlim, updateSlim } from '../../shared/domain/cycle-doc/slim.ts';
import { addObservation, listObservations, observationsOf, publishedOf } from '../../shared/domain/cycle-doc/observations.ts';
import { noConsent } from '../../shared/domain/consent.ts';
import { addSighting, addFocusTheme, readWorksheet, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import { fragmentRefName } from '../../shared/editor/names.ts';
import { clientSessionHeader } from '../../shared/portal/code.ts';
import type { ClientCodeResponse, ErasureReceipt } from '../../shared/portal/protocol.ts';
import { erasedQuotePlaceholder } from '../../shared/portal/receipt-text.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { listFiles, readFixture } from '../helpers/media.ts';
import { storedHolding } from '../helpers/test-sql.ts';

/**
 * PORTAL-6 "Erase everything that quotes the client": a canary in each part (transcript, shared
 * observation and its reply, a published copy, an analyst's private layer, an interview feedback
 * point and its paraphrase, the interview notes, the feedback passed on to the cycle, a fragment's
 * name, agenda items on that fragment or from that observation, a report paragraph that refers to
 * the recording and the name in its reference, a SLIM analysis resting on that fragment, a core
 * question's moment, and the live copy of a shared werkblad). After the
 * client's complete withdrawal with that choice, no canary is left anywhere in the SQLite files or
 * the data directory; time codes and themes stay; another recording's notes are untouched.
 */
let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const parts = [
  'transcript', 'observation', 'reply', 'published', 'layer', 'feedback', 'paraphrase', 'interviewNotes', 'passedOn',
  'fragmentLabel', 'agendaItem', 'agendaFromObservation', 'report', 'reportRefLabel', 'sighting', 'linkLabel',
  'coreMoment', 'slimNote', 'slimSelfImage',
] as const;

/** A report paragraph: text, a reference to a stretch of a recording, more text. */
function reportParagraph(before: string, ref: { mediaId: string; start: number; end: number; label: string; theme: string }, after: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const node = new Y.XmlElement(fragmentRefName);
  for (const [k, v] of Object.entries(ref)) node.setAttribute(k, v as never);
  p.insert(0, [new Y.XmlText(before), node, new Y.XmlText(after)]);
  return p;
}
const canaryOf = (part: string) => `QUOTE-CANARY-${part}-5e0c9a`;

async function call<T = unknown>(role: Role, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

async function newRecording(): Promise<{ recordingId: string; mediaId: string }> {
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data: readFixture('mp4') });
  const decisions = { ...noConsent(), own: true, researchers: true, clientInterview: true };
  const res = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent`, {
    decisions,
    clientSignedOn: new Date().toISOString().slice(0, 10),
    managerSignedOn: new Date().toISOString().slice(0, 10),
    recordedBy: 'Klantmanager',
    retentionUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(res.status).toBe(200);
  return { recordingId: row.recording_id, mediaId: row.id };
}

const onDisk = async (needle: string): Promise<string[]> => {
  await fx.app.repos.media.checkpoint();
  const files = listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(Buffer.from(needle)));
  return [...files, ...(await storedHolding(fx.app.config, Buffer.from(needle)))];
};

describe('PORTAL-6 complete withdrawal, erasing everything that quotes the client', () => {
  it('leaves no canary in any part, keeps time codes and themes, and leaves another recording alone', async () => {
    const { recordingId, mediaId } = await newRecording();
    const other = await newRecording();
    const vtt = `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Cliënt>${canaryOf('transcript')}</v>\n`;
    const imported = await call('owner', 'PUT', `/api/media/${mediaId}/transcript`, {
      data: Buffer.from(vtt).toString('base64'),
      speakers: [{ name: 'Cliënt', role: 'client', pseudonym: null }],
    });
    expect(imported.status).toBe(200);

    const researcher = fx.userIds.researcher;
    const observation = (text: string, media: string) => ({ author: researcher, authorName: 'Onderzoeker', start: 42, end: 50, mediaId: media, themes: ['echtheid' as const], kind: 'observation' as const, valence: 'neutral' as const, text });
    let sharedId = '';
    await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => {
      sharedId = addObservation(observationsOf(doc), observation(canaryOf('observation'), mediaId));
      (observationsOf(doc).get(sharedId)!.get('replies') as Y.Array<unknown>).push([{ id: 'r1', author: researcher, authorName: 'Onderzoeker', text: canaryOf('reply'), at: 1 }]);
      addObservation(publishedOf(doc, researcher), observation(canaryOf('published'), mediaId));
      addObservation(observationsOf(doc), observation('ANDERE-OPNAME-BLIJFT', other.mediaId));
      const passed = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ text: canaryOf('passedOn'), mode: 'doorgeven', questionId: null, order: 1, passedOnAt: 1 })) passed.set(k, v);
      doc.getMap(docKeys.clientFeedback).set('fp1', passed);
      // The fragment, the agenda items that discuss it (or the observation), the report that cites it; and the other recording's.
      const fragment = addFragment(fragmentsOf(doc), { mediaId, start: 40, end: 55, label: canaryOf('fragmentLabel'), theme: 'echtheid', createdBy: researcher });
      const otherFragment = addFragment(fragmentsOf(doc), { mediaId: other.mediaId, start: 1, end: 2, label: 'ANDER-FRAGMENT-BLIJFT', createdBy: researcher });
      addAgendaItem(agendaOf(doc), { section: 'fragmenten', text: canaryOf('agendaItem'), fragmentIds: [fragment] });
      // A SLIM analysis resting on that fragment, in the client's words; another on the other recording.
      const slim = startSlim(slimOf(doc), researcher, 'Onderzoeker');
      updateSlim(slimOf(doc), slim, { selfImage: 'anders', selfImageOther: canaryOf('slimSelfImage'), note: canaryOf('slimNote'), evidence: [fragment] });
      const otherSlim = startSlim(slimOf(doc), fx.userIds.owner, 'Klantmanager');
      updateSlim(slimOf(doc), otherSlim, { note: 'ANDERE-SLIM-BLIJFT', evidence: [otherFragment] });
      addAgendaItem(agendaOf(doc), { section: 'echtheid', text: canaryOf('agendaFromObservation'), source: { kind: 'observation', id: sharedId } });
      addAgendaItem(agendaOf(doc), { section: 'fragmenten', text: 'ANDER-AGENDAPUNT-BLIJFT', fragmentIds: [otherFragment] });
      doc.getXmlFragment(docKeys.report).insert(0, [
        reportParagraph('Zie ', { mediaId, start: 40, end: 55, label: canaryOf('reportRefLabel'), theme: 'echtheid' }, canaryOf('report')),
        reportParagraph('Elders ', { mediaId: other.mediaId, start: 1, end: 2, label: 'ANDERE-VERWIJZING', theme: 'doel' }, 'ANDERE-ALINEA-BLIJFT'),
      ]);
    });
    await fx.app.collab.withDoc(layerDocName(fx.cycleId, researcher), (doc) => {
      addObservation(observationsOf(doc), observation(canaryOf('layer'), mediaId));
    });
    // The klantmanager's werkblad: what they saw in this recording, and in the other one.
    await fx.app.collab.withDoc(layerDocName(fx.cycleId, fx.userIds.owner), (doc) => {
      const sheet = worksheetOf(doc);
      expect(addFocusTheme(sheet, 'echtheid')).toBe(true);
      addSighting(sheet, 'echtheid', { at: 44, text: canaryOf('sighting'), mediaId });
      addSighting(sheet, 'echtheid', { at: 3, text: 'ANDERE-WAARNEMING-BLIJFT', mediaId: other.mediaId });
      addCoreMoment(coreReflectionOf(doc), 'echtheid', { at: 45, text: canaryOf('coreMoment'), mediaId });
      addCoreMoment(coreReflectionOf(doc), 'echtheid', { at: 4, text: 'ANDER-MOMENT-BLIJFT', mediaId: other.mediaId });
    });
    // …shared with the researcher: a live copy of it holds the sighting and the moment too (SELF-4).
    await fx.app.repos.worksheetShares.replace(fx.cycleId, fx.userIds.owner, [researcher]);
    await fx.app.sharedWorksheets.refresh(fx.cycleId, fx.userIds.owner);
    await fx.app.collab.withDoc(interviewDocName(fx.cycleId), (doc) => {
      addFeedbackPoint(feedbackPointsOf(doc), { text: canaryOf('feedback'), paraphrase: canaryOf('paraphrase'), createdBy: researcher });
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(canaryOf('interviewNotes'))]);
      doc.getXmlFragment(docKeys.interviewReport).insert(0, [p]);
    });
    // A link for the client interview keeps the fragment's name too.
    await fx.app.repos.fragmentLinks.create({
      cycleId: fx.cycleId,
      createdBy: researcher,
      ttlMs: 3_600_000,
      fragments: [{ mediaId, recordingId, start: 40, end: 55, label: canaryOf('linkLabel') }, { mediaId: other.mediaId, recordingId: other.recordingId, start: 1, end: 2, label: 'ANDERE-LINK-BLIJFT' }],
    });
    // Every canary is really stored before (transcript in the database, notes in the update log).
    for (const part of parts) expect(await onDisk(canaryOf(part)), part).not.toEqual([]);

    const code = await call<ClientCodeResponse>('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/client-code`);
    const login = await fx.app.inject({ method: 'POST', url: '/api/client/session', payload: { code: code.body.code } });
    const token = login.json<{ token: string }>().token;
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/client/withdraw',
      headers: { [clientSessionHeader]: token, 'content-type': 'application/json' },
      payload: JSON.stringify({ all: true, scope: 'everything' }),
    });
    expect(res.statusCode).toBe(200);
    const receipt = res.json<{ receipt: ErasureReceipt }>().receipt;
    expect(receipt.scope).toBe('everything');
    expect(receipt.erased.map((e) => e.part)).toEqual(['media', 'key', 'transcript', 'notes']);
    expect(receipt.erased.find((e) => e.part === 'notes')!.count).toBeGreaterThanOrEqual(10);
    expect(receipt.remains.join(' ')).toContain('tijdstippen en thema’s');

    for (const part of parts) expect(await onDisk(canaryOf(part)), part).toEqual([]);

    // What stays: the placeholder with its time codes and themes; another recording's note.
    const shared = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    const obs = listObservations(observationsOf(shared));
    expect(obs.find((o) => o.id === sharedId)).toMatchObject({ text: erasedQuotePlaceholder, start: 42, end: 50, themes: ['echtheid'], replies: [] });
    expect(obs.some((o) => o.text === 'ANDERE-OPNAME-BLIJFT')).toBe(true);
    const interview = await fx.app.collab.readDoc(interviewDocName(fx.cycleId));
    expect(listFeedbackPoints(feedbackPointsOf(interview))[0]).toMatchObject({ text: erasedQuotePlaceholder, paraphrase: erasedQuotePlaceholder });
    expect(interview.getXmlFragment(docKeys.interviewReport).toString()).toContain(erasedQuotePlaceholder);
    // The fragment keeps its times and theme; the agenda keeps its items in their sections; the
    // report keeps the reference as a time code (with theme) beside the placeholder.
    const fragments = listFragments(fragmentsOf(shared));
    expect(fragments.find((f) => f.mediaId === mediaId)).toMatchObject({ label: erasedQuotePlaceholder, start: 40, end: 55, theme: 'echtheid' });
    expect(fragments.find((f) => f.mediaId === other.mediaId)?.label).toBe('ANDER-FRAGMENT-BLIJFT');
    const agenda = listAgenda(agendaOf(shared));
    expect(agenda.filter((i) => i.text === erasedQuotePlaceholder).map((i) => i.section).sort()).toEqual(['echtheid', 'fragmenten']);
    expect(agenda.some((i) => i.text === 'ANDER-AGENDAPUNT-BLIJFT')).toBe(true);
    const [cited, elsewhere] = shared.getXmlFragment(docKeys.report).toArray() as Y.XmlElement[];
    expect(cited!.toString()).toContain(erasedQuotePlaceholder);
    const ref = cited!.toArray().find((k) => k instanceof Y.XmlElement) as Y.XmlElement;
    expect(ref.getAttributes()).toMatchObject({ mediaId, start: 40, end: 55, label: '', theme: 'echtheid' });
    expect(elsewhere!.toString()).toContain('ANDERE-ALINEA-BLIJFT');
    expect(elsewhere!.toString()).toContain('ANDERE-VERWIJZING');
    const sheet = readWorksheet(worksheetOf(await fx.app.collab.readDoc(layerDocName(fx.cycleId, fx.userIds.owner))));
    const seen = sheet.entries.flatMap((e) => e.seen);
    expect(seen.find((x) => x.at === 44)?.text).toBe(erasedQuotePlaceholder);
    expect(seen.find((x) => x.at === 3)?.text).toBe('ANDERE-WAARNEMING-BLIJFT');
    expect((await fx.app.repos.fragmentLinks.ofCycle(fx.cycleId))[0]!.fragments.map((f) => f.label)).toEqual([erasedQuotePlaceholder, 'ANDERE-LINK-BLIJFT']);
    const moments = readCoreReflection(coreReflectionOf(await fx.app.collab.readDoc(layerDocName(fx.cycleId, fx.userIds.owner)))).flatMap((a) => a.moments);
    expect(moments.find((m) => m.at === 45)).toMatchObject({ text: erasedQuotePlaceholder, mediaId });
    expect(moments.find((m) => m.at === 4)?.text).toBe('ANDER-MOMENT-BLIJFT');
    const slims = listSlim(slimOf(shared));
    expect(slims.find((e) => e.author === researcher)).toMatchObject({ note: erasedQuotePlaceholder, selfImageOther: erasedQuotePlaceholder, selfImage: 'anders' });
    expect(slims.find((e) => e.author === fx.userIds.owner)?.note).toBe('ANDERE-SLIM-BLIJFT');
    // The researcher's copy of the werkblad shows the placeholder and keeps the other recording's texts.
    const copy = JSON.stringify((await fx.app.collab.readDoc(sharedWorksheetDocName(fx.cycleId, fx.userIds.owner))).getMap(docKeys.sharedWorksheet).toJSON());
    expect(copy).toContain('ANDERE-WAARNEMING-BLIJFT');
    expect(copy).toContain('ANDER-MOMENT-BLIJFT');
  });

  it('the owner gets the same choice; without it the notes stay', async () => {
    const { recordingId, mediaId } = await newRecording();
    let id = '';
    await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => {
      id = addObservation(observationsOf(doc), { author: fx.userIds.owner, authorName: 'Klantmanager', start: 7, mediaId, themes: [], kind: 'observation', valence: 'neutral', text: 'BLIJFT-STAAN' });
    });
    expect((await call('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/withdraw`, { all: true })).status).toBe(200);
    let doc = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    expect(listObservations(observationsOf(doc)).find((o) => o.id === id)?.text).toBe('BLIJFT-STAAN');
    expect(await fx.app.repos.portal.receiptsOf(recordingId)).toHaveLength(1);

    const second = await newRecording();
    await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (d) => {
      id = addObservation(observationsOf(d), { author: fx.userIds.owner, authorName: 'Klantmanager', start: 9, mediaId: second.mediaId, themes: [], kind: 'observation', valence: 'neutral', text: 'WORDT-GEWIST' });
    });
    const res = await call('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${second.recordingId}/consent/withdraw`, { all: true, scope: 'everything' });
    expect(res.status).toBe(200);
    doc = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    expect(listObservations(observationsOf(doc)).find((o) => o.id === id)?.text).toBe(erasedQuotePlaceholder);
    expect(await onDisk('WORDT-GEWIST')).toEqual([]);
  });
});
