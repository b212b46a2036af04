import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addCoreMoment, coreReflectionOf, setCoreAnswer } from '../../shared/domain/cycle-doc/core-reflection.ts';
import { layerDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { addObservation, observationsOf } from '../../shared/domain/cycle-doc/observations.ts';
import { addFocusTheme, addSighting, setEntryText, worksheetOf } from '../../shared/domain/cycle-doc/worksheet.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/** Sharing the werkblad with whom its author watches (SELF-1): a read grant, decided by the server. */
let fx: AccessFixture;
let url: string;
const secret = 'Privé observatie die nooit mee mag';
beforeAll(async () => {
  fx = await accessFixture();
  url = `/api/cycles/${fx.cycleId}/worksheets/${fx.userIds.owner}`;
  await fx.app.collab.withDoc(layerDocName(fx.cycleId, fx.userIds.owner), (doc) => {
    const ws = worksheetOf(doc);
    addFocusTheme(ws, 'echtheid');
    setEntryText(ws, 'echtheid', 'wonder', 'Was ik echt?');
    setEntryText(ws, 'echtheid', 'change', 'Vaker vragen wat de cliënt zelf wil');
    addSighting(ws, 'echtheid', { at: 73, text: 'Ik praat door' });
    setCoreAnswer(coreReflectionOf(doc), 'doel', 'We wilden allebei iets anders');
    addCoreMoment(coreReflectionOf(doc), 'doel', { at: 120, text: 'Hier merk ik het' });
    addObservation(observationsOf(doc), { start: 5, end: null, mediaId: null, themes: [], kind: 'observation', valence: 'neutral', text: secret, author: fx.userIds.owner, authorName: 'Klantmanager' });
  });
});
afterAll(async () => fx.close());

async function call(role: Role, method: 'GET' | 'PUT', path: string, body?: unknown) {
  return fx.app.inject({
    method,
    url: path,
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

describe('SELF-1 a werkblad is read only by its author and whom they share it with', () => {
  it('before sharing: the author reads it, other members’ raw requests and sockets get nothing', async () => {
    const own = await call('owner', 'GET', url);
    expect(own.statusCode).toBe(200);
    expect(own.json().worksheet.entries[0]).toMatchObject({ themeId: 'echtheid', change: 'Vaker vragen wat de cliënt zelf wil' });
    for (const role of ['researcher', 'colleague'] as const) {
      const res = await call(role, 'GET', url);
      expect(res.statusCode, role).toBe(403);
      expect(res.body).not.toContain('Vaker vragen');
      expect(await socketOutcome(layerDocName(fx.cycleId, fx.userIds.owner), role)).toBe(closeCodes.forbidden);
    }
    expect((await call('outsider', 'GET', url)).statusCode).toBe(403);
  });

  it('the author shares with a member: that member reads the werkblad and core questions, never the layer’s observations', async () => {
    const res = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/worksheet/shares`, { viewerIds: [fx.userIds.researcher] });
    expect(res.statusCode).toBe(200);
    expect(res.json().viewers).toEqual([{ userId: fx.userIds.researcher, name: 'Onderzoeker' }]);
    const shares = (await call('researcher', 'GET', `/api/cycles/${fx.cycleId}/worksheet/shares`)).json();
    expect(shares.sharedWithMe).toEqual([{ userId: fx.userIds.owner, name: 'Klantmanager' }]);
    const read = await call('researcher', 'GET', url);
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body.worksheet.entries[0].seen[0]).toMatchObject({ at: 73, text: 'Ik praat door' });
    expect(body.coreReflection.find((a: { questionId: string }) => a.questionId === 'doel')).toMatchObject({ answer: 'We wilden allebei iets anders', moments: [expect.objectContaining({ at: 120 })] });
    expect(read.body).not.toContain(secret);
    // The layer document itself stays the author's.
    expect(await socketOutcome(layerDocName(fx.cycleId, fx.userIds.owner), 'researcher')).toBe(closeCodes.forbidden);
    // A member it is not shared with still gets nothing.
    expect((await call('colleague', 'GET', url)).statusCode).toBe(403);
  });

  it('only members of the cycle, never oneself; a refused share changes nothing', async () => {
    for (const viewerIds of [[fx.userIds.outsider], [fx.userIds.owner], [fx.userIds.researcher, fx.userIds.admin], ['niet-een-id']]) {
      const res = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/worksheet/shares`, { viewerIds });
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await call('researcher', 'GET', url)).statusCode).toBe(200);
    expect((await call('outsider', 'GET', url)).statusCode).toBe(403);
  });

  it('a member cannot share someone else’s werkblad: shares are always the caller’s own', async () => {
    await call('researcher', 'PUT', `/api/cycles/${fx.cycleId}/worksheet/shares`, { viewerIds: [fx.userIds.colleague] });
    expect((await call('colleague', 'GET', url)).statusCode).toBe(403);
    expect((await call('colleague', 'GET', `/api/cycles/${fx.cycleId}/worksheets/${fx.userIds.researcher}`)).statusCode).toBe(200);
  });

  it('unsharing or leaving the cycle ends the grant', async () => {
    await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/worksheet/shares`, { viewerIds: [fx.userIds.researcher, fx.userIds.colleague] });
    expect((await call('colleague', 'GET', url)).statusCode).toBe(200);
    await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/worksheet/shares`, { viewerIds: [fx.userIds.researcher] });
    expect((await call('colleague', 'GET', url)).statusCode).toBe(403);
    const removed = await fx.app.inject({ method: 'DELETE', url: `/api/cycles/${fx.cycleId}/members/${fx.userIds.researcher}`, headers: fx.headersFor('owner') });
    expect(removed.statusCode).toBe(200);
    expect((await call('researcher', 'GET', url)).statusCode).toBe(403);
    // Coming back is not a share: the author decides again.
    await fx.app.repos.cycles.addMember(fx.cycleId, fx.userIds.researcher, 'researcher', fx.userIds.owner);
    expect((await call('researcher', 'GET', url)).statusCode).toBe(403);
    expect((await call('owner', 'GET', `/api/cycles/${fx.cycleId}/worksheet/shares`)).json().viewers).toEqual([]);
  });
});

describe('SELF-3 the core-question self-reflection is exportable, by its author only', () => {
  it('the author’s export has it; another member’s export never does, shared or not', async () => {
    const own = (await call('owner', 'GET', `/api/cycles/${fx.cycleId}/export.json`)).json();
    // A moment made before moments named their recording says so (SLIM-5, TIMECODE-1).
    expect(own.selfReflection).toEqual([
      { question: '4. Gezamenlijk doel: Is er overeenstemming over een gezamenlijk doel?', answer: 'We wilden allebei iets anders', moments: ['opname onbekend · 02:00 Hier merk ik het'] },
    ]);
    const md = (await call('owner', 'GET', `/api/cycles/${fx.cycleId}/export.md`)).body;
    expect(md).toContain('## Zelfreflectie met de vijf kernvragen');
    expect(md).toContain('We wilden allebei iets anders');
    const other = await call('researcher', 'GET', `/api/cycles/${fx.cycleId}/export.md`);
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('We wilden allebei iets anders');
    expect(other.body).not.toContain('Zelfreflectie met de vijf kernvragen');
  });
});
