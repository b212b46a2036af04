import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noConsent, type ConsentUse } from '../../shared/domain/consent.ts';
import type { ExportModel } from '../../shared/protocol/export.ts';
import type { TranscriptResponse } from '../../shared/protocol/transcript.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { listFiles, readFixture } from '../helpers/media.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { storedHolding } from '../helpers/test-sql.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

async function call<T = unknown>(role: Role, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

/** Records consent and uploads the signed form's scan (SCANGATE-1 is on by default). */
async function recordConsent(recordingId: string, granted: readonly ConsentUse[]) {
  const decisions = noConsent();
  for (const u of granted) decisions[u] = true;
  const res = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent`, {
    decisions,
    clientSignedOn: today(),
    managerSignedOn: today(),
    recordedBy: 'Klantmanager',
    lawfulBasis: 'Toestemming',
    retentionUntil: inAYear(),
  });
  if (res.status === 200) await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, recordingId);
  return res;
}

async function newRecording(): Promise<{ recordingId: string; mediaId: string }> {
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data: readFixture('mp4') });
  return { recordingId: row.recording_id, mediaId: row.id };
}

const CANARY = 'TRANSCRIPT-CANARY-7d1e93b0c4';
const vtt = (extra = '') =>
  `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jan Jansen>Hoe gaat het met je?</v>\n\n00:00:04.000 --> 00:00:09.000\n<v Piet Pietersen>Goed. ${extra}</v>\n`;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const url = (mediaId: string) => `/api/media/${mediaId}/transcript`;

describe('TRANSCRIPT-4 import and read under the recording\'s consent', () => {
  it('the owner imports and names speakers; researcher and colleague may not import', async () => {
    const { recordingId, mediaId } = await newRecording();
    await recordConsent(recordingId, ['own', 'researchers']);
    const speakers = [
      { name: 'Jan Jansen', role: 'klantmanager', pseudonym: null },
      { name: 'Piet Pietersen', role: 'client', pseudonym: 'Cliënt A' },
    ];
    for (const role of ['researcher', 'colleague'] as const) {
      expect((await call(role, 'PUT', url(mediaId), { data: b64(vtt()), speakers })).status).toBe(403);
    }
    const res = await call<TranscriptResponse>('owner', 'PUT', url(mediaId), { data: b64(vtt()), speakers });
    expect(res.status).toBe(200);
    expect(res.body.transcript).toMatchObject({ format: 'vtt', speakers, cues: [{ start: 1000, speaker: 'Jan Jansen' }, { speaker: 'Piet Pietersen' }] });

    // The researcher (consent `researchers`) reads it, with the pseudonym in place of the name.
    const read = await call<TranscriptResponse>('researcher', 'GET', url(mediaId));
    expect(read.status).toBe(200);
    expect(read.body.editable).toBe(false);
    expect(read.body.transcript!.cues.map((c) => c.speaker)).toEqual(['Jan Jansen', 'Cliënt A']);
    expect(JSON.stringify(read.body)).not.toContain('Pietersen');

    // The export carries the pseudonym, for the owner too, and is audited.
    for (const role of ['owner', 'researcher'] as const) {
      const exported = await fx.app.inject({ method: 'GET', url: `${url(mediaId)}.vtt`, headers: fx.headersFor(role) });
      expect(exported.statusCode).toBe(200);
      expect(exported.body).toContain('<v Cliënt A>Goed.');
      expect(exported.body).not.toContain('Pietersen');
    }
    expect((await fx.app.repos.audit.latest(10)).some((e) => e.action === 'transcript_exported' && e.target === mediaId)).toBe(true);
    expect((await fx.app.repos.audit.latest(20)).some((e) => e.action === 'transcript_imported' && e.target === mediaId)).toBe(true);

    // The colleague has no `colleagues` consent: refused like playback.
    const refused = await call<{ error: { code: string } }>('colleague', 'GET', url(mediaId));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'consent_missing' } } });

    // Speakers can be renamed later; names not in the transcript are refused.
    expect((await call('owner', 'PUT', `${url(mediaId)}/speakers`, { speakers: [{ name: 'Niemand', role: 'anders', pseudonym: null }] })).status).toBe(400);
    const renamed = await call<TranscriptResponse>('owner', 'PUT', `${url(mediaId)}/speakers`, { speakers: [{ name: 'Jan Jansen', role: 'klantmanager', pseudonym: 'KM' }] });
    expect(renamed.body.transcript!.speakers).toEqual([
      { name: 'Jan Jansen', role: 'klantmanager', pseudonym: 'KM' },
      // Names not mentioned keep what the owner chose before.
      { name: 'Piet Pietersen', role: 'client', pseudonym: 'Cliënt A' },
    ]);
  });

  it('a malformed file gets line-numbered Dutch errors and changes nothing; Windows-1252 is decoded', async () => {
    const { mediaId } = await newRecording();
    const first = await call<TranscriptResponse>('owner', 'PUT', url(mediaId), { data: b64(Buffer.from('00.13 De cli\xebnt: Ja\n', 'latin1')) });
    expect(first.status).toBe(200);
    expect(first.body.transcript!.cues[0]).toMatchObject({ start: 13_000, speaker: 'De cliënt', text: 'Ja' });
    const bad = await call<{ error: { code: string; errors: { line: number; message: string }[] } }>('owner', 'PUT', url(mediaId), {
      data: b64('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGoed\n\n00:00:09.000 --> 00:00:05.000\nFout\n'),
    });
    expect(bad).toMatchObject({ status: 422, body: { error: { code: 'transcript_invalid', errors: [{ line: 6 }] } } });
    expect(bad.body.error.errors[0]!.message).toMatch(/eindtijd/);
    const after = await call<TranscriptResponse>('owner', 'GET', url(mediaId));
    expect(after.body.transcript!.cues).toHaveLength(1);
  });
});

describe('TRANSCRIPT-5 complete withdrawal erases the transcript with the media', () => {
  it('no trace of a canary line in the data directory or the database', async () => {
    const { recordingId, mediaId } = await newRecording();
    await recordConsent(recordingId, ['own']);
    expect((await call('owner', 'PUT', url(mediaId), { data: b64(vtt(CANARY)) })).status).toBe(200);
    const needle = Buffer.from(CANARY);
    const scan = async () => [...listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(needle)), ...(await storedHolding(fx.app.config, needle))];
    await fx.app.repos.media.checkpoint();
    expect((await scan()).length).toBeGreaterThan(0);

    const res = await call('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/withdraw`, { all: true });
    expect(res.status).toBe(200);
    expect(await fx.app.repos.transcripts.get(mediaId)).toBeUndefined();
    expect((await call('owner', 'GET', url(mediaId))).status).toBe(410);
    expect(await scan()).toEqual([]);
  });
});

describe('TRANSCRIPT-5 the owner deletes a transcript', () => {
  it('only the owner; gone from the database and its WAL at once; audited; the recording stays', async () => {
    const canary = 'DELETE-TRANSCRIPT-CANARY-41c07d';
    const { recordingId, mediaId } = await newRecording();
    await recordConsent(recordingId, ['own', 'researchers']);
    expect((await call('owner', 'PUT', url(mediaId), { data: b64(vtt(canary)) })).status).toBe(200);
    for (const role of ['researcher', 'colleague'] as const) expect((await call(role, 'DELETE', url(mediaId))).status).toBe(403);
    const needle = Buffer.from(canary);
    const scan = async () => [...listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(needle)), ...(await storedHolding(fx.app.config, needle))];
    await fx.app.repos.media.checkpoint();
    expect((await scan()).length).toBeGreaterThan(0);

    expect((await call('owner', 'DELETE', url(mediaId))).status).toBe(204);
    expect(await scan()).toEqual([]);
    expect((await call<TranscriptResponse>('researcher', 'GET', url(mediaId))).body.transcript).toBeNull();
    expect((await call('owner', 'DELETE', url(mediaId))).status).toBe(404);
    expect((await fx.app.repos.audit.latest(5)).some((e) => e.action === 'transcript_deleted' && e.target === mediaId)).toBe(true);
    expect((await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: fx.headersFor('owner') })).statusCode).toBe(200);
  });
});

describe('TRANSCRIPT-6 the cycle export carries the conversation figures the reader may see', () => {
  it('with pseudonyms for everyone, and a transcript of a recording the reader may not watch is named as left out', async () => {
    const speakers = [
      { name: 'Jan Jansen', role: 'klantmanager', pseudonym: 'Klantmanager' },
      { name: 'Piet Pietersen', role: 'client', pseudonym: 'Cliënt A' },
    ];
    const shared = await newRecording();
    await recordConsent(shared.recordingId, ['own', 'researchers']);
    expect((await call('owner', 'PUT', url(shared.mediaId), { data: b64(vtt()), speakers })).status).toBe(200);
    const own = await newRecording();
    await recordConsent(own.recordingId, ['own']);
    expect((await call('owner', 'PUT', url(own.mediaId), { data: b64(vtt('Alleen voor mij.')), speakers })).status).toBe(200);
    const label = async (recordingId: string) => (await fx.app.repos.media.recording(recordingId))!.label;

    const ownerExport = await call<ExportModel>('owner', 'GET', `/api/cycles/${fx.cycleId}/export.json`);
    expect(ownerExport.status).toBe(200);
    const sharedLabel = await label(shared.recordingId);
    const mine = ownerExport.body.talk.find((t) => t.recording === sharedLabel)!;
    // 3 s of the klantmanager, 5 s of the client: two turns, no silence.
    expect(mine).toMatchObject({
      speakers: [
        { name: 'Cliënt A', share: '63%', turns: 1, questions: 0 },
        { name: 'Klantmanager', share: '38%', turns: 1, questions: 1 },
      ],
      roles: [{ role: 'klantmanager', share: '38%' }, { role: 'cliënt', share: '63%' }],
      turns: 2,
      longestTurn: { speaker: 'Cliënt A', seconds: 5 },
      silences: 0,
    });
    const ownLabel = await label(own.recordingId);
    expect(ownerExport.body.talk.some((t) => t.recording === ownLabel)).toBe(true);
    const markdown = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/export.md`, headers: fx.headersFor('owner') });
    expect(markdown.body).toContain('## Gespreksanalyse: spreektijd en beurten');
    expect(markdown.body).toContain('Cliënt A: 63% van de spreektijd, 1 beurt, 0 vragen');
    expect(markdown.body).not.toContain('Pietersen');

    const researcherExport = await call<ExportModel>('researcher', 'GET', `/api/cycles/${fx.cycleId}/export.json`);
    expect(researcherExport.status).toBe(200);
    expect(researcherExport.body.talk.map((t) => t.recording)).toContain(await label(shared.recordingId));
    expect(researcherExport.body.talk.map((t) => t.recording)).not.toContain(await label(own.recordingId));
    expect(researcherExport.body.omissions).toContain(`De gespreksanalyse van ${await label(own.recordingId)} is weggelaten: er is geen toestemming om deze opname te bekijken.`);
    expect(JSON.stringify(researcherExport.body)).not.toContain('Pietersen');
  });
});
