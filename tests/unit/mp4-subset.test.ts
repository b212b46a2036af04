import { createFile, type Movie } from 'mp4box';
import { describe, expect, it } from 'vitest';
import { mp4Index } from '../../server/media/mp4-index.ts';
import { planSubset, type SubsetPlan } from '../../server/media/mp4-subset.ts';
import { readFixture } from '../helpers/media.ts';
import { fragmentedMp4, secondPattern, syntheticMp4 } from '../helpers/synthetic-mp4.ts';

type Top = { type: string; start: number; size: number };
function topOf(data: Buffer): Top[] {
  const top: Top[] = [];
  for (let p = 0; p < data.length;) {
    const size = data.readUInt32BE(p);
    top.push({ type: data.toString('latin1', p + 4, p + 8), start: p, size });
    p += size;
  }
  return top;
}
const boxOf = (data: Buffer, type: string): Buffer => {
  const b = topOf(data).find((x) => x.type === type)!;
  return data.subarray(b.start, b.start + b.size);
};

/** Plans and assembles the fragment's file the way the server writes it. */
function cut(data: Buffer, start: number, end: number): { plan: SubsetPlan; file: Buffer } {
  const moofs = topOf(data).filter((b) => b.type === 'moof').map((b) => ({ start: b.start, bytes: data.subarray(b.start, b.start + b.size) }));
  const plan = planSubset(boxOf(data, 'ftyp'), boxOf(data, 'moov'), start, end, moofs)!;
  expect(plan).not.toBeNull();
  const file = Buffer.concat([plan.head, ...plan.pieces.map((p) => data.subarray(p.start, p.start + p.length))]);
  expect(file.length).toBe(plan.size);
  return { plan, file };
}

function mp4boxInfo(file: Buffer): Promise<Movie> {
  return new Promise((resolve, reject) => {
    const f = createFile();
    f.onReady = resolve;
    f.onError = (_module: string, message: string) => reject(new Error(message));
    const ab = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer & { fileStart: number };
    ab.fileStart = 0;
    f.appendBuffer(ab as never);
    f.flush();
  });
}

describe('FRAGLINK-2 a fragment cut into a file of its own', () => {
  it('holds exactly the samples from the key frame before the fragment to its end (± 0.5 s), nothing else', () => {
    const data = syntheticMp4({ seconds: 20, sampleBytes: 1000, keyEvery: 5 });
    const { plan, file } = cut(data, 7.2, 9.1);
    // 6.7 s is in sample 6; its key frame is sample 5 (5 s); 9.6 s ends with sample 9.
    expect(plan.origin).toBe(5);
    expect(plan.duration).toBe(5);
    expect(plan.fileStart).toBeCloseTo(2.2, 6);
    expect(plan.fileEnd).toBeCloseTo(4.1, 6);
    for (let i = 0; i < 20; i++) expect(file.includes(secondPattern(i, 40)), `second ${i}`).toBe(i >= 5 && i <= 9);
    // Its own index reads back: 5 one-second samples, the first a key frame, offsets inside the file.
    const index = mp4Index(topOf(file), boxOf(file, 'moov'))!;
    const [video] = index.tracks;
    expect(video!.time.length).toBe(5);
    expect(Array.from(video!.sync)).toEqual([1, 0, 0, 0, 0]);
    for (let i = 0; i < 5; i++) expect(file.subarray(video!.offset[i]!, video!.offset[i]! + 40).equals(secondPattern(5 + i, 40))).toBe(true);
  });

  it('a real recording (H.264 + AAC): mp4box reads the file, both tracks, a duration of the range from the key frame', async () => {
    const data = readFixture('mp4');
    const original = await mp4boxInfo(data);
    const { plan, file } = cut(data, 6.5, 7.5);
    const info = await mp4boxInfo(file);
    expect(info.tracks.map((t) => t.codec)).toEqual(original.tracks.map((t) => t.codec));
    expect(info.duration / info.timescale).toBeCloseTo(plan.duration, 1);
    // From the key frame to the fragment's end plus the margin.
    expect(plan.duration).toBeCloseTo(7.5 + 0.5 - plan.origin, 0);
    expect(plan.origin).toBeLessThanOrEqual(6);
    const index = mp4Index(topOf(file), boxOf(file, 'moov'))!;
    const video = index.tracks.find((t) => t.video)!;
    expect(video.sync[0]).toBe(1);
    expect(info.tracks.every((t) => t.nb_samples > 0 && t.nb_samples < original.tracks.find((o) => o.id === t.id)!.nb_samples)).toBe(true);
    // Much smaller than the recording.
    expect(file.length).toBeLessThan(data.length / 2);
  });

  it('a fragmented MP4 (samples in moof boxes) is cut into an ordinary MP4 with the same samples', async () => {
    const data = readFixture('mp4');
    const fragmented = await fragmentedMp4(data);
    expect(topOf(fragmented).filter((b) => b.type === 'moof').length).toBeGreaterThan(3);
    const fromPlain = cut(data, 6.5, 7.5);
    const fromFragmented = cut(fragmented, 6.5, 7.5);
    expect(topOf(fromFragmented.file).map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(fromFragmented.plan).toMatchObject({ origin: fromPlain.plan.origin, fileStart: fromPlain.plan.fileStart, duration: fromPlain.plan.duration });
    // Track by track, the same samples (bytes and durations) in the same order.
    const samplesOf = (file: Buffer) =>
      mp4Index(topOf(file), boxOf(file, 'moov'))!.tracks.map((t) => Array.from(t.offset, (o, i) => `${t.dur[i]!.toFixed(5)}:${file.subarray(o, o + t.size[i]!).toString('base64')}`));
    expect(samplesOf(fromFragmented.file)).toEqual(samplesOf(fromPlain.file));
    const info = await mp4boxInfo(fromFragmented.file);
    expect(info.isFragmented).toBe(false);
    expect(info.duration / info.timescale).toBeCloseTo(fromPlain.plan.duration, 1);
  });

  it('a fragment past the end of the recording has no file', () => {
    const data = syntheticMp4({ seconds: 5, sampleBytes: 100, keyEvery: 5 });
    expect(planSubset(boxOf(data, 'ftyp'), boxOf(data, 'moov'), 30, 31)).toBeNull();
  });
});
