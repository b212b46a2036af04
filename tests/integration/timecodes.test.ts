import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocMigrations, recordingRefsMigration } from '../../server/collab/doc-migrations.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import {
  addAgendaItem,
  addFragment,
  addObservation,
  agendaOf,
  listAgenda,
  updateFragment,
  fragmentsOf,
  layerDocName,
  listFragments,
  listObservations,
  listPublished,
  observationsOf,
  publishedOf,
} from '../../shared/domain/cycle-doc/index.ts';
import { addFocusTheme, addSighting, readWorksheet, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { connectProvider, waitForClose, waitForSynced } from '../helpers/providers.ts';

let fx: AccessFixture;
const sample = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4'));

/** A cycle of the fixture's klantmanager with `n` recordings of one file each. */
async function cycleWithRecordings(title: string, n: number): Promise<{ cycleId: string; mediaIds: string[] }> {
  const owner = fx.userIds.owner;
  const orgId = (await fx.app.repos.users.get(owner))!.org_id;
  const cycle = await fx.app.repos.cycles.create({ orgId, ownerId: owner, title, counterpart: 'cliënt' });
  await fx.app.repos.cycles.addMember(cycle.id, fx.userIds.researcher, 'researcher', owner);
  const mediaIds: string[] = [];
  for (let i = 1; i <= n; i++) {
    const m = await fx.app.media.importMedia({ cycleId: cycle.id, orgId, userId: owner, data: sample, label: `video ${i}` });
    mediaIds.push(m.id);
  }
  return { cycleId: cycle.id, mediaIds };
}

const note = (author: string, start: number, mediaId: string | null, text: string) =>
  ({ author, authorName: 'Onderzoeker', start, mediaId, themes: ['echtheid' as const], kind: 'observation' as const, valence: 'neutral' as const, text });

beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

describe('TIMECODE-3 export and print name the recording of every time code', () => {
  it('shows "video 2 · 06:00" for a moment in the second recording, in Markdown and the model the print page and DOCX are rendered from', async () => {
    const { cycleId, mediaIds } = await cycleWithRecordings('Twee opnames', 2);
    await fx.app.collab.withDoc(cycleDocName(cycleId), (doc) => {
      addObservation(observationsOf(doc), note(fx.userIds.researcher, 360, mediaIds[1]!, 'Moment in de tweede opname'));
      addObservation(observationsOf(doc), note(fx.userIds.researcher, 60, mediaIds[0]!, 'Moment in de eerste opname'));
      addObservation(observationsOf(doc), note(fx.userIds.researcher, 90, null, 'Moment van vroeger'));
      addFragment(fragmentsOf(doc), { mediaId: mediaIds[1]!, start: 360, end: 390, label: 'doorvragen', createdBy: fx.userIds.owner });
    });
    const headers = fx.headersFor('owner');
    const model = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/export.json`, headers })).json() as {
      observations: { timecode: string; text: string }[];
      fragments: { range: string }[];
    };
    const byText = new Map(model.observations.map((o) => [o.text, o.timecode]));
    expect(byText.get('Moment in de tweede opname')).toBe('video 2 · 06:00');
    expect(byText.get('Moment in de eerste opname')).toBe('video 1 · 01:00');
    expect(byText.get('Moment van vroeger')).toBe('opname onbekend · 01:30');
    expect(model.fragments.map((f) => f.range)).toEqual(['video 2 · 06:00–06:30']);
    const md = (await fx.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/export.md`, headers })).body;
    expect(md).toContain('**video 2 · 06:00**');
    expect(md).toContain('video 2 · 06:00–06:30 doorvragen');
  });
});

describe('TIMECODE-5 time codes from before they named a recording are migrated', () => {
  it('ran at start-up', async () => {
    expect(await fx.app.repos.docMigrations.isDone(recordingRefsMigration.name)).toBe(true);
  });

  it('assigns them in a cycle with one recording, everywhere they occur; leaves them unassigned with several', async () => {
    const one = await cycleWithRecordings('Een opname', 1);
    const two = await cycleWithRecordings('Twee opnames', 2);
    const researcher = fx.userIds.researcher;
    for (const c of [one, two]) {
      await fx.app.collab.withDoc(cycleDocName(c.cycleId), (doc) => {
        addObservation(observationsOf(doc), note(researcher, 10, null, 'gedeeld'));
        addObservation(publishedOf(doc, researcher), note(researcher, 20, null, 'gepubliceerd'));
        addFragment(fragmentsOf(doc), { mediaId: null, start: 30, end: 40, label: 'oud', createdBy: fx.userIds.owner });
        const ref = new Y.XmlElement('fragmentRef');
        ref.setAttribute('start', 30 as unknown as string);
        ref.setAttribute('end', 40 as unknown as string);
        const para = new Y.XmlElement('paragraph');
        para.insert(0, [ref]);
        doc.getXmlFragment('report').insert(0, [para]);
      });
      await fx.app.collab.withDoc(layerDocName(c.cycleId, researcher), (doc) => {
        addObservation(observationsOf(doc), note(researcher, 50, null, 'eigen laag'));
        const ws = worksheetOf(doc);
        addFocusTheme(ws, 'echtheid');
        addSighting(ws, 'echtheid', { at: 60, text: 'gezien' });
      });
    }
    // The same migration under a fresh name: the start-up one already ran (before this data).
    await runDocMigrations(fx.app, [{ ...recordingRefsMigration, name: 'recording-refs-test' }]);
    expect(await fx.app.repos.docMigrations.isDone('recording-refs-test')).toBe(true);

    const read = async (cycleId: string) => {
      const doc = await fx.app.collab.readDoc(cycleDocName(cycleId));
      const layer = await fx.app.collab.readDoc(layerDocName(cycleId, researcher));
      const ref = (doc.getXmlFragment('report').get(0) as Y.XmlElement).get(0) as Y.XmlElement;
      return [
        ...listObservations(observationsOf(doc)).map((o) => o.mediaId),
        ...[...listPublished(doc).values()].flat().map((o) => o.mediaId),
        ...listFragments(fragmentsOf(doc)).map((f) => f.mediaId),
        (ref.getAttribute('mediaId') as unknown as string | undefined) ?? null,
        ...listObservations(observationsOf(layer)).map((o) => o.mediaId),
        ...readWorksheet(worksheetOf(layer)).entries.flatMap((e) => e.seen.map((s) => s.mediaId)),
      ];
    };
    expect(await read(one.cycleId)).toEqual(new Array(6).fill(one.mediaIds[0]));
    expect(await read(two.cycleId)).toEqual(new Array(6).fill(null));

    // Repeating it changes nothing (a crash halfway repeats it).
    const before = await fx.app.collab.readDoc(cycleDocName(one.cycleId));
    await runDocMigrations(fx.app, [{ ...recordingRefsMigration, name: 'recording-refs-test-2' }]);
    const after = await fx.app.collab.readDoc(cycleDocName(one.cycleId));
    expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(before));
  });
});

describe('TIMECODE-1 / FRAGMENT-2 / POSITIVE-2 the new fields are ruled like their parts (raw y-websocket clients)', () => {
  async function attempt(role: 'researcher' | 'colleague', docName: string, change: (doc: Y.Doc) => void): Promise<number> {
    const sender = connectProvider(fx.wsUrl, docName, { headers: fx.headersFor(role) });
    await waitForSynced(sender);
    const closed = waitForClose(sender);
    change(sender.doc);
    const code = await closed;
    sender.destroy();
    return code;
  }

  it('a researcher cannot move another person’s fragment or put it on another recording', async () => {
    const docName = cycleDocName(fx.cycleId);
    const id = await fx.app.collab.withDoc(docName, (doc) =>
      addFragment(fragmentsOf(doc), { mediaId: fx.mediaId, start: 10, end: 20, label: 'van de klantmanager', createdBy: fx.userIds.owner }));
    const code = await attempt('researcher', docName, (doc) => updateFragment(fragmentsOf(doc), id, { mediaId: 'elders', start: 11 }));
    expect(code).toBe(closeCodes.writeForbidden);
    const stored = listFragments(fragmentsOf(await fx.app.collab.readDoc(docName))).find((f) => f.id === id);
    expect(stored).toMatchObject({ mediaId: fx.mediaId, start: 10 });
  });

  it('an intervision colleague cannot change the valence of an agenda item', async () => {
    const docName = cycleDocName(fx.cycleId);
    const id = await fx.app.collab.withDoc(docName, (doc) => addAgendaItem(agendaOf(doc), { section: 'open', text: 'goed punt', valence: 'positive' }));
    const code = await attempt('colleague', docName, (doc) => agendaOf(doc).get(id)!.set('valence', 'concern'));
    expect(code).toBe(closeCodes.writeForbidden);
    expect(listAgenda(agendaOf(await fx.app.collab.readDoc(docName))).find((i) => i.id === id)?.valence).toBe('positive');
  });
});
