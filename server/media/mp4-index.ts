/**
 * The sample tables of a non-fragmented MP4/MOV, read into per-sample lists (FRAGLINK-2 uses them
 * to check the files it cuts): the movie header's tables say, per track, where every sample
 * (frame, audio packet) lies in the file and when it plays: `stts` (durations), `stsc` +
 * `stco`/`co64` (samples per chunk, chunk offsets), `stsz` (sizes) and `stss` (key frames).
 * Cutting itself is `mp4-subset.ts`.
 */

interface TrackSamples {
  video: boolean;
  /** Per sample: start time (s), duration (s), byte offset, size, key frame. */
  time: Float64Array;
  dur: Float64Array;
  offset: Float64Array;
  size: Float64Array;
  sync: Uint8Array;
}

export interface Mp4Index {
  tracks: TrackSamples[];
}

/** A box inside a buffer (children of moov and below). */
export function children(buf: Buffer, from = 0, to = buf.length): { type: string; body: Buffer }[] {
  const out: { type: string; body: Buffer }[] = [];
  let p = from;
  while (p + 8 <= to) {
    let size = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    let hs = 8;
    if (size === 1) {
      if (p + 16 > to) break;
      size = Number(buf.readBigUInt64BE(p + 8));
      hs = 16;
    } else if (size === 0) {
      size = to - p;
    }
    if (size < hs || p + size > to) throw new Error(`box ${type} overruns its parent`);
    out.push({ type, body: buf.subarray(p + hs, p + size) });
    p += size;
  }
  return out;
}

const child = (buf: Buffer | undefined, type: string): Buffer | undefined => (buf ? children(buf).find((b) => b.type === type)?.body : undefined);

/** Samples of one `trak`, or null for a track without a complete sample table. */
function trackSamples(trak: Buffer): TrackSamples | null {
  const mdia = child(trak, 'mdia');
  const hdlr = child(mdia, 'hdlr');
  const mdhd = child(mdia, 'mdhd');
  const stbl = child(child(mdia, 'minf'), 'stbl');
  if (!hdlr || !mdhd || !stbl) return null;
  const timescale = mdhd[0] === 1 ? mdhd.readUInt32BE(20) : mdhd.readUInt32BE(12);
  const parts = children(stbl);
  const get = (t: string) => parts.find((b) => b.type === t)?.body;
  const stts = get('stts');
  const stsc = get('stsc');
  const stsz = get('stsz');
  const stco = get('stco');
  const co64 = get('co64');
  const stss = get('stss');
  if (!timescale || !stts || !stsc || !stsz || (!stco && !co64)) return null;

  const count = stsz.readUInt32BE(8);
  const fixed = stsz.readUInt32BE(4);
  const t: TrackSamples = {
    video: hdlr.toString('latin1', 8, 12) === 'vide',
    time: new Float64Array(count),
    dur: new Float64Array(count),
    offset: new Float64Array(count),
    size: new Float64Array(count),
    sync: new Uint8Array(count).fill(stss ? 0 : 1),
  };
  for (let i = 0; i < count; i++) t.size[i] = fixed !== 0 ? fixed : stsz.readUInt32BE(12 + i * 4);
  // Times from stts (runs of equal durations).
  let s = 0;
  let clock = 0;
  for (let e = 0, n = stts.readUInt32BE(4); e < n && s < count; e++) {
    const run = stts.readUInt32BE(8 + e * 8);
    const delta = stts.readUInt32BE(12 + e * 8) / timescale;
    for (let k = 0; k < run && s < count; k++, s++) {
      t.time[s] = clock;
      t.dur[s] = delta;
      clock += delta;
    }
  }
  // Offsets: chunk offsets, samples per chunk from stsc, sizes within a chunk.
  const chunks = stco ? stco.readUInt32BE(4) : co64!.readUInt32BE(4);
  const chunkOffset = (c: number) => (stco ? stco.readUInt32BE(8 + c * 4) : Number(co64!.readBigUInt64BE(8 + c * 8)));
  const runs = stsc.readUInt32BE(4);
  s = 0;
  for (let r = 0; r < runs; r++) {
    const first = stsc.readUInt32BE(8 + r * 12) - 1;
    const perChunk = stsc.readUInt32BE(12 + r * 12);
    const last = r + 1 < runs ? stsc.readUInt32BE(8 + (r + 1) * 12) - 1 : chunks;
    for (let c = first; c < last && s < count; c++) {
      let at = chunkOffset(c);
      for (let k = 0; k < perChunk && s < count; k++, s++) {
        t.offset[s] = at;
        at += t.size[s]!;
      }
    }
  }
  if (stss) for (let e = 0, n = stss.readUInt32BE(4); e < n; e++) t.sync[stss.readUInt32BE(8 + e * 4) - 1] = 1;
  return t;
}

/**
 * Builds the index of a non-fragmented MP4/MOV from its top-level boxes and the `moov` bytes.
 * Returns null for what cannot be mapped (a fragmented file: its samples are in `moof` boxes).
 */
export function mp4Index(top: readonly { type: string; start: number; size: number; headerSize?: number }[], moov: Buffer): Mp4Index | null {
  if (top.some((b) => b.type === 'moof')) return null;
  const moovBox = children(moov)[0];
  if (!moovBox || moovBox.type !== 'moov') return null;
  const tracks = children(moovBox.body)
    .filter((b) => b.type === 'trak')
    .map((b) => trackSamples(b.body))
    .filter((t): t is TrackSamples => t !== null && t.time.length > 0);
  if (tracks.length === 0) return null;
  return { tracks };
}

/** Seconds added before and after a fragment (edit lists, audio priming, the decoder's look-ahead). */
export const spanMarginSeconds = 0.5;
