/**
 * The one place the client asks the rule table (shared/access/rules.ts) what this person may
 * change in the cycle's documents. Panels show a control only when its write would be accepted:
 * the server closes a socket that sends a change its user may not make (4433 write_forbidden),
 * so a control that is offered must never lead to a refused write.
 *
 * Never its own role checks: the answer is the table's, and nothing at all while the document
 * takes no changes (the socket was refused, or the cycle is archived).
 */
import { useMemo } from 'react';
import { mayWrite, type PartId, type WriteOp } from '../../../shared/access/rules.ts';
import type { CycleRole, CycleSummary } from '../../../shared/domain/access.ts';
import { useConnectionState, type CollabSession } from '../../collab/index.ts';

export interface WriteQuestion {
  /** The entry's author (for rules that name `author`); null when it has none. */
  readonly author?: string | null;
  /** The entry field (e.g. `replies`) or the map key (e.g. `transport`, `waitForAll`). */
  readonly sub?: string;
  /** The presenter while the presenter lock is on (for the playback transport). */
  readonly presenter?: string | null;
}

/** May I make this change? `part` and `op` as in the rule table. */
export type MayWrite = (part: PartId, op: WriteOp, question?: WriteQuestion) => boolean;

export interface Writer {
  readonly userId: string;
  readonly role: CycleRole;
}

/** The rule table's answer for one person; `writable` false (refused, archived) answers no to all. */
export function mayWriteFor(writer: Writer, writable: boolean): MayWrite {
  return (part, op, question = {}) => {
    if (!writable) return false;
    const { author, sub, presenter } = question;
    return mayWrite(part, op, { userId: writer.userId, role: writer.role, author: author ?? null, presenter: presenter ?? null }, sub);
  };
}

/** Whether the document takes changes at all now: the socket is not refused, the cycle not archived. */
export function useDocumentWritable(session: CollabSession, cycle: Pick<CycleSummary, 'status'>): boolean {
  const connection = useConnectionState(session);
  return connection.status !== 'refused' && cycle.status === 'active';
}

/**
 * For a cycle page: `mayWrite(part, op, { author, sub, presenter })` for the current person
 * (`cycle.myRole` is this person's role in the cycle).
 */
export function useMayWrite(session: CollabSession, cycle: Pick<CycleSummary, 'status' | 'myRole'>, userId: string): MayWrite {
  const writable = useDocumentWritable(session, cycle);
  return useMemo(() => mayWriteFor({ userId, role: cycle.myRole }, writable), [userId, cycle.myRole, writable]);
}
