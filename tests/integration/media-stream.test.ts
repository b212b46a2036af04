import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { readFixture, withFreeBox } from '../helpers/media.ts';
import { randomInt, seededRandom } from '../helpers/random.ts';

let fx: AccessFixture;
let data: Buffer;
let mediaId: string;
beforeAll(async () => {
  fx = await accessFixture();
  // About 1.3 MB: many 64 KiB chunks, a partial last one.
  data = withFreeBox(readFixture('mp4'), crypto.randomBytes(1024 * 1024 + 777));
  const cycle = (await fx.app.repos.cycles.get(fx.cycleId))!;
  const row = await fx.app.media.importMedia({ cycleId: fx.cycleId, orgId: cycle.org_id, userId: fx.userIds.owner, data, label: 'video 2' });
  mediaId = row.id;
});
afterAll(async () => fx.close());

const get = (range?: string) =>
  fetch(`${fx.url}/api/media/${mediaId}`, { headers: { ...fx.headersFor('owner'), ...(range ? { range } : {}) } });

describe('MEDIA-4 range streaming', () => {
  it('serves the whole file with the right headers: inline, never cached, ranges accepted', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe('inline');
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  it('property: 200 random ranges (seeded) return exactly the original plaintext bytes', async () => {
    const rand = seededRandom(20_26);
    for (let i = 0; i < 200; i++) {
      const kind = randomInt(rand, 4);
      const start = randomInt(rand, data.length);
      const len = 1 + randomInt(rand, kind === 0 ? 16 : 200_000);
      let header: string;
      let from: number;
      let to: number;
      if (kind === 1) {
        header = `bytes=${start}-`;
        [from, to] = [start, data.length - 1];
      } else if (kind === 2) {
        header = `bytes=-${len}`;
        [from, to] = [Math.max(0, data.length - len), data.length - 1];
      } else {
        header = `bytes=${start}-${start + len - 1}`;
        [from, to] = [start, Math.min(data.length - 1, start + len - 1)];
      }
      const res = await get(header);
      expect(res.status, header).toBe(206);
      expect(res.headers.get('content-range'), header).toBe(`bytes ${from}-${to}/${data.length}`);
      expect(res.headers.get('content-length'), header).toBe(String(to - from + 1));
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(data.subarray(from, to + 1)), header).toBe(true);
    }
  });

  it('416 with Content-Range: bytes */size for an unsatisfiable range', async () => {
    for (const range of [`bytes=${data.length}-`, `bytes=${data.length + 10}-${data.length + 20}`, 'bytes=-0']) {
      const res = await get(range);
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${data.length}`);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('range_not_satisfiable');
    }
  });

  it('AUDIT-1 audits a playback once per person, file and window, not every seek', async () => {
    const before = (await fx.app.repos.audit.latest(1_000)).filter((e) => e.action === 'media_played' && e.target === mediaId).length;
    expect(before).toBe(1);
    await (await get('bytes=0-')).arrayBuffer();
    await (await get('bytes=1000-2000')).arrayBuffer();
    const after = (await fx.app.repos.audit.latest(1_000)).filter((e) => e.action === 'media_played' && e.target === mediaId);
    expect(after).toHaveLength(1);
    expect(after[0]!.actor_id).toBe(fx.userIds.owner);
  });

  it('an unknown media id is 404; the consent-form scan is not reachable as media', async () => {
    const res = await fetch(`${fx.url}/api/media/00000000-0000-4000-8000-000000000000`, { headers: fx.headersFor('owner') });
    expect(res.status).toBe(404);
  });
});
