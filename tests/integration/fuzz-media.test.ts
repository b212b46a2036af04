import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { listFiles, readFixture } from '../helpers/media.ts';
import { fuzzProbe, mutateMedia, probeVerdict, refusals } from '../fuzz/media.ts';
import { withTestSql } from '../helpers/test-sql.ts';

/** Fixed in CI so a failure replays exactly (`npm run fuzz -- --only media --seed 2024`). */
const SEED = 2024;
const PROBED = 1_000;
const UPLOADED = 50;

const fixtures = (['mp4', 'mp4MoovAtEnd', 'mov', 'webm'] as const).map((name) => new Uint8Array(readFixture(name)));

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx?.close());

/** What a refused upload must not leave behind: files, media rows, keys, recordings. */
function leftovers(): Promise<string> {
  return withTestSql(fx.app.config, async (db) => {
    const n = async (t: string) => (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n;
    return JSON.stringify({
      files: listFiles(path.join(fx.app.config.dataDir, 'media')).sort(),
      media: await n('media_files'),
      keys: await n('media_keys'),
      recordings: await n('recordings'),
    });
  });
}

/** One tus upload in a single PATCH; resolves with the final status and error code, if any. */
async function upload(file: Uint8Array): Promise<{ status: number; code: string | null }> {
  const headers = { ...fx.headersFor('owner'), 'tus-resumable': '1.0.0' };
  const created = await fetch(`${fx.url}/api/cycles/${fx.cycleId}/uploads`, {
    method: 'POST',
    headers: { ...headers, 'upload-length': String(file.length), 'upload-metadata': `filename ${Buffer.from('fuzz.mp4').toString('base64')}` },
  });
  const codeOf = async (res: Response) => ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code ?? null;
  if (created.status !== 201) return { status: created.status, code: await codeOf(created) };
  const res = await fetch(new URL(created.headers.get('location')!, fx.url), {
    method: 'PATCH',
    headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    // A copy typed as backed by a plain ArrayBuffer, as fetch expects.
    body: new Uint8Array(file),
  });
  return { status: res.status, code: res.status === 204 ? null : await codeOf(res) };
}

describe('FUZZ-2 mutated media: the probe only refuses with catalogue codes, and a refused upload leaves nothing', () => {
  it(`${PROBED.toLocaleString('en')} mutated MP4/MOV/WebM files through the probe (seed ${SEED})`, async () => {
    const report = await fuzzProbe(SEED, PROBED, fixtures);
    expect(report.files).toBe(PROBED);
    // Every kind of verdict occurs, so the mutations reach past the magic bytes.
    expect(report.accepted).toBeGreaterThan(0);
    for (const code of ['media_truncated', 'media_corrupt']) expect(report.refused[code]).toBeGreaterThan(0);
  });

  it(`${UPLOADED} of them through the tus upload route: same verdict as the probe, nothing left of a refusal`, { timeout: 120_000 }, async () => {
    let refused = 0;
    for (let i = 0; i < UPLOADED; i++) {
      // Every 20th case of the probe run, so the sample spreads over all mutations.
      const iteration = i * 20;
      const { file } = mutateMedia(SEED, iteration, fixtures);
      const expected = (await probeVerdict(file)).verdict;
      const before = await leftovers();
      const got = await upload(file);
      const where = `seed ${SEED}, iteration ${iteration}: ${JSON.stringify(got)}`;
      expect(got.status, where).toBeLessThan(500);
      if (got.status === 204) {
        expect(expected, where).toEqual({ ok: true });
        continue;
      }
      refused++;
      expect(refusals, where).toContain(got.code);
      if (!expected.ok && file.length >= 12) expect(got.code, where).toBe(expected.code);
      expect(await leftovers(), where).toBe(before);
    }
    expect(refused).toBeGreaterThan(0);
  });
});
