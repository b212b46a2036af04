import type { MediaContainer, MediaTrack } from '../../shared/domain/media.ts';
import type { TopBox } from './faststart.ts';

/** Plaintext reads at any position (the decrypting reader of an encrypted file, or memory). */
export interface RandomReader {
  readonly size: number;
  /** Up to `len` bytes from `pos` (fewer at the end of the file). */
  read(pos: number, len: number): Promise<Buffer>;
}

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

/**
 * What one probe may cost. A container's index is small (a few top-level boxes, a movie header
 * or Info/Tracks of kilobytes to megabytes); these limits are far above any real recording's and
 * keep a hostile file (tens of thousands of empty filler elements, deep or huge headers) from
 * costing more than a real one. Passing one is `media_corrupt`.
 */
export interface ProbeLimits {
  /** Top-level boxes (MP4/MOV) or segment children up to the first media cluster (WebM). */
  maxTopLevel: number;
  /** Elements parsed inside the index (moov, EBML header, Info, Tracks), all levels together. */
  maxNested: number;
  /** Nesting depth below a top-level element (the deepest real path, moov/trak/mdia/minf/stbl/stsd, is 5). */
  maxDepth: number;
  /** Plaintext bytes read through the reader: the index, never the media. */
  maxScanBytes: number;
}

export const defaultProbeLimits: ProbeLimits = {
  maxTopLevel: 1_024,
  maxNested: 10_000,
  maxDepth: 8,
  maxScanBytes: 80 * 1024 * 1024,
};

/** The work a probe did (for tests and logs): elements visited and bytes read. */
export interface ProbeStats {
  topLevel: number;
  nested: number;
  bytesRead: number;
}

/** Counts a probe's work against its limits; every read and every element goes through it. */
export class ProbeBudget implements RandomReader {
  readonly stats: ProbeStats = { topLevel: 0, nested: 0, bytesRead: 0 };

  constructor(
    private readonly r: RandomReader,
    private readonly limits: ProbeLimits = defaultProbeLimits,
  ) {}

  get size(): number {
    return this.r.size;
  }

  async read(pos: number, len: number): Promise<Buffer> {
    if (this.stats.bytesRead + len > this.limits.maxScanBytes) throw new ProbeError('media_corrupt', 'index larger than the probe may read');
    const b = await this.r.read(pos, len);
    this.stats.bytesRead += b.length;
    return b;
  }

  topLevel(): void {
    if (++this.stats.topLevel > this.limits.maxTopLevel) throw new ProbeError('media_corrupt', 'too many top-level elements');
  }

  /** One element inside the index, at `depth` (1 = a child of a top-level element). */
  nested(depth: number): void {
    if (depth > this.limits.maxDepth) throw new ProbeError('media_corrupt', 'elements nested too deeply');
    if (++this.stats.nested > this.limits.maxNested) throw new ProbeError('media_corrupt', 'too many elements in the index');
  }
}
