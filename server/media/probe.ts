import { defaultProbeLimits, ProbeBudget, ProbeError, type ProbeLimits, type ProbeResult, type ProbeStats, type RandomReader } from './probe-budget.ts';
import { probeEbml } from './probe-ebml.ts';
import { probeIsoBmff } from './probe-isobmff.ts';

/**
 * Validation by content, never by file name: magic bytes first (so a wrong file is refused on
 * its first bytes), then a container parse that yields duration and tracks. Both parsers read
 * through `RandomReader`, so they work on the decrypting reader of an encrypted file, and read
 * only the index, never the media: their cost is bounded by `ProbeLimits` (MEDIA-6), whatever
 * the size of the file.
 */
export { defaultProbeLimits, ProbeError, type ProbeFailure, type ProbeLimits, type ProbeResult, type ProbeStats, type RandomReader } from './probe-budget.ts';

export type Sniffed = 'isobmff' | 'ebml';

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

/**
 * Parses a container. `stats` (when given) receives the work done, also when the probe refuses;
 * `limits` are for tests.
 */
export async function probe(r: RandomReader, opts: { stats?: ProbeStats; limits?: ProbeLimits } = {}): Promise<ProbeResult> {
  const budget = new ProbeBudget(r, opts.limits ?? defaultProbeLimits);
  try {
    const head = await budget.read(0, SNIFF_BYTES);
    const kind = head.length >= SNIFF_BYTES ? sniff(head) : null;
    if (kind === 'isobmff') return await probeIsoBmff(budget);
    if (kind === 'ebml') return await probeEbml(budget);
    throw new ProbeError(head.length < SNIFF_BYTES && head.length > 0 ? 'media_truncated' : 'unsupported_media', 'unknown magic bytes');
  } finally {
    if (opts.stats) Object.assign(opts.stats, budget.stats);
  }
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
