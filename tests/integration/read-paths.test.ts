import fs from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import {
  addObservation,
  clientFeedbackOf,
  interviewDocName,
  layerDocName,
  listPublished,
  observationsOf,
  putEntry,
} from '../../shared/domain/cycle-doc/index.ts';
import type { ConsentDecisions } from '../../shared/domain/consent.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { readFixture, withFreeBox } from '../helpers/media.ts';
import { connectProvider, waitForClose, waitForSynced } from '../helpers/providers.ts';
import { tempDir } from '../helpers/server.ts';
import { onPostgres, sqliteOnly } from '../helpers/test-database.ts';

/** Unique strings in parts only some people may read; a response that must not hold them never does. */
const canary = {
  interview: 'CANARY-INTERVIEW-7d1e5b',
  legacyInterview: 'CANARY-LEGACY-INTERVIEW-0c94aa',
  privateLayer: 'CANARY-PRIVATE-LAYER-3f8c21',
  blindDraft: 'CANARY-BLIND-DRAFT-b62e07',
  blindReady: 'CANARY-BLIND-READY-51ad9f',
} as const;
const feedbackText = 'Hij laat niet het achterste van zijn tong zien';

const exportPaths = ['export.json', 'export.md', 'export.docx', 'previous'] as const;

const allConsent: ConsentDecisions = { own: true, researchers: true, colleagues: true, training: false, clientInterview: true };

async function setConsent(fx: AccessFixture, decisions: Partial<ConsentDecisions>): Promise<void> {
  await fx.app.repos.media.addConsentEvent({
    recordingId: fx.consentedRecordingId,
    actorId: fx.userIds.owner,
    kind: 'recorded',
    decisions: { ...allConsent, ...decisions },
    changed: [],
  });
}

/** The response as text; a DOCX is unzipped so that its words can be searched. */
async function fetchText(fx: AccessFixture, headers: Record<string, string>, p: string): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/${p}`, headers });
  const text = p.endsWith('.docx') && res.statusCode === 200
    ? strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!).replace(/<[^>]+>/g, '')
    : res.body;
  return { status: res.statusCode, text, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null };
}

const note = (author: string, start: number, text: string) => ({
  author,
  authorName: author,
  start,
  themes: ['echtheid' as const],
  kind: 'observation' as const,
  valence: 'positive' as const,
  text,
});

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A second intervision colleague with a fresh session. */
async function addColleague(fx: AccessFixture, email: string): Promise<{ userId: string; headers: Record<string, string> }> {
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const userId = (await fx.app.repos.users.create({ orgId: cycle.org_id, email, name: 'Tweede collega', passwordHash: null, isAdmin: false })).id;
  await fx.app.repos.cycles.addMember(fx.cycleId, userId, 'colleague', fx.userIds.owner);
  const { token, row } = await fx.app.repos.sessions.create(userId);
  return { userId, headers: { cookie: `${fx.app.sessionCookie.name}=${token}`, 'x-csrf-token': row.csrf_token } };
}

const post = (fx: AccessFixture, url: string, headers: Record<string, string>, body: unknown = {}, method: 'POST' | 'PUT' | 'PATCH' = 'POST') =>
  fx.app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('DOCACCESS-5 exports, print model, previous and overviews obey the same read rules', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
    const { cycleId, userIds } = fx;
    await fx.app.collab.withDoc(cycleDocName(cycleId), (doc) => {
      addObservation(observationsOf(doc), note(userIds.researcher, 30, 'Gedeelde observatie'));
      putEntry(clientFeedbackOf(doc), 'punt-1', { text: feedbackText, mode: 'doorgeven', questionId: null, order: 1, passedOnAt: Date.now() });
      // An interview report left in the shared document by an older version must not leak either.
      doc.getXmlFragment('interviewReport').insert(0, [paragraph(canary.legacyInterview)]);
    });
    await fx.app.collab.withDoc(interviewDocName(cycleId), (doc) => doc.getXmlFragment('interviewReport').insert(0, [paragraph(canary.interview)]));
    await fx.app.collab.withDoc(layerDocName(cycleId, userIds.researcher), (doc) =>
      addObservation(observationsOf(doc), note(userIds.researcher, 40, canary.privateLayer)),
    );
    // Blind intervision: the colleague's layer is ready but not revealed.
    expect((await post(fx, `/api/cycles/${cycleId}/intervision`, fx.headersFor('owner'), { blind: true }, 'PUT')).statusCode).toBe(200);
    await fx.app.collab.withDoc(layerDocName(cycleId, userIds.colleague), (doc) =>
      addObservation(observationsOf(doc), note(userIds.colleague, 50, canary.blindReady)),
    );
    const published = await post(fx, `/api/cycles/${cycleId}/layers/publish`, fx.headersFor('colleague'));
    expect(published.json()).toEqual({ published: 0, waitingForReveal: true });
  });
  afterAll(async () => fx.close());

  it('a colleague without intervision consent gets 403 consent_missing on every path, audited like the WebSocket', async () => {
    await setConsent(fx, { colleagues: false });
    try {
      for (const p of exportPaths) {
        const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/${p}`, headers: fx.headersFor('colleague') });
        expect(res.statusCode, p).toBe(403);
        expect(res.json().error.code).toBe('consent_missing');
        const denied = (await fx.app.repos.audit.latest(1))[0]!;
        expect(denied).toMatchObject({ action: 'access_denied', actor_id: fx.userIds.colleague, cycle_id: fx.cycleId });
        expect(denied.detail).toContain('consent_missing');
      }
      const publish = await post(fx, `/api/cycles/${fx.cycleId}/layers/publish`, fx.headersFor('colleague'));
      expect(publish.json().error.code).toBe('consent_missing');
      // The others are covered by their own consent.
      expect((await fetchText(fx, fx.headersFor('owner'), 'export.json')).status).toBe(200);
    } finally {
      await setConsent(fx, {});
    }
  });

  it('with consent, the colleague’s export holds the passed-on feedback and no interview report', async () => {
    const headers = fx.headersFor('colleague');
    for (const p of exportPaths) {
      const { status, text } = await fetchText(fx, headers, p);
      expect(status, p).toBe(200);
      for (const c of Object.values(canary)) expect(text, `${p} ${c}`).not.toContain(c);
      if (p !== 'previous') expect(text, p).toContain(feedbackText);
    }
    const model = (await fetchText(fx, headers, 'export.json')).json as { interview: { included: boolean }; clientFeedback: { text: string }[]; omissions: string[] };
    expect(model.interview.included).toBe(false);
    expect(model.clientFeedback).toEqual([{ text: feedbackText }]);
    expect(model.omissions.some((o) => o.includes('interviewverslag'))).toBe(true);
  });

  it('the owner’s export holds the passed-on feedback but never the interview report', async () => {
    const headers = fx.headersFor('owner');
    for (const p of exportPaths) {
      const { status, text } = await fetchText(fx, headers, p);
      expect(status, p).toBe(200);
      for (const c of Object.values(canary)) expect(text, `${p} ${c}`).not.toContain(c);
      if (p !== 'previous') {
        expect(text, p).toContain(feedbackText);
        expect(text, p).toContain('Feedback uit het cliëntinterview');
      }
    }
  });

  it('a researcher with clientInterview consent gets the interview report (from the interview document only)', async () => {
    const headers = fx.headersFor('researcher');
    for (const p of ['export.json', 'export.md', 'export.docx'] as const) {
      const { status, text } = await fetchText(fx, headers, p);
      expect(status, p).toBe(200);
      expect(text, p).toContain(canary.interview);
      expect(text, p).toContain(feedbackText);
      // Their own private layer, and anyone's unrevealed one, stay out of every export.
      for (const c of [canary.privateLayer, canary.blindReady, canary.legacyInterview]) expect(text, `${p} ${c}`).not.toContain(c);
    }
  });

  it('without clientInterview consent nobody gets the interview or the feedback, and the export says so', async () => {
    await setConsent(fx, { clientInterview: false });
    try {
      for (const role of ['owner', 'researcher', 'colleague'] as const satisfies readonly Role[]) {
        const { text, json } = await fetchText(fx, fx.headersFor(role), 'export.json');
        expect(text).not.toContain(canary.interview);
        expect(text).not.toContain(feedbackText);
        expect((json as { omissions: string[] }).omissions.some((o) => o.includes('feedback'))).toBe(true);
      }
    } finally {
      await setConsent(fx, {});
    }
  });

  it('the leeragenda (an overview of document content) holds none of the restricted parts', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/leeragenda', headers: fx.headersFor('owner') });
    expect(res.statusCode).toBe(200);
    for (const c of Object.values(canary)) expect(res.body).not.toContain(c);
  });
});

describe('DOCACCESS-6 reveal only in blind mode and only ready layers; archived cycles refuse publish and reveal', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(async () => fx.close());
  const url = (p: string) => (p ? `/api/cycles/${fx.cycleId}/${p}` : `/api/cycles/${fx.cycleId}`);

  it('reveal with blind mode off is refused with 409 blind_mode_off and publishes nothing', async () => {
    await fx.app.collab.withDoc(layerDocName(fx.cycleId, fx.userIds.colleague), (doc) =>
      addObservation(observationsOf(doc), note(fx.userIds.colleague, 10, canary.blindDraft)),
    );
    const res = await post(fx, url('intervision/reveal'), fx.headersFor('owner'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('blind_mode_off');
    const doc = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    expect(listPublished(doc).has(fx.userIds.colleague)).toBe(false);
    expect((await fetchText(fx, fx.headersFor('owner'), 'export.md')).text).not.toContain(canary.blindDraft);
    doc.destroy();
  });

  it('in blind mode the facilitator reveals only the layers their authors marked ready', async () => {
    const second = await addColleague(fx, 'collega2@test.example');
    expect((await post(fx, url('intervision'), fx.headersFor('owner'), { blind: true }, 'PUT')).statusCode).toBe(200);
    await fx.app.collab.withDoc(layerDocName(fx.cycleId, second.userId), (doc) =>
      addObservation(observationsOf(doc), note(second.userId, 20, canary.blindReady)),
    );
    // The second colleague says "klaar"; the first (with canary.blindDraft) does not.
    expect((await post(fx, url('layers/publish'), second.headers)).json()).toEqual({ published: 0, waitingForReveal: true });
    expect((await post(fx, url('intervision/reveal'), fx.headersFor('colleague'))).statusCode).toBe(403);

    const res = await post(fx, url('intervision/reveal'), fx.headersFor('researcher'));
    expect(res.statusCode).toBe(200);
    expect(res.json().published).toBe(1);
    const doc = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
    expect(listPublished(doc).get(second.userId)?.map((o) => o.text)).toEqual([canary.blindReady]);
    expect(listPublished(doc).has(fx.userIds.colleague)).toBe(false);
    doc.destroy();
    for (const role of ['owner', 'researcher', 'colleague'] as const) {
      for (const p of ['export.json', 'export.md', 'export.docx'] as const) {
        const { text } = await fetchText(fx, fx.headersFor(role), p);
        expect(text, `${role} ${p}`).toContain(canary.blindReady);
        expect(text, `${role} ${p}`).not.toContain(canary.blindDraft);
      }
    }
  });

  it('an archived cycle refuses publish, reveal and intervision settings with 423 cycle_archived', async () => {
    const owner = fx.headersFor('owner');
    expect((await post(fx, url(''), owner, { status: 'archived' }, 'PATCH')).statusCode).toBe(200);
    try {
      const attempts = [
        await post(fx, url('layers/publish'), fx.headersFor('researcher')),
        await post(fx, url('layers/publish'), fx.headersFor('colleague')),
        await post(fx, url('intervision/reveal'), owner),
        await post(fx, url('intervision'), owner, { blind: false }, 'PUT'),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(423);
        expect(res.json().error.code).toBe('cycle_archived');
      }
      const doc = await fx.app.collab.readDoc(cycleDocName(fx.cycleId));
      expect(listPublished(doc).has(fx.userIds.colleague)).toBe(false);
      doc.destroy();
      // Reading stays possible.
      expect((await fetchText(fx, owner, 'export.json')).status).toBe(200);
    } finally {
      await post(fx, url(''), owner, { status: 'active' }, 'PATCH');
    }
  });
});

describe('DOCACCESS-7 one place where access ends; owner-only files', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(async () => fx.close());

  /** Opens the clock socket and waits for one answered ping (so the server has registered it). */
  async function openClock(headers: Record<string, string>): Promise<WebSocket> {
    const ws = new WebSocket(`${fx.url.replace('http', 'ws')}/api/clock`, { headers });
    await once(ws, 'open');
    const ping = Buffer.alloc(8);
    ping.writeDoubleLE(1, 0);
    ws.send(ping, { binary: true });
    await once(ws, 'message');
    return ws;
  }

  /** A playback response paused after its first bytes (too long to sit in socket buffers whole). */
  async function openStream(headers: Record<string, string>, mediaId: string): Promise<{ res: http.IncomingMessage; ended: Promise<'complete' | 'cut'> }> {
    return new Promise((resolve, reject) => {
      http.get(`${fx.url}/api/media/${mediaId}`, { headers }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        const ended = new Promise<'complete' | 'cut'>((done) => {
          res.once('end', () => done('complete'));
          res.socket.once('close', () => done(res.complete ? 'complete' : 'cut'));
        });
        res.once('data', () => {
          res.pause();
          resolve({ res, ended });
        });
      });
    });
  }

  it('logout closes the clock socket, the collaboration socket and a media stream together', async () => {
    const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
    // No consent recorded on this recording yet: only the owner plays it.
    const media = await fx.app.media.importMedia({
      cycleId: fx.cycleId,
      orgId: cycle.org_id,
      userId: fx.userIds.owner,
      data: withFreeBox(readFixture('mp4'), Buffer.alloc(32 * 1024 * 1024)),
    });
    const headers = fx.headersFor('owner');
    const other = fx.headersFor('owner');
    const provider = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: { cookie: headers.cookie! } });
    const otherProvider = connectProvider(fx.wsUrl, cycleDocName(fx.cycleId), { headers: { cookie: other.cookie! } });
    try {
      await Promise.all([waitForSynced(provider), waitForSynced(otherProvider)]);
      const clock = await openClock(headers);
      const otherClock = await openClock(other);
      const stream = await openStream(headers, media.id);
      const socketClosed = waitForClose(provider);
      const clockClosed = once(clock, 'close') as Promise<[number, Buffer]>;
      const cut = once(fx.app.media.events, 'cut');

      expect((await fx.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
      expect(await socketClosed).toBe(closeCodes.unauthenticated);
      expect((await clockClosed)[0]).toBe(closeCodes.unauthenticated);
      await cut;
      stream.res.resume();
      expect(await stream.ended).toBe('cut');
      // Closed by logout itself, not by the session sweep (which audits what it closes).
      expect((await fx.app.repos.audit.latest(50)).filter((e) => e.action === 'session_expired' && e.actor_id === fx.userIds.owner)).toEqual([]);
      // Another session of the same person keeps everything.
      expect(otherProvider.wsconnected).toBe(true);
      expect(otherClock.readyState).toBe(WebSocket.OPEN);
      expect(fx.app.access.clocks().map((c) => c.sessionId)).toHaveLength(1);
      otherClock.close();
    } finally {
      provider.destroy();
      otherProvider.destroy();
    }
  });

  it('an expired session loses its clock socket to the sweep as well', async () => {
    const headers = fx.headersFor('researcher');
    const clock = await openClock(headers);
    const closed = once(clock, 'close') as Promise<[number, Buffer]>;
    await fx.app.repos.sessions.end(fx.app.access.clocks().find((c) => c.userId === fx.userIds.researcher)!.sessionId);
    // The sweep runs on its own timer too; calling it here only makes the wait short.
    await fx.app.access.sweep();
    expect((await closed)[0]).toBe(closeCodes.unauthenticated);
    expect((await fx.app.repos.audit.latest(5)).map((e) => e.action)).toContain('session_expired');
  });

  it.skipIf(onPostgres)(`the database files are 0600 and the data and media directories 0700${sqliteOnly('the SQLite files')}`, () => {
    const dir = fx.app.config.dataDir;
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'media'))).toBe(0o700);
    for (const f of ['kijkruimte.sqlite', 'kijkruimte.sqlite-wal', 'kijkruimte.sqlite-shm']) expect(mode(path.join(dir, f)), f).toBe(0o600);
  });

  it('an existing data directory and database from an older installation are tightened at open', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'kijkruimte.sqlite');
    const old = openSqlite(dir);
    old.close();
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(`${file}-shm`, Buffer.alloc(0), { mode: 0o644 });
    fs.chmodSync(dir, 0o755);
    const db = openSqlite(dir);
    try {
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(`${file}-shm`).mode & 0o777).toBe(0o600);
    } finally {
      db.close();
    }
  });
});
