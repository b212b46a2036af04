import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addFragment, fragmentsOf } from '../../shared/domain/cycle-doc/fragments.ts';
import { interviewFragmentsOf, setInterviewFragment } from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { fragmentSessionHeader, type FragmentSession } from '../../shared/protocol/fragment-links.ts';
import { byteSpanOf, decoderSetupSeconds, mergeSpans, mp4Index, type ByteSpan } from '../../server/media/mp4-index.ts';
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

async function call<T = unknown>(role: Role, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...fx.headersFor(role), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

/** A recording of `data` with consent (client interview as asked) and its scan, and chosen fragments. */
async function interviewSetup(data: Buffer, ranges: [number, number][], clientInterview = true): Promise<{ recordingId: string; mediaId: string }> {
  const cycle = fx.app.repos.cycles.get(fx.cycleId)!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data });
  const consent = await call('owner', 'PUT', `/api/cycles/${fx.cycleId}/recordings/${row.recording_id}/consent`, {
    decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview },
    clientSignedOn: today(),
    managerSignedOn: today(),
    recordedBy: 'Klantmanager',
    retentionUntil: inAYear(),
  });
  expect(consent.status).toBe(200);
  await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, row.recording_id);
  // The fragments (shared document) and the interviewer's choice (interview document); earlier choices are cleared.
  const ids = await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) =>
    ranges.map(([start, end]) => addFragment(fragmentsOf(doc), { mediaId: row.id, start, end, label: `fragment ${start}`, createdBy: fx.userIds.researcher })));
  await fx.app.collab.withDoc(interviewDocName(fx.cycleId), (doc) => {
    const chosen = interviewFragmentsOf(doc);
    for (const key of [...chosen.keys()]) chosen.delete(key);
    for (const id of ids) setInterviewFragment(chosen, id, true);
  });
  return { recordingId: row.recording_id, mediaId: row.id };
}

/** The byte spans the fixture's fragments occupy, computed independently from its sample tables. */
function spansOf(data: Buffer, ranges: [number, number][]): { header: ByteSpan; media: ByteSpan[]; allowed: ByteSpan[][]; top: { type: string; start: number; size: number }[] } {
  const top: { type: string; start: number; size: number }[] = [];
  for (let p = 0; p < data.length;) {
    const size = data.readUInt32BE(p);
    top.push({ type: data.toString('latin1', p + 4, p + 8), start: p, size });
    p += size;
  }
  const moov = top.find((b) => b.type === 'moov')!;
  const index = mp4Index(top, data.subarray(moov.start, moov.start + moov.size))!;
  const mdat = top.find((b) => b.type === 'mdat')!;
  const media = ranges.map(([s, e]) => byteSpanOf(index, s, e)!);
  return { header: { start: 0, end: mdat.start - 1 }, media, allowed: media.map((m) => mergeSpans([...index.indexSpans, m])), top };
}

async function openLink(): Promise<{ token: string; session: FragmentSession }> {
  const made = await call<{ link: { path: string; expiresAt: number; fragments: number } }>('researcher', 'POST', `/api/cycles/${fx.cycleId}/fragment-links`, {});
  expect(made.status).toBe(201);
  const [pathPart, token] = made.body.link.path.split('#') as [string, string];
  expect(pathPart).toBe('/kijken');
  const res = await fx.app.inject({ method: 'POST', url: '/api/kijken/sessie', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token }) });
  expect(res.statusCode).toBe(200);
  return { token, session: res.json<FragmentSession>() };
}

const ranged = (session: string | null, index: number, range?: string) =>
  fx.app.inject({
    method: 'GET',
    url: `/api/kijken/media/${index}`,
    headers: { ...(session ? { [fragmentSessionHeader]: session } : {}), ...(range ? { range } : {}) },
  });

const ranges: [number, number][] = [[1, 2], [6.5, 7.5]];

describe('FRAGLINK-1 a link for the client, only with consent, for hours', () => {
  it('no link without the client-interview consent, without chosen fragments, or for anyone but a researcher', async () => {
    await interviewSetup(readFixture('mp4'), ranges, false);
    expect(await call('researcher', 'POST', `/api/cycles/${fx.cycleId}/fragment-links`, {})).toMatchObject({ status: 403, body: { error: { code: 'consent_missing' } } });
    await fx.app.collab.withDoc(interviewDocName(fx.cycleId), (doc) => {
      for (const key of [...interviewFragmentsOf(doc).keys()]) interviewFragmentsOf(doc).delete(key);
    });
    expect(await call('researcher', 'POST', `/api/cycles/${fx.cycleId}/fragment-links`, {})).toMatchObject({ status: 400, body: { error: { code: 'fragment_link_empty' } } });
    for (const role of ['owner', 'colleague', 'admin', 'anonymous'] as const) {
      expect([401, 403], role).toContain((await call(role, 'POST', `/api/cycles/${fx.cycleId}/fragment-links`, {})).status);
    }
  });

  it('the secret is only in the address fragment and stored hashed; the session works only in the header; audited', async () => {
    await interviewSetup(readFixture('mp4'), ranges);
    const { token, session } = await openLink();
    expect(session.fragments.map((f) => [f.start, f.end])).toEqual(ranges);
    expect(session.expiresAt - Date.now()).toBeGreaterThan(3.9 * 3_600_000);
    expect(session.expiresAt - Date.now()).toBeLessThanOrEqual(4 * 3_600_000);
    const listed = await fx.app.inject({ method: 'GET', url: '/api/kijken/fragmenten', headers: { [fragmentSessionHeader]: session.session } });
    expect(listed.statusCode).toBe(200);
    // Neither the secret nor a member's cookie opens the fragments; only the tab's session token.
    for (const headers of [{}, { [fragmentSessionHeader]: token }, fx.headersFor('researcher')]) {
      const res = await fx.app.inject({ method: 'GET', url: '/api/kijken/fragmenten', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'fragment_link_invalid' } });
    }
    const db = new BetterSqlite3(path.join(fx.app.config.dataDir, 'kijkruimte.sqlite'), { readonly: true });
    try {
      const stored = JSON.stringify(db.prepare('SELECT * FROM fragment_links').all()) + JSON.stringify(db.prepare('SELECT * FROM fragment_link_sessions').all());
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(session.session);
    } finally {
      db.close();
    }
    const actions = fx.app.repos.audit.latest(20).map((e) => e.action);
    expect(actions).toContain('fragment_link_opened');
    expect(actions).toContain('fragment_link_played');
  });

  it('expires: after its hours the link and the tab session are refused', async () => {
    await interviewSetup(readFixture('mp4'), ranges);
    const { token, session } = await openLink();
    const db = new BetterSqlite3(path.join(fx.app.config.dataDir, 'kijkruimte.sqlite'));
    try {
      db.prepare('UPDATE fragment_links SET expires_at = ?').run(Date.now() - 1);
    } finally {
      db.close();
    }
    expect((await ranged(session.session, 0, 'bytes=0-99')).statusCode).toBe(401);
    const again = await fx.app.inject({ method: 'POST', url: '/api/kijken/sessie', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token }) });
    expect(again.statusCode).toBe(401);
  });

  it('withdrawing the client-interview consent ends the link and cuts its open stream; a researcher can end it too', async () => {
    const big = withFreeBox(readFixture('mp4'), Buffer.alloc(32 * 1024 * 1024));
    const { recordingId } = await interviewSetup(big, ranges);
    const { session } = await openLink();
    // A paused player reading a box outside the media data (here 32 MB of padding).
    const padding = spansOf(big, ranges).top.find((b) => b.type === 'free' && b.size > 16 * 1024 * 1024)!;
    const cut = once(fx.app.fragmentLinks.events, 'cut');
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${fx.url}/api/kijken/media/0`, { headers: { [fragmentSessionHeader]: session.session, range: `bytes=${padding.start}-` } }, resolve).on('error', reject);
    });
    expect(res.statusCode).toBe(206);
    await once(res, 'data');
    res.pause();
    const withdrawn = await call('owner', 'POST', `/api/cycles/${fx.cycleId}/recordings/${recordingId}/consent/withdraw`, { uses: ['clientInterview'] });
    expect(withdrawn.status).toBe(200);
    await cut;
    // A paused client notices when it reads on: the response ends short.
    const closed = once(res.socket, 'close');
    res.resume();
    await closed;
    expect(res.complete).toBe(false);
    expect((await ranged(session.session, 0, 'bytes=0-99')).statusCode).toBe(401);
    expect(fx.app.repos.audit.latest(20).some((e) => e.action === 'fragment_link_ended' && e.detail?.includes('consent'))).toBe(true);

    await interviewSetup(readFixture('mp4'), ranges);
    const second = await openLink();
    const links = await call<{ links: { id: string; active: boolean }[] }>('researcher', 'GET', `/api/cycles/${fx.cycleId}/fragment-links`);
    const live = links.body.links.find((l) => l.active)!;
    expect((await call('researcher', 'DELETE', `/api/cycles/${fx.cycleId}/fragment-links/${live.id}`)).status).toBe(204);
    expect((await ranged(second.session.session, 0, 'bytes=0-99')).statusCode).toBe(401);
  });
});

describe('FRAGLINK-2 only the chosen fragments’ bytes', () => {
  it('serves exactly the bytes inside the fragments’ spans and refuses every range that starts outside them', async () => {
    const data = readFixture('mp4');
    await interviewSetup(data, ranges);
    const { session } = await openLink();
    const { media, allowed } = spansOf(data, ranges);
    const [first, second] = media as [ByteSpan, ByteSpan];
    expect(first.end).toBeLessThan(second.start);
    expect(second.end).toBeLessThan(data.length - 1);
    // Besides the index, only the decoder's set-up (the opening 1.5 s) lies outside the fragments.
    expect(decoderSetupSeconds).toBeLessThanOrEqual(1.5);
    const readable = allowed[0]!;
    expect(readable.some((s) => s.start <= first.end + 1 && s.end > first.end)).toBe(false);

    // Inside a span: the original bytes.
    const mid = Math.floor((first.start + first.end) / 2);
    const inside = await ranged(session.session, 0, `bytes=${mid}-${mid + 999}`);
    expect(inside.statusCode).toBe(206);
    expect(inside.headers['content-range']).toBe(`bytes ${mid}-${mid + 999}/${data.length}`);
    expect(inside.rawPayload.equals(data.subarray(mid, mid + 1000))).toBe(true);
    // The index first (a player's `bytes=0-`), cut off where the first readable span ends.
    const start = await ranged(session.session, 0, 'bytes=0-');
    expect(start.statusCode).toBe(206);
    expect(start.headers['content-range']).toBe(`bytes 0-${readable[0]!.end}/${data.length}`);
    expect(start.rawPayload.equals(data.subarray(0, readable[0]!.end + 1))).toBe(true);
    // Starting inside, reaching beyond: cut off at the span's end, nothing of what follows.
    const beyond = await ranged(session.session, 0, `bytes=${first.end - 9}-${first.end + 5000}`);
    expect(beyond.statusCode).toBe(206);
    expect(beyond.rawPayload.equals(data.subarray(first.end - 9, first.end + 1))).toBe(true);
    // Outside every span: between the fragments, after the last, the end of the file, no Range.
    for (const range of [`bytes=${first.end + 1}-`, `bytes=${second.start - 1}-${second.start + 10}`, `bytes=${second.end + 1}-`, `bytes=-100`, undefined]) {
      const res = await ranged(session.session, 0, range);
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${data.length}`);
      expect(res.rawPayload.length).toBeLessThan(200);
    }
    // Each fragment reads only its own span: the second fragment's bytes are refused through the first's address.
    expect((await ranged(session.session, 0, `bytes=${second.start}-${second.start + 10}`)).statusCode).toBe(416);
    expect((await ranged(session.session, 1, `bytes=${second.start}-${second.start + 10}`)).statusCode).toBe(206);
    expect((await ranged(session.session, 2, 'bytes=0-10')).statusCode).toBe(404);
  });
});
