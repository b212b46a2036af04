import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, EncryptedReader, EncryptedWriter } from '../../server/media/format.ts';
import { ProbeBudget } from '../../server/media/probe-budget.ts';
import { defaultProbeLimits, probe, ProbeError, type ProbeLimits, type ProbeStats } from '../../server/media/probe.ts';
import { mp4WithFragments, mp4WithFreeBoxes, webmWithVoids } from '../helpers/hostile-media.ts';
import { memoryReader, readFixture } from '../helpers/media.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-probe-limits-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Stores `plain` encrypted, as an upload would, and opens the decrypting reader on it. */
async function encrypted(plain: Buffer): Promise<EncryptedReader> {
  const key = crypto.randomBytes(32);
  const p = path.join(dir, `f${n++}.kjm`);
  await EncryptedWriter.create(p);
  const w = await EncryptedWriter.open(p, key);
  await w.write(plain);
  await w.flush();
  await w.close();
  return EncryptedReader.open(p, key, plain.length);
}

const emptyStats = (): ProbeStats => ({ topLevel: 0, nested: 0, bytesRead: 0 });

/** The probe's outcome ('accepted' or the refusal code) and the work it did. */
async function probeWork(r: Parameters<typeof probe>[0], limits?: ProbeLimits): Promise<{ outcome: string; stats: ProbeStats }> {
  const stats = emptyStats();
  try {
    await probe(r, { stats, ...(limits ? { limits } : {}) });
    return { outcome: 'accepted', stats };
  } catch (err) {
    if (err instanceof ProbeError) return { outcome: err.code, stats };
    throw err;
  }
}

describe('MEDIA-6 bounded parsing: hostile containers', () => {
  it('a 40 KB WebM with 20,000 Void elements before its first cluster is refused after at most maxTopLevel elements, decrypting the file once', async () => {
    const data = webmWithVoids(20_000);
    expect(data.length).toBeGreaterThan(40_000);
    expect(data.length).toBeLessThan(41_000);
    const r = await encrypted(data);
    try {
      const { outcome, stats } = await probeWork(r);
      expect(outcome).toBe('media_corrupt');
      expect(stats.topLevel).toBeLessThanOrEqual(defaultProbeLimits.maxTopLevel + 1);
      // Every header read used to decrypt its whole record again: 20,000 × 40 KB.
      expect(r.decryptedBytes).toBeLessThanOrEqual(data.length);
    } finally {
      await r.close();
    }
  });

  it('the same Voids after the first cluster are never walked: accepted after a handful of elements', async () => {
    const r = await encrypted(webmWithVoids(20_000, 'afterCluster'));
    try {
      const stats = emptyStats();
      const result = await probe(r, { stats });
      expect(result).toMatchObject({ container: 'webm', durationMs: 10_000, tracks: [{ kind: 'video', codec: 'V_VP9', width: 320, height: 180 }] });
      expect(stats.topLevel).toBeLessThanOrEqual(5);
    } finally {
      await r.close();
    }
  });

  it('a 1 MB MP4 with 99,990 free boxes is refused after at most maxTopLevel boxes, decrypting a few records', async () => {
    const data = mp4WithFreeBoxes(99_990);
    expect(data.length).toBeGreaterThan(1_000_000);
    const r = await encrypted(data);
    try {
      const { outcome, stats } = await probeWork(r);
      expect(outcome).toBe('media_corrupt');
      expect(stats.topLevel).toBeLessThanOrEqual(defaultProbeLimits.maxTopLevel + 1);
      expect(r.decryptedBytes).toBeLessThanOrEqual(4 * CHUNK_BYTES);
    } finally {
      await r.close();
    }
  });

  it('a fragmented MP4 is not walked fragment by fragment: 5,000 moof/mdat pairs after the index are accepted', async () => {
    const { outcome, stats } = await probeWork(memoryReader(mp4WithFragments(5_000)));
    expect(outcome).toBe('accepted');
    expect(stats.topLevel).toBeLessThanOrEqual(8);
  });

  it('elements inside the index are capped too: 20,000 Voids inside Tracks are refused', async () => {
    const { outcome, stats } = await probeWork(memoryReader(webmWithVoids(20_000, 'inTracks')));
    expect(outcome).toBe('media_corrupt');
    expect(stats.nested).toBeLessThanOrEqual(defaultProbeLimits.maxNested + 1);
  });
});

describe('MEDIA-6 bounded parsing: the limits', () => {
  it('reads the index, not the media: a 10 s MP4 and WebM cost a small part of their bytes', async () => {
    for (const name of ['mp4', 'mp4MoovAtEnd', 'webm'] as const) {
      const data = readFixture(name);
      const { outcome, stats } = await probeWork(memoryReader(data));
      expect(outcome).toBe('accepted');
      expect(stats.bytesRead).toBeLessThan(data.length / 4);
    }
  });

  it('refuses as media_corrupt when the bytes to scan pass maxScanBytes', async () => {
    for (const name of ['mp4', 'webm'] as const) {
      const r = memoryReader(readFixture(name));
      const { stats } = await probeWork(r);
      expect((await probeWork(r, { ...defaultProbeLimits, maxScanBytes: stats.bytesRead })).outcome).toBe('accepted');
      expect((await probeWork(r, { ...defaultProbeLimits, maxScanBytes: stats.bytesRead - 1 })).outcome).toBe('media_corrupt');
    }
  });

  it('counts nesting depth: the deepest real path (moov/trak/mdia/minf/stbl/stsd) is 5 levels; below the limit it is refused', async () => {
    const mp4 = memoryReader(readFixture('mp4'));
    expect((await probeWork(mp4, { ...defaultProbeLimits, maxDepth: 5 })).outcome).toBe('accepted');
    expect((await probeWork(mp4, { ...defaultProbeLimits, maxDepth: 4 })).outcome).toBe('media_corrupt');
    const budget = new ProbeBudget(mp4);
    expect(() => budget.nested(defaultProbeLimits.maxDepth + 1)).toThrow(ProbeError);
  });
});

describe('MEDIA-6 header reads decrypt only the records they need', () => {
  it('many small reads in one record decrypt it once; reads elsewhere decrypt only their own records', async () => {
    const plain = crypto.randomBytes(8 * CHUNK_BYTES);
    const r = await encrypted(plain);
    try {
      for (let pos = 0; pos < CHUNK_BYTES - 16; pos += 16) expect((await r.read(pos, 16)).equals(plain.subarray(pos, pos + 16))).toBe(true);
      expect(r.decryptedBytes).toBe(CHUNK_BYTES);
      const at = 5 * CHUNK_BYTES + 100;
      expect((await r.read(at, 12)).equals(plain.subarray(at, at + 12))).toBe(true);
      expect(r.decryptedBytes).toBe(2 * CHUNK_BYTES);
      // What a caller gets is its own copy: changing it does not change later reads.
      const got = await r.read(0, 16);
      got.fill(0);
      expect((await r.read(0, 16)).equals(plain.subarray(0, 16))).toBe(true);
    } finally {
      await r.close();
    }
  });
});
