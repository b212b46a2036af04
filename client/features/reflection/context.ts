/**
 * What the reflection panels get from the room: the cycle's session and who is looking, and the
 * room's shared transport to play a fragment for everyone ("speel fragment af").
 */
import type { CycleSummary, PublicUser } from '../../../shared/domain/access.ts';
import type { CollabSession } from '../../collab/index.ts';
import { useDocumentWritable } from '../access/useMayWrite.ts';

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
 * Whether the document takes changes now: not when the server refused the socket (access gone)
 * or the cycle is archived (the server would refuse every update). Who may change which part is
 * the rule table's answer: `useMayWrite` in features/access.
 */
export function useCanWrite(session: CollabSession, cycle: CycleSummary): boolean {
  return useDocumentWritable(session, cycle);
}
