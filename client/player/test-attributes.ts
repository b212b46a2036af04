/**
 * Signals on the <video> element that tests, the benchmark and anyone debugging read instead of
 * waiting on time: which file and mode, which transport command the element follows (all its
 * fields, so the expected position can be computed with the page's own clock), whether it is in
 * step, its drift and the page's clock offset. Written only when a value changes.
 */
import type { FollowMode, ViewerState } from '../../shared/playback/room.ts';
import type { Transport } from '../../shared/playback/transport.ts';

export interface TestSignals {
  mediaId: string | null;
  mode: FollowMode;
  /** The transport the element follows; null while it does not follow one. */
  transport: Transport | null;
  synced: boolean;
  /** currentTime − expected position (s); NaN when not following. */
  drift: number;
  /** The page's estimate of serverTime − localTime (ms), and whether it has one yet. */
  offset: number;
  clockReady: boolean;
  /** Error bound of that estimate (ms): half the best round trip, plus ageing. */
  clockUncertainty: number;
  state: ViewerState;
  /** This element's measured play() start delay and slowest recent seek (ms). */
  startDelayMs: number;
  seekMs: number;
}

const written = new WeakMap<HTMLElement, Map<string, string>>();

function set(el: HTMLElement, cache: Map<string, string>, name: string, value: string): void {
  if (cache.get(name) === value) return;
  cache.set(name, value);
  el.setAttribute(name, value);
}

export function writeTestAttributes(el: HTMLElement, s: TestSignals): void {
  let cache = written.get(el);
  if (cache === undefined) written.set(el, (cache = new Map()));
  const t = s.transport;
  set(el, cache, 'data-media-id', s.mediaId ?? '');
  set(el, cache, 'data-follow-mode', s.mode);
  set(el, cache, 'data-viewer-state', s.state);
  set(el, cache, 'data-transport-seq', t ? String(t.seq) : '');
  set(el, cache, 'data-transport-playing', t ? String(t.playing) : '');
  set(el, cache, 'data-transport-position', t ? String(t.position) : '');
  set(el, cache, 'data-transport-at', t ? String(t.at) : '');
  set(el, cache, 'data-transport-rate', t ? String(t.rate) : '');
  set(el, cache, 'data-transport-stop-at', t && t.stopAt !== null ? String(t.stopAt) : '');
  set(el, cache, 'data-synced', String(s.synced));
  set(el, cache, 'data-drift-ms', Number.isNaN(s.drift) ? '' : (s.drift * 1000).toFixed(1));
  set(el, cache, 'data-clock-offset', s.offset.toFixed(3));
  set(el, cache, 'data-clock-ready', String(s.clockReady));
  set(el, cache, 'data-clock-uncertainty', Number.isFinite(s.clockUncertainty) ? s.clockUncertainty.toFixed(3) : '');
  set(el, cache, 'data-start-delay-ms', s.startDelayMs.toFixed(0));
  set(el, cache, 'data-seek-ms', s.seekMs.toFixed(0));
}
