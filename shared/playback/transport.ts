import { z } from 'zod';

/**
 * The shared transport in a cycle's Yjs document (map `transport`). `at` is server-clock epoch
 * milliseconds: while playing, the media must be at `position + (now − at)/1000 × rate`; `at` may
 * lie in the future for a scheduled start (everyone seeks now and starts together at `at`).
 */
export const transportSchema = z.object({
  mediaId: z.string().min(1).max(64).nullable(),
  playing: z.boolean(),
  /** Seconds into the media at server time `at`. */
  position: z.number().min(0).max(24 * 3600),
  at: z.number().nonnegative(),
  rate: z.number().min(0.25).max(4),
  /** Who issued the command (user id), for "… heeft gepauzeerd". */
  by: z.string().max(64).nullable(),
  /** Play range end (s) for "speel fragment af": everyone pauses here. */
  stopAt: z.number().min(0).nullable().default(null),
  /** Monotonic command counter so followers can tell a new command from a repeat. */
  seq: z.number().int().nonnegative().default(0),
  /**
   * Why the group is paused when nobody pressed pause: `buffering` = "wacht op iedereen" held
   * everyone for a participant who was waiting for data; the group resumes by itself once all
   * are ready. Any command by a person clears it.
   */
  hold: z.enum(['buffering']).nullable().default(null),
});

export type Transport = z.infer<typeof transportSchema>;

export const initialTransport: Transport = {
  mediaId: null,
  playing: false,
  position: 0,
  at: 0,
  rate: 1,
  by: null,
  stopAt: null,
  seq: 0,
  hold: null,
};

/** Where the media should be at server time `serverNow` (seconds), before any stop point. */
export function expectedPosition(t: Transport, serverNow: number): number {
  if (!t.playing) return t.position;
  const elapsed = Math.max(0, serverNow - t.at) / 1000;
  const pos = t.position + elapsed * t.rate;
  return t.stopAt !== null ? Math.min(pos, t.stopAt) : pos;
}

/** The server time at which a playing transport reaches its stop point, or null. */
export function stopTime(t: Transport): number | null {
  if (!t.playing || t.stopAt === null || t.stopAt <= t.position) return null;
  return t.at + ((t.stopAt - t.position) / t.rate) * 1000;
}

/** Parses whatever a peer wrote; a malformed transport is treated as absent. */
export function readTransport(value: unknown): Transport | null {
  const parsed = transportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Where the media should show right now: a scheduled start holds at `position` until `at`, a
 * play range holds at its end, and nothing runs past the end of the media (`duration`, s).
 */
export function viewPosition(t: Transport, serverNow: number, duration = Infinity): number {
  const pos = t.playing && t.at > serverNow ? t.position : expectedPosition(t, serverNow);
  return Math.min(pos, Number.isFinite(duration) && duration > 0 ? duration : Infinity);
}

/**
 * Will the media run unless someone stops it: running now, or played with its start instant still
 * ahead (a play command starts everyone together a little later). Leaving in that moment must
 * count as leaving a running group (PLAY-10).
 */
export function runsOrWillRun(t: Transport, serverNow: number, duration = Infinity): boolean {
  return (t.playing && t.at > serverNow) || isRunning(t, serverNow, duration);
}

/** Is the media meant to be running right now (started, not yet at its stop point or end)? */
export function isRunning(t: Transport, serverNow: number, duration = Infinity): boolean {
  if (!t.playing || t.at > serverNow) return false;
  const stop = stopTime(t);
  if (stop !== null && serverNow >= stop) return false;
  return !(Number.isFinite(duration) && duration > 0 && expectedPosition(t, serverNow) >= duration);
}
