import type { FastifyInstance } from 'fastify';
import { mayReadDoc } from '../../shared/access/rules.ts';
import { cycleIdOfDoc, type CycleRole } from '../../shared/domain/access.ts';
import type { ConsentUse } from '../../shared/domain/consent.ts';
import { parseCycleDocName } from '../../shared/domain/cycle-doc/keys.ts';
import type { ErrorCode } from '../../shared/errors/index.ts';
import type { CollabConnection } from '../collab/connection.ts';
import type { IncomingMessage } from '../collab/messages.ts';
import { isValidDocName } from '../../shared/limits/index.ts';
import type { AuthoriseHook } from '../collab/hooks/authorise.ts';

/**
 * WebSocket access: the session cookie (never a token in the URL) must belong to a member of the
 * cycle the document belongs to. Administrators are never members of content. Every refusal is
 * audited.
 */
export interface CycleAuthoriseOptions {
  /** Whether a member in `role` may work in this cycle's documents given the recordings' consent;
   * undefined when no rule applies. Colleagues need consent for intervision. */
  colleagueAccess?: (cycleId: string, role: CycleRole) => Promise<boolean | undefined>;
  /** Consent uses currently granted on a recording of the cycle (asked only for the interview
   * document, which needs `clientInterview`); none when absent. */
  grantedUses?: (cycleId: string) => Promise<ReadonlySet<ConsentUse>>;
}

export function cycleAuthorise(app: FastifyInstance, opts: CycleAuthoriseOptions = {}): AuthoriseHook {
  const { repos } = app;
  return async (docName, request) => {
    if (!isValidDocName(docName)) return { ok: false, code: 'invalid_doc_name' };
    const auth = await app.sessionCookie.resolve(request);
    const cycleId = cycleIdOfDoc(docName);
    const deny = async (code: 'unauthenticated' | 'forbidden', reason: string) => {
      // Anonymous handshakes cost one aggregated row per address and minute (AUDIT-2).
      if (!auth) {
        repos.refusals.note(request.ip, reason, 'WS');
        return { ok: false as const, code };
      }
      await repos.audit.record({
        actorId: auth.user.id,
        action: 'access_denied',
        cycleId: cycleId && await repos.cycles.get(cycleId) ? cycleId : null,
        target: `WS ${docName}`,
        detail: { reason },
      });
      return { ok: false as const, code };
    };
    if (!auth) return deny('unauthenticated', 'unauthenticated');
    if (!cycleId) return deny('forbidden', 'not_a_cycle_document');
    const role = await repos.cycles.role(cycleId, auth.user.id);
    if (!role) return deny('forbidden', auth.user.is_admin ? 'admin_no_content' : 'not_a_member');
    const parsed = parseCycleDocName(docName);
    if (!parsed || parsed.cycleId !== cycleId) return deny('forbidden', 'unknown_cycle_document');
    // A private layer is its author's alone: analysts work "afzonderlijk van elkaar".
    if (parsed.kind === 'layer' && parsed.layerOwnerId !== auth.user.id) return deny('forbidden', 'private_layer');
    // A shared werkblad: its author and the members they share it with (SELF-4), read-only.
    if (parsed.kind === 'werkblad' && !await repos.worksheetShares.mayRead(cycleId, parsed.layerOwnerId ?? '', auth.user.id)) {
      return deny('forbidden', 'worksheet_not_shared');
    }
    // The client interview is the researchers' alone, and only with the client's consent to it.
    if (parsed.kind === 'interview') {
      const granted = (await opts.grantedUses?.(cycleId)) ?? new Set<ConsentUse>();
      if (!mayReadDoc({ userId: auth.user.id, role, granted }, 'interview')) {
        return deny('forbidden', role === 'researcher' ? 'consent_missing' : 'interview_researchers_only');
      }
    }
    const consent = await opts.colleagueAccess?.(cycleId, role);
    if (consent === false) return deny('forbidden', 'consent_missing');
    // Every update on this socket checks the cycle's status without a query (`cachedStatus`).
    await repos.cycles.status(cycleId);
    return {
      ok: true,
      identity: {
        userId: auth.user.id,
        name: auth.user.name,
        color: auth.user.color,
        role,
        sessionId: auth.session.id_hash,
        cycleId,
      },
    };
  };
}

/**
 * Per-message authorisation: a connection whose access was withdrawn is refused outright (the
 * server already marks it revoked), and an archived cycle accepts no changes — reading and
 * presence stay possible.
 */
export function cycleMessageAuthorise(app: FastifyInstance): (conn: CollabConnection, msg: IncomingMessage) => ErrorCode | null {
  return (conn, msg) => {
    if (conn.revoked) return 'forbidden';
    if (msg.kind !== 'syncUpdate' || msg.empty || !conn.identity.cycleId) return null;
    const status = app.repos.cycles.cachedStatus(conn.identity.cycleId);
    // Read when the socket was authorised; if it has since left the cache, the socket reconnects
    // (its client resends what it has) and its authorisation reads the status again.
    if (status === undefined) return 'room_reset';
    return status === 'archived' ? 'cycle_archived' : null;
  };
}
