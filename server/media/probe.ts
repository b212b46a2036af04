import type { MediaContainer, MediaTrack } from '../../shared/domain/media.ts';
import type { TopBox } from './faststart.ts';

/**
 * Validation by content, never by file name: magic bytes first (so a wrong file is refused on
 * its first bytes), then a container parse that yields duration and tracks. Both parsers read
 * through `RandomReader`, so they work on the decrypting reader of an encrypted file and read
 * only the boxes / elements they need (a 2 GB file costs a handful of small reads).
 */
export interface RandomReader {
  readonly size: number;
  /** Up to `len` bytes from `pos` (fewer at the end of the file). */
  read(pos: number, len: number): Promise<Buffer>;
}

export type Sniffed = 'isobmff' | 'ebml';

export interface ProbeResult {
  container: MediaContainer;
  mime: string;
  durationMs: number | null;
  tracks: MediaTrack[];
  /** MP4/MOV: whether the index (moov) precedes the media data; null for WebM/Matroska. */
  faststart: boolean | null;
  /** MP4/MOV: the top-level boxes, for the faststart rewrite. */
  boxes?: TopBox[];
}

export type ProbeFailure = 'unsupported_media' | 'media_truncated' | 'media_corrupt';

export class ProbeError extends Error {
  constructor(
    readonly code: ProbeFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'ProbeError';
  }
}

/** Bytes needed before `sniff` can decide. */
export const SNIFF_BYTES = 12;

/** Top-level box types an ISO-BMFF / QuickTime file may start with. */
const firstBoxTypes = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

/** Recognises ISO-BMFF (MP4/MOV) and EBML (WebM/Matroska) by their first bytes; null otherwise. */
export function sniff(head: Buffer): Sniffed | null {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'ebml';
  if (head.length >= 8) {
    const size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    if (firstBoxTypes.has(type) && (size === 1 || size === 0 || size >= 8)) return 'isobmff';
  }
  return null;
}

export async function probe(r: RandomReader): Promise<ProbeResult> {
  const head = await r.read(0, SNIFF_BYTES);
  const kind = head.length >= SNIFF_BYTES ? sniff(head) : null;
  if (kind === 'isobmff') return probeIsoBmff(r);
  if (kind === 'ebml') return probeEbml(r);
  throw new ProbeError(head.length < SNIFF_BYTES && head.length > 0 ? 'media_truncated' : 'unsupported_media', 'unknown magic bytes');
}

// ---------------------------------------------------------------------------------------------
// ISO-BMFF (MP4 / MOV)

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

const MAX_MOOV_BYTES = 64 * 1024 * 1024;

async function readBoxHeader(r: RandomReader, pos: number, end: number): Promise<Box> {
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

function childBoxes(buf: Buffer, from: number, to: number): { type: string; body: Buffer }[] {
  const out: { type: string; body: Buffer }[] = [];
  let p = from;
  while (p + 8 <= to) {
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

function find(boxes: { type: string; body: Buffer }[], type: string): Buffer | undefined {
  return boxes.find((b) => b.type === type)?.body;
}

async function probeIsoBmff(r: RandomReader): Promise<ProbeResult> {
  const top: Box[] = [];
  let pos = 0;
  let truncated = false;
  while (pos < r.size) {
    if (r.size - pos < 8) {
      truncated = true;
      break;
    }
    const box = await readBoxHeader(r, pos, r.size);
    if (box.start + box.size > r.size) {
      truncated = true;
      top.push(box);
      break;
    }
    top.push(box);
    pos += box.size;
    if (top.length > 100_000) throw new ProbeError('media_corrupt', 'too many top-level boxes');
  }
  if (truncated) throw new ProbeError('media_truncated', 'the last box extends past the end of the file');

  const ftyp = top.find((b) => b.type === 'ftyp');
  let major = '';
  if (ftyp) {
    const b = await r.read(ftyp.start + ftyp.headerSize, 4);
    major = b.toString('latin1');
  }
  const moov = top.find((b) => b.type === 'moov');
  const mdatIndex = top.findIndex((b) => b.type === 'mdat');
  if (!moov) throw new ProbeError('media_corrupt', 'no moov box');
  if (mdatIndex < 0) throw new ProbeError('media_corrupt', 'no mdat box');
  if (moov.size > MAX_MOOV_BYTES) throw new ProbeError('media_corrupt', 'moov box too large');
  const moovBuf = await r.read(moov.start, moov.size);
  const moovChildren = childBoxes(moovBuf, moov.headerSize, moovBuf.length);

  const mvhd = find(moovChildren, 'mvhd');
  if (!mvhd || mvhd.length < 20) throw new ProbeError('media_corrupt', 'no movie header');
  let durationMs: number | null;
  {
    const version = mvhd[0];
    const timescale = version === 1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);
    const duration = version === 1 ? Number(mvhd.readBigUInt64BE(24)) : mvhd.readUInt32BE(16);
    durationMs = timescale > 0 && duration > 0 && duration !== 0xffffffff ? Math.round((duration / timescale) * 1000) : null;
  }
  if (durationMs === null) {
    // Fragmented MP4: the movie-extends header may carry the duration.
    const mvex = find(moovChildren, 'mvex');
    const mehd = mvex ? find(childBoxes(mvex, 0, mvex.length), 'mehd') : undefined;
    const timescale = mvhd[0] === 1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);
    if (mehd && timescale > 0) {
      const d = mehd[0] === 1 ? Number(mehd.readBigUInt64BE(4)) : mehd.readUInt32BE(4);
      if (d > 0) durationMs = Math.round((d / timescale) * 1000);
    }
  }

  const tracks: MediaTrack[] = [];
  for (const trak of moovChildren.filter((b) => b.type === 'trak')) {
    const tc = childBoxes(trak.body, 0, trak.body.length);
    const mdia = find(tc, 'mdia');
    if (!mdia) throw new ProbeError('media_corrupt', 'track without media box');
    const mc = childBoxes(mdia, 0, mdia.length);
    const hdlr = find(mc, 'hdlr');
    if (!hdlr || hdlr.length < 12) throw new ProbeError('media_corrupt', 'track without handler');
    const handler = hdlr.toString('latin1', 8, 12);
    const kind: MediaTrack['kind'] = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other';
    let codec: string | null = null;
    const minf = find(mc, 'minf');
    const stbl = minf ? find(childBoxes(minf, 0, minf.length), 'stbl') : undefined;
    const stsd = stbl ? find(childBoxes(stbl, 0, stbl.length), 'stsd') : undefined;
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
    tracks.push(track);
  }
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

// ---------------------------------------------------------------------------------------------
// EBML (WebM / Matroska)

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
} as const;

interface Vint {
  length: number;
  value: number;
  /** All value bits set: "unknown size" (live streams, MediaRecorder). */
  unknown: boolean;
}

function readVint(buf: Buffer, at: number, keepMarker: boolean): Vint | null {
  if (at >= buf.length) return null;
  const first = buf[at]!;
  if (first === 0) throw new ProbeError('media_corrupt', 'invalid EBML variable-length integer');
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > buf.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = (first & (0xff >> length)) === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = buf[at + i]!;
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { length, value, unknown: !keepMarker && allOnes };
}

interface Element {
  id: number;
  /** Position of the payload. */
  dataStart: number;
  /** Payload size, or null for unknown size. */
  size: number | null;
}

async function readElementHeader(r: RandomReader, pos: number): Promise<Element | null> {
  const h = await r.read(pos, 12);
  if (h.length === 0) return null;
  const id = readVint(h, 0, true);
  if (!id) throw new ProbeError('media_truncated', 'element id cut off');
  if (id.length > 4) throw new ProbeError('media_corrupt', 'element id too long');
  const size = readVint(h, id.length, false);
  if (!size) throw new ProbeError('media_truncated', 'element size cut off');
  return { id: id.value, dataStart: pos + id.length + size.length, size: size.unknown ? null : size.value };
}

function elementsIn(buf: Buffer): { id: number; body: Buffer }[] {
  const out: { id: number; body: Buffer }[] = [];
  let p = 0;
  while (p < buf.length) {
    const id = readVint(buf, p, true);
    if (!id) throw new ProbeError('media_corrupt', 'nested element id cut off');
    const size = readVint(buf, p + id.length, false);
    if (!size || size.unknown) throw new ProbeError('media_corrupt', 'nested element size invalid');
    const start = p + id.length + size.length;
    if (start + size.value > buf.length) throw new ProbeError('media_corrupt', 'nested element overruns its parent');
    out.push({ id: id.value, body: buf.subarray(start, start + size.value) });
    p = start + size.value;
  }
  return out;
}

function uint(b: Buffer): number {
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

const MAX_HEADER_ELEMENT_BYTES = 16 * 1024 * 1024;

async function probeEbml(r: RandomReader): Promise<ProbeResult> {
  const ebml = await readElementHeader(r, 0);
  if (!ebml || ebml.id !== ID.EBML || ebml.size === null || ebml.size > 4096) throw new ProbeError('media_corrupt', 'bad EBML header');
  if (ebml.dataStart + ebml.size > r.size) throw new ProbeError('media_truncated', 'EBML header cut off');
  const header = elementsIn(await r.read(ebml.dataStart, ebml.size));
  const docType = header.find((e) => e.id === ID.DocType)?.body.toString('latin1').replace(/\0+$/, '');
  if (docType !== 'webm' && docType !== 'matroska') throw new ProbeError('unsupported_media', `DocType ${String(docType)}`);

  const seg = await readElementHeader(r, ebml.dataStart + ebml.size);
  if (!seg) throw new ProbeError('media_truncated', 'no segment');
  if (seg.id !== ID.Segment) throw new ProbeError('media_corrupt', 'expected a Segment');
  if (seg.size !== null && seg.dataStart + seg.size > r.size) throw new ProbeError('media_truncated', 'segment extends past the end of the file');
  const segEnd = seg.size === null ? r.size : seg.dataStart + seg.size;

  let timecodeScale = 1_000_000;
  let rawDuration: number | null = null;
  let tracks: MediaTrack[] | null = null;
  let clusters = 0;
  let pos = seg.dataStart;
  while (pos < segEnd) {
    const el = await readElementHeader(r, pos);
    if (!el) break;
    if (el.size === null) {
      // Only a Cluster may have an unknown size at this level (live recordings); nothing after it
      // can be located without reading the media, and we have what we need.
      if (el.id === ID.Cluster) clusters++;
      else throw new ProbeError('media_corrupt', 'unknown-size element in segment');
      break;
    }
    const end = el.dataStart + el.size;
    if (end > segEnd) throw new ProbeError('media_truncated', 'element extends past the end of the segment');
    if (el.id === ID.Info || el.id === ID.Tracks) {
      if (el.size > MAX_HEADER_ELEMENT_BYTES) throw new ProbeError('media_corrupt', 'header element too large');
      const children = elementsIn(await r.read(el.dataStart, el.size));
      if (el.id === ID.Info) {
        const ts = children.find((c) => c.id === ID.TimecodeScale);
        if (ts) timecodeScale = uint(ts.body);
        const d = children.find((c) => c.id === ID.Duration);
        if (d) rawDuration = d.body.length === 4 ? d.body.readFloatBE(0) : d.body.length === 8 ? d.body.readDoubleBE(0) : null;
      } else {
        tracks = children
          .filter((c) => c.id === ID.TrackEntry)
          .map((entry) => {
            const f = elementsIn(entry.body);
            const type = uint(f.find((c) => c.id === ID.TrackType)?.body ?? Buffer.alloc(0));
            const codec = f.find((c) => c.id === ID.CodecID)?.body.toString('latin1').replace(/\0+$/, '') ?? null;
            const track: MediaTrack = { kind: type === 1 ? 'video' : type === 2 ? 'audio' : 'other', codec };
            const video = f.find((c) => c.id === ID.Video);
            if (video) {
              const v = elementsIn(video.body);
              const w = v.find((c) => c.id === ID.PixelWidth);
              const h = v.find((c) => c.id === ID.PixelHeight);
              if (w) track.width = uint(w.body);
              if (h) track.height = uint(h.body);
            }
            return track;
          });
      }
    } else if (el.id === ID.Cluster) {
      clusters++;
    }
    pos = end;
  }
  if (!tracks || !tracks.some((t) => t.kind === 'video' || t.kind === 'audio')) throw new ProbeError('media_corrupt', 'no audio or video track');
  if (clusters === 0) throw new ProbeError(seg.size === null ? 'media_truncated' : 'media_corrupt', 'no media clusters');
  const durationMs = rawDuration !== null && rawDuration > 0 ? Math.round((rawDuration * timecodeScale) / 1e6) : null;
  return {
    container: docType,
    mime: docType === 'webm' ? 'video/webm' : 'video/x-matroska',
    durationMs,
    tracks,
    faststart: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Consent-form scans (PDF, PNG, JPEG)

export type FormType = { mime: 'application/pdf' | 'image/png' | 'image/jpeg' };

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Recognises a scan by its magic bytes and checks it is complete (trailer present). */
export function probeForm(buf: Buffer): FormType {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') {
    const tail = buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1');
    if (!tail.includes('%%EOF')) throw new ProbeError('media_truncated', 'PDF without %%EOF');
    return { mime: 'application/pdf' };
  }
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_MAGIC)) {
    if (buf.length < 20 || buf.subarray(buf.length - 8, buf.length - 4).toString('latin1') !== 'IEND') {
      throw new ProbeError('media_truncated', 'PNG without IEND');
    }
    return { mime: 'image/png' };
  }
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    if (buf[buf.length - 2] !== 0xff || buf[buf.length - 1] !== 0xd9) throw new ProbeError('media_truncated', 'JPEG without end marker');
    return { mime: 'image/jpeg' };
  }
  throw new ProbeError('unsupported_media', 'not a PDF, PNG or JPEG');
}
