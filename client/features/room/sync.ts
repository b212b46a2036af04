/**
 * The room's side of synchronised playback that involves the others: announcing how I watch
 * (awareness `playback`), and "wacht op iedereen" — the group holds while a follower buffers
 * and resumes once every follower is ready (decided by shared/playback/room.ts; under the
 * presenter lock only the presenter writes, see waitForAll.ts).
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
import { waitForAllFor } from './waitForAll.ts';

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

export function useWaitForAll({ session, clock, engine, status, mode, mediaId, settings, participants, transport, userId, mayWriteTransport, slowestSeekMs }: Ctx & {
  settings: RoomSettings;
  /** The rule table's answer for the transport (presenter lock included): never write without it. */
  mayWriteTransport: boolean;
  participants: readonly RoomParticipant[];
  transport: Transport | null;
  userId: string;
  slowestSeekMs: () => number;
}): void {
  const decide = () => {
    const t = transportStore(session).get();
    if (clock === null || engine === null) return null;
    const serverNow = clock.serverNow();
    const running = t !== null && t.mediaId === mediaId && isRunning(t, serverNow, engine.video.duration);
    return waitForAllFor(
      { waitForAll: settings.waitForAll, transport: t, running, me: { mode, state: status.state }, participants },
      { mayWriteTransport, presenter: settings.presenter, userId, serverNow },
    );
  };
  const decided = decide();
  const decision = decided?.action ?? null;
  const holdAt = decided?.holdAt ?? null;

  useEffect(() => {
    if (decision !== 'hold' || clock === null || engine === null) return;
    const t = transportStore(session).get();
    if (t !== null) writeTransport(session, holdForBuffering(t, holdAt ?? engine.video.currentTime, { serverNow: clock.serverNow(), by: userId }));
    // The frame is read when the hold is decided; a later frame must not write a second hold.
  }, [decision, session, clock, engine, userId]);

  useEffect(() => {
    if (decision !== 'resume' || clock === null) return;
    // Ready for a moment, not just for one frame, before everyone restarts.
    const timer = setTimeout(() => {
      const t = transportStore(session).get();
      if (t === null || t.hold !== 'buffering' || t.playing) return;
      writeTransport(session, resumeAfterHold(t, { serverNow: clock.serverNow(), lead: commandLead(slowestSeekMs()), by: userId }));
    }, resumeAfterReadyMs);
    return () => clearTimeout(timer);
  }, [decision, session, clock, userId, slowestSeekMs, transport?.seq]);
}
