/**
 * The start delay of one media element: play() starts the clock some tens of ms after the call
 * (more with audio), and every viewer differs. Measured once per page with a short muted play,
 * which browsers allow without a click; the follower then calls play() that much early.
 */
import { localNow } from '../collab/clock.ts';

/** Play muted until the clock has advanced this far (s), or give up after `maxMs`. */
const advanceWanted = 0.12;
const maxMs = 1_000;

/**
 * Plays `video` muted from where it is, measures how late its clock started, and puts it back
 * (paused, same position, muted as before). Null when even muted play is refused.
 */
export async function measureStartDelay(video: HTMLVideoElement, alive: () => boolean): Promise<number | null> {
  const from = video.currentTime;
  const wasMuted = video.muted;
  video.muted = true;
  const called = localNow();
  try {
    await video.play();
    await new Promise<void>((resolve) => {
      const poll = (): void => {
        if (!alive() || video.currentTime - from >= advanceWanted || localNow() - called > maxMs) resolve();
        else requestAnimationFrame(poll);
      };
      poll();
    });
    const advanced = video.currentTime - from;
    // The clock started at now − advanced/rate; the call was at `called`.
    return advanced > 0.02 ? Math.max(0, localNow() - (advanced * 1000) / video.playbackRate - called) : null;
  } catch {
    return null;
  } finally {
    video.pause();
    video.currentTime = from;
    video.muted = wasMuted;
  }
}
