/**
 * Synchronised-playback tuning, chosen from measurements in headless Chromium (bench/README.md, P3):
 * `video.currentTime` is a smooth sensor (≈0.6 ms p99); a seek costs 4–390 ms; `play()` starts
 * the clock ~40 ms after the call; with pitch preservation every rate change stalls 22–30 ms.
 */
export const playbackTuning = {
  /** Gain of the proportional rate nudge: rate = base × (1 − clamp(k·drift, ±maxNudge)). Time constant 1/k s. */
  rateGain: 2,
  /** Largest relative rate change used to catch up or fall back. */
  maxNudge: 0.1,
  /**
   * Catch-up (P3b: a viewer 100–250 ms off is within 40 ms in ≤ 1 s). At the steady nudge 0.15 s
   * takes ~2 s to remove, and a scheduled resync freezes the picture for its lead (≥ 300 ms, more
   * after slow seeks). So from `catchUpEnter` (s) on, the nudge is stronger — gain `catchUpGain`,
   * at most `catchUpMaxNudge` — until |drift| is below `catchUpExit`: 0.25 s is then removed in
   * about 0.75 s. The entry lies far above steady-state drift (max ≈ 25 ms), so steady playback
   * never sees these rates. A media clock that cannot keep up (an overloaded machine) gets a
   * scheduled resync after `catchUpMaxMs` instead.
   */
  catchUpEnter: 0.08,
  catchUpExit: 0.02,
  catchUpGain: 4,
  catchUpMaxNudge: 0.3,
  catchUpMaxMs: 1_500,
  /** Rate changes smaller than half of this are not written (see FollowerController.setRate). */
  rateStep: 0.002,
  /** Below this |drift| (s) the rate returns to exactly the transport's rate (display floor ±8 ms). */
  deadband: 0.004,
  /**
   * Above this |drift| (s) nudging would take too long: do a scheduled resync (pause, seek, play at
   * s). At the 10 % nudge 0.25 s takes 2.5 s to remove; measured on an overloaded machine (load 20
   * on 2 cores) the media clock itself fell 0.3 s behind and stayed there even at +10 %, so waiting
   * for the nudge to win kept viewers apart for many seconds, while a resync was back within 20 ms.
   */
  hardResync: 0.25,
  /** Minimum lead (ms) for a scheduled start: seek + play() latency must fit before it. */
  minLeadMs: 300,
  /** Maximum lead (ms) for a scheduled start, however slow recent seeks were. */
  maxLeadMs: 1_500,
  /** Lead = max(minLead, 1.5 × slowest recent seek + 40 ms). */
  leadSeekFactor: 1.5,
  leadExtraMs: 40,
  /** A paused follower re-seeks when further than this (s) from the transport position: everyone on the same frame. */
  pausedTolerance: 0.0001,
  /**
   * Clock sync: samples kept, pings per burst, spacing of the pings and how often to re-estimate.
   * Simulated with random one-way delays of 0–10 ms each way, keeping 48 samples instead of 8
   * takes the simulated p99 error from 3.7 ms to about 1.5 ms; 128 leaves room for the refinement bursts below (bench/playback-sync.ts measures it live).
   */
  clockSamples: 128,
  clockBurst: 8,
  /** The first burst after (re)connecting is longer: everything waits for the first estimate. */
  clockInitialBurst: 16,
  clockPingSpacingMs: 40,
  clockIntervalMs: 10_000,
  /**
   * Pings sent while a page loads wait behind its scripts and decoding (measured: best round trip
   * 65 ms in the first burst, 13 ms a few seconds later), so while the error bound exceeds
   * `clockGoodEnoughMs`, another burst follows `clockRefineMs` later (at most `clockMaxRefinements`).
   */
  clockRefineMs: 1_000,
  /** Playback follows once the error bound is this small (ms), or this long after the first sample with the best so far. */
  clockReadyMs: 5,
  clockReadyAfterMs: 3_000,
  clockGoodEnoughMs: 1,
  clockMaxRefinements: 10,
  /** Samples older than this are dropped whatever their delay. */
  clockMaxAgeMs: 120_000,
  /** Assumed worst clock drift between two machines (NTP's 15 ppm): ages a sample's error bound. */
  clockDriftPpm: 15,
  /** Average up to this many best samples, if their error bounds are within the margin (ms) of the best. */
  clockAverage: 3,
  clockAverageMarginMs: 1.5,
} as const;
