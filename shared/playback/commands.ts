import { expectedPosition, type Transport } from './transport.ts';

/**
 * Transport commands as pure functions: each returns the next transport. `lead` (ms) comes from
 * `commandLead`; starts are scheduled `lead` ms ahead so every viewer can seek first and start
 * on the same instant.
 */
interface Ctx {
  serverNow: number;
  lead: number;
  by: string | null;
}

/** Every command by a person clears an automatic hold ("wacht op iedereen"). */
const next = (t: Transport, patch: Partial<Transport>, by: string | null): Transport => ({ ...t, hold: null, ...patch, by, seq: t.seq + 1 });

export function play(t: Transport, { serverNow, lead, by }: Ctx): Transport {
  const position = t.stopAt !== null && expectedPosition(t, serverNow) >= t.stopAt ? t.stopAt : expectedPosition(t, serverNow);
  return next(t, { playing: true, position, at: serverNow + lead, stopAt: null }, by);
}

export function pause(t: Transport, { serverNow, by }: Omit<Ctx, 'lead'>): Transport {
  return next(t, { playing: false, position: expectedPosition(t, serverNow), at: serverNow, stopAt: null }, by);
}

export function seek(t: Transport, to: number, { serverNow, lead, by }: Ctx): Transport {
  const position = Math.max(0, to);
  return t.playing
    ? next(t, { position, at: serverNow + lead, stopAt: null }, by)
    : next(t, { position, at: serverNow, stopAt: null }, by);
}

/**
 * A rate change takes effect now, without a scheduled restart: followers hear of it a few ms
 * late and are then off by (delay × rate difference), a few ms that the rate nudge removes
 * without the visible stutter a pause–seek–play would cause.
 */
export function setRate(t: Transport, rate: number, { serverNow, by }: Omit<Ctx, 'lead'>): Transport {
  if (!t.playing || t.at > serverNow) return next(t, { rate }, by);
  return next(t, { rate, position: expectedPosition(t, serverNow), at: serverNow }, by);
}

/** "Speel fragment af": everyone plays [start, end] of `mediaId` and pauses at its end. */
export function playRange(t: Transport, mediaId: string, start: number, end: number, { serverNow, lead, by }: Ctx): Transport {
  return next(t, { mediaId, playing: true, position: start, at: serverNow + lead, stopAt: end }, by);
}

export function selectMedia(t: Transport, mediaId: string, { serverNow, by }: Omit<Ctx, 'lead'>): Transport {
  return next(t, { mediaId, playing: false, position: 0, at: serverNow, stopAt: null }, by);
}

/**
 * "Wacht op iedereen": the group pauses where the participant who ran out of data is, so that
 * nobody misses what they did not see. Keeps `stopAt`, so a fragment still ends where it should.
 */
export function holdForBuffering(t: Transport, position: number, { serverNow, by }: Omit<Ctx, 'lead'>): Transport {
  const at = Math.min(Math.max(0, position), expectedPosition(t, serverNow));
  return { ...t, playing: false, position: at, at: serverNow, hold: 'buffering', by, seq: t.seq + 1 };
}

/** Everyone is ready again after a hold: play on from the held frame (and still stop at `stopAt`). */
export function resumeAfterHold(t: Transport, { serverNow, lead, by }: Ctx): Transport {
  const stopAt = t.stopAt !== null && t.stopAt > t.position ? t.stopAt : null;
  return { ...t, playing: true, at: serverNow + lead, stopAt, hold: null, by, seq: t.seq + 1 };
}
