import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noConsent, type ConsentEvent } from '../../shared/domain/consent.ts';
import type { RecordingInfo, RecordingsResponse } from '../../shared/domain/media.ts';
import { earliestSignatureDate, recordConsentBody, todayInNl } from '../../shared/protocol/media.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const inAYear = () => isoDay(Date.now() + 365 * day);

async function put(recordingId: string, body: Record<string, unknown>) {
  const res = await fx.app.inject({
    method: 'PUT',
    url: `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent`,
    headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.json<{ error?: { code: string }; recording?: RecordingInfo }>() };
}

const base = () => ({
  decisions: { ...noConsent(), own: true, researchers: true },
  recordedBy: 'Klantmanager',
  lawfulBasis: '',
  retentionUntil: inAYear(),
});

describe('CONSENT-SIGN-1 both signatures’ dates', () => {
  it('the shared schema asks for both dates and refuses a date after today in the Netherlands', () => {
    const today = todayInNl();
    expect(recordConsentBody.safeParse({ ...base(), clientSignedOn: today, managerSignedOn: today }).success).toBe(true);
    expect(recordConsentBody.safeParse({ ...base(), clientSignedOn: today }).success).toBe(false);
    expect(recordConsentBody.safeParse({ ...base(), managerSignedOn: today }).success).toBe(false);
    const tomorrow = isoDay(Date.parse(`${today}T12:00:00Z`) + day);
    const future = recordConsentBody.safeParse({ ...base(), clientSignedOn: today, managerSignedOn: tomorrow });
    expect(future.success).toBe(false);
    expect(future.error?.issues[0]?.path).toEqual(['managerSignedOn']);
    expect(recordConsentBody.safeParse({ ...base(), clientSignedOn: '2026-02-30', managerSignedOn: today }).success).toBe(false);
    // 23:30 UTC on 3 December is already 4 December in Amsterdam: a form signed then is not "in the future".
    expect(todayInNl(Date.UTC(2026, 11, 3, 23, 30))).toBe('2026-12-04');
    expect(earliestSignatureDate(Date.UTC(2026, 11, 4, 10))).toBe('2025-12-04');
  });

  it('refuses missing, future or implausibly early dates over HTTP and stores nothing', async () => {
    const before = (await fx.app.repos.media.consentHistory(fx.recordingId)).length;
    const today = todayInNl();
    const tomorrow = isoDay(Date.parse(`${today}T12:00:00Z`) + day);
    const yearsAgo = isoDay(Date.now() - 400 * day);
    for (const dates of [
      {},
      { clientSignedOn: today },
      { clientSignedOn: tomorrow, managerSignedOn: today },
      { clientSignedOn: today, managerSignedOn: yearsAgo },
      { clientSignedOn: 'gisteren', managerSignedOn: today },
    ]) {
      const res = await put(fx.recordingId, { ...base(), ...dates });
      expect(res.status, JSON.stringify(dates)).toBe(400);
      expect(res.body.error?.code).toBe('validation_failed');
    }
    expect(await fx.app.repos.media.consentHistory(fx.recordingId)).toHaveLength(before);
  });

  it('stores both dates with the consent event; the history and the recordings list show them', async () => {
    const recording = await fx.app.repos.media.createRecording(fx.cycleId, 'video 9', fx.userIds.owner);
    const client = isoDay(Date.now() - 3 * day);
    const manager = isoDay(Date.now() - 2 * day);
    const res = await put(recording.id, { ...base(), clientSignedOn: client, managerSignedOn: manager });
    expect(res.status).toBe(200);
    // The consent date defaults to the day the client signed.
    expect(res.body.recording?.consent).toMatchObject({ clientSignedOn: client, managerSignedOn: manager, consentDate: client });
    const history = await fx.app.inject({
      method: 'GET',
      url: `/api/cycles/${fx.cycleId}/recordings/${recording.id}/consent/history`,
      headers: fx.headersFor('owner'),
    });
    expect(history.json<{ events: ConsentEvent[] }>().events.at(-1)).toMatchObject({ kind: 'recorded', clientSignedOn: client, managerSignedOn: manager });
    const list = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/recordings`, headers: fx.headersFor('researcher') });
    const mine = list.json<RecordingsResponse>().recordings.find((r) => r.id === recording.id);
    expect(mine?.consent).toMatchObject({ clientSignedOn: client, managerSignedOn: manager });
  });
});
