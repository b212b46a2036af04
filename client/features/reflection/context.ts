/**
 * What the reflection panels get from the room: the cycle's session and who is looking, and the
 * room's shared transport to play a fragment for everyone ("speel fragment af").
 */
import type { CycleSummary, PublicUser } from '../../../shared/domain/access.ts';
import { useConnectionState, type CollabSession } from '../../collab/index.ts';

export interface PlayableRange {
  mediaId: string | null;
  start: number;
  end: number;
}

export interface ReflectionProps {
  session: CollabSession;
  cycle: CycleSummary;
  user: PublicUser;
  /** False while this person's buttons steer nothing (no video, presenter lock, clock not ready). */
  canPlay: boolean;
  /** Plays the range for everyone who follows the group (or for me alone when "zelfstandig"). */
  onPlay: (range: PlayableRange) => void;
}

/**
 * Whether this person can change the document now: not when the server refused the socket
 * (access gone) or the cycle is archived (the server would refuse every update).
 */
export function useCanWrite(session: CollabSession, cycle: CycleSummary): boolean {
  const connection = useConnectionState(session);
  return connection.status !== 'refused' && cycle.status === 'active';
}
