import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { cycleDocName } from '../../shared/domain/access.ts';
import { docKeys, settingsKeys } from '../../shared/domain/cycle-doc/keys.ts';
import type { RecordingsResponse } from '../../shared/domain/media.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { connectProvider, waitForDoc, waitForSynced } from '../helpers/providers.ts';

let fx: AccessFixture;
const providers: WebsocketProvider[] = [];
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

const recordings = async (role: Role) =>
  (await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/recordings`, headers: fx.headersFor(role) })).json() as RecordingsResponse;
const mine = (r: RecordingsResponse) => r.recordings.find((x) => x.id === fx.recordingId)!;
const send = (method: 'PUT' | 'POST', url: string, body: unknown) =>
  fx.app.inject({ method, url, headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('CONSENT-6 consent changes reach open clients, and only players get stream addresses', () => {
  it('granting consent bumps the cycle’s consent version live; a member not covered gets no stream URL', async () => {
    expect(mine(await recordings('researcher')).media.every((m) => m.streamUrl === null)).toBe(true);
    const headers = fx.headersFor('researcher');
    const p = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: { cookie: headers.cookie! } });
    providers.push(p);
    await waitForSynced(p);
    const settings = p.doc.getMap(docKeys.settings);
    // The signed form's scan first: with the scan gate on (the default) it is what lets others play.
    await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, fx.recordingId);
    const before = settings.get(settingsKeys.consentVersion);
    const res = await send('PUT', `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/consent`, {
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: false },
      clientSignedOn: '2026-11-01',
      managerSignedOn: '2026-11-01',
      recordedBy: 'Klantmanager',
      retentionUntil: '2027-11-01',
    });
    expect(res.statusCode).toBe(200);
    await waitForDoc(p.doc, () => settings.get(settingsKeys.consentVersion) !== before);
    expect(mine(await recordings('researcher')).media.some((m) => m.streamUrl !== null)).toBe(true);
    expect(mine(await recordings('colleague')).media.every((m) => m.streamUrl === null)).toBe(true);
  });

  it('after complete withdrawal every member sees when and why the recording was erased', async () => {
    const res = await send('POST', `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/consent/withdraw`, { all: true });
    expect(res.statusCode).toBe(200);
    const rec = mine(await recordings('researcher'));
    expect(rec.erased).toBe(true);
    expect(rec.erasedReason).toBe('withdrawn');
    expect(rec.erasedAt).toBeGreaterThan(0);
  });
});
