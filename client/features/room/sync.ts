/**
 * The room's side of synchronised playback that involves the others: announcing how I watch
 * (awareness `playback`), and "wacht op iedereen" — the group holds while a follower buffers
 * and resumes once every follower is ready.
 */
import { useEffect } from 'react';
import { holdForBuffering, resumeAfterHold } from '../../../shared/playback/commands.ts';
import { commandLead } from '../../../shared/playback/follower.ts';
import type { FollowMode, RoomSettings } from '../../../shared/playback/room.ts';
import { isRunning, viewPosition, type Transport } from '../../../shared/playback/transport.ts';
import type { ClockSync } from '../../collab/clock.ts';
import { setPlaybackPresence, transportStore, writeTransport, type RoomParticipant } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { EngineStatus, PlayerEngine } from '../../player/engine.ts';

/** Re-announce the position this often, so the others' extrapolation never strays far. */
const presenceRefreshMs = 5_000;
/** Everyone must have been ready this long before the group resumes after a hold. */
const resumeAfterReadyMs = 400;

interface Ctx {
  session: CollabSession;
  clock: ClockSync | null;
  engine: PlayerEngine | null;
  status: EngineStatus;
  mode: FollowMode;
  mediaId: string | null;
}

export function usePresencePublisher({ session, clock, engine, status, mode, mediaId, transport }: Ctx & { transport: Transport | null }): void {
  useEffect(() => {
    if (engine === null || clock === null) return;
    const publish = (): void => {
      const serverNow = clock.serverNow();
      const v = engine.video;
      const t = transportStore(session).get();
      const group = mode === 'volgen' && t !== null && t.mediaId === mediaId ? t : null;
      const rate = group ? group.rate : v.playbackRate;
      setPlaybackPresence(session, {
        mode,
        state: status.state,
        mediaId,
        position: Math.max(0, group ? viewPosition(group, serverNow, v.duration) : v.currentTime),
        at: serverNow,
        playing: group ? isRunning(group, serverNow, v.duration) : !v.paused,
        rate: Math.min(4, Math.max(0.25, rate)),
        seekMs: Math.round(Math.min(10_000, engine.slowestSeekMs)),
      });
    };
    publish();
    const timer = setInterval(publish, presenceRefreshMs);
    return () => clearInterval(timer);
  }, [session, clock, engine, mode, mediaId, status.state, status.localVersion, status.ready, transport?.seq]);

  // Leaving the room (not the cycle) takes the playback entry away.
  useEffect(() => () => setPlaybackPresence(session, null), [session]);
}

/** Followers of the group's file, and which of them are buffering. */
export function followersOf(participants: readonly RoomParticipant[], mediaId: string | null): { all: RoomParticipant[]; buffering: RoomParticipant[] } {
  const all = participants.filter((p) => p.playback?.mode === 'volgen' && p.playback.mediaId === mediaId);
  return { all, buffering: all.filter((p) => p.playback?.state === 'buffert') };
}

export function useWaitForAll({ session, clock, engine, status, mode, settings, participants, transport, userId, slowestSeekMs }: Ctx & {
  settings: RoomSettings;
  participants: readonly RoomParticipant[];
  transport: Transport | null;
  userId: string;
  slowestSeekMs: () => number;
}): void {
  // I ran out of data while the group plays: hold everyone where I am.
  useEffect(() => {
    if (!settings.waitForAll || mode !== 'volgen' || status.state !== 'buffert' || engine === null || clock === null) return;
    const t = transportStore(session).get();
    const serverNow = clock.serverNow();
    if (t === null || !isRunning(t, serverNow, engine.video.duration)) return;
    writeTransport(session, holdForBuffering(t, engine.video.currentTime, { serverNow, by: userId }));
  }, [session, clock, engine, mode, status.state, settings.waitForAll, transport?.seq, userId]);

  // Everyone following is ready (or waiting was switched off): the first follower resumes.
  const { all, buffering } = followersOf(participants, transport?.mediaId ?? null);
  const leader = all.reduce<RoomParticipant | null>((min, p) => (min === null || p.clientId < min.clientId ? p : min), null);
  const iLead = leader?.isSelf === true;
  const held = transport !== null && transport.hold === 'buffering' && !transport.playing;
  const stillWaiting = settings.waitForAll && buffering.length > 0;
  useEffect(() => {
    if (!held || stillWaiting || !iLead || clock === null) return;
    const timer = setTimeout(() => {
      const t = transportStore(session).get();
      if (t === null || t.hold !== 'buffering' || t.playing) return;
      writeTransport(session, resumeAfterHold(t, { serverNow: clock.serverNow(), lead: commandLead(slowestSeekMs()), by: userId }));
    }, resumeAfterReadyMs);
    return () => clearTimeout(timer);
  }, [session, clock, held, stillWaiting, iLead, userId, slowestSeekMs, transport?.seq]);
}
