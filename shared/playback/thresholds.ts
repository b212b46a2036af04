/**
 * Synchronised-playback tuning, chosen from measurements in headless Chromium (DESIGN.md §6):
 * `video.currentTime` is a smooth sensor (≈0.6 ms p99); a seek costs 4–390 ms; `play()` starts
 * the clock ~40 ms after the call; with pitch preservation every rate change stalls 22–30 ms.
 */
export const playbackTuning = {
  /** Gain of the proportional rate nudge: rate = base × (1 − clamp(k·drift, ±maxNudge)). Time constant 1/k s. */
  rateGain: 2,
  /** Largest relative rate change used to catch up or fall back. */
  maxNudge: 0.1,
  /** Below this |drift| (s) the rate returns to exactly the transport's rate (display floor ±8 ms). */
  deadband: 0.004,
  /** Above this |drift| (s) nudging would take too long: do a scheduled resync (pause, seek, play at s). */
  hardResync: 0.5,
  /** Minimum lead (ms) for a scheduled start: seek + play() latency must fit before it. */
  minLeadMs: 300,
  /** Maximum lead (ms) for a scheduled start, however slow recent seeks were. */
  maxLeadMs: 1_500,
  /** Lead = max(minLead, 1.5 × slowest recent seek + 40 ms). */
  leadSeekFactor: 1.5,
  leadExtraMs: 40,
  /** A paused follower re-seeks when further than this (s) from the transport position: everyone on the same frame. */
  pausedTolerance: 0.001,
  /** Clock sync: samples kept, pings per burst, and how often to re-estimate. */
  clockSamples: 8,
  clockBurst: 6,
  clockIntervalMs: 15_000,
} as const;
