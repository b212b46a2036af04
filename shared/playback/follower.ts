import { playbackTuning as tuning } from './thresholds.ts';
import { expectedPosition, stopTime, type Transport } from './transport.ts';

/** What the follower reads from the media element each tick. */
export interface MediaState {
  /** `video.currentTime` (s). */
  currentTime: number;
  paused: boolean;
  seeking: boolean;
  /** Waiting for data while it should be playing. */
  buffering: boolean;
  /** Length of the media (s) once known: the transport cannot run past the end. */
  duration?: number;
  /** A scheduled play() has not been called yet (its timer is pending): not a missed start. */
  starting?: boolean;
  /** How late (ms) the last scheduled play() was actually called: timer lateness, not the element's. */
  playLateMs?: number;
}

export type FollowerAction =
  | { kind: 'pause' }
  | { kind: 'seek'; to: number }
  /** Call `play()` at local time `at` (ms, same clock as `localNow`). */
  | { kind: 'playAt'; at: number }
  | { kind: 'rate'; rate: number };

/** How long before instant s the command must be issued: room for the slowest recent seek. */
export function commandLead(slowestRecentSeekMs: number): number {
  const lead = tuning.leadSeekFactor * slowestRecentSeekMs + tuning.leadExtraMs;
  return Math.min(tuning.maxLeadMs, Math.max(tuning.minLeadMs, lead));
}

/**
 * Follows a shared transport with one media element. Pure decision logic (no DOM): each tick it
 * gets the transport, both clocks and the media state, and returns actions for the player.
 *
 * Strategy (measured, bench/README.md P3/P3b): start, seek and large corrections are *scheduled* —
 * pause, seek to where the media must be at instant s, and call play() at s minus this viewer's
 * own start delay — because seeking while playing lands late. Small drift is removed by nudging
 * playbackRate proportionally, which never stalls the picture; drift of 80–250 ms gets a stronger,
 * bounded catch-up nudge so that it is gone within a second.
 */
export class FollowerController {
  /** Measured delay between play() and the media clock starting (ms); refined after each start. */
  startDelayMs: number;
  private scheduledFor: number | null = null;
  private scheduledKey = '';
  private lastRate = 1;
  private pendingStart: { expectedAt: number } | null = null;
  /** Local time the current catch-up began, or null when not catching up. */
  private catchUpSince: number | null = null;

  constructor(opts: { startDelayMs?: number } = {}) {
    this.startDelayMs = opts.startDelayMs ?? 40;
  }

  /**
   * @param serverNow current server time (ms), i.e. localNow + clock offset
   * @param localNow current local time (ms), the clock `playAt` refers to
   * @param slowestSeekMs slowest recent seek of this element, for self-scheduled resyncs
   */
  step(t: Transport, serverNow: number, localNow: number, media: MediaState, slowestSeekMs = 200): FollowerAction[] {
    const actions: FollowerAction[] = [];
    const offset = serverNow - localNow;
    const stopAt = stopTime(t);
    const end = media.duration !== undefined && Number.isFinite(media.duration) && media.duration > 0 ? media.duration : Infinity;
    // A transport running past the end of the media holds on the last frame, like a paused one.
    const stopped = !t.playing || (stopAt !== null && serverNow >= stopAt) || expectedPosition(t, serverNow) >= end;

    if (stopped) {
      this.scheduledFor = null;
      this.pendingStart = null;
      this.catchUpSince = null;
      const hold = Math.min(t.playing ? (t.stopAt ?? end) : t.position, end);
      if (!media.paused) actions.push({ kind: 'pause' });
      if (!media.seeking && Math.abs(media.currentTime - hold) > tuning.pausedTolerance) actions.push({ kind: 'seek', to: hold });
      this.setRate(t.rate, actions);
      return actions;
    }

    // A start (or resync) is scheduled and has not happened yet: hold still at the right spot.
    // On a busy machine the timer can fire after that window: while it is pending, keep waiting.
    if (this.scheduledFor !== null && (media.starting === true || localNow < this.scheduledFor + this.startDelayMs + 50)) {
      if (this.scheduledKey !== keyOf(t)) this.scheduledFor = null;
      else return actions;
    }

    if (t.at > serverNow) {
      // The sender's scheduled start: be paused at `position`, start at `at`.
      this.schedule(t, t.at, t.position, offset, media, actions);
      return actions;
    }

    const target = expectedPosition(t, serverNow);
    if (this.pendingStart && !media.paused && !media.seeking) {
      // First tick after a scheduled start: learn how late this element really starts.
      // Only the element's own lateness teaches the start delay; a late timer is not its fault.
      const lateMs = ((target - media.currentTime) / t.rate) * 1000 - (media.playLateMs ?? 0);
      if (Math.abs(lateMs) < 200) this.startDelayMs = clamp(this.startDelayMs + 0.5 * lateMs, 0, 500);
      this.pendingStart = null;
    }

    if (media.paused || media.buffering || media.seeking) {
      if (media.paused && !media.seeking) {
        // Late joiner, a missed schedule, or the element paused itself: resync on our own schedule.
        const s = serverNow + commandLead(slowestSeekMs);
        this.schedule(t, s, expectedPosition(t, s), offset, media, actions);
      }
      return actions;
    }

    const drift = media.currentTime - target;
    const size = Math.abs(drift);
    if (size >= tuning.catchUpEnter) this.catchUpSince ??= localNow;
    else if (size < tuning.catchUpExit) this.catchUpSince = null;
    const catchUpStuck = this.catchUpSince !== null && localNow - this.catchUpSince > tuning.catchUpMaxMs;
    if (size > tuning.hardResync || catchUpStuck) {
      const s = serverNow + commandLead(slowestSeekMs);
      this.schedule(t, s, expectedPosition(t, s), offset, media, actions);
      return actions;
    }
    const [gain, max] = this.catchUpSince !== null ? [tuning.catchUpGain, tuning.catchUpMaxNudge] : [tuning.rateGain, tuning.maxNudge];
    const nudge = size < tuning.deadband ? 0 : clamp(gain * drift, -max, max);
    this.setRate(t.rate * (1 - nudge), actions, nudge === 0);
    return actions;
  }

  /** Forget schedules and the rate last set: after a new media element or a return from "zelfstandig". */
  reset(): void {
    this.scheduledFor = null;
    this.scheduledKey = '';
    this.pendingStart = null;
    this.catchUpSince = null;
    this.lastRate = Number.NaN;
  }

  private schedule(t: Transport, serverStart: number, position: number, offset: number, media: MediaState, actions: FollowerAction[]): void {
    const localStart = serverStart - offset;
    if (!media.paused) actions.push({ kind: 'pause' });
    if (Math.abs(media.currentTime - position) > 0.001) actions.push({ kind: 'seek', to: position });
    this.setRate(t.rate, actions);
    actions.push({ kind: 'playAt', at: localStart - this.startDelayMs });
    this.scheduledFor = localStart - this.startDelayMs;
    this.scheduledKey = keyOf(t);
    this.pendingStart = { expectedAt: localStart };
    this.catchUpSince = null;
  }

  /**
   * Sets the element's rate, skipping changes smaller than half a `rateStep`: each write costs the
   * media pipeline work, and a tiny difference removes too little drift to be worth one. The
   * exact transport rate is always restored, so no residual nudge keeps drifting in the deadband.
   */
  private setRate(rate: number, actions: FollowerAction[], exact = true): void {
    if (rate === this.lastRate) return;
    if (!exact && Math.abs(rate - this.lastRate) < tuning.rateStep / 2) return;
    this.lastRate = rate;
    actions.push({ kind: 'rate', rate });
  }
}

function keyOf(t: Transport): string {
  return `${t.seq}:${t.mediaId}:${t.position}:${t.at}:${t.rate}`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The slowest recent seek of one media element (ms): a decaying maximum, so one slow seek raises
 * the lead of the next commands at once and its effect fades over the following seeks.
 */
export class SeekTracker {
  private value: number;

  constructor(initialMs = 200, private readonly decay = 0.85) {
    this.value = initialMs;
  }

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.value = Math.max(this.value * this.decay, Math.min(ms, 5_000));
  }

  get slowest(): number {
    return this.value;
  }
}
