import type * as Y from 'yjs';
import { z } from 'zod';

/**
 * Room-wide playback settings in the cycle document's `settings` map, and what each participant
 * announces about their own playback in awareness (field `playback`). Both arrive from peers, so
 * both are parsed; anything malformed reads as the default or as "unknown".
 */
export const roomSettingKeys = {
  /** User id of the presenter while the presenter lock is on: only they steer the group. */
  presenter: 'presenter',
  presenterName: 'presenterName',
  /** "Wacht op iedereen": the group pauses while a following participant is buffering. */
  waitForAll: 'waitForAll',
} as const;

export interface RoomSettings {
  presenter: string | null;
  presenterName: string;
  waitForAll: boolean;
}

export function readRoomSettings(map: Y.Map<unknown>): RoomSettings {
  const presenter = map.get(roomSettingKeys.presenter);
  const presenterName = map.get(roomSettingKeys.presenterName);
  return {
    presenter: typeof presenter === 'string' && presenter.length > 0 && presenter.length <= 64 ? presenter : null,
    presenterName: typeof presenterName === 'string' ? presenterName.slice(0, 120) : '',
    waitForAll: map.get(roomSettingKeys.waitForAll) === true,
  };
}

export function writeRoomSettings(map: Y.Map<unknown>, patch: Partial<RoomSettings>): void {
  const apply = (): void => {
    if (patch.presenter !== undefined) map.set(roomSettingKeys.presenter, patch.presenter);
    if (patch.presenterName !== undefined) map.set(roomSettingKeys.presenterName, patch.presenterName);
    if (patch.waitForAll !== undefined) map.set(roomSettingKeys.waitForAll, patch.waitForAll);
  };
  if (map.doc) map.doc.transact(apply);
  else apply();
}

/** May this person steer the group's transport? Everyone, unless someone else holds the lock. */
export function maySteer(settings: RoomSettings, userId: string): boolean {
  return settings.presenter === null || settings.presenter === userId;
}

/** "Volgen": follow the group (default in a live session); "zelfstandig": watch alone. */
export const followModes = ['volgen', 'zelfstandig'] as const;
export type FollowMode = (typeof followModes)[number];

/** What the others see next to a person's avatar: kijkt mee / zelfstandig / buffert. */
export const viewerStates = ['kijkt-mee', 'zelfstandig', 'buffert'] as const;
export type ViewerState = (typeof viewerStates)[number];

export const playbackPresenceField = 'playback';

export const playbackPresenceSchema = z.object({
  mode: z.enum(followModes),
  state: z.enum(viewerStates),
  mediaId: z.string().max(64).nullable(),
  /** Position (s) at server time `at`, advancing at `rate` while `playing`: others extrapolate. */
  position: z.number().min(0).max(24 * 3600),
  at: z.number().nonnegative(),
  playing: z.boolean(),
  rate: z.number().min(0.25).max(4),
  /** Slowest recent seek of this viewer (ms): whoever sends a command leaves room for it. */
  seekMs: z.number().min(0).max(10_000).default(0),
});
export type PlaybackPresence = z.infer<typeof playbackPresenceSchema>;

export function readPlaybackPresence(state: unknown): PlaybackPresence | null {
  if (typeof state !== 'object' || state === null || !(playbackPresenceField in state)) return null;
  const parsed = playbackPresenceSchema.safeParse((state as Record<string, unknown>)[playbackPresenceField]);
  return parsed.success ? parsed.data : null;
}

/** Where a participant is now, extrapolated from what they last announced. */
export function presencePosition(p: PlaybackPresence, serverNow: number): number {
  return p.playing ? p.position + (Math.max(0, serverNow - p.at) / 1000) * p.rate : p.position;
}

/** Who follows the group's file, and who of them is buffering. */
export function followersOf<P extends { playback: PlaybackPresence | null }>(participants: readonly P[], mediaId: string | null): { all: P[]; buffering: P[] } {
  const all = participants.filter((p) => p.playback?.mode === 'volgen' && p.playback.mediaId === mediaId);
  return { all, buffering: all.filter((p) => p.playback?.state === 'buffert') };
}

/**
 * "Wacht op iedereen", decided by every client for itself from what all can see:
 * - `hold`: I follow, I am buffering and the group runs on → I pause the group where I am;
 * - `resume`: the group is held for buffering, nobody following is buffering any more (or the
 *   setting was switched off), and I am the follower with the lowest awareness id → I restart it.
 * One deterministic resumer keeps three clients from restarting the group three times.
 */
export function waitForAllDecision(input: {
  waitForAll: boolean;
  transport: { playing: boolean; hold: 'buffering' | null; mediaId: string | null } | null;
  /** The transport runs right now (started, not past its stop point or the end). */
  running: boolean;
  me: { mode: FollowMode; state: ViewerState };
  participants: readonly { clientId: number; isSelf: boolean; playback: PlaybackPresence | null }[];
}): 'hold' | 'resume' | null {
  const { waitForAll, transport, running, me, participants } = input;
  if (transport === null) return null;
  if (waitForAll && running && me.mode === 'volgen' && me.state === 'buffert') return 'hold';
  if (transport.hold !== 'buffering' || transport.playing) return null;
  const { all, buffering } = followersOf(participants, transport.mediaId);
  if (waitForAll && buffering.length > 0) return null;
  const leader = all.reduce<(typeof all)[number] | null>((min, p) => (min === null || p.clientId < min.clientId ? p : min), null);
  return leader?.isSelf === true ? 'resume' : null;
}

/**
 * The group's transport runs only while someone follows it: when the last follower of a running
 * transport leaves (closes the page, goes "zelfstandig", opens another cycle), they pause it
 * where it is, so that nobody comes back to a position that ran on in an empty room. Others
 * who still follow keep it running. `by` stays empty: nobody pressed pause.
 */
export function shouldPauseOnLeave(input: {
  me: { mode: FollowMode; clientId: number };
  running: boolean;
  /**
   * Held for buffering ("wacht op iedereen"): not running, but a follower who comes back would
   * restart it once nobody buffers. Left by its last follower it becomes a plain pause.
   */
  held?: boolean;
  transportMediaId: string | null;
  participants: readonly { clientId: number; playback: PlaybackPresence | null }[];
}): boolean {
  const { me, running, transportMediaId, participants } = input;
  if (me.mode !== 'volgen' || !(running || input.held === true)) return false;
  const others = participants.filter((p) => p.clientId !== me.clientId);
  return followersOf(others, transportMediaId).all.length === 0;
}
