import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addObservation, listObservations, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { consentNotRecordedMessage, consentRefusalMessages, consentUses, noConsent, type ConsentUse } from '../../shared/domain/consent.ts';
import type { RecordingInfo, RecordingsResponse } from '../../shared/domain/media.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { canary, listFiles, readFixture, tusUpload, withFreeBox } from '../helpers/media.ts';
import { connectProvider, waitForClose, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { storedHolding, withTestSql } from '../helpers/test-sql.ts';

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

/** Records consent and, as the owner would, uploads the signed form's scan (SCANGATE-1 is on by default). */
async function recordConsent(recordingId: string, granted: readonly ConsentUse[], retentionUntil = inAYear()) {
  const decisions = noConsent();
  for (const u of granted) decisions[u] = true;
  const res = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent`, {
    decisions,
    clientSignedOn: today(),
    managerSignedOn: today(),
    recordedBy: 'Klantmanager',
    lawfulBasis: 'Toestemming (art. 6 lid 1 sub a AVG), formulier getekend.',
    retentionUntil,
  });
  if (res.status === 200) await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, recordingId);
  return res;
}

async function play(role: Role, mediaId: string): Promise<{ status: number; code?: string; message?: string }> {
  const res = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: { ...fx.headersFor(role), range: 'bytes=0-99' } });
  if (res.statusCode === 206) return { status: 206 };
  const body = res.json<{ error: { code: string; message: string } }>();
  return { status: res.statusCode, code: body.error.code, message: body.error.message };
}

async function listed(role: Role, recordingId: string): Promise<RecordingInfo> {
  const res = await call<RecordingsResponse>(role, 'GET', `/api/cycles/${fx.cycleId}/recordings`);
  return res.body.recordings.find((r) => r.id === recordingId)!;
}

/**
 * A paused client must not be able to hold the whole response in socket buffers (loopback TCP
 * buffers grow to several MB), or the server would finish it before any cut: 32 MB.
 */
const PAUSED_STREAM_BYTES = 32 * 1024 * 1024;
const longRecording = () => withFreeBox(readFixture('mp4'), Buffer.alloc(PAUSED_STREAM_BYTES));

async function newRecording(data = readFixture('mp4')): Promise<{ recordingId: string; mediaId: string }> {
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data });
  return { recordingId: row.recording_id, mediaId: row.id };
}

/** Starts a stream and stops reading after its first bytes (a paused video element). */
function openStream(role: Role, mediaId: string): Promise<{ res: http.IncomingMessage; ended: Promise<'complete' | 'cut'> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${fx.url}/api/media/${mediaId}`, { headers: fx.headersFor(role) }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      const ended = new Promise<'complete' | 'cut'>((done) => {
        res.once('end', () => done('complete'));
        // The connection closing under a response that has not ended (also while paused).
        res.socket.once('close', () => done(res.complete ? 'complete' : 'cut'));
      });
      res.once('data', () => {
        res.pause();
        resolve({ res, ended });
      });
    });
    req.on('error', () => undefined);
  });
}

describe('CONSENT-1 playback per use × role', () => {
  const expectedUse: Record<'owner' | 'researcher' | 'colleague', ConsentUse> = { owner: 'own', researcher: 'researchers', colleague: 'colleagues' };

  it('until consent is recorded only the owner plays; the others see why', async () => {
    expect((await play('owner', fx.mediaId)).status).toBe(206);
    for (const role of ['researcher', 'colleague'] as const) {
      expect(await play(role, fx.mediaId)).toEqual({ status: 403, code: 'consent_missing', message: consentNotRecordedMessage });
      expect((await listed(role, fx.recordingId)).play).toMatchObject({ allowed: false, message: consentNotRecordedMessage });
    }
    expect((await listed('owner', fx.recordingId)).play).toEqual({ allowed: true });
  });

  it.each(consentUses)('with only "%s" granted', async (use) => {
    expect((await recordConsent(fx.recordingId, [use])).status).toBe(200);
    for (const role of ['owner', 'researcher', 'colleague'] as const) {
      const allowed = expectedUse[role] === use;
      const result = await play(role, fx.mediaId);
      if (allowed) {
        expect(result.status, role).toBe(206);
      } else {
        expect(result, role).toEqual({ status: 403, code: 'consent_missing', message: consentRefusalMessages[expectedUse[role]] });
      }
      expect((await listed(role, fx.recordingId)).play.allowed, role).toBe(allowed);
    }
    expect(await play('admin', fx.mediaId)).toMatchObject({ status: 403, code: 'admin_no_content' });
    expect(await play('outsider', fx.mediaId)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await play('anonymous', fx.mediaId)).toMatchObject({ status: 401 });
  });

  it('a colleague is told in Dutch that intervision is not covered', async () => {
    await recordConsent(fx.recordingId, ['own', 'researchers', 'clientInterview']);
    expect((await play('colleague', fx.mediaId)).message).toBe('De cliënt heeft geen toestemming gegeven voor gebruik in intervisie.');
    const refusal = (await fx.app.repos.audit.latest(5)).find((e) => e.action === 'access_denied' && e.actor_id === fx.userIds.colleague);
    expect(refusal?.detail).toContain('colleagues');
  });

  it('members other than the owner see decisions, not the lawful-basis note; the owner sees everything', async () => {
    const mine = await listed('owner', fx.recordingId);
    expect(mine.consent).toMatchObject({ recordedBy: 'Klantmanager', hasForm: true, retentionUntil: inAYear() });
    const theirs = await listed('researcher', fx.recordingId);
    expect(theirs.consent?.decisions.researchers).toBe(true);
    expect(theirs.consent).not.toHaveProperty('lawfulBasis');
  });

  it('refuses a retention date in the past and invalid bodies, changing nothing', async () => {
    const before = (await fx.app.repos.media.consentHistory(fx.recordingId)).length;
    expect((await recordConsent(fx.recordingId, ['own'], '2000-01-01')).status).toBe(400);
    expect((await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/consent`, { decisions: { own: 'ja' } })).status).toBe(400);
    expect(await fx.app.repos.media.consentHistory(fx.recordingId)).toHaveLength(before);
  });
});

describe('CONSENT-2 withdrawal per use cuts access at once', () => {
  it('withdrawing "researchers" cuts the researcher’s open stream and socket within 2 seconds; the owner keeps playing', async () => {
    const { recordingId, mediaId } = await newRecording(longRecording());
    await recordConsent(recordingId, ['own', 'researchers', 'colleagues']);
    const researcherStream = await openStream('researcher', mediaId);
    const ownerStream = await openStream('owner', mediaId);
    const provider = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: fx.headersFor('researcher') });
    await waitForSynced(provider);
    const socketClosed = waitForClose(provider);

    const started = performance.now();
    const res = await call<{ recording: RecordingInfo }>('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/withdraw`, {
      uses: ['researchers'],
    });
    expect(res.status).toBe(200);
    expect(res.body.recording.consent?.decisions).toMatchObject({ own: true, researchers: false, colleagues: true });
    researcherStream.res.resume();
    expect(await researcherStream.ended).toBe('cut');
    expect(await socketClosed).toBe(closeCodes.consentChanged);
    expect(performance.now() - started).toBeLessThan(2_000);
    provider.destroy();

    // The owner's stream is untouched and completes.
    ownerStream.res.resume();
    expect(await ownerStream.ended).toBe('complete');
    expect((await play('researcher', mediaId)).code).toBe('consent_missing');
    expect((await play('colleague', mediaId)).status).toBe(206);
  });

  it('a stream also ends with access itself: member removed, logged out (within 2 seconds)', async () => {
    const { recordingId, mediaId } = await newRecording(longRecording());
    await recordConsent(recordingId, ['own', 'researchers', 'colleagues']);
    const removed = await openStream('researcher', mediaId);
    let cut = once(fx.app.media.events, 'cut');
    let started = performance.now();
    expect((await call('owner', 'DELETE', `/api/cycles/${fx.cycleId}/members/${fx.userIds.researcher}`)).status).toBe(200);
    try {
      await cut;
    } finally {
      await fx.app.repos.cycles.addMember(fx.cycleId, fx.userIds.researcher, 'researcher', fx.userIds.owner);
    }
    // A paused client notices only when it reads on: the response ends short.
    removed.res.resume();
    expect(await removed.ended).toBe('cut');
    expect(performance.now() - started).toBeLessThan(2_000);

    const headers = fx.headersFor('colleague');
    const loggedOut = await new Promise<{ res: http.IncomingMessage; ended: Promise<string> }>((resolve) => {
      http.get(`${fx.url}/api/media/${mediaId}`, { headers }, (res) => {
        const ended = new Promise<string>((done) => {
          res.once('end', () => done('complete'));
          res.socket.once('close', () => done(res.complete ? 'complete' : 'cut'));
        });
        res.once('data', () => {
          res.pause();
          resolve({ res, ended });
        });
      });
    });
    cut = once(fx.app.media.events, 'cut');
    started = performance.now();
    expect((await fx.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    await cut;
    loggedOut.res.resume();
    expect(await loggedOut.ended).toBe('cut');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('the consent history is append-only: every decision and withdrawal stays, the database refuses edits', async () => {
    const history = await call<{ events: { kind: string; changed: string[] }[] }>(
      'owner',
      'GET',
      `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/consent/history`,
    );
    expect(history.body.events.length).toBeGreaterThanOrEqual(consentUses.length + 1);
    await withTestSql(fx.app.config, async (db) => {
      await expect(db.run('UPDATE consent_events SET decisions = ?', ['{}'])).rejects.toThrow(/append-only/);
      await expect(db.run('DELETE FROM consent_events')).rejects.toThrow(/append-only/);
    });
  });

  it('only the owner may change consent', async () => {
    for (const role of ['researcher', 'colleague', 'admin'] as const) {
      const res = await call(role, 'POST', `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/consent/withdraw`, { all: true });
      expect(res.status).toBe(403);
    }
  });
});

describe('CONSENT-3 complete withdrawal erases the media', () => {
  it('key destroyed, bytes deleted, no trace of a canary in the data directory or the database; observations remain', async () => {
    // The uploaded media carries a canary (in a free box, so the file stays valid), uploaded with
    // tus so partial-upload state is exercised too.
    // Large enough that a paused stream is still open when the erasure comes.
    const data = withFreeBox(withFreeBox(readFixture('mp4'), canary, 4_096), Buffer.alloc(PAUSED_STREAM_BYTES));
    const run = tusUpload(`${fx.url}/api/cycles/${fx.cycleId}/uploads`, fx.headersFor('owner'), data, { metadata: { label: 'canary' } });
    expect(await run.done).toBeNull();
    const mediaId = run.upload.url!.split('/').pop()!;
    const row = (await fx.app.repos.media.media(mediaId))!;
    await recordConsent(row.recording_id, [...consentUses]);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), canary, Buffer.from('\n%%EOF\n')]);
    const form = await fx.app.inject({
      method: 'POST',
      url: `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent/form`,
      headers: { ...fx.headersFor('owner'), 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(form.statusCode).toBe(201);

    // The canary is really there: the stream shows it, the disk holds only ciphertext.
    const streamed = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: fx.headersFor('researcher') });
    expect(streamed.rawPayload.includes(canary)).toBe(true);
    const wrappedKey = (await fx.app.repos.media.wrappedKey(row.key_id!))!;
    const cipherSample = fs.readFileSync(path.join(fx.app.config.dataDir, 'media', `${mediaId}.kjm`)).subarray(100_000, 100_064);
    const scan = async (needle: Buffer) => [...listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(needle)), ...(await storedHolding(fx.app.config, needle))];
    expect(await scan(canary)).toEqual([]);
    expect(await scan(cipherSample)).toHaveLength(1);

    // An observation in the cycle document (time codes, not media) made before the erasure.
    const writer = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: fx.headersFor('owner') });
    const reader = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: fx.headersFor('researcher') });
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);
    const texts = (doc: Y.Doc) => listObservations(observationsOf(doc)).map((o) => o.text);
    addObservation(observationsOf(writer.doc), { author: fx.userIds.owner, authorName: 'Klantmanager', start: 133, themes: [], kind: 'observation', valence: 'neutral', text: '02:13 open vraag gesteld' });
    await waitForDoc(reader.doc, () => texts(reader.doc).length === 1);
    const stream = await openStream('researcher', mediaId);
    const readerClosed = waitForClose(reader);

    const res = await call<{ recording: RecordingInfo }>('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent/withdraw`, {
      all: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.recording).toMatchObject({ erased: true, media: [], play: { allowed: false, reason: 'erased' } });
    stream.res.resume();
    expect(await stream.ended).toBe('cut');
    expect(await readerClosed).toBe(closeCodes.consentChanged);
    writer.destroy();
    reader.destroy();

    expect(await play('owner', mediaId)).toMatchObject({ status: 410, code: 'media_erased' });
    const after = (await fx.app.repos.media.media(mediaId))!;
    expect(after).toMatchObject({ status: 'erased', key_id: null, sha256: null, file_name: null, erased_reason: 'withdrawn' });
    expect(await fx.app.repos.media.wrappedKey(row.key_id!)).toBeUndefined();
    expect(fs.existsSync(path.join(fx.app.config.dataDir, 'media', `${mediaId}.kjm`))).toBe(false);
    expect((await fx.app.repos.media.mediaOf(row.recording_id, 'consent_form')).every((f) => f.status === 'erased')).toBe(true);

    // Nothing of the media, its key or its ciphertext anywhere: data files, SQLite and its WAL.
    expect(await scan(canary)).toEqual([]);
    expect(await scan(wrappedKey)).toEqual([]);
    expect(await scan(cipherSample)).toEqual([]);

    // The audit trail records the erasure without content.
    const erased = (await fx.app.repos.audit.latest(50)).filter((e) => e.action === 'media_erased');
    expect(erased.length).toBeGreaterThanOrEqual(3);
    for (const e of erased) expect(e.detail).not.toMatch(/PDF|CANARY|gesprek/i);

    // The cycle's observations remain.
    const again = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: fx.headersFor('owner'), doc: new Y.Doc() });
    await waitForSynced(again);
    expect(texts(again.doc)).toEqual(['02:13 open vraag gesteld']);
    again.destroy();
  });

  it('an erased recording takes no new consent or files', async () => {
    const erased = (await fx.app.repos.media.recordingsOf(fx.cycleId)).find((r) => r.erased_at !== null)!;
    expect((await recordConsent(erased.id, ['own'])).status).toBe(410);
    const err = await tusUpload(`${fx.url}/api/cycles/${fx.cycleId}/uploads`, fx.headersFor('owner'), readFixture('mp4'), {
      metadata: { recordingId: erased.id },
    }).done;
    expect(err).not.toBeNull();
  });
});

describe('CONSENT-4 retention', () => {
  it('the sweep erases media whose retention date has passed, audited as retention', async () => {
    const { recordingId, mediaId } = await newRecording();
    await recordConsent(recordingId, ['own', 'researchers'], today());
    expect((await fx.app.media.sweep()).erased).toBe(0);
    const result = await fx.app.media.sweep(Date.now() + 2 * 86_400_000);
    expect(result.erased).toBe(1);
    expect(await fx.app.repos.media.media(mediaId)).toMatchObject({ status: 'erased', erased_reason: 'retention' });
    expect((await fx.app.repos.media.recording(recordingId))!.erased_at).not.toBeNull();
    expect((await fx.app.repos.audit.latest(10)).some((e) => e.action === 'media_erased' && e.detail?.includes('retention'))).toBe(true);
  });

  it('runs at start-up: a recording past its date is erased when the server starts', async () => {
    const other = await accessFixture({ dataDir: fx.app.config.dataDir + '-restart' });
    const cycle = (await other.app.repos.cycles.get(other.cycleId))!;
    const rec = (await other.app.repos.media.recording(other.recordingId))!;
    await other.app.repos.media.addConsentEvent({
      recordingId: rec.id,
      actorId: other.userIds.owner,
      kind: 'recorded',
      decisions: { ...noConsent(), own: true },
      changed: ['own'],
      retentionUntil: '2000-01-01',
    });
    const dataDir = other.app.config.dataDir;
    await other.close();
    const { buildApp } = await import('../../server/app.ts');
    const { testAppConfig } = await import('../helpers/server.ts');
    const app = await buildApp({ config: await testAppConfig({ dataDir }) });
    try {
      await app.media.lastSweep;
      expect(await app.repos.media.media(other.mediaId)).toMatchObject({ status: 'erased', erased_reason: 'retention' });
      expect(await app.repos.cycles.get(cycle.id)).toBeDefined();
    } finally {
      await app.close();
    }
  });
});

describe('CONSENT-5 the signed consent form', () => {
  it('accepts a PDF/PNG/JPEG scan by content, stores it encrypted, shows it inline to the owner only', async () => {
    const { recordingId } = await newRecording();
    const url = `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/form`;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      crypto.randomBytes(200),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('IEND'),
      Buffer.from([0xae, 0x42, 0x60, 0x82]),
    ]);
    const up = await fx.app.inject({ method: 'POST', url, headers: { ...fx.headersFor('owner'), 'content-type': 'image/png' }, payload: png });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ form: { mime: 'image/png', sizeBytes: png.length } });
    const shown = await fx.app.inject({ method: 'GET', url, headers: fx.headersFor('owner') });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-disposition']).toBe('inline');
    expect(shown.rawPayload.equals(png)).toBe(true);
    expect((await fx.app.inject({ method: 'GET', url, headers: fx.headersFor('researcher') })).statusCode).toBe(403);
    const onDisk = listFiles(path.join(fx.app.config.dataDir, 'media')).filter((f) => fs.readFileSync(f).includes(png.subarray(8, 72)));
    expect(onDisk).toEqual([]);
  });

  it('refuses anything else (by content, whatever the declared type) and keeps nothing', async () => {
    const { recordingId } = await newRecording();
    const url = `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/form`;
    const before = listFiles(path.join(fx.app.config.dataDir, 'media')).length;
    const gif = await fx.app.inject({ method: 'POST', url, headers: { ...fx.headersFor('owner'), 'content-type': 'image/png' }, payload: Buffer.from('GIF89a\x01\x00\x01\x00') });
    expect(gif.statusCode).toBe(415);
    expect(gif.json()).toMatchObject({ error: { code: 'unsupported_consent_form' } });
    const cut = await fx.app.inject({ method: 'POST', url, headers: { ...fx.headersFor('owner'), 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n1 0 obj') });
    expect(cut.json()).toMatchObject({ error: { code: 'media_truncated' } });
    expect(listFiles(path.join(fx.app.config.dataDir, 'media')).length).toBe(before);
    expect(await fx.app.repos.media.mediaOf(recordingId, 'consent_form')).toEqual([]);
  });
});
