/**
 * "Wacht op iedereen" as this client may take it part in. The decision itself is shared
 * (shared/playback/room.ts `waitForAllDecision`: the buffering follower holds the group, the
 * follower with the lowest awareness id resumes it); but holding and resuming write the group's
 * transport, and the rule table lets only the presenter write it while the presenter lock is on.
 * So under the lock the others never write, and the presenter holds and resumes for the group.
 */
import { followersOf, presencePosition, waitForAllDecision } from '../../../shared/playback/room.ts';

type DecisionInput = Parameters<typeof waitForAllDecision>[0];

export interface WaitDecision {
  readonly action: 'hold' | 'resume';
  /** For a hold by the presenter on someone else's behalf: the slowest buffering viewer's frame (s). */
  readonly holdAt: number | null;
}

export function waitForAllFor(input: DecisionInput, who: {
  /** May I write the group's transport now (the rule table, presenter lock included)? */
  readonly mayWriteTransport: boolean;
  /** The presenter while the lock is on. */
  readonly presenter: string | null;
  readonly userId: string;
  readonly serverNow: number;
}): WaitDecision | null {
  if (!who.mayWriteTransport) return null;
  if (who.presenter === null) {
    const action = waitForAllDecision(input);
    return action === null ? null : { action, holdAt: null };
  }
  // Under the lock: only the presenter (never reached by the others: they may not write).
  if (who.presenter !== who.userId) return null;
  const { waitForAll, transport, running, participants } = input;
  if (transport === null) return null;
  const { buffering } = followersOf(participants, transport.mediaId);
  if (waitForAll && running && buffering.length > 0) {
    const frames = buffering.map((p) => (p.playback === null ? Infinity : presencePosition(p.playback, who.serverNow)));
    const slowest = Math.min(...frames);
    return { action: 'hold', holdAt: Number.isFinite(slowest) ? slowest : null };
  }
  if (transport.hold !== 'buffering' || transport.playing) return null;
  if (waitForAll && buffering.length > 0) return null;
  return { action: 'resume', holdAt: null };
}
