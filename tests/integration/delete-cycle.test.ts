import { docKeys, sharedWorksheetDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { addFocusTheme, setEntryText, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addFragment, fragmentsOf } from '../../shared/domain/cycle-doc/fragments.ts';
import { addFeedbackPoint, feedbackPointsOf, interviewFragmentsOf, setInterviewFragment } from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import type { DeletionReceipt } from '../../shared/protocol/delete-cycle.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { scanPdf, uploadScan } from '../helpers/consent-scan.ts';
import { listFiles, readFixture, withFreeBox } from '../helpers/media.ts';
import { connectProvider, waitForClose, waitForSynced } from '../helpers/providers.ts';
import { storedHolding } from '../helpers/test-sql.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const CANARY = 'DELETE-CANARY-5e2b7c19d0a4';
const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

async function call<T = unknown>(role: Role, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

/** Every file of the data directory (database, WAL, media, keys) that contains `needle`, and on PostgreSQL every table. */
async function holding(needle: Buffer): Promise<string[]> {
  return [...listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(needle)), ...(await storedHolding(fx.app.config, needle))];
}

describe('DELETE-1 the owner deletes a cycle with everything in it', () => {
  it('confirmed by the title; afterwards no canary in any part remains in the data directory or the database', async () => {
    const { repos, media, collab } = fx.app;
    const org = (await repos.cycles.get(fx.cycleId))!.org_id;
    // A cycle with a canary in every part: title, counterpart, recording label, consent details,
    // video bytes, form scan, transcript, shared document, interview document, private layer,
    // fragment link.
    const cycle = await repos.cycles.create({ orgId: org, ownerId: fx.userIds.owner, title: `Cyclus ${CANARY}`, counterpart: `cliënt ${CANARY}` });
    await repos.cycles.addMember(cycle.id, fx.userIds.researcher, 'researcher', fx.userIds.owner);
    const video = await media.importMedia({
      cycleId: cycle.id, orgId: org, userId: fx.userIds.owner, data: withFreeBox(readFixture('mp4'), Buffer.from(CANARY.repeat(50))), label: `video ${CANARY}`,
    });
    const consent = await call('owner', 'PUT', `/api/cycles/${cycle.id}/recordings/${video.recording_id}/consent`, {
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
      clientSignedOn: today(), managerSignedOn: today(), recordedBy: `Klantmanager ${CANARY}`, lawfulBasis: `Grondslag ${CANARY}`, retentionUntil: inAYear(),
    });
    expect(consent.status).toBe(200);
    await uploadScan(fx.app, fx.headersFor('owner'), cycle.id, video.recording_id, scanPdf([`Formulier ${CANARY}`]));
    const vtt = `WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Jan>Zin met ${CANARY}</v>\n`;
    const transcript = await call('owner', 'PUT', `/api/media/${video.id}/transcript`, {
      data: Buffer.from(vtt).toString('base64'), speakers: [{ name: 'Jan', role: 'klantmanager', pseudonym: null }],
    });
    expect(transcript.status).toBe(200);
    const fragmentId = await collab.withDoc(cycleDocName(cycle.id), (doc) =>
      addFragment(fragmentsOf(doc), { mediaId: video.id, start: 1, end: 2, label: `fragment ${CANARY}`, createdBy: fx.userIds.researcher }));
    await collab.withDoc(interviewDocName(cycle.id), (doc) => {
      addFeedbackPoint(feedbackPointsOf(doc), { text: `cliënt zei ${CANARY}`, createdBy: fx.userIds.researcher });
      setInterviewFragment(interviewFragmentsOf(doc), fragmentId, true);
    });
    await collab.withDoc(`cycle:${cycle.id}:layer:${fx.userIds.researcher}`, (doc) => {
      addFragment(fragmentsOf(doc), { mediaId: video.id, start: 3, end: 4, label: `eigen laag ${CANARY}`, createdBy: fx.userIds.researcher });
      addFocusTheme(worksheetOf(doc), 'echtheid');
      setEntryText(worksheetOf(doc), 'echtheid', 'wonder', `werkblad ${CANARY}`);
    });
    const link = await call<{ link: { path: string } }>('researcher', 'POST', `/api/cycles/${cycle.id}/fragment-links`, {});
    expect(link.status).toBe(201);
    // Rows of the other features that hang on the cycle or its recordings: the client's code, a
    // step with its reason, a shared werkblad.
    expect((await call('owner', 'POST', `/api/cycles/${cycle.id}/recordings/${video.recording_id}/client-code`)).status).toBeLessThan(300);
    expect((await call('owner', 'PUT', `/api/cycles/${cycle.id}/steps/clientInterview`, { status: 'overgeslagen', reason: `reden ${CANARY}` })).status).toBe(200);
    expect((await call('researcher', 'PUT', `/api/cycles/${cycle.id}/worksheet/shares`, { viewerIds: [fx.userIds.owner] })).status).toBe(200);
    // Shared, the werkblad has a live copy of its own (SELF-4): it goes with the cycle too.
    const copy = await collab.readDoc(sharedWorksheetDocName(cycle.id, fx.userIds.researcher));
    expect(String(copy.getMap(docKeys.sharedWorksheet).get('view'))).toContain(`werkblad ${CANARY}`);

    const needle = Buffer.from(CANARY);
    const wrapped = (await repos.media.wrappedKey(video.key_id!))!;
    const cipher = fs.readFileSync(media.filePath(video.id)).subarray(64, 128);
    // Before: the canary is stored (the test would fail without the erasure).
    expect((await holding(needle)).length).toBeGreaterThan(0);

    // Only the owner, and only with the exact title; a refusal changes nothing.
    expect((await call('researcher', 'POST', `/api/cycles/${cycle.id}/delete`, { confirmTitle: cycle.title })).status).toBe(403);
    expect(await call('owner', 'POST', `/api/cycles/${cycle.id}/delete`, { confirmTitle: 'Cyclus' })).toMatchObject({ status: 400, body: { error: { code: 'cycle_delete_title_mismatch' } } });
    expect(await repos.cycles.get(cycle.id)).toBeDefined();

    // An open socket of the researcher is closed when the cycle goes.
    const p = connectProvider(fx.wsUrl, cycleDocName(cycle.id), { headers: { cookie: fx.headersFor('researcher').cookie! } });
    await waitForSynced(p);
    const closed = waitForClose(p);
    const res = await call<{ receipt: DeletionReceipt }>('owner', 'POST', `/api/cycles/${cycle.id}/delete`, { confirmTitle: `  ${cycle.title} ` });
    expect(res.status).toBe(200);
    expect(await closed).toBe(closeCodes.cycleDeleted);
    p.destroy();
    expect(res.body.receipt.receipt).toMatch(/^VW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(res.body.receipt.erased).toMatchObject({ recordings: 1, mediaFiles: 2, transcripts: 1, links: 1, members: 2 });
    expect(res.body.receipt.erased.documents).toBeGreaterThanOrEqual(3);

    // Nothing of it anywhere: not the canary, not the wrapped key, not the ciphertext.
    expect(await holding(needle)).toEqual([]);
    expect(await holding(Buffer.from(CANARY, 'utf16le'))).toEqual([]);
    expect(await holding(wrapped)).toEqual([]);
    expect(await holding(cipher)).toEqual([]);
    expect(fs.existsSync(media.filePath(video.id))).toBe(false);
    expect(await repos.cycles.get(cycle.id)).toBeUndefined();
    expect(JSON.stringify(await repos.audit.latest(200))).not.toContain(CANARY);
    // The audit entry stays, without content; the link and every route of the cycle are gone.
    expect((await repos.audit.latest(5)).find((e) => e.action === 'cycle_deleted')).toMatchObject({ cycle_id: cycle.id, target: res.body.receipt.receipt });
    expect((await call('owner', 'GET', `/api/cycles/${cycle.id}`)).status).toBe(403);
    const token = link.body.link.path.split('#')[1]!;
    const session = await fx.app.inject({ method: 'POST', url: '/api/kijken/sessie', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token }) });
    expect(session.statusCode).toBe(401);

    // The receipt can be shown again to the person who deleted, and to nobody else.
    const again = await call<{ receipt: DeletionReceipt }>('owner', 'GET', `/api/deletion-receipts/${res.body.receipt.receipt}`);
    expect(again.body.receipt).toMatchObject({ receipt: res.body.receipt.receipt, erased: res.body.receipt.erased });
    expect((await call('researcher', 'GET', `/api/deletion-receipts/${res.body.receipt.receipt}`)).status).toBe(404);
    // The fixture's other cycle is untouched.
    expect((await call('owner', 'GET', `/api/cycles/${fx.cycleId}`)).status).toBe(200);
    expect(path.isAbsolute(fx.app.config.dataDir)).toBe(true);
  });
});
