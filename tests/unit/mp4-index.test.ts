import { describe, expect, it } from 'vitest';
import { mp4Index } from '../../server/media/mp4-index.ts';
import { box, full, u32 } from '../helpers/synthetic-mp4.ts';

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

describe('FRAGLINK-2 the sample tables of an MP4, per sample', () => {
  const index = mp4Index(top, movie())!;

  it('reads every sample’s time, duration, offset, size and key-frame flag', () => {
    const [t] = index.tracks;
    expect(t!.video).toBe(true);
    expect(Array.from(t!.time)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(t!.dur)).toEqual(new Array(10).fill(1));
    expect(Array.from(t!.offset)).toEqual(Array.from({ length: 10 }, (_, i) => 1000 + i * 100));
    expect(Array.from(t!.size)).toEqual(new Array(10).fill(100));
    expect(Array.from(t!.sync)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('a fragmented file has no sample tables here (mp4-fragments.ts reads its moof boxes)', () => {
    expect(mp4Index([...top, { type: 'moof', start: 2000, size: 100 }], movie())).toBeNull();
  });
});
