import { describe, expect, it } from 'vitest';
import { byteSpanOf, mergeSpans, mp4Index } from '../../server/media/mp4-index.ts';

/** An ISO-BMFF box: size, type, body. */
const box = (type: string, ...body: Buffer[]): Buffer => {
  const payload = Buffer.concat(body);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};
const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v, i * 4));
  return b;
};
/** A full box: version and flags (0), then the fields. */
const full = (type: string, ...fields: number[]): Buffer => box(type, u32(0, ...fields));

/**
 * One video track of 10 samples of 1 s (timescale 1), 100 bytes each, one sample per chunk at
 * 1000, 1100, …; key frames at samples 1 and 6 (1-based), i.e. at 0 s and 5 s.
 */
function movie(): Buffer {
  const stbl = box(
    'stbl',
    full('stts', 1, 10, 1),
    full('stsc', 1, 1, 1, 1),
    full('stsz', 100, 10),
    full('stco', 10, ...Array.from({ length: 10 }, (_, i) => 1000 + i * 100)),
    full('stss', 2, 1, 6),
  );
  const hdlr = box('hdlr', u32(0, 0), Buffer.from('vide'), Buffer.alloc(12));
  const mdhd = full('mdhd', 0, 0, 1, 10, 0);
  return box('moov', box('trak', box('mdia', mdhd, hdlr, box('minf', stbl))));
}

const top = [
  { type: 'ftyp', start: 0, size: 32 },
  { type: 'moov', start: 32, size: 500 },
  { type: 'mdat', start: 992, size: 1008 },
];

describe('FRAGLINK-2 from seconds to bytes (MP4 sample tables)', () => {
  const index = mp4Index(top, movie())!;

  it('maps a fragment to its samples, widened to the key frame it decodes from and by half a second', () => {
    // 7.2–7.8 s ± 0.5 s touches samples 7, 8 and 9 (6–9 s); the key frame before is sample 6 (5 s).
    expect(byteSpanOf(index, 7.2, 7.8)).toEqual({ start: 1500, end: 1899 });
    // From a key frame: nothing earlier.
    expect(byteSpanOf(index, 0.6, 1.2)).toEqual({ start: 1000, end: 1199 });
    // Past the end: nothing.
    expect(byteSpanOf(index, 30, 31)).toBeNull();
  });

  it('the index spans are the boxes outside the media data and its header, no sample', () => {
    expect(mergeSpans(index.indexSpans)).toEqual([{ start: 0, end: 531 }, { start: 992, end: 999 }]);
  });

  it('merges touching and overlapping spans, sorted', () => {
    expect(mergeSpans([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 6, end: 9 }, { start: 15, end: 30 }])).toEqual([{ start: 0, end: 30 }]);
    expect(mergeSpans([{ start: 10, end: 20 }, { start: 22, end: 30 }])).toEqual([{ start: 10, end: 20 }, { start: 22, end: 30 }]);
  });

  it('a fragmented file cannot be mapped', () => {
    expect(mp4Index([...top, { type: 'moof', start: 2000, size: 100 }], movie())).toBeNull();
  });
});
