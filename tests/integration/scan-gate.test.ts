import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canPlay, noConsent, scanMissingMessage } from '../../shared/domain/consent.ts';
import type { RecordingInfo, RecordingsResponse } from '../../shared/domain/media.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { readFixture, withFreeBox } from '../helpers/media.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const members = ['owner', 'researcher', 'colleague'] as const;

async function newConsentedRecording(data = readFixture('mp4')): Promise<{ recordingId: string; mediaId: string }> {
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data });
  const res = await fx.app.inject({
    method: 'PUT',
    url: `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent`,
    headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
    payload: JSON.stringify({
      decisions: { own: true, researchers: true, colleagues: true, training: false, clientInterview: true },
      clientSignedOn: today(),
      managerSignedOn: today(),
      recordedBy: 'Klantmanager',
      retentionUntil: inAYear(),
    }),
  });
  expect(res.statusCode).toBe(200);
  return { recordingId: row.recording_id, mediaId: row.id };
}

/** A raw ranged GET on the media route, as curl would send it. */
async function play(role: Role, mediaId: string): Promise<{ status: number; code?: string; message?: string }> {
  const res = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: { ...fx.headersFor(role), range: 'bytes=0-99' } });
  if (res.statusCode === 206) return { status: 206 };
  const body = res.json<{ error: { code: string; message: string } }>();
  return { status: res.statusCode, code: body.error.code, message: body.error.message };
}

async function listed(role: Role, recordingId: string): Promise<RecordingInfo> {
  const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/recordings`, headers: fx.headersFor(role) });
  return res.json<RecordingsResponse>().recordings.find((r) => r.id === recordingId)!;
}

async function setScanRequired(role: Role, requireConsentScan: boolean) {
  return fx.app.inject({
    method: 'PUT',
    url: '/api/admin/settings',
    headers: { ...fx.headersFor(role), 'content-type': 'application/json' },
    payload: JSON.stringify({ requireConsentScan }),
  });
}

describe('SCANGATE-1 no one but the owner plays before the signed form’s scan is uploaded', () => {
  it('canPlay: a missing scan refuses every role but the owner, after the use itself is checked', () => {
    const decisions = { ...noConsent(), own: true, researchers: true };
    const state = { recorded: true, decisions, erased: false, scanMissing: true };
    expect(canPlay('owner', state)).toEqual({ allowed: true });
    expect(canPlay('researcher', state)).toMatchObject({ allowed: false, reason: 'scan_missing', message: scanMissingMessage });
    // A use the client refused stays the reason given, scan or not.
    expect(canPlay('colleague', state)).toMatchObject({ allowed: false, reason: 'consent_missing' });
    expect(canPlay('researcher', { ...state, scanMissing: false })).toEqual({ allowed: true });
  });

  it('is on by default: per role on the media route, the list and the transcript, before and after the scan', async () => {
    expect(await fx.app.repos.users.orgSettings((await fx.app.repos.cycles.get(fx.cycleId))!.org_id)).toEqual({ requireConsentScan: true });
    const { recordingId, mediaId } = await newConsentedRecording();
    expect(await play('owner', mediaId)).toEqual({ status: 206 });
    for (const role of ['researcher', 'colleague'] as const) {
      expect(await play(role, mediaId), role).toEqual({ status: 403, code: 'consent_scan_missing', message: 'Het getekende toestemmingsformulier is nog niet geüpload.' });
      const info = await listed(role, recordingId);
      expect(info.play).toMatchObject({ allowed: false, reason: 'scan_missing', message: scanMissingMessage });
      expect(info.consent?.scanMissing).toBe(true);
      expect(info.media.every((m) => m.streamUrl === null)).toBe(true);
      const transcript = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}/transcript`, headers: fx.headersFor(role) });
      expect(transcript.json()).toMatchObject({ error: { code: 'consent_scan_missing' } });
    }
    expect(await play('admin', mediaId)).toMatchObject({ status: 403, code: 'admin_no_content' });
    expect(await play('outsider', mediaId)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await play('anonymous', mediaId)).toMatchObject({ status: 401 });
    const refusal = (await fx.app.repos.audit.latest(30)).find((e) => e.action === 'access_denied' && e.actor_id === fx.userIds.researcher);
    expect(refusal?.detail).toContain('consent_scan_missing');

    await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, recordingId);
    for (const role of members) {
      expect(await play(role, mediaId), role).toEqual({ status: 206 });
      expect((await listed(role, recordingId)).play.allowed).toBe(true);
    }
    expect(await play('admin', mediaId)).toMatchObject({ status: 403 });
  });

  it('only the beheerder switches it; off lets members play without a scan, on again cuts their open streams', async () => {
    for (const role of ['owner', 'researcher', 'anonymous'] as const) {
      expect([401, 403]).toContain((await setScanRequired(role, false)).statusCode);
    }
    const { mediaId } = await newConsentedRecording(withFreeBox(readFixture('mp4'), Buffer.alloc(32 * 1024 * 1024)));
    expect((await play('researcher', mediaId)).code).toBe('consent_scan_missing');

    const off = await setScanRequired('admin', false);
    expect(off.json()).toEqual({ settings: { requireConsentScan: false } });
    expect(await play('researcher', mediaId)).toEqual({ status: 206 });
    expect((await fx.app.repos.audit.latest(5)).some((e) => e.action === 'org_settings_changed' && e.actor_id === fx.userIds.admin)).toBe(true);

    // A researcher's open stream (paused after its first bytes) stops when the gate goes back on.
    const headers = fx.headersFor('researcher');
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${fx.url}/api/media/${mediaId}`, { headers }, resolve).on('error', reject);
    });
    expect(res.statusCode).toBe(200);
    await once(res, 'data');
    res.pause();
    const cut = once(fx.app.media.events, 'cut');
    expect((await setScanRequired('admin', true)).statusCode).toBe(200);
    await cut;
    expect((await play('researcher', mediaId)).code).toBe('consent_scan_missing');
    expect(await play('owner', mediaId)).toEqual({ status: 206 });
    res.destroy();
  });
});
