import type { MediaTrack } from '../../shared/domain/media.ts';
import { ProbeError, type ProbeBudget, type ProbeResult } from './probe-budget.ts';

/**
 * EBML (WebM / Matroska): the EBML header's DocType, then the segment's children by their sizes
 * until Tracks and the first Cluster are known. What follows is media (clusters) and
 * indexes the probe does not need (Cues, Tags), so it is never walked: the cost is that of the
 * header, whatever the length of the recording.
 */

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

async function readElementHeader(r: ProbeBudget, pos: number): Promise<Element | null> {
  const h = await r.read(pos, 12);
  if (h.length === 0) return null;
  const id = readVint(h, 0, true);
  if (!id) throw new ProbeError('media_truncated', 'element id cut off');
  if (id.length > 4) throw new ProbeError('media_corrupt', 'element id too long');
  const size = readVint(h, id.length, false);
  if (!size) throw new ProbeError('media_truncated', 'element size cut off');
  return { id: id.value, dataStart: pos + id.length + size.length, size: size.unknown ? null : size.value };
}

type Child = { id: number; body: Buffer };

function elementsIn(budget: ProbeBudget, depth: number, buf: Buffer): Child[] {
  const out: Child[] = [];
  let p = 0;
  while (p < buf.length) {
    budget.nested(depth);
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

export async function probeEbml(r: ProbeBudget): Promise<ProbeResult> {
  r.topLevel();
  const ebml = await readElementHeader(r, 0);
  if (!ebml || ebml.id !== ID.EBML || ebml.size === null || ebml.size > 4096) throw new ProbeError('media_corrupt', 'bad EBML header');
  if (ebml.dataStart + ebml.size > r.size) throw new ProbeError('media_truncated', 'EBML header cut off');
  const header = elementsIn(r, 1, await r.read(ebml.dataStart, ebml.size));
  const docType = header.find((e) => e.id === ID.DocType)?.body.toString('latin1').replace(/\0+$/, '');
  if (docType !== 'webm' && docType !== 'matroska') throw new ProbeError('unsupported_media', `DocType ${String(docType)}`);

  r.topLevel();
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
    r.topLevel();
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
      const children = elementsIn(r, 1, await r.read(el.dataStart, el.size));
      if (el.id === ID.Info) {
        const ts = children.find((c) => c.id === ID.TimecodeScale);
        if (ts) timecodeScale = uint(ts.body);
        const d = children.find((c) => c.id === ID.Duration);
        if (d) rawDuration = d.body.length === 4 ? d.body.readFloatBE(0) : d.body.length === 8 ? d.body.readDoubleBE(0) : null;
      } else {
        tracks = children.filter((c) => c.id === ID.TrackEntry).map((entry) => trackOf(r, entry.body));
      }
    } else if (el.id === ID.Cluster) {
      clusters++;
    }
    pos = end;
    // Tracks and media are there (Info precedes both in every muxer's output); the rest is
    // media and indexes the probe does not use.
    if (tracks && clusters > 0) break;
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

function trackOf(r: ProbeBudget, entry: Buffer): MediaTrack {
  const f = elementsIn(r, 2, entry);
  const type = uint(f.find((c) => c.id === ID.TrackType)?.body ?? Buffer.alloc(0));
  const codec = f.find((c) => c.id === ID.CodecID)?.body.toString('latin1').replace(/\0+$/, '') ?? null;
  const track: MediaTrack = { kind: type === 1 ? 'video' : type === 2 ? 'audio' : 'other', codec };
  const video = f.find((c) => c.id === ID.Video);
  if (video) {
    const v = elementsIn(r, 3, video.body);
    const w = v.find((c) => c.id === ID.PixelWidth);
    const h = v.find((c) => c.id === ID.PixelHeight);
    if (w) track.width = uint(w.body);
    if (h) track.height = uint(h.body);
  }
  return track;
}
