/**
 * Drives one <video> element: in "volgen" it follows the group transport with the shared
 * FollowerController (scheduled starts, rate nudges, seeks); in "zelfstandig" the person steers
 * the element directly. No React here: the loop runs every animation frame and must not wait for
 * renders. React reads `status` (a small external store) and draws the playhead from `onFrame`.
 *
 * Measurements behind the choices (bench/README.md, P3): `video.currentTime` read each frame is the
 * drift sensor; play() starts the clock some tens of ms after the call, so each viewer measures
 * its own start delay once (muted warm-up) and calls play() that much early; pitch preservation
 * makes every rate change stall the clock, so it is switched off.
 */
import { FollowerController, SeekTracker, type FollowerAction, type MediaState } from '../../shared/playback/follower.ts';
import type { FollowMode, ViewerState } from '../../shared/playback/room.ts';
import { isRunning, viewPosition, type Transport } from '../../shared/playback/transport.ts';
import { localNow } from '../collab/clock.ts';
import { writeTestAttributes } from './test-attributes.ts';
import { measureStartDelay } from './warmup.ts';

export interface EngineClock {
  serverNow(): number;
  readonly offset: number;
  readonly ready: boolean;
  readonly uncertainty: number;
}

export interface EngineStatus {
  readonly mode: FollowMode;
  /** What the others see: kijkt mee / zelfstandig / buffert. */
  readonly state: ViewerState;
  /** Metadata loaded and start delay measured: the element can follow. */
  readonly ready: boolean;
  /** The browser refused play() without a user gesture: show "Klik om mee te kijken". */
  readonly blocked: boolean;
  /** The element's own paused flag (what the person sees). */
  readonly paused: boolean;
  readonly duration: number;
  /** The element could not load the media (e.g. consent withdrawn meanwhile). */
  readonly error: boolean;
  /** Bumped on every play/pause/seek/rate change while "zelfstandig", to re-announce the position. */
  readonly localVersion: number;
}

const HAVE_CURRENT_DATA = 2;
const HAVE_FUTURE_DATA = 3;
/** A state must last this long before others are told "buffert" (a keyframe seek is not a stall). */
const bufferingDebounceMs = 250;
/** The last few ms before a scheduled play() are waited out actively: timers fire late. */
const spinMs = 6;

/** Measured once per page: the start delay hardly depends on the file. */
let measuredStartDelay: number | null = null;

export class PlayerEngine {
  private readonly ctl = new FollowerController();
  private readonly seeks = new SeekTracker();
  private mode: FollowMode = 'volgen';
  private mediaId: string | null = null;
  private raf = 0;
  private fallbackTimer: ReturnType<typeof setInterval>;
  private lastTick = 0;
  private playTimer: ReturnType<typeof setTimeout> | null = null;
  private seekStartedAt: number | null = null;
  /** How late the last scheduled play() was called (ms). */
  private playLateMs = 0;
  private starvingSince: number | null = null;
  private warming = false;
  private localStopAt: number | null = null;
  private localRate = 1;
  private wantMuted = false;
  private destroyed = false;
  private readonly frameListeners = new Set<(currentTime: number) => void>();
  private readonly statusListeners = new Set<() => void>();
  private current: EngineStatus = { mode: 'volgen', state: 'kijkt-mee', ready: false, blocked: false, paused: true, duration: Number.NaN, error: false, localVersion: 0 };
  /** Latest drift (s) of the element against the transport; NaN when not following. */
  drift = Number.NaN;
  synced = false;

  constructor(readonly video: HTMLVideoElement, private readonly transport: () => Transport | null, private readonly clock: EngineClock) {
    video.preservesPitch = false;
    for (const [event, handler] of this.events) video.addEventListener(event, handler);
    if (measuredStartDelay !== null) this.ctl.startDelayMs = measuredStartDelay;
    // The element may have loaded before this engine listened (React mounts it first).
    if (video.readyState >= 1) this.update({ duration: video.duration });
    if (video.readyState >= 2) this.onLoadedData();
    if (import.meta.env.DEV) {
      // Development builds only: the expected position for debugging in the console.
      (window as unknown as { __kijkruimte?: unknown }).__kijkruimte = {
        engine: this,
        expected: (): number | null => {
          const t = this.transport();
          return t ? viewPosition(t, this.clock.serverNow(), this.video.duration) : null;
        },
      };
    }
    this.raf = requestAnimationFrame(this.frame);
    // Animation frames stop in hidden tabs; a slow timer keeps following (and stops) going.
    this.fallbackTimer = setInterval(() => {
      if (localNow() - this.lastTick > 200) this.safeTick();
    }, 250);
  }

  // ── Store for React ──────────────────────────────────────────────────────────────────────

  readonly status = (): EngineStatus => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  /** Called every animation frame with the element's currentTime (for the playhead). */
  onFrame(listener: (currentTime: number) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  get slowestSeekMs(): number {
    return this.seeks.slowest;
  }

  get startDelayMs(): number {
    return this.ctl.startDelayMs;
  }

  // ── Inputs ───────────────────────────────────────────────────────────────────────────────

  /** The media file the element now shows (React sets `src`; the engine only compares ids). */
  setMedia(mediaId: string | null): void {
    if (mediaId === this.mediaId) return;
    this.mediaId = mediaId;
    this.cancelPlay();
    this.ctl.reset();
    this.localStopAt = null;
    this.update({ ready: false, error: false, duration: Number.NaN });
  }

  setMode(mode: FollowMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.cancelPlay();
    this.localStopAt = null;
    if (mode === 'zelfstandig') {
      // Keep watching from here, at the group's rate without the follower's nudge.
      this.localRate = this.transport()?.rate ?? 1;
      this.video.playbackRate = this.localRate;
    } else {
      this.ctl.reset();
    }
    this.update({ mode, localVersion: this.current.localVersion + 1 });
    this.safeTick();
  }

  setMuted(muted: boolean): void {
    if (!this.warming) this.video.muted = muted;
    this.wantMuted = muted;
  }

  /** The person clicked "Klik om mee te kijken": that click is the gesture play() needed. */
  unlock(): void {
    this.update({ blocked: false });
    this.ctl.reset();
    // Called inside the click handler, so the browser counts it as user-initiated.
    this.video.play().catch(() => undefined);
    this.safeTick();
  }

  // ── Steering alone ("zelfstandig") ───────────────────────────────────────────────────────

  localPlay(): void {
    this.video.playbackRate = this.localRate;
    this.callPlay();
  }

  localPause(): void {
    this.localStopAt = null;
    this.video.pause();
  }

  localSeek(to: number): void {
    this.video.currentTime = this.clampTime(to);
  }

  localSetRate(rate: number): void {
    this.localRate = rate;
    this.video.playbackRate = rate;
  }

  localPlayRange(start: number, end: number): void {
    this.video.currentTime = this.clampTime(start);
    this.localStopAt = end;
    this.localPlay();
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    clearInterval(this.fallbackTimer);
    this.cancelPlay();
    for (const [event, handler] of this.events) this.video.removeEventListener(event, handler);
    this.frameListeners.clear();
    this.statusListeners.clear();
  }

  // ── The loop ─────────────────────────────────────────────────────────────────────────────

  private readonly frame = (): void => {
    if (this.destroyed) return;
    this.safeTick();
    this.raf = requestAnimationFrame(this.frame);
  };

  /** One bad frame (a value a peer wrote, a browser quirk) must not stop the loop for good. */
  private safeTick(): void {
    try {
      this.tick();
    } catch (error) {
      if (!this.reported) console.error('Kijkruimte player:', error);
      this.reported = true;
    }
  }
  private reported = false;

  private tick(): void {
    const v = this.video;
    const now = localNow();
    this.lastTick = now;
    const serverNow = this.clock.serverNow();
    const t = this.transport();
    const duration = v.duration;
    const following = this.mode === 'volgen' && t !== null && t.mediaId !== null && t.mediaId === this.mediaId;
    const canFollow = following && this.current.ready && !this.warming && !this.current.blocked && this.clock.ready;
    if (canFollow) this.apply(this.ctl.step(t, serverNow, now, this.mediaState(), this.seeks.slowest));
    if (this.mode === 'zelfstandig' && this.localStopAt !== null && v.currentTime >= this.localStopAt) {
      v.pause();
      v.currentTime = this.localStopAt;
      this.localStopAt = null;
    }

    let synced = false;
    if (canFollow) {
      const target = viewPosition(t, serverNow, duration);
      this.drift = v.currentTime - target;
      synced = isRunning(t, serverNow, duration)
        ? !v.paused && !v.seeking && v.readyState >= HAVE_FUTURE_DATA && Math.abs(this.drift) <= 0.04
        : !(t.playing && t.at > serverNow) && v.paused && !v.seeking && Math.abs(this.drift) <= 0.002;
    } else {
      this.drift = Number.NaN;
    }
    this.synced = synced;

    // "buffert": following, meant to show something, and without the data to do so for a while.
    const needsData = following && (isRunning(t, serverNow, duration) || t.hold !== null);
    // Paused (a hold, a scheduled start), showing the frame is enough; running needs data ahead.
    const starving = v.readyState < (v.paused ? HAVE_CURRENT_DATA : HAVE_FUTURE_DATA) || (v.seeking && this.seekStartedAt !== null && now - this.seekStartedAt > bufferingDebounceMs);
    if (needsData && starving && this.current.ready) this.starvingSince ??= now;
    else this.starvingSince = null;
    const buffering = this.starvingSince !== null && now - this.starvingSince >= bufferingDebounceMs;
    const state: ViewerState = this.mode === 'zelfstandig' ? 'zelfstandig' : buffering ? 'buffert' : 'kijkt-mee';

    writeTestAttributes(v, { mediaId: this.mediaId, mode: this.mode, transport: following ? t : null, synced, drift: this.drift, offset: this.clock.offset, clockReady: this.clock.ready, clockUncertainty: this.clock.uncertainty, state, startDelayMs: this.ctl.startDelayMs, seekMs: this.seeks.slowest });
    if (state !== this.current.state || v.paused !== this.current.paused) this.update({ state, paused: v.paused });
    for (const l of this.frameListeners) l(v.currentTime);
  }

  private mediaState(): MediaState {
    const v = this.video;
    return {
      currentTime: v.currentTime,
      paused: v.paused,
      seeking: v.seeking,
      buffering: !v.paused && v.readyState < HAVE_FUTURE_DATA,
      duration: v.duration,
      starting: this.playTimer !== null,
      playLateMs: this.playLateMs,
    };
  }

  private apply(actions: FollowerAction[]): void {
    const v = this.video;
    for (const a of actions) {
      if (a.kind === 'pause') {
        this.cancelPlay();
        v.pause();
      } else if (a.kind === 'seek') {
        this.seekStartedAt ??= localNow();
        v.currentTime = this.clampTime(a.to);
      } else if (a.kind === 'rate') {
        // Outside what browsers accept (0.0625–16) the setter throws.
        v.playbackRate = Math.min(16, Math.max(0.0625, a.rate));
      } else {
        this.schedulePlay(a.at);
      }
    }
  }

  private schedulePlay(at: number): void {
    this.cancelPlay();
    const fire = (): void => {
      this.playTimer = null;
      const remaining = at - localNow();
      if (remaining > spinMs * 2) {
        this.playTimer = setTimeout(fire, remaining - spinMs);
        return;
      }
      while (localNow() < at) {
        // Busy-wait the last few milliseconds: a frame early or late is 40 ms of picture.
      }
      this.playLateMs = Math.max(0, localNow() - at);
      this.callPlay();
    };
    fire();
  }

  private cancelPlay(): void {
    if (this.playTimer !== null) clearTimeout(this.playTimer);
    this.playTimer = null;
  }

  private callPlay(): void {
    this.video.play().catch((error: unknown) => {
      // AbortError = a pause() came first, which is fine; NotAllowedError = no user gesture yet.
      if (error instanceof DOMException && error.name === 'NotAllowedError') this.update({ blocked: true });
    });
  }

  private clampTime(to: number): number {
    if (!Number.isFinite(to)) return this.video.currentTime;
    const d = this.video.duration;
    return Math.max(0, Number.isFinite(d) ? Math.min(to, d) : to);
  }

  private update(patch: Partial<EngineStatus>): void {
    const next = { ...this.current, ...patch };
    if ((Object.keys(patch) as (keyof EngineStatus)[]).every((k) => Object.is(next[k], this.current[k]))) return;
    this.current = next;
    for (const l of this.statusListeners) l();
  }

  private bumpLocal = (): void => {
    if (this.mode === 'zelfstandig') this.update({ localVersion: this.current.localVersion + 1, paused: this.video.paused });
    else this.update({ paused: this.video.paused });
  };

  private onLoadedData(): void {
    void this.warmUp().then(() => {
      if (!this.destroyed) this.update({ ready: true, error: false });
    });
  }

  /** Measures the start delay once per page (muted, so no click is needed), then follows. */
  private async warmUp(): Promise<void> {
    if (measuredStartDelay !== null || this.warming) return;
    this.warming = true;
    try {
      const delay = await measureStartDelay(this.video, () => !this.destroyed);
      if (delay !== null) this.ctl.startDelayMs = measuredStartDelay = delay;
    } finally {
      // The person's own sound choice may have changed meanwhile.
      this.video.muted = this.wantMuted;
      this.warming = false;
    }
  }

  private readonly events: [string, () => void][] = [
    ['loadedmetadata', () => this.update({ duration: this.video.duration })],
    ['durationchange', () => this.update({ duration: this.video.duration })],
    ['loadeddata', () => this.onLoadedData()],
    ['seeking', () => (this.seekStartedAt ??= localNow())],
    [
      'seeked',
      () => {
        if (this.seekStartedAt !== null) this.seeks.add(localNow() - this.seekStartedAt);
        this.seekStartedAt = null;
        this.bumpLocal();
      },
    ],
    ['play', () => this.bumpLocal()],
    ['pause', () => this.bumpLocal()],
    ['ratechange', () => this.mode === 'zelfstandig' && this.bumpLocal()],
    ['error', () => this.update({ error: true, ready: false })],
  ];
}
