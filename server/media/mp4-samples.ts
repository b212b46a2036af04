/**
 * Sample lists of an MP4/MOV's video and audio tracks, for cutting a fragment (FRAGLINK-2): from
 * the sample tables in `moov` (`stts`, `ctts`, `stsc`, `stsz`, `stco`/`co64`, `stss`) or, for a
 * fragmented file, from its `moof` boxes; and the few box helpers the cutting needs.
 */
import { fragmentedSamples, type MoofBox } from './mp4-fragments.ts';
import { children } from './mp4-index.ts';

export interface Box {
  type: string;
  body: Buffer;
  kids?: Box[];
}

const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf']);

export function parseBoxes(buf: Buffer): Box[] {
  return children(buf).map((b) => (containers.has(b.type) ? { type: b.type, body: b.body, kids: parseBoxes(b.body) } : { type: b.type, body: b.body }));
}

export function boxBytes(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

export function serialize(b: Box): Buffer {
  return boxBytes(b.type, b.kids ? Buffer.concat(b.kids.map(serialize)) : b.body);
}

export const find = (boxes: Box[] | undefined, type: string): Box | undefined => boxes?.find((b) => b.type === type);

export interface Track {
  box: Box;
  video: boolean;
  timescale: number;
  /** Per sample, in the track's timescale: decode time, duration; composition offset (or null). */
  decode: number[];
  dur: number[];
  ctts: number[] | null;
  cttsVersion: number;
  offset: number[];
  size: number[];
  /** Sample description index (1-based) per sample. */
  sdi: number[];
  sync: boolean[] | null;
  fixedSize: number;
  /** The media time the presentation starts at (edit list), in the track's timescale. */
  mediaTime: number;
}

/** The media time the presentation starts at: the first edit that is not empty (an empty one only delays the track). */
function editMediaTime(trak: Box): number {
  const elst = find(find(trak.kids, 'edts')?.kids, 'elst')?.body;
  if (!elst) return 0;
  const v1 = elst[0] === 1;
  const entry = v1 ? 20 : 12;
  for (let e = 0, n = elst.readUInt32BE(4); e < n; e++) {
    const at = 8 + e * entry;
    const mediaTime = v1 ? Number(elst.readBigInt64BE(at + 8)) : elst.readInt32BE(at + 4);
    if (mediaTime >= 0) return mediaTime;
  }
  return 0;
}

/** Handler, timescale and id of a video or audio track (null for any other track). */
function trackHead(trak: Box): { video: boolean; timescale: number; id: number } | null {
  const mdia = find(trak.kids, 'mdia');
  const hdlr = find(mdia?.kids, 'hdlr');
  const mdhd = find(mdia?.kids, 'mdhd');
  const tkhd = find(trak.kids, 'tkhd');
  const stsd = find(find(find(mdia?.kids, 'minf')?.kids, 'stbl')?.kids, 'stsd');
  if (!hdlr || !mdhd || !tkhd || !stsd) return null;
  const handler = hdlr.body.toString('latin1', 8, 12);
  if (handler !== 'vide' && handler !== 'soun') return null;
  const timescale = mdhd.body[0] === 1 ? mdhd.body.readUInt32BE(20) : mdhd.body.readUInt32BE(12);
  const id = tkhd.body[0] === 1 ? tkhd.body.readUInt32BE(20) : tkhd.body.readUInt32BE(12);
  return timescale ? { video: handler === 'vide', timescale, id } : null;
}

/** The tracks of a fragmented file, their samples read from its `moof` boxes. */
export function fragmentedTracks(moov: Box, moofs: readonly MoofBox[]): Track[] {
  const heads = moov.kids!.filter((b) => b.type === 'trak').flatMap((trak) => {
    const head = trackHead(trak);
    return head ? [{ trak, ...head }] : [];
  });
  const samples = fragmentedSamples(moov.kids!, moofs, heads.map((h) => h.id));
  return heads.map(({ trak, video, timescale, id }) => {
    const s = samples.get(id)!;
    const hasCto = s.cto.some((c) => c !== 0);
    return {
      box: trak,
      video,
      timescale,
      decode: s.decode,
      dur: s.dur,
      ctts: hasCto ? s.cto : null,
      cttsVersion: s.cto.some((c) => c < 0) ? 1 : 0,
      offset: s.offset,
      size: s.size,
      sdi: s.sdi,
      // Audio frames all decode on their own; a video's key frames are flagged per sample.
      sync: video ? s.sync : null,
      fixedSize: 0,
      mediaTime: editMediaTime(trak),
    };
  });
}

export function readTrack(trak: Box): Track | null {
  const mdia = find(trak.kids, 'mdia');
  const hdlr = find(mdia?.kids, 'hdlr');
  const mdhd = find(mdia?.kids, 'mdhd');
  const stbl = find(find(mdia?.kids, 'minf')?.kids, 'stbl');
  if (!hdlr || !mdhd || !stbl?.kids) return null;
  const handler = hdlr.body.toString('latin1', 8, 12);
  if (handler !== 'vide' && handler !== 'soun') return null;
  const timescale = mdhd.body[0] === 1 ? mdhd.body.readUInt32BE(20) : mdhd.body.readUInt32BE(12);
  const get = (t: string) => find(stbl.kids, t)?.body;
  const [stts, stsc, stsz, stco, co64, stss, ctts] = ['stts', 'stsc', 'stsz', 'stco', 'co64', 'stss', 'ctts'].map(get);
  if (!timescale || !stts || !stsc || !stsz || (!stco && !co64) || !get('stsd')) return null;
  const count = stsz.readUInt32BE(8);
  const fixedSize = stsz.readUInt32BE(4);
  const t: Track = {
    box: trak,
    video: handler === 'vide',
    timescale,
    decode: [],
    dur: [],
    ctts: ctts ? [] : null,
    cttsVersion: ctts?.[0] ?? 0,
    offset: new Array<number>(count).fill(0),
    size: [],
    sdi: new Array<number>(count).fill(1),
    sync: stss ? new Array<boolean>(count).fill(false) : null,
    fixedSize,
    mediaTime: 0,
  };
  for (let i = 0; i < count; i++) t.size.push(fixedSize !== 0 ? fixedSize : stsz.readUInt32BE(12 + i * 4));
  let clock = 0;
  for (let e = 0, n = stts.readUInt32BE(4); e < n && t.dur.length < count; e++) {
    const run = stts.readUInt32BE(8 + e * 8);
    const delta = stts.readUInt32BE(12 + e * 8);
    for (let k = 0; k < run && t.dur.length < count; k++) {
      t.decode.push(clock);
      t.dur.push(delta);
      clock += delta;
    }
  }
  if (t.dur.length !== count) return null;
  if (ctts && t.ctts) {
    for (let e = 0, n = ctts.readUInt32BE(4); e < n && t.ctts.length < count; e++) {
      const run = ctts.readUInt32BE(8 + e * 8);
      const off = t.cttsVersion === 1 ? ctts.readInt32BE(12 + e * 8) : ctts.readUInt32BE(12 + e * 8);
      for (let k = 0; k < run && t.ctts.length < count; k++) t.ctts.push(off);
    }
    while (t.ctts.length < count) t.ctts.push(0);
  }
  const chunks = stco ? stco.readUInt32BE(4) : co64!.readUInt32BE(4);
  const chunkOffset = (c: number) => (stco ? stco.readUInt32BE(8 + c * 4) : Number(co64!.readBigUInt64BE(8 + c * 8)));
  const stscRuns = stsc.readUInt32BE(4);
  let s = 0;
  for (let r = 0; r < stscRuns; r++) {
    const first = stsc.readUInt32BE(8 + r * 12) - 1;
    const perChunk = stsc.readUInt32BE(12 + r * 12);
    const sdi = stsc.readUInt32BE(16 + r * 12);
    const last = r + 1 < stscRuns ? stsc.readUInt32BE(8 + (r + 1) * 12) - 1 : chunks;
    for (let c = first; c < last && s < count; c++) {
      let at = chunkOffset(c);
      for (let k = 0; k < perChunk && s < count; k++, s++) {
        t.offset[s] = at;
        t.sdi[s] = sdi;
        at += t.size[s]!;
      }
    }
  }
  if (s !== count) return null;
  if (stss && t.sync) for (let e = 0, n = stss.readUInt32BE(4); e < n; e++) t.sync[stss.readUInt32BE(8 + e * 4) - 1] = true;
  t.mediaTime = editMediaTime(trak);
  return t;
}
