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

const next = (t: Transport, patch: Partial<Transport>, by: string | null): Transport => ({ ...t, ...patch, by, seq: t.seq + 1 });

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

export function setRate(t: Transport, rate: number, { serverNow, lead, by }: Ctx): Transport {
  if (!t.playing) return next(t, { rate }, by);
  return next(t, { rate, position: expectedPosition(t, serverNow + lead), at: serverNow + lead }, by);
}

/** "Speel fragment af": everyone plays [start, end] of `mediaId` and pauses at its end. */
export function playRange(t: Transport, mediaId: string, start: number, end: number, { serverNow, lead, by }: Ctx): Transport {
  return next(t, { mediaId, playing: true, position: start, at: serverNow + lead, stopAt: end }, by);
}

export function selectMedia(t: Transport, mediaId: string, { serverNow, by }: Omit<Ctx, 'lead'>): Transport {
  return next(t, { mediaId, playing: false, position: 0, at: serverNow, stopAt: null }, by);
}
