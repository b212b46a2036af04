import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addFragment, fragmentsOf } from '../../shared/domain/cycle-doc/fragments.ts';
import { interviewFragmentsOf, setInterviewFragment } from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { fragmentSessionHeader, type FragmentSession } from '../../shared/protocol/fragment-links.ts';
import fs from 'node:fs';
import { mp4Index } from '../../server/media/mp4-index.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { listFiles, readFixture } from '../helpers/media.ts';
import { fragmentedMp4, secondPattern, syntheticMp4 } from '../helpers/synthetic-mp4.ts';
import { storedHolding, withTestSql } from '../helpers/test-sql.ts';

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
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
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
    await withTestSql(fx.app.config, async (db) => {
      const stored = JSON.stringify(await db.all('SELECT * FROM fragment_links')) + JSON.stringify(await db.all('SELECT * FROM tab_sessions'));
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(session.session);
    });
    const actions = (await fx.app.repos.audit.latest(20)).map((e) => e.action);
    expect(actions).toContain('fragment_link_opened');
    expect(actions).toContain('fragment_link_played');
  });

  it('expires: after its hours the link and the tab session are refused', async () => {
    await interviewSetup(readFixture('mp4'), ranges);
    const { token, session } = await openLink();
    await withTestSql(fx.app.config, (db) => db.run('UPDATE fragment_links SET expires_at = ?', [Date.now() - 1]));
    expect((await ranged(session.session, 0, 'bytes=0-99')).statusCode).toBe(401);
    const again = await fx.app.inject({ method: 'POST', url: '/api/kijken/sessie', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token }) });
    expect(again.statusCode).toBe(401);
  });

  it('withdrawing the client-interview consent ends the link, cuts its open stream and erases its files; a researcher can end it too', async () => {
    // Large one-second samples: the fragment's file (3 s, 6 MB) cannot sit whole in socket buffers.
    const big = syntheticMp4({ seconds: 10, sampleBytes: 2 * 1024 * 1024, keyEvery: 5 });
    const { recordingId } = await interviewSetup(big, [[1, 2]]);
    const { session } = await openLink();
    const linkId = (await fx.app.repos.fragmentLinks.ofCycle(fx.cycleId))[0]!.id;
    const files = await fx.app.repos.fragmentLinks.files(linkId);
    expect(files).toHaveLength(1);
    const cut = once(fx.app.fragmentLinks.events, 'cut');
    // The end's last step: key rows erased, then the bytes (on PostgreSQL the test's own reads can
    // see the committed erasure before the server has removed the file).
    const erased = once(fx.app.fragmentLinks.events, 'erased');
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${fx.url}/api/kijken/media/0`, { headers: { [fragmentSessionHeader]: session.session } }, resolve).on('error', reject);
    });
    expect(res.statusCode).toBe(200);
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
    await erased;
    expect((await ranged(session.session, 0, 'bytes=0-99')).statusCode).toBe(401);
    expect((await fx.app.repos.audit.latest(20)).some((e) => e.action === 'fragment_link_ended' && e.detail?.includes('consent'))).toBe(true);
    // Ended with the consent: the file and its key are gone.
    expect(await fx.app.repos.fragmentLinks.files(linkId)).toEqual([]);
    expect(await fx.app.repos.media.wrappedKey(files[0]!.key_id)).toBeUndefined();
    expect(fs.existsSync(fx.app.media.filePath(files[0]!.id))).toBe(false);

    await interviewSetup(readFixture('mp4'), ranges);
    const second = await openLink();
    const links = await call<{ links: { id: string; active: boolean }[] }>('researcher', 'GET', `/api/cycles/${fx.cycleId}/fragment-links`);
    const live = links.body.links.find((l) => l.active)!;
    expect((await call('researcher', 'DELETE', `/api/cycles/${fx.cycleId}/fragment-links/${live.id}`)).status).toBe(204);
    expect((await ranged(second.session.session, 0, 'bytes=0-99')).statusCode).toBe(401);
  });
});

/** Which seconds of a synthetic recording (`secondPattern`) a body holds. */
const secondsIn = (body: Buffer, seconds: number): number[] => Array.from({ length: seconds }, (_, i) => i).filter((i) => body.includes(secondPattern(i, 48)));

/** Every file in the data directory that holds `needle` in plain text. */
/** Files of the data folder holding `needle`, and on PostgreSQL its tables. */
const filesHolding = async (needle: Buffer): Promise<string[]> => [
  ...listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(needle)),
  ...(await storedHolding(fx.app.config, needle)),
];

describe('FRAGLINK-2 a link streams files cut from its fragments, never the recording', () => {
  it('each fragment is a small file of its own, from its key frame; no other second of the recording is ever served', async () => {
    // 20 one-second samples, key frames every 5 s; each second's bytes name that second.
    const data = syntheticMp4({ seconds: 20, sampleBytes: 20_000, keyEvery: 5 });
    await interviewSetup(data, [[7.2, 9.1], [15.5, 16]]);
    const { session } = await openLink();
    const linkId = (await fx.app.repos.fragmentLinks.ofCycle(fx.cycleId))[0]!.id;
    // Where each fragment plays in its own file: from the key frame (5 s, 15 s) on.
    expect(session.fragments.map((f) => [f.start, f.end, f.playFrom, f.playTo])).toEqual([[7.2, 9.1, expect.closeTo(2.2, 6), expect.closeTo(4.1, 6)], [15.5, 16, 0.5, 1]]);
    const expected = [[5, 6, 7, 8, 9], [15, 16]];
    for (const index of [0, 1]) {
      const whole = await ranged(session.session, index);
      expect(whole.statusCode).toBe(200);
      expect(whole.headers['content-type']).toBe('video/mp4');
      const body = whole.rawPayload;
      expect(body.length).toBeLessThan(data.length / 2);
      // Only the fragment's seconds (from the key frame), and its own index reads them back.
      expect(secondsIn(body, 20)).toEqual(expected[index]);
      const top: { type: string; start: number; size: number }[] = [];
      for (let p = 0; p < body.length; p += body.readUInt32BE(p)) top.push({ type: body.toString('latin1', p + 4, p + 8), start: p, size: body.readUInt32BE(p) });
      const moov = top.find((b) => b.type === 'moov')!;
      expect(mp4Index(top, body.subarray(moov.start, moov.start + moov.size))!.tracks[0]!.time.length).toBe(expected[index]!.length);
      // Ranges within the file: exactly its bytes; past its end: 416 with its own size.
      const part = await ranged(session.session, index, 'bytes=100-1099');
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-1099/${body.length}`);
      expect(part.rawPayload.equals(body.subarray(100, 1100))).toBe(true);
      const past = await ranged(session.session, index, `bytes=${body.length}-`);
      expect(past.statusCode).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${body.length}`);
    }
    // Whatever is asked, the recording's own offsets name nothing of it: a range where the
    // recording's second 0 lies gives the fragment file's bytes (or nothing).
    const offsetOfSecond0 = data.indexOf(secondPattern(0, 48));
    const probe = await ranged(session.session, 0, `bytes=${offsetOfSecond0}-${offsetOfSecond0 + 20_000}`);
    expect(secondsIn(probe.rawPayload, 20).every((i) => expected[0]!.includes(i))).toBe(true);
    expect((await ranged(session.session, 2, 'bytes=0-10')).statusCode).toBe(404);

    // At rest the files are encrypted (no second's bytes in plain text anywhere in the data folder).
    const files = await fx.app.repos.fragmentLinks.files(linkId);
    expect(files).toHaveLength(2);
    for (const f of files) expect(fs.existsSync(fx.app.media.filePath(f.id))).toBe(true);
    expect(await filesHolding(secondPattern(7, 48))).toEqual([]);

    // Ended by hand: files, their rows and their key rows are gone (and so stay on the sweep).
    expect((await call('researcher', 'DELETE', `/api/cycles/${fx.cycleId}/fragment-links/${linkId}`)).status).toBe(204);
    expect(await fx.app.repos.fragmentLinks.files(linkId)).toEqual([]);
    for (const f of files) {
      expect(fs.existsSync(fx.app.media.filePath(f.id))).toBe(false);
      expect(await fx.app.repos.media.wrappedKey(f.key_id)).toBeUndefined();
    }
    await withTestSql(fx.app.config, async (db) => {
      const keys = files.map((f) => f.key_id);
      expect(await db.get(`SELECT COUNT(*) AS n FROM media_keys WHERE id IN (${keys.map(() => '?').join(',')})`, keys)).toEqual({ n: 0 });
    });
    expect(listFiles(fx.app.config.dataDir).filter((p) => files.some((f) => p.includes(f.id)))).toEqual([]);
  });

  it('an expired link loses its files and keys at the next re-check; the sweep leaves live fragment files alone', async () => {
    await interviewSetup(syntheticMp4({ seconds: 10, sampleBytes: 1000, keyEvery: 5 }), [[2, 3]]);
    await openLink();
    const linkId = (await fx.app.repos.fragmentLinks.ofCycle(fx.cycleId))[0]!.id;
    const [file] = await fx.app.repos.fragmentLinks.files(linkId);
    // A live link's file is no stray file, however old.
    await fx.app.media.sweep(Date.now() + 3_600_000);
    expect(fs.existsSync(fx.app.media.filePath(file!.id))).toBe(true);
    await withTestSql(fx.app.config, (db) => db.run('UPDATE fragment_links SET expires_at = ? WHERE id = ?', [Date.now() - 1, linkId]));
    await fx.app.fragmentLinks.recheck();
    expect(await fx.app.repos.fragmentLinks.files(linkId)).toEqual([]);
    expect(await fx.app.repos.media.wrappedKey(file!.key_id)).toBeUndefined();
    expect(fs.existsSync(fx.app.media.filePath(file!.id))).toBe(false);
    expect((await fx.app.repos.audit.latest(10)).some((e) => e.action === 'fragment_link_ended' && e.detail?.includes('expired'))).toBe(true);
  });

  it('a fragmented MP4 recording is cut too: the link streams an ordinary MP4 of the fragment', async () => {
    const data = await fragmentedMp4(readFixture('mp4'));
    await interviewSetup(data, [[6.5, 7.5]]);
    const { session } = await openLink();
    const res = await ranged(session.session, 0);
    expect(res.statusCode).toBe(200);
    const body = res.rawPayload;
    const types: string[] = [];
    for (let p = 0; p < body.length; p += body.readUInt32BE(p)) types.push(body.toString('latin1', p + 4, p + 8));
    expect(types).toEqual(['ftyp', 'moov', 'mdat']);
    expect(body.length).toBeLessThan(data.length / 2);
    expect(session.fragments[0]).toMatchObject({ playFrom: 0.5, playTo: 1.5 });
  });

  it('a WebM recording cannot be cut: 422 fragment_link_unsupported, no link', async () => {
    await interviewSetup(readFixture('webm'), [[1, 2]]);
    const before = (await fx.app.repos.fragmentLinks.ofCycle(fx.cycleId)).length;
    expect(await call('researcher', 'POST', `/api/cycles/${fx.cycleId}/fragment-links`, {})).toMatchObject({ status: 422, body: { error: { code: 'fragment_link_unsupported' } } });
    expect(await fx.app.repos.fragmentLinks.ofCycle(fx.cycleId)).toHaveLength(before);
  });
});
