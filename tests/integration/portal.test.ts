import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noConsent, type ConsentUse } from '../../shared/domain/consent.ts';
import { clientSessionHeader, formatClientCode, normaliseClientCode } from '../../shared/portal/code.ts';
import type { ClientCodeResponse, ErasureReceipt, PortalOverview } from '../../shared/portal/protocol.ts';
import { eraseForRetention, withdrawAllWithReceipt } from '../../server/portal/erasure.ts';
import { clientLoginLimits, clientSessionMs } from '../../server/portal/sessions.ts';
import type { RecordingRow } from '../../server/storage/media.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { listFiles, readFixture, withFreeBox } from '../helpers/media.ts';
import { storedHolding } from '../helpers/test-sql.ts';

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);
let addressCounter = 0;
/** Each test logs in from its own address, so the per-address limit is only met where tested. */
const freshAddress = () => `10.0.${Math.floor(++addressCounter / 250)}.${(addressCounter % 250) + 1}`;

async function call<T = unknown>(role: Role, method: string, url: string, body?: unknown): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: (String(res.headers['content-type']).includes('json') ? res.json() : res.rawPayload) as T, headers: res.headers };
}

async function newRecording(granted: readonly ConsentUse[], data = readFixture('mp4')): Promise<{ recordingId: string; mediaId: string }> {
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data });
  const decisions = noConsent();
  for (const u of granted) decisions[u] = true;
  const res = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent`, {
    decisions,
    clientSignedOn: today(),
    managerSignedOn: today(),
    recordedBy: 'Klantmanager',
    lawfulBasis: '',
    retentionUntil: inAYear(),
  });
  expect(res.status).toBe(200);
  return { recordingId: row.recording_id, mediaId: row.id };
}

/**
 * The signed form's scan, so that playback by others does not wait for it (an organisation
 * setting may require the scan before anyone but the owner plays).
 */
async function uploadScan(recordingId: string): Promise<void> {
  const res = await fx.app.inject({
    method: 'POST',
    url: `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/form`,
    headers: { ...fx.headersFor('owner'), 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4\nformulier\n%%EOF\n'),
  });
  expect(res.statusCode).toBe(201);
}

async function issueCode(recordingId: string): Promise<ClientCodeResponse> {
  const res = await call<ClientCodeResponse>('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/client-code`);
  expect(res.status).toBe(201);
  return res.body;
}

async function login(code: string, remoteAddress = freshAddress()) {
  const res = await fx.app.inject({ method: 'POST', url: '/api/client/session', payload: { code }, remoteAddress });
  return { status: res.statusCode, body: res.json<{ token?: string; expiresAt?: number; error?: { code: string } }>() };
}

async function portal<T = unknown>(token: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await fx.app.inject({
    method,
    url,
    headers: { [clientSessionHeader]: token, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: (String(res.headers['content-type']).includes('json') ? res.json() : res.rawPayload) as T, headers: res.headers };
}

async function sessionFor(recordingId: string): Promise<{ code: string; token: string }> {
  const { code } = await issueCode(recordingId);
  const res = await login(formatClientCode(code));
  expect(res.status).toBe(201);
  return { code, token: res.body.token! };
}

/** Starts a stream and stops reading after its first bytes (a paused video element). */
function openStream(role: Role, mediaId: string): Promise<{ res: http.IncomingMessage; ended: Promise<'complete' | 'cut'> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${fx.url}/api/media/${mediaId}`, { headers: fx.headersFor(role) }, (res) => {
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
    req.on('error', () => undefined);
  });
}
const PAUSED_STREAM_BYTES = 32 * 1024 * 1024;

describe('PORTAL-1 the client code: high-entropy, hashed at rest, rotated by the owner', () => {
  it('is 24 characters from the unambiguous alphabet, printed in groups, and only its hash is stored', async () => {
    const { recordingId } = await newRecording(['own']);
    const { code, form } = await issueCode(recordingId);
    expect(normaliseClientCode(code)).toBe(code);
    expect(code).toHaveLength(24);
    expect(form.code).toBe(formatClientCode(code));
    expect(form.code).toMatch(/^[A-Z0-9]{6}(-[A-Z0-9]{6}){3}$/);
    // The QR code's address carries the code only in its fragment.
    const url = new URL(form.portalUrl);
    expect(url.pathname).toBe('/client');
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#code=${formatClientCode(code)}`);
    // No plaintext anywhere on disk (database, WAL, media folder), in either spelling.
    await fx.app.repos.media.checkpoint();
    for (const needle of [code, formatClientCode(code)]) {
      expect(listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(needle))).toEqual([]);
      expect(await storedHolding(fx.app.config, Buffer.from(needle))).toEqual([]);
    }
    const audit = (await fx.app.repos.audit.latest(5)).find((e) => e.action === 'client_code_issued');
    expect(audit).toMatchObject({ actor_id: fx.userIds.owner, target: recordingId });
    expect(audit?.detail ?? '').not.toContain(code);
  });

  it('a new code retires the old one at once; case, spaces and dashes do not matter', async () => {
    const { recordingId } = await newRecording(['own']);
    const status = () => call<{ issuedAt: number | null }>('owner', 'GET', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/client-code`);
    expect((await status()).body.issuedAt).toBeNull();
    const first = await issueCode(recordingId);
    const firstSession = await login(first.code);
    expect(firstSession.status).toBe(201);
    // The page can warn that a code is live, without ever seeing it again.
    const live = await status();
    expect(live.body.issuedAt).toEqual(expect.any(Number));
    expect(JSON.stringify(live.body)).not.toContain(first.code);
    expect((await login(first.code.toLowerCase().replace(/(.{4})/g, '$1 '))).status).toBe(201);
    const second = await issueCode(recordingId);
    expect(second.code).not.toBe(first.code);
    expect(await login(first.code)).toMatchObject({ status: 401, body: { error: { code: 'client_code_invalid' } } });
    // What the old code opened ends with it.
    expect((await portal(firstSession.body.token!, 'GET', '/api/client/overview')).status).toBe(401);
    expect((await login(second.code)).status).toBe(201);
    // The PDF is made only for the current code (sent in the body, never in the URL).
    const stale = await call('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/client-form.pdf`, { code: first.code });
    expect(stale.status).toBe(409);
  });

  it('only the owner makes a code or the form', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    for (const role of ['researcher', 'colleague', 'admin', 'anonymous'] as const) {
      expect((await call(role, 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/client-code`)).status).toBeGreaterThanOrEqual(401);
    }
    expect(await fx.app.repos.portal.hasCode(recordingId)).toBe(false);
  });
});

describe('FORM-2 the form as a PDF', () => {
  it('is an attachment with the code, the five uses and both signatures', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    const { code, form } = await issueCode(recordingId);
    expect(form.uses.map((u) => u.use)).toEqual(['own', 'researchers', 'colleagues', 'training', 'clientInterview']);
    expect(form.uses.find((u) => u.use === 'researchers')?.granted).toBe(true);
    expect(form.signatures.map((s) => s.role)).toEqual(['Handtekening cliënt', 'Handtekening klantmanager']);
    const res = await call<Buffer>('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/client-form.pdf`, { code: formatClientCode(code) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fx.app.repos.audit.latest(3)).some((e) => e.action === 'client_form_downloaded')).toBe(true);
  });
});

describe('PORTAL-2 the portal session: short, in a header, one recording only', () => {
  it('a code sees only its own recording; ids in the request cannot point elsewhere', async () => {
    const a = await newRecording(['own', 'researchers']);
    const b = await newRecording(['own']);
    const { token } = await sessionFor(a.recordingId);
    await sessionFor(b.recordingId);
    const res = await portal<PortalOverview>(token, 'GET', `/api/client/overview?recordingId=${b.recordingId}`);
    expect(res.status).toBe(200);
    expect(res.body.uses.find((u) => u.use === 'researchers')?.granted).toBe(true);
    // B's receipt is not A's.
    const bSession = await sessionFor(b.recordingId);
    const erased = await portal<{ receipt: ErasureReceipt }>(bSession.token, 'POST', '/api/client/withdraw', { all: true, scope: 'media' });
    expect(erased.status).toBe(200);
    expect((await portal(token, 'GET', `/api/client/receipts/${erased.body.receipt.number}`)).status).toBe(404);
    expect((await portal(bSession.token, 'GET', `/api/client/receipts/${erased.body.receipt.number}`)).status).toBe(200);
  });

  it('a forged, expired or missing token is refused; a token in the query string or a cookie is ignored', async () => {
    const { recordingId } = await newRecording(['own']);
    const { token } = await sessionFor(recordingId);
    const refused = async (init: { url?: string; headers?: Record<string, string> }) => {
      const res = await fx.app.inject({ method: 'GET', url: init.url ?? '/api/client/overview', headers: init.headers ?? {} });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'client_session_expired' } });
    };
    await refused({ headers: { [clientSessionHeader]: 'forged-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } });
    await refused({ url: `/api/client/overview?token=${token}&${clientSessionHeader}=${token}` });
    await refused({ headers: { cookie: `${clientSessionHeader}=${token}; kijkruimte_sessie=${token}` } });
    // A login cookie is no portal session either.
    await refused({ headers: fx.headersFor('owner') });
    expect((await portal(token, 'GET', '/api/client/overview')).status).toBe(200);
    // Past its lifetime the session is gone (the clock is moved, nothing waits).
    const clock = fx.app.clientSessions.now;
    fx.app.clientSessions.now = () => Date.now() + clientSessionMs + 1;
    try {
      await refused({ headers: { [clientSessionHeader]: token } });
    } finally {
      fx.app.clientSessions.now = clock;
    }
    await refused({ headers: { [clientSessionHeader]: token } });
  });

  it('the session lasts 15 minutes and the token is only in the body', async () => {
    const { recordingId } = await newRecording(['own']);
    const { code } = await issueCode(recordingId);
    const res = await fx.app.inject({ method: 'POST', url: '/api/client/session', payload: { code }, remoteAddress: freshAddress() });
    expect(res.statusCode).toBe(201);
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = res.json<{ token: string; expiresAt: number }>();
    expect(body.expiresAt - Date.now()).toBeLessThanOrEqual(clientSessionMs);
    expect(body.expiresAt - Date.now()).toBeGreaterThan(clientSessionMs - 60_000);
  });
});

describe('PORTAL-3 login attempts are limited per address and per code', () => {
  it('after too many wrong codes from one address, even the right code is refused with 429 there', async () => {
    const { recordingId } = await newRecording(['own']);
    const { code } = await issueCode(recordingId);
    const address = freshAddress();
    for (let i = 0; i < clientLoginLimits.perAddress; i++) {
      expect((await login('ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ', address)).status).toBe(401);
    }
    expect(await login(code, address)).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect((await login(code, freshAddress())).status).toBe(201);
  });

  it('one code opens only so many sessions, from any address', async () => {
    const { recordingId } = await newRecording(['own']);
    const { code } = await issueCode(recordingId);
    for (let i = 0; i < clientLoginLimits.perCode; i++) expect((await login(code, freshAddress())).status).toBe(201);
    expect(await login(code, freshAddress())).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
  });
});

describe('PORTAL-4 what the client sees: consent per use with dates, who watched by role and first name, retention', () => {
  it('shows the decisions, the retention date and "onderzoeker Onderzoeker" after a researcher played; no other personal data', async () => {
    const { recordingId, mediaId } = await newRecording(['own', 'researchers']);
    await uploadScan(recordingId);
    const played = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: { ...fx.headersFor('researcher'), range: 'bytes=0-99' } });
    expect(played.statusCode).toBe(206);
    const exported = await call('owner', 'GET', `/api/cycles/${fx.cycleId}/export.md`);
    expect(exported.status).toBe(200);
    const { token } = await sessionFor(recordingId);
    const res = await portal<PortalOverview>(token, 'GET', '/api/client/overview');
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.retentionUntil).toBe(inAYear());
    expect(o.uses.filter((u) => u.granted).map((u) => u.use)).toEqual(['own', 'researchers']);
    expect(o.uses.find((u) => u.use === 'own')?.since).toBe(today());
    expect(o.access).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'watched', role: 'onderzoeker', firstName: 'Onderzoeker' }),
        expect.objectContaining({ kind: 'exported', role: 'klantmanager', firstName: 'Klantmanager' }),
      ]),
    );
    // No ids, e-mail addresses, cycle title or client name.
    const text = JSON.stringify(o);
    for (const secret of [...Object.values(fx.userIds), fx.cycleId, recordingId, mediaId, '@test.example', 'Cyclus A', 'cliënt A']) {
      expect(text).not.toContain(secret);
    }
    const audit = (await fx.app.repos.audit.latest(5)).find((e) => e.action === 'client_portal_viewed');
    expect(audit).toMatchObject({ actor_id: null, target: recordingId, cycle_id: fx.cycleId });
    expect(audit?.detail).toContain('"by":"client"');
  });
});

describe('KIND-3 the portal of a leidinggevende–collega conversation', () => {
  it('names the owner "leidinggevende" among who watched, and lists only the uses such a conversation asks about', async () => {
    const a = (await fx.app.repos.cycles.get(fx.cycleId))!;
    const cycle = await fx.app.repos.cycles.create({ orgId: a.org_id, ownerId: fx.userIds.owner, title: 'Gesprek met collega', counterpart: 'collega X', kind: 'leidinggevende' });
    const row = await fx.app.media.importMedia({ cycleId: cycle.id, orgId: a.org_id, userId: fx.userIds.owner, data: readFixture('mp4') });
    const consent = await call('owner', 'PUT', `/api/cycles/${cycle.id}/recordings/${row.recording_id}/consent`, {
      decisions: { ...noConsent(), own: true },
      clientSignedOn: today(),
      managerSignedOn: today(),
      recordedBy: 'Leidinggevende',
      lawfulBasis: '',
      retentionUntil: inAYear(),
    });
    expect(consent.status).toBe(200);
    const played = await fx.app.inject({ method: 'GET', url: `/api/media/${row.id}`, headers: { ...fx.headersFor('owner'), range: 'bytes=0-99' } });
    expect(played.statusCode).toBe(206);
    const issued = await call<ClientCodeResponse>('owner', 'POST', `/api/cycles/${cycle.id}/recordings/${row.recording_id}/client-code`);
    expect(issued.status).toBe(201);
    const session = await login(formatClientCode(issued.body.code));
    const res = await portal<PortalOverview>(session.body.token!, 'GET', '/api/client/overview');
    expect(res.status).toBe(200);
    expect(res.body.access).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'watched', role: 'leidinggevende' })]));
    expect(res.body.uses.map((u) => u.use)).not.toContain('clientInterview');
    expect(JSON.stringify(res.body)).not.toMatch(/klantmanager|cliënt/);
  });
});

describe('PORTAL-5 withdrawal from the portal takes effect at once, like the owner’s', () => {
  it('withdrawing "researchers" cuts the researcher’s open stream; the owner keeps playing', async () => {
    const { recordingId, mediaId } = await newRecording(['own', 'researchers'], withFreeBox(readFixture('mp4'), Buffer.alloc(PAUSED_STREAM_BYTES)));
    await uploadScan(recordingId);
    const { token } = await sessionFor(recordingId);
    const researcher = await openStream('researcher', mediaId);
    const res = await portal<{ overview: PortalOverview }>(token, 'POST', '/api/client/withdraw', { uses: ['researchers'] });
    expect(res.status).toBe(200);
    expect(res.body.overview.uses.find((u) => u.use === 'researchers')).toMatchObject({ granted: false, since: today() });
    // Read on: what was buffered drains, then the cut shows.
    researcher.res.resume();
    expect(await researcher.ended).toBe('cut');
    const play = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: { ...fx.headersFor('researcher'), range: 'bytes=0-99' } });
    expect(play.statusCode).toBe(403);
    const owner = await fx.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: { ...fx.headersFor('owner'), range: 'bytes=0-99' } });
    expect(owner.statusCode).toBe(206);
    const withdrawn = (await fx.app.repos.audit.latest(10)).find((e) => e.action === 'consent_withdrawn' && e.target === recordingId);
    expect(withdrawn).toMatchObject({ actor_id: null });
    expect(withdrawn?.detail).toContain('"by":"client"');
    // The owner's access log names the client as the one who withdrew.
    const log = await call<{ entries: { action: string; actorName: string | null; subject: string | null }[] }>('owner', 'GET', `/api/cycles/${fx.cycleId}/audit?action=consent_withdrawn`);
    expect(log.body.entries[0]).toMatchObject({ action: 'consent_withdrawn', actorName: 'de cliënt' });
  });

  it('complete withdrawal cuts the owner’s stream and erases the media', async () => {
    const { recordingId, mediaId } = await newRecording(['own', 'researchers'], withFreeBox(readFixture('mp4'), Buffer.alloc(PAUSED_STREAM_BYTES)));
    const { token } = await sessionFor(recordingId);
    const owner = await openStream('owner', mediaId);
    const res = await portal<{ overview: PortalOverview; receipt: ErasureReceipt }>(token, 'POST', '/api/client/withdraw', { all: true, scope: 'media' });
    expect(res.status).toBe(200);
    // Read on: what was buffered drains, then the cut shows (as in CONSENT-3).
    owner.res.resume();
    expect(await owner.ended).toBe('cut');
    expect(res.body.overview.recording.erased).toBe(true);
    expect(await fx.app.repos.media.media(mediaId)).toMatchObject({ status: 'erased', key_id: null });
    // Nothing more to withdraw.
    expect((await portal(token, 'POST', '/api/client/withdraw', { uses: ['own'] })).status).toBe(410);
    expect((await portal(token, 'POST', '/api/client/withdraw', { all: true, scope: 'media' })).status).toBe(410);
  });

  it('two complete withdrawals at once make one erasure and one receipt', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    const { token } = await sessionFor(recordingId);
    const [a, b] = await Promise.all([
      portal(token, 'POST', '/api/client/withdraw', { all: true, scope: 'media' }),
      call('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/withdraw`, { all: true }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 410]);
    expect(await fx.app.repos.portal.receiptsOf(recordingId)).toHaveLength(1);
    expect((await fx.app.repos.media.consentHistory(recordingId)).filter((e) => e.kind === 'withdrawn')).toHaveLength(1);
  });

  it('refuses bad bodies, changing nothing', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    const { token } = await sessionFor(recordingId);
    for (const body of [{}, { uses: [] }, { uses: ['everyone'] }, { all: true }, { all: true, scope: 'some' }, { all: false, scope: 'media' }]) {
      const res = await portal(token, 'POST', '/api/client/withdraw', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await fx.app.repos.media.currentConsent(recordingId))?.decisions.researchers).toBe(true);
  });
});

describe('PORTAL-7 the erasure receipt', () => {
  it('names what was erased and when, what remains, and can be checked later with the code (page and PDF)', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    await uploadScan(recordingId);
    const { code, token } = await sessionFor(recordingId);
    const res = await portal<{ receipt: ErasureReceipt }>(token, 'POST', '/api/client/withdraw', { all: true, scope: 'media' });
    const receipt = res.body.receipt;
    expect(receipt.number).toMatch(/^W-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(receipt.erased.map((e) => e.part)).toEqual(['media', 'key', 'consentForm']);
    expect(receipt.erased.every((e) => e.at >= receipt.issuedAt - 1 && e.at <= Date.now())).toBe(true);
    expect(receipt.remains.join(' ')).toContain('zonder beeld en geluid');

    // Later: a new session with the same code lists and shows it.
    const later = await login(code);
    expect(later.status).toBe(201);
    const overview = await portal<PortalOverview>(later.body.token!, 'GET', '/api/client/overview');
    expect(overview.body.receipts).toEqual([{ number: receipt.number, issuedAt: receipt.issuedAt }]);
    expect((await portal<{ receipt: ErasureReceipt }>(later.body.token!, 'GET', `/api/client/receipts/${receipt.number}`)).body.receipt).toEqual(receipt);
    const file = await portal<Buffer>(later.body.token!, 'GET', `/api/client/receipts/${receipt.number}/pdf`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await portal(later.body.token!, 'GET', '/api/client/receipts/W-AAAA-AAAA-AAAA')).status).toBe(404);
  });
});

/**
 * Holds the next read of a recording row once it has been read, as a busy PostgreSQL pool does:
 * whoever asked sees the row as it was, and others run meanwhile. `entered` resolves when the
 * read is held; `release` lets it return.
 */
function holdNextRecordingRead(): { entered: Promise<void>; release: () => void } {
  const media = fx.app.repos.media;
  const original = media.recording.bind(media);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const held = new Promise<void>((resolve) => (entered = resolve));
  media.recording = async (id) => {
    const row = await original(id);
    media.recording = original;
    entered();
    await released;
    return row;
  };
  return { entered: held, release };
}

const outcome = <T,>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: unknown }> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (err: unknown) => ({ ok: false as const, code: (err as { code?: unknown }).code }),
  );

describe('PORTAL-7 one erasure at a time, also while the first still reads the recording', () => {
  const recordingRow = async (recordingId: string): Promise<RecordingRow> => (await fx.app.repos.media.recording(recordingId))!;

  it('a second complete withdrawal that starts while the first reads the row gets media_erased; one withdrawal, one receipt', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    const rec = await recordingRow(recordingId);
    const hold = holdNextRecordingRead();
    const first = outcome(withdrawAllWithReceipt(fx.app, rec, 'media', { actorId: null, by: 'client' }));
    await hold.entered;
    const second = await outcome(withdrawAllWithReceipt(fx.app, rec, 'media', { actorId: fx.userIds.owner, by: 'owner' }));
    hold.release();
    expect(await first).toMatchObject({ ok: true });
    expect(second).toEqual({ ok: false, code: 'media_erased' });
    expect(await fx.app.repos.portal.receiptsOf(recordingId)).toHaveLength(1);
    expect((await fx.app.repos.media.consentHistory(recordingId)).filter((e) => e.kind === 'withdrawn')).toHaveLength(1);
  });

  it('RETAIN-1 the retention erasure that starts while a withdrawal reads the row leaves it to the withdrawal: one receipt', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    const rec = await recordingRow(recordingId);
    const hold = holdNextRecordingRead();
    const withdrawal = outcome(withdrawAllWithReceipt(fx.app, rec, 'media', { actorId: null, by: 'client' }));
    await hold.entered;
    expect(await eraseForRetention(fx.app, rec)).toBeNull();
    hold.release();
    expect(await withdrawal).toMatchObject({ ok: true });
    const receipts = await fx.app.repos.portal.receiptsOf(recordingId);
    expect(receipts).toHaveLength(1);
    expect((await fx.app.repos.portal.receipt(receipts[0]!.number, recordingId))?.reason).toBe('withdrawn');
  });
});

describe('PORTAL-7 one erasure at a time across processes', () => {
  it('while another process holds the claim, a withdrawal gets media_erased and the retention erasure stands aside; nothing changes until the claim is given back', async () => {
    const { recordingId } = await newRecording(['own', 'researchers']);
    const rec = (await fx.app.repos.media.recording(recordingId))!;
    // Another process sharing the database claimed the erasure (its own in-memory guard is not ours).
    const theirs = await fx.app.repos.media.claimErasure(recordingId);
    expect(theirs).not.toBeNull();
    const refused = await outcome(withdrawAllWithReceipt(fx.app, rec, 'media', { actorId: fx.userIds.owner, by: 'owner' }));
    expect(refused).toEqual({ ok: false, code: 'media_erased' });
    expect(await eraseForRetention(fx.app, rec)).toBeNull();
    expect(await fx.app.repos.portal.receiptsOf(recordingId)).toHaveLength(0);
    expect((await fx.app.repos.media.consentHistory(recordingId)).filter((e) => e.kind === 'withdrawn')).toHaveLength(0);
    expect((await fx.app.repos.media.recording(recordingId))?.erased_at).toBeNull();
    // That process ended without erasing (it failed): the claim is given back and the erasure can run.
    await fx.app.repos.media.releaseErasure(recordingId, theirs!);
    expect(await outcome(withdrawAllWithReceipt(fx.app, rec, 'media', { actorId: fx.userIds.owner, by: 'owner' }))).toMatchObject({ ok: true });
    expect(await fx.app.repos.portal.receiptsOf(recordingId)).toHaveLength(1);
    expect((await fx.app.repos.media.recording(recordingId))?.erased_at).toEqual(expect.any(Number));
  });
});
