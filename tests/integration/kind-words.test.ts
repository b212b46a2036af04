import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgendaItem, agendaOf, addObservation, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import type { ExportModel } from '../../shared/protocol/export.ts';
import { PrintDocument } from '../../client/features/export/PrintPage.tsx';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

/**
 * KIND-3 over a real server and SQLite: a leidinggevende–collega cycle exported as Markdown,
 * DOCX and the print page (rendered from the same export model) never speaks of a client or a
 * klantmanager, while a conversation with a client still does.
 */
let fx: AccessFixture;
let headers: Record<string, string>;
let cycleId: string;
let recordingId: string;
const people = /cliënt|\bclient\b|klantmanager/i;

beforeAll(async () => {
  fx = await accessFixture();
  const { repos } = fx.app;
  // An owner whose own name says nothing about the kind (the fixture's owner is called "Klantmanager").
  const orgId = (await repos.users.get(fx.userIds.owner))!.org_id;
  const ownerId = (await repos.users.create({ orgId, email: 'lg@test.example', name: 'Anna de Vries', passwordHash: null, isAdmin: false })).id;
  const { token, row } = await repos.sessions.create(ownerId, Date.now());
  headers = { cookie: `${fx.app.sessionCookie.name}=${token}`, 'x-csrf-token': row.csrf_token };
  const res = await fx.app.inject({
    method: 'POST', url: '/api/cycles', headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify({ title: 'Beeldbellen met Jan', counterpart: 'collega B', kind: 'leidinggevende' }),
  });
  expect(res.statusCode).toBe(201);
  cycleId = res.json().cycle.id;
  await repos.cycles.addMember(cycleId, fx.userIds.researcher, 'researcher', ownerId);
  const recording = await repos.media.createRecording(cycleId, 'video 1', ownerId);
  recordingId = recording.id;
  await repos.media.addConsentEvent({
    recordingId: recording.id, actorId: ownerId, kind: 'recorded',
    decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: false },
    changed: ['own', 'researchers'],
  });
  // Both observation kinds that name the people, and agenda items from both pillars that do.
  await fx.app.collab.withDoc(cycleDocName(cycleId), (doc) => {
    const base = { themes: [], valence: 'neutral' as const, author: fx.userIds.researcher, authorName: 'Onderzoeker' };
    addObservation(observationsOf(doc), { ...base, start: 10, kind: 'questionForClient', text: 'Hoe voelde dit?' });
    addObservation(observationsOf(doc), { ...base, start: 20, kind: 'questionForProfessional', text: 'Wat was je bedoeling?' });
    addAgendaItem(agendaOf(doc), { section: 'open', text: 'Mijn twijfel', pillar: 'doubts' });
    addAgendaItem(agendaOf(doc), { section: 'open', text: 'Wat Jan zei', pillar: 'client' });
  });
});
afterAll(async () => fx.close());

const get = (url: string, h = headers) => fx.app.inject({ method: 'GET', url, headers: h });

describe('KIND-3 a leidinggevende–collega export speaks of a leidinggevende and a colleague', () => {
  it('Markdown: the report template, interview and feedback headings, roles and observation kinds', async () => {
    const md = (await get(`/api/cycles/${cycleId}/export.md`)).body;
    expect(md).not.toMatch(people);
    expect(md).toContain('## Terugblik van de collega');
    expect(md).toContain('## Feedback van de collega');
    expect(md).toContain('Anna de Vries (leidinggevende (eigenaar))');
    expect(md).toContain('vraag voor de collega');
    expect(md).toContain('vraag voor leidinggevende');
    expect(md).toContain('(Collega)');
    expect(md).toContain('III. Terugblik van de collega');
  });

  it('DOCX says the same', async () => {
    const res = await get(`/api/cycles/${cycleId}/export.docx`);
    const text = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!).replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(people);
    expect(text).toContain('Terugblik van de collega');
  });

  it('the print page, rendered from the export model the browser gets, says the same', async () => {
    const model = (await get(`/api/cycles/${cycleId}/export.json`)).json() as ExportModel;
    expect(JSON.stringify(model)).not.toMatch(people);
    const html = renderToStaticMarkup(createElement(PrintDocument, { cycleId, model }));
    expect(html).toContain('Terugblik van de collega');
    expect(html).toContain('Feedback van de collega');
    expect(html.replace(/<[^>]+>/g, ' ')).not.toMatch(people);
  });

  it('the folder, the consent form and the owner’s form page speak to a colleague', async () => {
    const url = `/api/cycles/${cycleId}/recordings/${recordingId}/client-code`;
    expect((await get(url)).json()).toMatchObject({ kind: 'leidinggevende' });
    const made = await fx.app.inject({ method: 'POST', url, headers });
    expect(made.statusCode).toBeLessThan(300);
    const form = made.json().form as { uses: { use: string }[]; signatures: { role: string }[] };
    // (The portal's address ends in /client: an address, not a word on the form.)
    expect(JSON.stringify(form).replaceAll('/client', '')).not.toMatch(people);
    expect(form.uses.map((u) => u.use)).not.toContain('clientInterview');
    expect(form.signatures.map((x) => x.role)).toEqual(['Handtekening collega', 'Handtekening leidinggevende']);
  });

  it('a conversation with a client keeps the method’s words', async () => {
    const md = (await get(`/api/cycles/${fx.cycleId}/export.md`, fx.headersFor('owner'))).body;
    expect(md).toContain('## Interview met de cliënt');
    expect(md).toContain('## Feedback uit het cliëntinterview');
  });
});
