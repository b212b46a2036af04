import { describe, expect, it } from 'vitest';
import { chunkOffsets, planFaststart } from '../../server/media/faststart.ts';
import { probe, probeForm, ProbeError, sniff } from '../../server/media/probe.ts';
import { memoryReader, readFixture, withFreeBox } from '../helpers/media.ts';

async function probeError(buf: Buffer): Promise<string> {
  try {
    await probe(memoryReader(buf));
  } catch (err) {
    if (err instanceof ProbeError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('MEDIA-2 validation by content: ISO-BMFF box walker', () => {
  it('reads duration, tracks and faststart of an MP4 with the index first', async () => {
    const r = await probe(memoryReader(readFixture('mp4')));
    expect(r.container).toBe('mp4');
    expect(r.mime).toBe('video/mp4');
    expect(r.durationMs).toBeGreaterThan(9_900);
    expect(r.durationMs).toBeLessThan(10_200);
    expect(r.faststart).toBe(true);
    expect(r.tracks).toEqual([
      { kind: 'video', codec: 'avc1', width: 320, height: 180 },
      { kind: 'audio', codec: 'mp4a' },
    ]);
  });

  it('flags an MP4 whose index (moov) sits at the end', async () => {
    const r = await probe(memoryReader(readFixture('mp4MoovAtEnd')));
    expect(r.faststart).toBe(false);
    expect(r.durationMs).toBeGreaterThan(9_900);
  });

  it('recognises QuickTime MOV', async () => {
    const r = await probe(memoryReader(readFixture('mov')));
    expect(r.container).toBe('mov');
    expect(r.mime).toBe('video/quicktime');
    expect(r.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
  });

  it('accepts extra top-level boxes (free) anywhere', async () => {
    expect(await probeError(withFreeBox(readFixture('mp4'), Buffer.alloc(100, 1)))).toBe('accepted');
  });

  it.each([0.3, 0.6, 0.95, 0.999])('refuses an MP4 truncated at %f as media_truncated', async (f) => {
    const mp4 = readFixture('mp4');
    expect(await probeError(mp4.subarray(0, Math.floor(mp4.length * f)))).toBe('media_truncated');
    const late = readFixture('mp4MoovAtEnd');
    expect(await probeError(late.subarray(0, Math.floor(late.length * f)))).toBe('media_truncated');
  });

  it('refuses a corrupt MP4 (no moov) as media_corrupt', async () => {
    const mp4 = readFixture('mp4MoovAtEnd');
    // Overwrite the moov box type so the index is gone but sizes stay consistent.
    const i = mp4.lastIndexOf(Buffer.from('moov'));
    const broken = Buffer.from(mp4);
    broken.write('junk', i, 'latin1');
    expect(await probeError(broken)).toBe('media_corrupt');
  });
});

describe('MEDIA-2 validation by content: EBML walker', () => {
  it('reads DocType, duration and tracks of a WebM', async () => {
    const r = await probe(memoryReader(readFixture('webm')));
    expect(r.container).toBe('webm');
    expect(r.mime).toBe('video/webm');
    expect(r.durationMs).toBeGreaterThan(9_900);
    expect(r.durationMs).toBeLessThan(10_200);
    expect(r.faststart).toBeNull();
    expect(r.tracks).toEqual([
      { kind: 'video', codec: 'V_VP9', width: 320, height: 180 },
      { kind: 'audio', codec: 'A_OPUS' },
    ]);
  });

  it.each([0.01, 0.5, 0.99])('refuses a WebM truncated at %f as media_truncated', async (f) => {
    const webm = readFixture('webm');
    expect(await probeError(webm.subarray(0, Math.floor(webm.length * f)))).toBe('media_truncated');
  });
});

describe('MEDIA-2 magic bytes', () => {
  it('recognises containers by their first bytes, not by name', () => {
    expect(sniff(readFixture('mp4'))).toBe('isobmff');
    expect(sniff(readFixture('webm'))).toBe('ebml');
    expect(sniff(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBeNull();
    expect(sniff(Buffer.from('just some text file'))).toBeNull();
  });

  it('refuses anything else as unsupported_media', async () => {
    expect(await probeError(Buffer.from('<html><body>not a video</body></html>'))).toBe('unsupported_media');
    expect(await probeError(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))).toBe('unsupported_media');
  });

  it('consent-form scans: PDF, PNG, JPEG by magic bytes and complete', () => {
    expect(probeForm(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')).mime).toBe('application/pdf');
    expect(() => probeForm(Buffer.from('%PDF-1.4\n1 0 obj<<>>'))).toThrow(ProbeError);
    expect(probeForm(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])).mime).toBe('image/jpeg');
    expect(() => probeForm(Buffer.from('GIF89a....'))).toThrow(ProbeError);
  });
});

describe('MEDIA-2 faststart rewrite of an MP4 with its index at the end', () => {
  /** Applies a plan in memory, as the service does through the encrypted files. */
  function apply(original: Buffer, plan: NonNullable<ReturnType<typeof planFaststart>>): Buffer {
    return Buffer.concat(plan.pieces.map((p) => (p.kind === 'moov' ? plan.moov : original.subarray(p.start, p.end))));
  }

  it('moves moov in front of mdat and shifts every chunk offset so each still points at the same bytes', async () => {
    const original = readFixture('mp4MoovAtEnd');
    const before = await probe(memoryReader(original));
    expect(before.faststart).toBe(false);
    const moovBox = before.boxes!.find((b) => b.type === 'moov')!;
    const oldMoov = original.subarray(moovBox.start, moovBox.start + moovBox.size);
    const plan = planFaststart(before.boxes!, oldMoov)!;
    expect(plan).not.toBeNull();
    const rewritten = apply(original, plan);
    expect(rewritten.length).toBe(original.length);
    const after = await probe(memoryReader(rewritten));
    expect(after.faststart).toBe(true);
    expect(after.durationMs).toBe(before.durationMs);
    expect(after.tracks).toEqual(before.tracks);
    const oldOffsets = chunkOffsets(oldMoov);
    const newOffsets = chunkOffsets(plan.moov);
    expect(newOffsets).toHaveLength(oldOffsets.length);
    expect(oldOffsets.length).toBeGreaterThan(10);
    oldOffsets.forEach((o, i) => {
      expect(rewritten.subarray(newOffsets[i]!, newOffsets[i]! + 32).equals(original.subarray(o, o + 32))).toBe(true);
    });
  });

  it('declines files it cannot rewrite safely (fragmented, index already first)', async () => {
    const mp4 = readFixture('mp4');
    const r = await probe(memoryReader(mp4));
    const moov = r.boxes!.find((b) => b.type === 'moov')!;
    expect(planFaststart(r.boxes!, mp4.subarray(moov.start, moov.start + moov.size))).toBeNull();
    const late = readFixture('mp4MoovAtEnd');
    const l = await probe(memoryReader(late));
    const lm = l.boxes!.find((b) => b.type === 'moov')!;
    expect(planFaststart([...l.boxes!, { type: 'moof', start: late.length, size: 8 }], late.subarray(lm.start, lm.start + lm.size))).toBeNull();
  });
});
