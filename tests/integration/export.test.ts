import { strFromU8, unzipSync } from 'fflate';
import * as Y from 'yjs';
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
    expect((await fx.app.repos.audit.latest(5)).some((e) => e.action === 'cycle_exported')).toBe(true);
  });

  it('Markdown has the same content in the order of the method’s reports', async () => {
    const md = (await get(`/api/cycles/${fx.cycleId}/export.md`)).body;
    const order = ['## Intake', '## Observaties', '## Interview met de cliënt', '## Agenda', '## Verslag', '## Aandachtspunten', '## Evaluatie'];
    const positions = order.map((h) => md.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('**opname onbekend · 06:01–06:30**');
  });

  it('respects consent: without intervision and interview consent those parts are left out', async () => {
    await fx.app.repos.media.addConsentEvent({
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

describe('EXPORT-3 a DOCX that can be filed', () => {
  let files: Record<string, Uint8Array>;
  const xml = (name: string) => strFromU8(files[name]!);
  beforeAll(async () => {
    await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) => {
      // "…opgeschreven.▶ 00:13–00:17 doel" was glued and leaked the theme id; a heading left empty.
      const report = doc.getXmlFragment('report');
      const para = new Y.XmlElement('paragraph');
      const ref = new Y.XmlElement('fragmentRef');
      ref.setAttribute('start', 13 as unknown as string);
      ref.setAttribute('end', 17 as unknown as string);
      ref.setAttribute('label', 'het doel benoemen');
      ref.setAttribute('theme', 'metacommunicatie');
      para.insert(0, [new Y.XmlText('Dat heb ik opgeschreven.'), ref, new Y.XmlText('en verder.')]);
      const empty = new Y.XmlElement('heading');
      empty.setAttribute('level', 2 as unknown as string);
      report.insert(report.length, [empty, para]);
    });
    const res = await get(`/api/cycles/${fx.cycleId}/export.docx`);
    files = unzipSync(new Uint8Array(res.rawPayload));
  });

  it('has a header with the title and the confidentiality mark, and a footer "pagina X van Y"', () => {
    const header = Object.keys(files).filter((n) => /^word\/header\d*\.xml$/.test(n)).map(xml).join('');
    expect(header).toContain('Cyclus A');
    expect(header).toContain('Vertrouwelijk — alleen voor deelnemers');
    const footer = Object.keys(files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(xml).join('');
    expect(footer.replace(/<[^>]+>/g, '')).toMatch(/pagina .*van/);
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  it('is in Dutch, by the klantmanager, with a title', () => {
    expect(xml('word/styles.xml')).toMatch(/<w:lang w:val="nl-NL"/);
    const core = xml('docProps/core.xml');
    expect(core).toContain('<dc:creator>Klantmanager</dc:creator>');
    expect(core).toContain('<dc:title>Cyclus A</dc:title>');
  });

  it('summarises the consent it rests on', () => {
    const text = xml('word/document.xml').replace(/<[^>]+>/g, '');
    expect(text).toContain('Toestemming van de cliënt');
    expect(text).toMatch(/De cliënt gaf toestemming voor: .*onderzoekers en coach/);
  });

  it('puts a fragment reference in its own run, spaced, without theme ids', () => {
    const doc = xml('word/document.xml');
    expect(doc).toMatch(/<w:t[^>]*>▶ fragment opname onbekend · 00:13–00:17 het doel benoemen<\/w:t>/);
    const text = doc.replace(/<[^>]+>/g, '');
    expect(text).toContain('opgeschreven. ▶ fragment opname onbekend · 00:13–00:17 het doel benoemen en verder.');
    expect(text).not.toContain('metacommunicatie');
  });

  it('has no empty headings and states open or done in words', () => {
    const doc = xml('word/document.xml');
    const paragraphs = doc.split('</w:p>');
    const headingParas = paragraphs.filter((x) => /<w:pStyle w:val="Heading\d"\/>/.test(x));
    expect(headingParas.length).toBeGreaterThan(5);
    for (const para of headingParas) {
      expect(para.replace(/<[^>]+>/g, '').trim()).not.toBe('');
    }
    const text = doc.replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(/[☐☑]/);
    expect(text).toContain('Wat maakte dat je doorvroeg?');
    expect(text).toMatch(/— open/);
  });

  it('Markdown: the fragment reference is spaced and names no theme id', async () => {
    const md = (await get(`/api/cycles/${fx.cycleId}/export.md`)).body;
    expect(md).toContain('opgeschreven. **▶ fragment opname onbekend · 00:13–00:17 het doel benoemen** en verder.');
    expect(md).not.toContain('metacommunicatie');
    expect(md).not.toMatch(/^#+\s*$/m);
  });
});
