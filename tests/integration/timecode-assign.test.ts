import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingRefsByDurationMigration, runDocMigrations } from '../../server/collab/doc-migrations.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addCoreMoment, coreReflectionOf, readCoreReflection } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { addFragment, addObservation, fragmentsOf, layerDocName, listFragments, listObservations, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { addFocusTheme, addSighting, readWorksheet, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { withTestSql } from '../helpers/test-sql.ts';

/**
 * TIMECODE-6 over a real server and SQLite: old time codes in a cycle with several files are
 * assigned where only one file is long enough; the rest stay "opname onbekend" until the owner
 * picks their recording (and only the owner, only an unassigned code, only where it fits).
 */
let fx: AccessFixture;
let cycleId: string;
let short: string;
let long: string;
const sample = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/media/sample.mp4'));
const ids: Record<string, string> = {};

const note = (start: number, text: string, end: number | null = null) =>
  ({ author: fx.userIds.researcher, authorName: 'Onderzoeker', start, end, mediaId: null, themes: [], kind: 'observation' as const, valence: 'neutral' as const, text });

beforeAll(async () => {
  fx = await accessFixture();
  const owner = fx.userIds.owner;
  const orgId = (await fx.app.repos.users.get(owner))!.org_id;
  cycleId = (await fx.app.repos.cycles.create({ orgId, ownerId: owner, title: 'Twee opnames', counterpart: 'cliënt' })).id;
  await fx.app.repos.cycles.addMember(cycleId, fx.userIds.researcher, 'researcher', owner);
  short = (await fx.app.media.importMedia({ cycleId, orgId, userId: owner, data: sample, label: 'video 1' })).id;
  long = (await fx.app.media.importMedia({ cycleId, orgId, userId: owner, data: sample, label: 'video 2' })).id;
  // Lengths of a real conversation: 10 and 30 minutes.
  await withTestSql(fx.app.config, async (db) => {
    await db.run('UPDATE media_files SET duration_ms = ? WHERE id = ?', [10 * 60_000, short]);
    await db.run('UPDATE media_files SET duration_ms = ? WHERE id = ?', [30 * 60_000, long]);
  });
  await fx.app.collab.withDoc(cycleDocName(cycleId), (doc) => {
    ids.late = addObservation(observationsOf(doc), note(20 * 60, 'alleen in de lange'));
    ids.early = addObservation(observationsOf(doc), note(5 * 60, 'past in beide'));
    ids.range = addFragment(fragmentsOf(doc), { mediaId: null, start: 9 * 60, end: 11 * 60, label: 'over de tien minuten', createdBy: owner });
  });
  await fx.app.collab.withDoc(layerDocName(cycleId, fx.userIds.researcher), (doc) => {
    addCoreMoment(coreReflectionOf(doc), 'doel', { at: 25 * 60, text: 'kernvraag' });
    addFocusTheme(worksheetOf(doc), 'echtheid');
    addSighting(worksheetOf(doc), 'echtheid', { at: 120, text: 'gezien' });
  });
  await runDocMigrations(fx.app, [{ ...recordingRefsByDurationMigration, name: 'recording-refs-2-test' }]);
});
afterAll(async () => fx.close());

const put = (role: Role, body: unknown) =>
  fx.app.inject({
    method: 'PUT',
    url: `/api/cycles/${cycleId}/timecodes/recording`,
    headers: { ...fx.headersFor(role), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

async function mediaOf(id: string): Promise<string | null | undefined> {
  const doc = await fx.app.collab.readDoc(cycleDocName(cycleId));
  return [...listObservations(observationsOf(doc)), ...listFragments(fragmentsOf(doc))].find((x) => x.id === id)?.mediaId;
}

describe('TIMECODE-6 old time codes in a cycle with several files', () => {
  it('are assigned where only one file is long enough, in the shared document and the private layers', async () => {
    expect(await mediaOf(ids.late!)).toBe(long);
    expect(await mediaOf(ids.range!)).toBe(long);
    expect(await mediaOf(ids.early!)).toBeNull();
    const layer = await fx.app.collab.readDoc(layerDocName(cycleId, fx.userIds.researcher));
    expect(readCoreReflection(coreReflectionOf(layer)).find((a) => a.questionId === 'doel')!.moments[0]!.mediaId).toBe(long);
    expect(readWorksheet(worksheetOf(layer)).entries[0]!.seen[0]!.mediaId).toBeNull();
  });

  it('the owner picks the recording of one that stayed unassigned; nobody else can', async () => {
    for (const role of ['researcher', 'colleague', 'outsider'] as const) expect((await put(role, { part: 'observations', id: ids.early, mediaId: short })).statusCode, role).toBe(403);
    expect(await mediaOf(ids.early!)).toBeNull();
    const res = await put('owner', { part: 'observations', id: ids.early, mediaId: short });
    expect(res.statusCode).toBe(200);
    expect(await mediaOf(ids.early!)).toBe(short);
  });

  it('refuses to move an assigned code, a time past the end of the file, a file of another cycle or an unknown entry, and changes nothing', async () => {
    const again = await put('owner', { part: 'observations', id: ids.early, mediaId: long });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('validation_failed');
    expect(await mediaOf(ids.early!)).toBe(short);

    await fx.app.collab.withDoc(cycleDocName(cycleId), (doc) => {
      ids.later = addObservation(observationsOf(doc), note(15 * 60, 'na de migratie'));
    });
    const tooLong = await put('owner', { part: 'observations', id: ids.later, mediaId: short });
    expect(tooLong.json().error.code).toBe('validation_failed');
    expect(await mediaOf(ids.later!)).toBeNull();

    const foreign = await put('owner', { part: 'observations', id: ids.later, mediaId: fx.mediaId });
    expect(foreign.json().error.code).toBe('validation_failed');
    const unknown = await put('owner', { part: 'fragments', id: 'bestaat-niet', mediaId: long });
    expect(unknown.statusCode).toBe(404);
    const bad = await put('owner', { part: 'observations', id: ids.later, mediaId: 'geen-uuid' });
    expect(bad.json().error.code).toBe('validation_failed');
    expect(await mediaOf(ids.later!)).toBeNull();
  });
});
