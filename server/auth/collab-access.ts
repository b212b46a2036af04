import type { FastifyInstance } from 'fastify';
import { cycleIdOfDoc } from '../../shared/domain/access.ts';
import { isValidDocName } from '../../shared/limits/index.ts';
import type { AuthoriseHook } from '../collab/hooks/authorise.ts';

/**
 * WebSocket access: the session cookie (never a token in the URL) must belong to a member of the
 * cycle the document belongs to. Administrators are never members of content. Every refusal is
 * audited.
 */
export function cycleAuthorise(app: FastifyInstance): AuthoriseHook {
  const { repos } = app;
  return async (docName, request) => {
    if (!isValidDocName(docName)) return { ok: false, code: 'invalid_doc_name' };
    const auth = app.sessionCookie.resolve(request);
    const cycleId = cycleIdOfDoc(docName);
    const deny = (code: 'unauthenticated' | 'forbidden', reason: string) => {
      repos.audit.record({
        actorId: auth?.user.id ?? null,
        action: 'access_denied',
        cycleId: cycleId && repos.cycles.get(cycleId) ? cycleId : null,
        target: `WS ${docName}`,
        detail: { reason },
      });
      return { ok: false as const, code };
    };
    if (!auth) return deny('unauthenticated', 'unauthenticated');
    if (!cycleId) return deny('forbidden', 'not_a_cycle_document');
    const role = repos.cycles.role(cycleId, auth.user.id);
    if (!role) return deny('forbidden', auth.user.is_admin ? 'admin_no_content' : 'not_a_member');
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
 * Re-checks open sockets against their sessions: an ended, idle-expired or absolutely expired
 * session, or a disabled account, closes the socket (within one sweep interval).
 */
export function startSessionSweep(app: FastifyInstance): () => void {
  const { repos } = app;
  const timer = setInterval(() => {
    const now = Date.now();
    for (const conn of app.collab.connections()) {
      const { sessionId, userId } = conn.identity;
      if (!sessionId || conn.revoked) continue;
      const session = repos.sessions.getByHash(sessionId);
      const user = userId ? repos.users.get(userId) : undefined;
      if (session && repos.sessions.isLive(session, now) && user && user.disabled_at === null) continue;
      repos.audit.record({ actorId: userId, action: 'session_expired', cycleId: conn.identity.cycleId, target: `WS ${conn.docName}` });
      conn.fail('unauthenticated');
    }
  }, app.config.sessionSweepMs);
  timer.unref();
  return () => clearInterval(timer);
}
