/**
 * The in-page sampler of bench/playback-sync.ts. Runs inside Chromium (serialised by Playwright,
 * so it must be self-contained): every animation frame it reads video.currentTime and computes
 * the expected position from the transport fields on the element and the page's own clock
 * offset, in the same task, so no round trip to Node sits between the two readings.
 */
export interface Sample {
  /** Server time of the reading (ms). */
  t: number;
  /** currentTime − expected (ms). */
  drift: number;
  currentTime: number;
  /** The transport says the media runs now (started, before its stop point and the end). */
  running: boolean;
  paused: boolean;
  /** The transport's `at` (server ms): a scheduled start lies in the future until then. */
  at: number;
  seq: number;
}

export function installSampler(): void {
  const w = window as unknown as { __benchSamples: Sample[]; __benchStop?: boolean };
  w.__benchSamples = [];
  w.__benchStop = false;
  const v = document.querySelector<HTMLVideoElement>('video[data-testid="player"]');
  if (v === null) throw new Error('no player');
  const loop = (): void => {
    // Stopped before the samples are collected: serialising them stalls the page, which would
    // otherwise show up as drift in the last samples.
    if (w.__benchStop) return;
    const num = (name: string): number => Number(v.getAttribute(name));
    const serverNow = performance.timeOrigin + performance.now() + num('data-clock-offset');
    const playing = v.getAttribute('data-transport-playing') === 'true';
    const position = num('data-transport-position');
    const at = num('data-transport-at');
    const rate = num('data-transport-rate');
    const stopRaw = v.getAttribute('data-transport-stop-at');
    let expected = position;
    let running = false;
    if (playing && serverNow >= at) {
      expected = position + ((serverNow - at) / 1000) * rate;
      running = true;
      if (stopRaw !== null && stopRaw !== '' && expected >= Number(stopRaw)) {
        expected = Number(stopRaw);
        running = false;
      }
    }
    if (Number.isFinite(v.duration) && expected >= v.duration) {
      expected = v.duration;
      running = false;
    }
    w.__benchSamples.push({ t: serverNow, drift: (v.currentTime - expected) * 1000, currentTime: v.currentTime, running, paused: v.paused, at, seq: num('data-transport-seq') });
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}
