/**
 * A fragment of an MP4/MOV as a file of its own (FRAGLINK-2): a new `moov` whose sample tables
 * (`stts`, `ctts`, `stsc`, `stsz`, `stco`/`co64`, `stss`) list only the fragment's samples, and
 * an `mdat` with just those samples' bytes, starting at the video key frame the fragment decodes
 * from. A fragment link streams this file and never the recording, so no other second of the
 * recording can be read through it, whatever range a client asks for.
 *
 * Only video and audio tracks are kept (timecode, text and hint tracks refer to the whole
 * recording); tables that number samples of the original (`sdtp`, `sbgp`, `subs`, …) and the
 * movie's metadata (`udta`, `meta`, creation dates) are dropped.
 */
import type { MoofBox } from './mp4-fragments.ts';
import { spanMarginSeconds } from './mp4-index.ts';
import { boxBytes, find, fragmentedTracks, parseBoxes, readTrack, serialize, type Box, type Track } from './mp4-samples.ts';

/** A full box (version 0 unless told) from 32-bit fields. */
function fullBox(type: string, fields: readonly number[], version = 0): Buffer {
  const b = Buffer.alloc(4 + fields.length * 4);
  b.writeUInt8(version, 0);
  fields.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 + i * 4));
  return boxBytes(type, b);
}

/** Runs of equal values: [count, value, count, value, …]. */
function runs(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (out.length > 0 && out[out.length - 1] === v) out[out.length - 2]!++;
    else out.push(1, v);
  }
  return out;
}

/** Which samples of a track the new file keeps: `[first, last]`, 0-based, inclusive. */
interface Kept {
  track: Track;
  first: number;
  last: number;
  /** The track's new edit: media time the presentation starts at. */
  mediaTime: number;
}

export interface SubsetPlan {
  /** `ftyp`, `moov` and the `mdat` header of the new file. */
  head: Buffer;
  /** Ranges of the original file, in order, whose bytes follow the head (the samples). */
  pieces: { start: number; length: number }[];
  size: number;
  /** Seconds of the recording where the new file's time 0 lies (the key frame). */
  origin: number;
  /** The fragment's own start and end in the new file's time, and the file's duration (s). */
  fileStart: number;
  fileEnd: number;
  duration: number;
}

/**
 * Plans the file of `[start, end]` seconds (± the margin of `spanMarginSeconds`) from the
 * original's `ftyp` (if any) and `moov`, and for a fragmented file its `moof` boxes. Null when the file has no usable video or audio track or
 * no sample plays in that time.
 */
export function planSubset(ftyp: Buffer | null, moovBytes: Buffer, start: number, end: number, moofs: readonly MoofBox[] = []): SubsetPlan | null {
  const moov = parseBoxes(moovBytes)[0];
  if (!moov || moov.type !== 'moov' || !moov.kids) return null;
  const mvhd = find(moov.kids, 'mvhd');
  if (!mvhd) return null;
  const movieScale = mvhd.body[0] === 1 ? mvhd.body.readUInt32BE(20) : mvhd.body.readUInt32BE(12);
  // A fragmented file (its samples in `moof` boxes) becomes an ordinary one here.
  const all = moofs.length > 0 ? fragmentedTracks(moov, moofs) : moov.kids.filter((b) => b.type === 'trak').map(readTrack);
  const tracks = all.filter((t): t is Track => t !== null && t.dur.length > 0);
  if (tracks.length === 0 || !movieScale) return null;

  const from = Math.max(0, start - spanMarginSeconds);
  const to = end + spanMarginSeconds;
  const video = tracks.find((t) => t.video);
  // Time 0 of the new file: the key frame the video decodes from (or `from` without video).
  let origin = from;
  const kept: Kept[] = [];
  const pick = (t: Track, at: number): { first: number; last: number } | null => {
    let first = t.decode.findIndex((d, i) => (d + t.dur[i]!) / t.timescale > at);
    if (first < 0) return null;
    let last = first;
    while (last + 1 < t.decode.length && t.decode[last + 1]! / t.timescale <= to) last++;
    if (t.video && t.sync) while (first > 0 && !t.sync[first]) first--;
    return { first, last };
  };
  if (video) {
    const range = pick(video, from);
    if (!range) return null;
    origin = video.decode[range.first]! / video.timescale;
    kept.push({ track: video, ...range, mediaTime: video.mediaTime });
  }
  for (const t of tracks) {
    if (t === video) continue;
    if (t.video) continue; // a second video track (another angle) is not part of the fragment's picture
    const range = pick(t, origin);
    if (!range) continue;
    // The first kept sample starts at or just before `origin`: the edit skips that lead so the
    // tracks stay in step (an audio packet is ~20 ms; without this they would drift by that much).
    const lead = Math.max(0, Math.round(origin * t.timescale) - t.decode[range.first]!);
    kept.push({ track: t, ...range, mediaTime: t.mediaTime + lead });
  }
  if (kept.length === 0) return null;

  // The samples in the order they lie in the original (interleaved as it was); runs of one track
  // that were contiguous there stay one chunk.
  const samples: { k: number; i: number }[] = [];
  kept.forEach((kp, k) => {
    for (let i = kp.first; i <= kp.last; i++) samples.push({ k, i });
  });
  samples.sort((a, b) => kept[a.k]!.track.offset[a.i]! - kept[b.k]!.track.offset[b.i]!);
  const chunks: { k: number; pos: number; count: number; sdi: number }[] = [];
  const pieces: { start: number; length: number }[] = [];
  let pos = 0;
  let prevEnd = -1;
  let prevK = -1;
  for (const { k, i } of samples) {
    const t = kept[k]!.track;
    const off = t.offset[i]!;
    const size = t.size[i]!;
    const chunk = chunks.at(-1);
    if (chunk && prevK === k && prevEnd === off && chunk.sdi === t.sdi[i]) chunk.count++;
    else chunks.push({ k, pos, count: 1, sdi: t.sdi[i]! });
    const piece = pieces.at(-1);
    if (piece && piece.start + piece.length === off) piece.length += size;
    else pieces.push({ start: off, length: size });
    pos += size;
    prevEnd = off + size;
    prevK = k;
  }
  const mediaBytes = pos;
  const largeMdat = mediaBytes + 8 > 0xffffffff;
  const mdatHeader = Buffer.alloc(largeMdat ? 16 : 8);
  if (largeMdat) {
    mdatHeader.writeUInt32BE(1, 0);
    mdatHeader.write('mdat', 4, 'latin1');
    mdatHeader.writeBigUInt64BE(BigInt(mediaBytes + 16), 8);
  } else {
    mdatHeader.writeUInt32BE(mediaBytes + 8, 0);
    mdatHeader.write('mdat', 4, 'latin1');
  }
  const ftypBytes = ftyp ?? boxBytes('ftyp', Buffer.concat([Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2mp41')]));
  // Chunk offsets are absolute: build the movie once to learn its size, then with the real base.
  const wide = mediaBytes + 64 * 1024 * 1024 > 0xffffffff;
  const build = (base: number) => buildMoov(moov, kept, chunks, base, wide, movieScale);
  const probeLen = build(0).moov.length;
  const base = ftypBytes.length + probeLen + mdatHeader.length;
  const { moov: moovOut, duration } = build(base);
  const head = Buffer.concat([ftypBytes, moovOut, mdatHeader]);
  const fileStart = Math.max(0, start - origin);
  return {
    head,
    pieces,
    size: head.length + mediaBytes,
    origin,
    fileStart,
    fileEnd: Math.min(duration, Math.max(fileStart, end - origin)),
    duration,
  };
}

/** The new `moov`: header durations, kept tracks with cut tables and edits; metadata dropped. */
function buildMoov(moov: Box, kept: Kept[], chunks: { k: number; pos: number; count: number; sdi: number }[], base: number, wide: boolean, movieScale: number): { moov: Buffer; duration: number } {
  let movieDuration = 0;
  const traks: Buffer[] = [];
  kept.forEach((kp, k) => {
    const t = kp.track;
    const n = kp.last - kp.first + 1;
    const slice = <T>(a: readonly T[]) => a.slice(kp.first, kp.last + 1);
    const dur = slice(t.dur);
    const mediaDuration = dur.reduce((a, b) => a + b, 0);
    const shown = Math.max(0, mediaDuration - kp.mediaTime);
    const shownMovie = Math.round((shown * movieScale) / t.timescale);
    movieDuration = Math.max(movieDuration, shownMovie);
    const own = chunks.filter((c) => c.k === k);
    const stscEntries: number[] = [];
    own.forEach((c, i) => {
      const prev = own[i - 1];
      if (!prev || prev.count !== c.count || prev.sdi !== c.sdi) stscEntries.push(i + 1, c.count, c.sdi);
    });
    const sttsRuns = runs(dur);
    const stbl = find(find(find(t.box.kids, 'mdia')?.kids, 'minf')?.kids, 'stbl')!;
    const tables: Buffer[] = [serialize(find(stbl.kids, 'stsd')!), fullBox('stts', [sttsRuns.length / 2, ...sttsRuns])];
    if (t.ctts) {
      const c = runs(slice(t.ctts));
      tables.push(fullBox('ctts', [c.length / 2, ...c], t.cttsVersion));
    }
    if (t.sync) {
      const sync = slice(t.sync).flatMap((s, i) => (s ? [i + 1] : []));
      tables.push(fullBox('stss', [sync.length, ...sync]));
    }
    tables.push(fullBox('stsc', [stscEntries.length / 3, ...stscEntries]));
    tables.push(t.fixedSize !== 0 ? fullBox('stsz', [t.fixedSize, n]) : fullBox('stsz', [0, n, ...slice(t.size)]));
    if (wide) {
      const b = Buffer.alloc(8 + own.length * 8);
      b.writeUInt32BE(own.length, 4);
      own.forEach((c, i) => b.writeBigUInt64BE(BigInt(base + c.pos), 8 + i * 8));
      tables.push(boxBytes('co64', b));
    } else {
      tables.push(fullBox('stco', [own.length, ...own.map((c) => base + c.pos)]));
    }
    const stblBytes = boxBytes('stbl', Buffer.concat(tables));
    const mdia = find(t.box.kids, 'mdia')!;
    const minf = find(mdia.kids, 'minf')!;
    const minfOut = boxBytes('minf', Buffer.concat(minf.kids!.map((b) => (b.type === 'stbl' ? stblBytes : serialize(b)))));
    const mdiaOut = boxBytes(
      'mdia',
      Buffer.concat(
        mdia.kids!.map((b) => {
          if (b.type === 'minf') return minfOut;
          if (b.type === 'mdhd') return boxBytes('mdhd', withDuration(b.body, 'mdhd', mediaDuration));
          return serialize(b);
        }),
      ),
    );
    const parts: Buffer[] = [];
    for (const b of t.box.kids!) {
      if (b.type === 'tkhd') parts.push(boxBytes('tkhd', withDuration(b.body, 'tkhd', shownMovie)));
      else if (b.type === 'mdia') parts.push(mdiaOut);
      else if (b.type === 'edts' || b.type === 'tref' || b.type === 'udta' || b.type === 'meta') continue;
      else parts.push(serialize(b));
    }
    // One edit: the whole kept track from its start media time (B-frame shift, audio priming, lead).
    if (kp.mediaTime > 0) {
      const e = Buffer.alloc(4 + 4 + 12);
      e.writeUInt32BE(1, 4);
      e.writeUInt32BE(shownMovie, 8);
      e.writeInt32BE(kp.mediaTime, 12);
      e.writeUInt16BE(1, 16);
      const tkhdAt = parts.findIndex((p) => p.toString('latin1', 4, 8) === 'tkhd');
      parts.splice(tkhdAt + 1, 0, boxBytes('edts', boxBytes('elst', e)));
    }
    traks.push(boxBytes('trak', Buffer.concat(parts)));
  });
  const out: Buffer[] = [];
  for (const b of moov.kids!) {
    if (b.type === 'mvhd') out.push(boxBytes('mvhd', withDuration(b.body, 'mvhd', movieDuration)));
    else if (b.type === 'trak') continue;
    // `mvex` would tell a player to look for fragments: the new file has none.
    else if (b.type === 'udta' || b.type === 'meta' || b.type === 'iods' || b.type === 'mvex') continue;
    else out.push(serialize(b));
  }
  const mvhdAt = out.findIndex((p) => p.toString('latin1', 4, 8) === 'mvhd');
  out.splice(mvhdAt + 1, 0, ...traks);
  return { moov: boxBytes('moov', Buffer.concat(out)), duration: movieDuration / movieScale };
}

/**
 * A copy of a movie, track or media header with a new duration and without the original's
 * creation and modification times (they say when the conversation was recorded).
 */
function withDuration(body: Buffer, type: 'mvhd' | 'tkhd' | 'mdhd', duration: number): Buffer {
  const b = Buffer.from(body);
  const v1 = b[0] === 1;
  const times = v1 ? 16 : 8;
  b.fill(0, 4, 4 + times);
  // The duration follows the timescale (mvhd, mdhd) or the track id and a reserved word (tkhd).
  const at = type === 'tkhd' ? (v1 ? 28 : 20) : v1 ? 24 : 16;
  if (v1) b.writeBigUInt64BE(BigInt(duration), at);
  else b.writeUInt32BE(Math.min(duration, 0xffffffff), at);
  return b;
}
