import { probe, ProbeError, type ProbeFailure, type RandomReader } from '../../server/media/probe.ts';
import { randomInt } from '../helpers/random.ts';
import { byteMutations, caseRandom, concat, FuzzFailure, mutateBytes, pick, type Rand } from './mutate.ts';

/**
 * FUZZ-2: mutated media files. Most go straight through the probe (fast, thousands per second);
 * a sample goes through the tus upload route (see tests/integration/fuzz-media.test.ts). The
 * probe may only refuse with the catalogue's codes, and its work is counted, never timed: a
 * probe that reads more than the budget is a hang.
 */
export const refusals: readonly ProbeFailure[] = ['unsupported_media', 'media_truncated', 'media_corrupt'];

/** Reads and bytes one probe may use; a valid fixture needs a few dozen reads and a few kB. */
export const WORK_BUDGET = { reads: 5_000, bytes: 256 * 1024 * 1024 };

export class WorkBudgetExceeded extends Error {
  constructor(readonly reads: number, readonly bytes: number) {
    super(`probe exceeded its work budget: ${reads} reads, ${bytes} bytes`);
    this.name = 'WorkBudgetExceeded';
  }
}

export interface CountingReader extends RandomReader {
  reads: number;
  bytes: number;
}

export function countingReader(buf: Uint8Array): CountingReader {
  const data = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const r: CountingReader = {
    size: data.length,
    reads: 0,
    bytes: 0,
    read(pos, len) {
      r.reads++;
      const part = data.subarray(Math.max(0, pos), Math.min(data.length, pos + Math.max(0, len)));
      r.bytes += part.length;
      if (r.reads > WORK_BUDGET.reads || r.bytes > WORK_BUDGET.bytes) return Promise.reject(new WorkBudgetExceeded(r.reads, r.bytes));
      return Promise.resolve(part);
    },
  };
  return r;
}

export type Verdict = { ok: true } | { ok: false; code: ProbeFailure };

/** The probe's verdict; anything but a catalogue refusal (or too much work) is rethrown. */
export async function probeVerdict(file: Uint8Array): Promise<{ verdict: Verdict; reads: number; bytes: number }> {
  const reader = countingReader(file);
  try {
    await probe(reader);
    return { verdict: { ok: true }, reads: reader.reads, bytes: reader.bytes };
  } catch (err) {
    if (err instanceof ProbeError && refusals.includes(err.code)) return { verdict: { ok: false, code: err.code }, reads: reader.reads, bytes: reader.bytes };
    throw err;
  }
}

const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const setU32 = (b: Uint8Array, at: number, v: number): void => {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
};

/** ISO-BMFF box types the probe walks into or reads. */
const boxTypes = ['ftyp', 'moov', 'mvhd', 'trak', 'tkhd', 'mdia', 'mdhd', 'hdlr', 'minf', 'stbl', 'stsd', 'stco', 'co64', 'mdat', 'free', 'udta'];
/** EBML element ids the probe reads (big-endian, as they appear in the file). */
const ebmlIds = [[0x1a, 0x45, 0xdf, 0xa3], [0x18, 0x53, 0x80, 0x67], [0x15, 0x49, 0xa9, 0x66], [0x16, 0x54, 0xae, 0x6b], [0x2a, 0xd7, 0xb1], [0x44, 0x89], [0x42, 0x82], [0xae], [0x83]];

/** Offsets of a box type's header (size field) anywhere in the file; a cheap scan, not a parse. */
function boxOffsets(b: Uint8Array, type: string): number[] {
  const out: number[] = [];
  const t = [...type].map((c) => c.charCodeAt(0));
  for (let i = 4; i + 4 <= b.length && out.length < 64; i++) {
    if (b[i] === t[0] && b[i + 1] === t[1] && b[i + 2] === t[2] && b[i + 3] === t[3]) out.push(i - 4);
  }
  return out;
}

function seqOffsets(b: Uint8Array, seq: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + seq.length <= b.length && out.length < 64; i++) if (seq.every((v, k) => b[i + k] === v)) out.push(i);
  return out;
}

const hostileSizes = (rand: Rand, actual: number): number =>
  pick(rand, [0, 1, 7, 8, 9, actual - 1, actual + 1, actual * 2, 0x7fffffff, 0xffffffff, randomInt(rand, 2 ** 32)]) >>> 0;

export type MediaMutation = 'bytes' | 'box-size' | 'duplicate-box' | 'truncate' | 'ebml-size' | 'zero-run' | 'as-is';

/** One mutated file for `(seed, iteration)` from one of the valid fixtures. */
export function mutateMedia(seed: number, iteration: number, fixtures: readonly Uint8Array[]): { file: Uint8Array; mutation: MediaMutation } {
  const rand = caseRandom(seed, iteration);
  const base = pick(rand, fixtures);
  const r = rand();
  if (r < 0.02) return { file: base, mutation: 'as-is' };
  if (r < 0.25) {
    let m = base;
    for (let n = 0; n < 1 + randomInt(rand, 4); n++) m = mutateBytes(rand, m, pick(rand, byteMutations), pick(rand, fixtures));
    return { file: m, mutation: 'bytes' };
  }
  if (r < 0.45) {
    const m = base.slice();
    for (let n = 0; n < 1 + randomInt(rand, 3); n++) {
      const offsets = boxOffsets(m, pick(rand, boxTypes));
      if (offsets.length === 0) continue;
      const at = pick(rand, offsets);
      setU32(m, at, hostileSizes(rand, u32(m, at)));
    }
    return { file: m, mutation: 'box-size' };
  }
  if (r < 0.6) {
    const offsets = boxOffsets(base, pick(rand, boxTypes));
    if (offsets.length === 0) return { file: base.subarray(0, randomInt(rand, base.length)), mutation: 'truncate' };
    const at = pick(rand, offsets);
    const size = Math.min(u32(base, at), base.length - at);
    if (size < 8) return { file: base.slice(0, at + 8), mutation: 'truncate' };
    const box = base.subarray(at, at + size);
    // Right after itself (a second moov, trak, stsd…), or at the end of the file.
    const insertAt = rand() < 0.7 ? at + size : base.length;
    return { file: concat(base.subarray(0, insertAt), box, base.subarray(insertAt)), mutation: 'duplicate-box' };
  }
  if (r < 0.75) return { file: base.subarray(0, randomInt(rand, base.length)), mutation: 'truncate' };
  if (r < 0.9) {
    const m = base.slice();
    for (let n = 0; n < 1 + randomInt(rand, 3); n++) {
      const id = pick(rand, ebmlIds);
      const offsets = seqOffsets(m, id);
      if (offsets.length === 0) continue;
      const at = pick(rand, offsets) + id.length;
      // The size vint after the id: unknown size, zero, a huge 8-byte one, or an invalid 0x00 lead.
      const size = pick(rand, [[0xff], [0x80], [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x00], [0x40, 0x00], [0x81]]);
      for (let k = 0; k < size.length && at + k < m.length; k++) m[at + k] = size[k]!;
    }
    return { file: m, mutation: 'ebml-size' };
  }
  const m = base.slice();
  const from = randomInt(rand, m.length);
  m.fill(rand() < 0.5 ? 0 : 0xff, from, from + 1 + randomInt(rand, 4096));
  return { file: m, mutation: 'zero-run' };
}

export interface MediaFuzzReport {
  files: number;
  accepted: number;
  refused: Record<string, number>;
  byMutation: Record<string, number>;
  maxReads: number;
  maxBytesRead: number;
}

/** Runs `count` mutated files through the probe; throws (naming seed and iteration) on anything else. */
export async function fuzzProbe(seed: number, count: number, fixtures: readonly Uint8Array[], from = 0): Promise<MediaFuzzReport> {
  const report: MediaFuzzReport = { files: 0, accepted: 0, refused: {}, byMutation: {}, maxReads: 0, maxBytesRead: 0 };
  for (let i = from; i < from + count; i++) {
    const { file, mutation } = mutateMedia(seed, i, fixtures);
    let result: Awaited<ReturnType<typeof probeVerdict>>;
    try {
      result = await probeVerdict(file);
    } catch (err) {
      throw new FuzzFailure('media', seed, i, `${mutation} (${file.length} bytes): ${(err as Error).stack ?? String(err)}`);
    }
    report.files++;
    report.byMutation[mutation] = (report.byMutation[mutation] ?? 0) + 1;
    if (result.verdict.ok) report.accepted++;
    else report.refused[result.verdict.code] = (report.refused[result.verdict.code] ?? 0) + 1;
    report.maxReads = Math.max(report.maxReads, result.reads);
    report.maxBytesRead = Math.max(report.maxBytesRead, result.bytes);
  }
  return report;
}
