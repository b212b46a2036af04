/**
 * An empty room does not keep the transport running (shared/playback/room.ts,
 * `shouldPauseOnLeave`): the last follower pauses the group as they leave — when they go
 * "zelfstandig", when the room unmounts, and when the page is left (closed, reloaded, navigated
 * away). No server-side writer is needed: the pause is an ordinary transport
 * write by a person the rule table lets steer.
 */
import { useEffect, useRef } from 'react';
import { pause } from '../../../shared/playback/commands.ts';
import { shouldPauseOnLeave, type FollowMode } from '../../../shared/playback/room.ts';
import { runsOrWillRun } from '../../../shared/playback/transport.ts';
import type { ClockSync } from '../../collab/clock.ts';
import { currentParticipants, transportStore, writeTransport } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';

export function usePauseWhenLastLeaves({ session, clock, mode, mayWriteTransport }: {
  session: CollabSession;
  clock: ClockSync | null;
  mode: FollowMode;
  mayWriteTransport: boolean;
}): void {
  const latest = useRef({ session, clock, mayWriteTransport });
  useEffect(() => {
    latest.current = { session, clock, mayWriteTransport };
  });

  useEffect(() => {
    if (mode !== 'volgen') return;
    const leave = (): void => {
      const { session: s, clock: c, mayWriteTransport: may } = latest.current;
      const t = transportStore(s).get();
      if (t === null || !may) return;
      const serverNow = c?.serverNow() ?? Date.now();
      const me = { mode: 'volgen' as const, clientId: s.awareness.clientID };
      // Who still follows is read from the awareness now, not from the last render: a page left
      // right after another person went "zelfstandig" may not have run its effects for that yet.
      const participants = currentParticipants(s);
      if (!shouldPauseOnLeave({ me, running: runsOrWillRun(t, serverNow), held: t.hold === 'buffering', transportMediaId: t.mediaId, participants })) return;
      writeTransport(s, pause(t, { serverNow, by: null }));
    };
    // Leaving the page: `beforeunload` comes while the socket is surely still open (by
    // `pagehide` a navigating browser may already have closed it, and the pause would be lost);
    // `pagehide` still covers the back/forward cache and pages closed without `beforeunload`.
    // The second call finds the transport paused and writes nothing.
    window.addEventListener('beforeunload', leave);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('beforeunload', leave);
      window.removeEventListener('pagehide', leave);
      // Going "zelfstandig" or leaving the room: both end this person's following.
      leave();
    };
  }, [mode]);
}
