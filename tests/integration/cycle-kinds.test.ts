import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/** Cycle kinds over real HTTP, sockets and SQLite (KIND-*). */
let fx: AccessFixture;
let cycleId: string;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

async function call(role: Role, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  return fx.app.inject({
    method,
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

function socketOutcome(docName: string, role: Role): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${fx.wsUrl}/${docName}`, { headers: fx.headersFor(role) });
    ws.once('message', () => {
      resolve('open');
      ws.close();
    });
    ws.once('close', (code) => resolve(code));
    ws.once('error', reject);
  });
}

describe('KIND-1 the kind is chosen at creation', () => {
  it('a new cycle is a conversation with a client unless the owner chooses otherwise', async () => {
    const plain = await call('owner', 'POST', '/api/cycles', { title: 'Gewoon' });
    expect(plain.json().cycle.kind).toBe('klantgesprek');
    const res = await call('owner', 'POST', '/api/cycles', { title: 'Beeldbellen met Jan', counterpart: 'collega B', kind: 'leidinggevende' });
    expect(res.statusCode).toBe(201);
    expect(res.json().cycle.kind).toBe('leidinggevende');
    cycleId = res.json().cycle.id;
    const bad = await call('owner', 'POST', '/api/cycles', { title: 'x', kind: 'teamoverleg' });
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('its stappenplan has no client interview, and setting one is not found', async () => {
    const steps = (await call('owner', 'GET', `/api/cycles/${cycleId}/steps`)).json().steps as { id: string }[];
    expect(steps.map((s) => s.id)).not.toContain('clientInterview');
    const res = await call('owner', 'PUT', `/api/cycles/${cycleId}/steps/clientInterview`, { status: 'overgeslagen', reason: 'x' });
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('KIND-2 a leidinggevende–collega cycle never opens a client interview, whatever consent says', () => {
  it('even with "clientInterview" sent in the consent, the interview document is refused to a researcher', async () => {
    await fx.app.repos.cycles.addMember(cycleId, fx.userIds.researcher, 'researcher', fx.userIds.owner);
    const recording = await fx.app.repos.media.createRecording(cycleId, 'video 1', fx.userIds.owner);
    await fx.app.repos.media.addConsentEvent({
      recordingId: recording.id,
      actorId: fx.userIds.owner,
      kind: 'recorded',
      decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
      changed: ['own', 'researchers', 'clientInterview'],
    });
    expect(await socketOutcome(interviewDocName(cycleId), 'researcher')).toBe(closeCodes.forbidden);
    // In a conversation with a client the same consent opens it (the fixture's cycle).
    expect(await socketOutcome(interviewDocName(fx.cycleId), 'researcher')).toBe('open');
  });

  it('the export speaks of the colleague, asks no interview consent and says why there is no interview', async () => {
    const model = (await call('owner', 'GET', `/api/cycles/${cycleId}/export.json`)).json();
    expect(model.kind.consentHeading).toBe('Toestemming van de collega');
    expect(model.consent.map((c: { use: string }) => c.use).join(' ')).not.toMatch(/interview/);
    expect(model.interview).toEqual({ included: false, reason: 'Bij een gesprek van een leidinggevende met een collega hoort geen interview achteraf.' });
    const md = (await call('owner', 'GET', `/api/cycles/${cycleId}/export.md`)).body;
    expect(md).toContain('## Toestemming van de collega');
    expect(md).toContain('De collega gaf toestemming voor: eigen gebruik door de leidinggevende; onderzoekers en coach.');
    expect(md).toContain('leidinggevende Klantmanager');
  });
});
