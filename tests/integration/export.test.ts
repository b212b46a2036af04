import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import {
  addAgendaItem,
  addDoubt,
  addFragment,
  addObservation,
  addTakeaway,
  agendaOf,
  doubtsOf,
  fragmentsOf,
  linkFragment,
  observationsOf,
  publishedOf,
  takeawaysOf,
} from '../../shared/domain/cycle-doc/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
  const { cycleId, userIds } = fx;
  await fx.app.collab.withDoc(cycleDocName(cycleId), (doc) => {
    addDoubt(doubtsOf(doc), 'twijfel', 'Was ik te sturend bij het maken van de afspraak?');
    addObservation(observationsOf(doc), {
      author: userIds.researcher,
      authorName: 'Onderzoeker',
      start: 361,
      end: 390,
      themes: ['echtheid'],
      kind: 'observation',
      valence: 'positive',
      text: 'Klantmanager vraagt door op wat de cliënt echt wil',
    });
    addObservation(publishedOf(doc, userIds.colleague), {
      author: userIds.colleague,
      authorName: 'Collega',
      start: 75,
      themes: ['gedoe'],
      kind: 'observation',
      valence: 'concern',
      text: 'Intervisie-observatie over gedoe',
    });
    const f = addFragment(fragmentsOf(doc), { mediaId: null, start: 360, end: 390, label: 'doorvragen', createdBy: userIds.owner });
    const item = addAgendaItem(agendaOf(doc), { section: 'echtheid', text: 'Wat maakte dat je doorvroeg?', pillar: 'analysis' });
    linkFragment(agendaOf(doc), item, f);
    addTakeaway(takeawaysOf(doc), 'Vaker vragen wat de cliënt zelf wil bereiken', 'actiedoel');
  });
});
afterAll(async () => fx.close());

async function docxText(body: Buffer): Promise<string> {
  const xml = strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']!);
  return xml.replace(/<[^>]+>/g, '');
}

const get = (url: string) => fx.app.inject({ method: 'GET', url, headers: fx.headersFor('researcher') });

describe('EXPORT-1 a whole cycle to DOCX and Markdown', () => {
  it('the DOCX holds the observations with time codes, the agenda with its fragment, and the takeaways', async () => {
    const res = await get(`/api/cycles/${fx.cycleId}/export.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(res.rawPayload);
    expect(text).toContain('06:01–06:30');
    expect(text).toContain('Klantmanager vraagt door op wat de cliënt echt wil');
    expect(text).toContain('Wat maakte dat je doorvroeg?');
    expect(text).toContain('06:00–06:30 doorvragen');
    expect(text).toContain('Vaker vragen wat de cliënt zelf wil bereiken');
    expect(text).toContain('Was ik te sturend');
    expect(text).toContain('Intervisie-observatie over gedoe');
    expect(fx.app.repos.audit.latest(5).some((e) => e.action === 'cycle_exported')).toBe(true);
  });

  it('Markdown has the same content in the order of the method’s reports', async () => {
    const md = (await get(`/api/cycles/${fx.cycleId}/export.md`)).body;
    const order = ['## Intake', '## Observaties', '## Interview met de cliënt', '## Agenda', '## Verslag', '## Aandachtspunten', '## Evaluatie'];
    const positions = order.map((h) => md.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('**06:01–06:30**');
  });

  it('respects consent: without intervision and interview consent those parts are left out', async () => {
    fx.app.repos.media.addConsentEvent({
      recordingId: fx.consentedRecordingId,
      actorId: fx.userIds.owner,
      kind: 'withdrawn',
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: false },
      changed: ['colleagues', 'clientInterview'],
    });
    const model = (await get(`/api/cycles/${fx.cycleId}/export.json`)).json();
    expect(model.interview.included).toBe(false);
    expect(JSON.stringify(model.observations)).not.toContain('Intervisie-observatie');
    expect(model.omissions.length).toBeGreaterThan(0);
    const text = await docxText((await get(`/api/cycles/${fx.cycleId}/export.docx`)).rawPayload);
    expect(text).not.toContain('Intervisie-observatie over gedoe');
    expect(text).toContain('Klantmanager vraagt door');
  });
});
