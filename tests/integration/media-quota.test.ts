import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../server/config/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { readFixture, tusUpload } from '../helpers/media.ts';
import { withTestSql } from '../helpers/test-sql.ts';

const GiB = 1024 ** 3;
let fx: AccessFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function fixture(overrides: Partial<AppConfig> = {}): Promise<AccessFixture> {
  fx = await accessFixture(overrides);
  return fx;
}

/** A tus creation that declares `length` bytes and sends none. */
function create(f: AccessFixture, role: 'owner' | 'outsider', length: number): Promise<Response> {
  const cycleId = role === 'owner' ? f.cycleId : f.otherCycleId;
  return fetch(`${f.url}/api/cycles/${cycleId}/uploads`, {
    method: 'POST',
    headers: { ...f.headersFor(role), 'tus-resumable': '1.0.0', 'upload-length': String(length) },
  });
}

function patch(f: AccessFixture, location: string, offset: number, body: Buffer): Promise<Response> {
  return fetch(`${f.url}${location}`, {
    method: 'PATCH',
    headers: { ...f.headersFor('owner'), 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body: new Uint8Array(body),
  });
}

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('MEDIA-7 quota and limits for unfinished uploads', () => {
  it('13 tus creations of 4 GiB with 0 bytes sent no longer block the klantmanager: 5 are open, the rest refused (429), the quota untouched', async () => {
    const f = await fixture();
    const usage = await f.app.media.orgUsage((await f.app.repos.cycles.get(f.cycleId))!.org_id);
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) {
      const res = await create(f, 'outsider', 4 * GiB);
      statuses.push(res.status);
      if (res.status !== 201) expect(await code(res)).toBe('too_many_open_uploads');
    }
    expect(statuses).toEqual([...Array<number>(5).fill(201), ...Array<number>(8).fill(429)]);
    // Declared lengths reserve nothing: the organisation's usage is what it was.
    expect(await f.app.media.orgUsage((await f.app.repos.cycles.get(f.cycleId))!.org_id)).toBe(usage);
    const run = tusUpload(`${f.url}/api/cycles/${f.cycleId}/uploads`, f.headersFor('owner'), readFixture('mp4'));
    expect(await run.done).toBeNull();
    expect((await f.app.repos.media.media(run.upload.url!.split('/').pop()!))?.status).toBe('ready');
  });

  it('usage counts the bytes an unfinished upload received; a PATCH past the quota is refused (413) and keeps what was stored', async () => {
    const mp4 = readFixture('mp4');
    // The fixture's own recording is the sample (212 kB); 60 kB of room is left.
    const f = await fixture({ orgQuotaBytes: mp4.length + 60_000 });
    const orgId = (await f.app.repos.cycles.get(f.cycleId))!.org_id;
    const base = await f.app.media.orgUsage(orgId);
    const a = await create(f, 'owner', 50_000);
    const b = await create(f, 'owner', 50_000);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await f.app.media.orgUsage(orgId)).toBe(base);
    const aUrl = a.headers.get('location')!;
    const bUrl = b.headers.get('location')!;
    expect((await patch(f, aUrl, 0, mp4.subarray(0, 40_000))).status).toBe(204);
    expect(await f.app.media.orgUsage(orgId)).toBe(base + 40_000);
    const refused = await patch(f, bUrl, 0, mp4.subarray(0, 40_000));
    expect(refused.status).toBe(413);
    expect(await code(refused)).toBe('quota_exceeded');
    expect(await f.app.media.orgUsage(orgId)).toBeLessThanOrEqual(f.app.config.orgQuotaBytes);
    // Not refused content: the upload stays and can resume once there is room.
    const head = await fetch(`${f.url}${bUrl}`, { method: 'HEAD', headers: { ...f.headersFor('owner'), 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
  });

  it('an upload nobody added to for KIJKRUIMTE_UPLOAD_EXPIRY_HOURS is removed before the next creation, without waiting for the sweep', async () => {
    const f = await fixture({ uploadExpiryMs: 3_600_000, maxOpenUploads: 2 });
    const first = await create(f, 'owner', 1_000);
    const second = await create(f, 'owner', 1_000);
    expect((await create(f, 'owner', 1_000)).status).toBe(429);
    const firstId = first.headers.get('location')!.split('/').pop()!;
    // Two hours without a byte for the first upload.
    await withTestSql(f.app.config, (db) => db.run('UPDATE media_files SET updated_at = ? WHERE id = ?', [Date.now() - 2 * 3_600_000, firstId]));
    expect((await create(f, 'owner', 1_000)).status).toBe(201);
    expect(await f.app.repos.media.media(firstId)).toBeUndefined();
    expect((await f.app.repos.media.media(second.headers.get('location')!.split('/').pop()!))?.status).toBe('uploading');
  });

  it('the default expiry is 24 hours, not 7 days: the sweep removes an upload untouched for a day', async () => {
    expect(loadConfig({})).toMatchObject({ uploadExpiryMs: 24 * 3_600_000, maxOpenUploads: 5 });
    expect(loadConfig({ KIJKRUIMTE_UPLOAD_EXPIRY_HOURS: '6', KIJKRUIMTE_MAX_OPEN_UPLOADS: '2' })).toMatchObject({ uploadExpiryMs: 6 * 3_600_000, maxOpenUploads: 2 });
    const f = await fixture();
    expect((await create(f, 'owner', 1_000)).status).toBe(201);
    expect((await f.app.media.sweep(Date.now() + 23 * 3_600_000)).abandoned).toBe(0);
    expect((await f.app.media.sweep(Date.now() + 25 * 3_600_000)).abandoned).toBe(1);
  });
});
