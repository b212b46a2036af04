/**
 * The samples of a fragmented MP4 (FRAGLINK-2): a fragmented file keeps its sample tables not
 * in `moov` but in every `moof` (`traf`: `tfhd` defaults, `tfdt` decode time, `trun` samples),
 * with defaults per track in `moov/mvex/trex`. Read here into plain per-sample lists, so a
 * fragment of it can be cut into an ordinary MP4 like any other recording.
 */
import { children } from './mp4-index.ts';

export interface FragmentedSamples {
  decode: number[];
  dur: number[];
  size: number[];
  offset: number[];
  sdi: number[];
  sync: boolean[];
  /** Composition offsets (0 when the file has none). */
  cto: number[];
}

/** One `moof` box: where it starts in the file and its bytes (header included). */
export interface MoofBox {
  start: number;
  bytes: Buffer;
}

interface Defaults {
  sdi: number;
  dur: number;
  size: number;
  flags: number;
}

/** A sample whose flags say `sample_is_non_sync_sample` is no key frame. */
const isSync = (flags: number): boolean => (flags & 0x10000) === 0;

/** Per-track defaults from `mvex/trex`. */
function trexDefaults(moovKids: readonly { type: string; body: Buffer }[]): Map<number, Defaults> {
  const out = new Map<number, Defaults>();
  const mvex = moovKids.find((b) => b.type === 'mvex');
  if (!mvex) return out;
  for (const trex of children(mvex.body).filter((b) => b.type === 'trex')) {
    const b = trex.body;
    out.set(b.readUInt32BE(4), { sdi: b.readUInt32BE(8), dur: b.readUInt32BE(12), size: b.readUInt32BE(16), flags: b.readUInt32BE(20) });
  }
  return out;
}

/**
 * Every sample of the given tracks, in decode order per track, from the `moof` boxes in file
 * order. Throws on a box that does not add up (the caller treats the file as not cuttable).
 */
export function fragmentedSamples(moovKids: readonly { type: string; body: Buffer }[], moofs: readonly MoofBox[], trackIds: readonly number[]): Map<number, FragmentedSamples> {
  const defaults = trexDefaults(moovKids);
  const out = new Map<number, FragmentedSamples>(trackIds.map((id) => [id, { decode: [], dur: [], size: [], offset: [], sdi: [], sync: [], cto: [] }]));
  const clock = new Map<number, number>();
  for (const moof of moofs) {
    const box = children(moof.bytes)[0];
    if (!box || box.type !== 'moof') throw new Error('not a moof box');
    for (const traf of children(box.body).filter((b) => b.type === 'traf')) {
      const kids = children(traf.body);
      const tfhd = kids.find((b) => b.type === 'tfhd')?.body;
      if (!tfhd) throw new Error('traf without tfhd');
      const flags = tfhd.readUInt32BE(0) & 0xffffff;
      const id = tfhd.readUInt32BE(4);
      const samples = out.get(id);
      if (!samples) continue;
      const d = defaults.get(id) ?? { sdi: 1, dur: 0, size: 0, flags: 0 };
      let p = 8;
      // Offsets count from the moof unless the fragment names its own base.
      let base = moof.start;
      if (flags & 0x1) {
        base = Number(tfhd.readBigUInt64BE(p));
        p += 8;
      }
      const read = (bit: number, fallback: number): number => {
        if (!(flags & bit)) return fallback;
        const v = tfhd.readUInt32BE(p);
        p += 4;
        return v;
      };
      const sdi = read(0x2, d.sdi);
      const dur = read(0x8, d.dur);
      const size = read(0x10, d.size);
      const sampleFlags = read(0x20, d.flags);
      const tfdt = kids.find((b) => b.type === 'tfdt')?.body;
      let decode = tfdt ? (tfdt[0] === 1 ? Number(tfdt.readBigUInt64BE(4)) : tfdt.readUInt32BE(4)) : (clock.get(id) ?? 0);
      let cursor = base;
      for (const trun of kids.filter((b) => b.type === 'trun').map((b) => b.body)) {
        const v1 = trun[0] === 1;
        const tf = trun.readUInt32BE(0) & 0xffffff;
        const count = trun.readUInt32BE(4);
        let q = 8;
        if (tf & 0x1) {
          cursor = base + trun.readInt32BE(q);
          q += 4;
        }
        let first: number | null = null;
        if (tf & 0x4) {
          first = trun.readUInt32BE(q);
          q += 4;
        }
        for (let i = 0; i < count; i++) {
          const sDur = tf & 0x100 ? trun.readUInt32BE((q += 4) - 4) : dur;
          const sSize = tf & 0x200 ? trun.readUInt32BE((q += 4) - 4) : size;
          const sFlags = tf & 0x400 ? trun.readUInt32BE((q += 4) - 4) : i === 0 && first !== null ? first : sampleFlags;
          const sCto = tf & 0x800 ? (v1 ? trun.readInt32BE((q += 4) - 4) : trun.readUInt32BE((q += 4) - 4)) : 0;
          samples.decode.push(decode);
          samples.dur.push(sDur);
          samples.size.push(sSize);
          samples.offset.push(cursor);
          samples.sdi.push(sdi);
          samples.sync.push(isSync(sFlags));
          samples.cto.push(sCto);
          decode += sDur;
          cursor += sSize;
        }
      }
      clock.set(id, decode);
    }
  }
  return out;
}
