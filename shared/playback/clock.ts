import { playbackTuning } from './thresholds.ts';

/**
 * NTP-style clock offset estimation. One ping gives four timestamps: t0 (client send), t1 (server
 * receive), t2 (server send), t3 (client receive). offset = ((t1 − t0) + (t2 − t3)) / 2 is exact
 * when both directions take equally long; its error is at most half the round-trip delay
 * (t3 − t0) − (t2 − t1). So keep the last samples and trust the one with the lowest delay.
 */
export interface ClockSample {
  offset: number;
  delay: number;
}

export function sampleFromPing(t0: number, t1: number, t2: number, t3: number): ClockSample {
  return { offset: (t1 - t0 + (t2 - t3)) / 2, delay: Math.max(0, t3 - t0 - (t2 - t1)) };
}

export class ClockEstimator {
  private samples: ClockSample[] = [];

  constructor(private readonly keep: number = playbackTuning.clockSamples) {}

  add(sample: ClockSample): void {
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** Forget everything (after a reconnect the path may have changed). */
  reset(): void {
    this.samples = [];
  }

  get ready(): boolean {
    return this.samples.length > 0;
  }

  /** Best estimate of serverTime − localTime (ms), from the lowest-delay sample. */
  get offset(): number {
    return this.best()?.offset ?? 0;
  }

  /** Upper bound of the estimate's error (ms): half the best sample's round-trip delay. */
  get uncertainty(): number {
    const b = this.best();
    return b ? b.delay / 2 : Number.POSITIVE_INFINITY;
  }

  private best(): ClockSample | undefined {
    let best: ClockSample | undefined;
    for (const s of this.samples) if (!best || s.delay < best.delay) best = s;
    return best;
  }
}
