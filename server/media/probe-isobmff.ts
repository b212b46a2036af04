import type { MediaTrack } from '../../shared/domain/media.ts';
import { ProbeError, type ProbeBudget, type ProbeResult } from './probe-budget.ts';

/**
 * ISO-BMFF (MP4 / MOV): walks the top-level boxes by their sizes (media data is skipped, never
 * read), then parses only the movie header (`moov`) for duration and tracks.
 */

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

const MAX_MOOV_BYTES = 64 * 1024 * 1024;

async function readBoxHeader(r: ProbeBudget, pos: number, end: number): Promise<Box> {
  const h = await r.read(pos, 16);
  if (h.length < 8) throw new ProbeError('media_truncated', `box header at ${pos} cut off`);
  let size = h.readUInt32BE(0);
  const type = h.toString('latin1', 4, 8);
  let headerSize = 8;
  if (size === 1) {
    if (h.length < 16) throw new ProbeError('media_truncated', 'large box header cut off');
    const big = h.readBigUInt64BE(8);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProbeError('media_corrupt', 'box too large');
    size = Number(big);
    headerSize = 16;
  } else if (size === 0) {
    size = end - pos;
  }
  if (size < headerSize) throw new ProbeError('media_corrupt', `box ${JSON.stringify(type)} has size ${size}`);
  if (!/^[\x20-\x7e]{4}$/.test(type)) throw new ProbeError('media_corrupt', 'box type is not printable');
  return { type, start: pos, headerSize, size };
}

type Child = { type: string; body: Buffer };

function childBoxes(budget: ProbeBudget, depth: number, buf: Buffer, from: number, to: number): Child[] {
  const out: Child[] = [];
  let p = from;
  while (p + 8 <= to) {
    budget.nested(depth);
    let size = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    let hs = 8;
    if (size === 1) {
      if (p + 16 > to) throw new ProbeError('media_corrupt', 'nested large box cut off');
      size = Number(buf.readBigUInt64BE(p + 8));
      hs = 16;
    } else if (size === 0) {
      size = to - p;
    }
    if (size < hs || p + size > to) throw new ProbeError('media_corrupt', `nested box ${JSON.stringify(type)} overruns its parent`);
    out.push({ type, body: buf.subarray(p + hs, p + size) });
    p += size;
  }
  return out;
}

function find(boxes: Child[], type: string): Buffer | undefined {
  return boxes.find((b) => b.type === type)?.body;
}

export async function probeIsoBmff(r: ProbeBudget): Promise<ProbeResult> {
  const top: Box[] = [];
  let pos = 0;
  let truncated = false;
  let moovSeen = false;
  let mdatSeen = false;
  while (pos < r.size) {
    r.topLevel();
    if (r.size - pos < 8) {
      truncated = true;
      break;
    }
    const box = await readBoxHeader(r, pos, r.size);
    top.push(box);
    if (box.start + box.size > r.size) {
      truncated = true;
      break;
    }
    pos += box.size;
    moovSeen ||= box.type === 'moov';
    mdatSeen ||= box.type === 'mdat';
    // A fragmented file: index first, then one moof + mdat pair per fragment to the end. The
    // fragments are media; a file that long would otherwise cost a read per fragment.
    if (box.type === 'moof' && moovSeen) {
      if (!mdatSeen) {
        const next = pos < r.size ? await readBoxHeader(r, pos, r.size) : null;
        if (next?.type === 'mdat') top.push(next);
      }
      break;
    }
  }
  if (truncated) throw new ProbeError('media_truncated', 'the last box extends past the end of the file');

  const ftyp = top.find((b) => b.type === 'ftyp');
  let major = '';
  if (ftyp) major = (await r.read(ftyp.start + ftyp.headerSize, 4)).toString('latin1');
  const moov = top.find((b) => b.type === 'moov');
  const mdatIndex = top.findIndex((b) => b.type === 'mdat');
  if (!moov) throw new ProbeError('media_corrupt', 'no moov box');
  if (mdatIndex < 0) throw new ProbeError('media_corrupt', 'no mdat box');
  if (moov.size > MAX_MOOV_BYTES) throw new ProbeError('media_corrupt', 'moov box too large');
  const moovBuf = await r.read(moov.start, moov.size);
  const moovChildren = childBoxes(r, 1, moovBuf, moov.headerSize, moovBuf.length);

  const mvhd = find(moovChildren, 'mvhd');
  if (!mvhd || mvhd.length < 20) throw new ProbeError('media_corrupt', 'no movie header');
  const timescale = mvhd[0] === 1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);
  let durationMs: number | null;
  {
    const duration = mvhd[0] === 1 ? Number(mvhd.readBigUInt64BE(24)) : mvhd.readUInt32BE(16);
    durationMs = timescale > 0 && duration > 0 && duration !== 0xffffffff ? Math.round((duration / timescale) * 1000) : null;
  }
  if (durationMs === null) {
    // Fragmented MP4: the movie-extends header may carry the duration.
    const mvex = find(moovChildren, 'mvex');
    const mehd = mvex ? find(childBoxes(r, 2, mvex, 0, mvex.length), 'mehd') : undefined;
    if (mehd && timescale > 0) {
      const d = mehd[0] === 1 ? Number(mehd.readBigUInt64BE(4)) : mehd.readUInt32BE(4);
      if (d > 0) durationMs = Math.round((d / timescale) * 1000);
    }
  }

  const tracks: MediaTrack[] = [];
  for (const trak of moovChildren.filter((b) => b.type === 'trak')) tracks.push(trackOf(r, trak.body));
  if (!tracks.some((t) => t.kind === 'video' || t.kind === 'audio')) throw new ProbeError('media_corrupt', 'no audio or video track');
  const moovIndex = top.indexOf(moov);
  const isMov = major === 'qt  ' || !ftyp;
  return {
    container: isMov ? 'mov' : 'mp4',
    mime: isMov ? 'video/quicktime' : 'video/mp4',
    durationMs,
    tracks,
    faststart: moovIndex < mdatIndex,
    boxes: top.map(({ type, start, size }) => ({ type, start, size })),
  };
}

/** One `trak`: handler (kind), codec from the sample description, size from the track header. */
function trackOf(r: ProbeBudget, trak: Buffer): MediaTrack {
  const tc = childBoxes(r, 2, trak, 0, trak.length);
  const mdia = find(tc, 'mdia');
  if (!mdia) throw new ProbeError('media_corrupt', 'track without media box');
  const mc = childBoxes(r, 3, mdia, 0, mdia.length);
  const hdlr = find(mc, 'hdlr');
  if (!hdlr || hdlr.length < 12) throw new ProbeError('media_corrupt', 'track without handler');
  const handler = hdlr.toString('latin1', 8, 12);
  const kind: MediaTrack['kind'] = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other';
  let codec: string | null = null;
  const minf = find(mc, 'minf');
  const stbl = minf ? find(childBoxes(r, 4, minf, 0, minf.length), 'stbl') : undefined;
  const stsd = stbl ? find(childBoxes(r, 5, stbl, 0, stbl.length), 'stsd') : undefined;
  if (stsd && stsd.length >= 16) codec = stsd.toString('latin1', 12, 16).trim();
  const track: MediaTrack = { kind, codec };
  const tkhd = find(tc, 'tkhd');
  if (kind === 'video' && tkhd) {
    const at = tkhd[0] === 1 ? 88 : 76;
    if (tkhd.length >= at + 8) {
      track.width = tkhd.readUInt32BE(at) >>> 16;
      track.height = tkhd.readUInt32BE(at + 4) >>> 16;
    }
  }
  return track;
}
