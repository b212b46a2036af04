/**
 * The page's estimate of the server clock, for synchronised playback: NTP-style pings over the
 * `/api/clock` WebSocket (authenticated by the session cookie). Bursts of pings on (re)connect
 * and every few seconds; the estimator keeps the best samples of the last minutes.
 *
 * One ClockSync per page, reference counted like collaboration sessions; lives in collab/
 * because that is the only code that opens sockets.
 */
import { useEffect, useState } from 'react';
import { ClockEstimator, sampleFromPing } from '../../shared/playback/clock.ts';
import { playbackTuning as tuning } from '../../shared/playback/thresholds.ts';
import { clockPath } from '../../shared/protocol/clock.ts';

/** The local clock: epoch ms with sub-ms resolution, monotonic (the server uses the same form). */
export const localNow = (): number => performance.timeOrigin + performance.now();

const reconnectMinMs = 1_000;
const reconnectMaxMs = 15_000;

type Listener = () => void;

export class ClockSync {
  private readonly estimator = new ClockEstimator();
  private ws: WebSocket | null = null;
  private stopped = false;
  private pending = 0;
  private burstTimer: ReturnType<typeof setTimeout> | null = null;
  private nextBurstTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectDelay = reconnectMinMs;
  /** After a reconnect the old samples stay in use until the first new one arrives. */
  private staleSamples = false;
  private firstSampleAt: number | null = null;
  /** Extra bursts spent refining a coarse estimate since the last (re)connect. */
  private refinements = 0;
  private readonly listeners = new Set<Listener>();
  private snapshot: { ready: boolean; offset: number; uncertainty: number } = { ready: false, offset: 0, uncertainty: Infinity };

  constructor(private readonly origin: string = window.location.origin) {
    this.connect();
    document.addEventListener('visibilitychange', this.onVisible);
  }

  /** serverTime − localTime (ms); 0 until the first sample. */
  get offset(): number {
    return this.snapshot.offset;
  }

  get ready(): boolean {
    return this.snapshot.ready;
  }

  get uncertainty(): number {
    return this.snapshot.uncertainty;
  }

  readonly serverNow = (): number => localNow() + this.snapshot.offset;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): { ready: boolean; offset: number; uncertainty: number } => this.snapshot;

  destroy(): void {
    this.stopped = true;
    document.removeEventListener('visibilitychange', this.onVisible);
    for (const timer of [this.burstTimer, this.reconnectTimer, this.nextBurstTimer]) if (timer !== null) clearTimeout(timer);
    this.ws?.close();
    this.ws = null;
    this.listeners.clear();
  }

  private connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(`${this.origin.replace(/^http/, 'ws')}${clockPath}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.reconnectDelay = reconnectMinMs;
      this.refinements = 0;
      this.staleSamples = this.estimator.ready;
      this.burst(tuning.clockInitialBurst);
    };
    ws.onmessage = (event: MessageEvent<unknown>) => {
      // t3 first: everything after this line would count as network delay.
      const t3 = localNow();
      if (!(event.data instanceof ArrayBuffer) || event.data.byteLength !== 24) return;
      const view = new DataView(event.data);
      this.onSample(sampleFromPing(view.getFloat64(0, true), view.getFloat64(8, true), view.getFloat64(16, true), t3));
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      // The path may change with the new connection: re-estimate as soon as it is back.
      this.reconnectTimer = setTimeout(() => this.connect(), this.reconnectDelay);
      this.reconnectDelay = Math.min(reconnectMaxMs, this.reconnectDelay * 2);
    };
  }

  /**
   * Sends `count` pings spaced apart, so that they do not queue behind each other (queueing is
   * delay the estimate would have to filter out again). Answers are matched by their echoed t0.
   */
  private burst(count: number): void {
    if (this.burstTimer !== null || this.ws === null || this.ws.readyState !== WebSocket.OPEN) return;
    this.pending = count;
    const sendOne = (): void => {
      this.burstTimer = null;
      const ws = this.ws;
      if (ws === null || ws.readyState !== WebSocket.OPEN || this.pending <= 0) return;
      this.pending -= 1;
      const buf = new ArrayBuffer(8);
      new DataView(buf).setFloat64(0, localNow(), true);
      ws.send(buf);
      if (this.pending > 0) this.burstTimer = setTimeout(sendOne, tuning.clockPingSpacingMs);
      else this.planNextBurst();
    };
    sendOne();
  }

  /**
   * While the estimate is still coarse (pings at page load queue behind everything else the
   * page does), refine a second later; once it is good, re-estimate at the normal interval.
   */
  private planNextBurst(): void {
    if (this.nextBurstTimer !== null) clearTimeout(this.nextBurstTimer);
    this.nextBurstTimer = setTimeout(() => {
      this.nextBurstTimer = null;
      const coarse = !this.estimator.ready || this.estimator.uncertainty > tuning.clockGoodEnoughMs;
      if (coarse && this.refinements < tuning.clockMaxRefinements) {
        this.refinements += 1;
        this.burst(tuning.clockBurst);
      } else {
        this.nextBurstTimer = setTimeout(() => {
          this.nextBurstTimer = null;
          this.burst(tuning.clockBurst);
        }, tuning.clockIntervalMs);
      }
    }, tuning.clockRefineMs);
  }

  private onSample(sample: ReturnType<typeof sampleFromPing>): void {
    if (this.staleSamples) {
      this.estimator.reset();
      this.staleSamples = false;
    }
    this.estimator.add(sample);
    this.firstSampleAt ??= localNow();
    // A page loading its scripts and video answers pings late: its first estimate can be off by
    // 100 ms and more. Playback waits for a good estimate, or for the best of a few bursts.
    const uncertainty = this.estimator.uncertainty;
    const ready = this.snapshot.ready || uncertainty <= tuning.clockReadyMs || localNow() - this.firstSampleAt >= tuning.clockReadyAfterMs;
    const next = { ready, offset: this.estimator.offset, uncertainty };
    const prev = this.snapshot;
    this.snapshot = next;
    // Only a change that matters for playback (a tenth of a millisecond) wakes subscribers.
    if (prev.ready !== next.ready || Math.abs(prev.offset - next.offset) > 0.1) for (const l of this.listeners) l();
  }

  private readonly onVisible = (): void => {
    // Timers of hidden tabs are throttled; refresh the estimate when the person looks again.
    if (document.visibilityState === 'visible') this.burst(tuning.clockBurst);
  };
}

let shared: { clock: ClockSync; refs: number; timer: ReturnType<typeof setTimeout> | null } | null = null;
const releaseGraceMs = 2_000;

export function acquireClock(): ClockSync {
  if (shared === null) shared = { clock: new ClockSync(), refs: 0, timer: null };
  if (shared.timer !== null) clearTimeout(shared.timer);
  shared.timer = null;
  shared.refs += 1;
  return shared.clock;
}

export function releaseClock(clock: ClockSync): void {
  const entry = shared;
  if (entry === null || entry.clock !== clock) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  entry.timer = setTimeout(() => {
    if (entry.refs > 0 || shared !== entry) return;
    shared = null;
    clock.destroy();
  }, releaseGraceMs);
}

/** The page's server clock while the component is mounted (null during the first render). */
export function useServerClock(): ClockSync | null {
  const [clock, setClock] = useState<ClockSync | null>(null);
  useEffect(() => {
    const acquired = acquireClock();
    setClock(acquired);
    return () => releaseClock(acquired);
  }, []);
  return clock;
}
