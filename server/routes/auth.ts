import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginBody, passwordResetRequestBody, tokenPasswordBody } from '../../shared/protocol/http.ts';
import { access } from '../auth/access.ts';
import { issueLink, RESET_TTL_MS } from '../auth/invitations.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { StoredLimiter } from '../auth/tab-sessions.ts';
import { AppError, sendError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { hashToken } from '../storage/ids.ts';
import { toPublicUser } from '../storage/users.ts';

/** Login, logout, the current user, and one-time password links. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;
  // Stored (AUTH-9): a restart does not reset them, and all processes count together.
  // 5 failures per e-mail and 20 per address within 15 minutes, then a pause.
  const window = 15 * 60_000;
  const byEmail = new StoredLimiter(repos.tabSessions, 'login-email', 5, window);
  const byAddress = new StoredLimiter(repos.tabSessions, 'login-address', 20, window);
  // Reset requests (AUTH-8): 3 per e-mail address and 10 per client address per 15 minutes.
  // Keyed by the e-mail address as sent, so the answer is the same whether or not the account exists.
  const resetsByEmail = new StoredLimiter(repos.tabSessions, 'reset-email', 3, window);
  const resetsByAddress = new StoredLimiter(repos.tabSessions, 'reset-address', 10, window);

  const startSession = async (request: FastifyRequest, reply: Parameters<typeof app.sessionCookie.set>[0], userId: string) => {
    // Rotation: whatever session the browser had is ended, and a fresh id is issued.
    const old = request.cookies[app.sessionCookie.name];
    if (old) await repos.sessions.end(hashToken(old));
    const { token, row } = await repos.sessions.create(userId);
    app.sessionCookie.set(reply, token);
    return row;
  };

  app.post('/api/auth/login', { config: { access: access.public } }, async (request, reply) => {
    const body = parse(loginBody, request.body);
    if ((await byEmail.isBlocked(body.email)) || (await byAddress.isBlocked(request.ip))) {
      // Refused before anyone is identified: aggregated per address and minute (AUDIT-2).
      repos.refusals.note(request.ip, 'login_rate_limited', 'POST /api/auth/login');
      return sendError(reply, 'rate_limited');
    }
    const found = await repos.users.credentials(body.email);
    const user = found?.user;
    const ok = await verifyPassword(user && user.disabled_at === null ? found.passwordHash : null, body.password);
    if (!user || !ok) {
      await byEmail.hit(body.email);
      await byAddress.hit(request.ip);
      await repos.audit.record({ actorId: user?.id ?? null, action: 'login_failed', target: body.email });
      return sendError(reply, 'invalid_credentials');
    }
    await byEmail.reset(body.email);
    const session = await startSession(request, reply, user.id);
    await repos.audit.record({ actorId: user.id, action: 'login' });
    return { user: toPublicUser(user), csrfToken: session.csrf_token };
  });

  app.post('/api/auth/logout', { config: { access: access.user } }, async (request, reply) => {
    const auth = request.auth!;
    await repos.sessions.end(auth.session.id_hash);
    // Every channel of this session ends with it: sockets, the clock socket, media responses.
    app.access.revoke({ sessionId: auth.session.id_hash }, 'unauthenticated');
    await repos.audit.record({ actorId: auth.user.id, action: 'logout' });
    app.sessionCookie.clear(reply);
    return reply.code(204).send();
  });

  app.get('/api/me', { config: { access: access.user } }, async (request) => {
    const auth = request.auth!;
    return { user: toPublicUser(auth.user), csrfToken: auth.session.csrf_token };
  });

  app.post('/api/auth/password-reset', { config: { access: access.public } }, async (request, reply) => {
    const body = parse(passwordResetRequestBody, request.body);
    if ((await resetsByEmail.isBlocked(body.email)) || (await resetsByAddress.isBlocked(request.ip))) {
      repos.refusals.note(request.ip, 'reset_rate_limited', 'POST /api/auth/password-reset');
      return sendError(reply, 'rate_limited');
    }
    await resetsByEmail.hit(body.email);
    await resetsByAddress.hit(request.ip);
    const user = await repos.users.findByEmail(body.email);
    if (user && user.disabled_at === null) {
      // By mail when SMTP is configured. Without it nobody may see the link in an answer to an
      // anonymous request: the person asks the beheerder for a new link instead.
      await issueLink(app, request.log, user, 'reset', { ttlMs: RESET_TTL_MS, validity: '1 uur' });
    }
    // Same answer whether or not the address exists.
    return reply.code(202).send({ status: 'accepted' });
  });

  app.post('/api/auth/password', { config: { access: access.public } }, async (request, reply) => {
    const body = parse(tokenPasswordBody, request.body);
    const userId = await repos.tokens.consume(body.token, 'reset') ?? await repos.tokens.consume(body.token, 'invite');
    if (!userId) throw new AppError('token_invalid');
    await repos.users.updatePassword(userId, await hashPassword(body.password));
    // A used link ends every session of the account (AUTH-8): whoever knew the old password is
    // out, stored sessions and live sockets, clock sockets and media responses alike.
    await repos.sessions.endAllForUser(userId);
    app.access.revoke({ userId }, 'unauthenticated');
    await repos.audit.record({ actorId: userId, action: 'password_reset' });
    const session = await startSession(request, reply, userId);
    await repos.audit.record({ actorId: userId, action: 'login' });
    return { user: toPublicUser((await repos.users.get(userId))!), csrfToken: session.csrf_token };
  });
}
