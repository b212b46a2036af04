import type { FastifyInstance } from 'fastify';
import { createUserBody } from '../../shared/protocol/http.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { toPublicUser } from '../storage/users.ts';

const INVITE_TTL_MS = 7 * 24 * 3_600_000;

/** The beheerder manages the organisation's accounts and nothing else. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.get('/api/admin/users', { config: { access: access.admin } }, async (request) => {
    return {
      users: repos.users
        .listOrganisation(request.auth!.user.org_id)
        .map((u) => ({ ...toPublicUser(u), disabled: u.disabled_at !== null })),
    };
  });

  app.post('/api/admin/users', { config: { access: access.admin } }, async (request, reply) => {
    const body = parse(createUserBody, request.body);
    if (repos.users.findByEmail(body.email)) throw new AppError('user_exists');
    const user = repos.users.create({ orgId: request.auth!.user.org_id, email: body.email, name: body.name, passwordHash: null, isAdmin: false });
    const token = repos.tokens.issue(user.id, 'invite', INVITE_TTL_MS);
    request.log.warn(`Uitnodigingslink voor ${user.email}: ${app.config.publicUrl}/wachtwoord#token=${token}`);
    repos.audit.record({ actorId: request.auth!.user.id, action: 'user_created', target: user.id });
    return reply.code(201).send({ user: toPublicUser(user) });
  });

  app.post<{ Params: { userId: string } }>('/api/admin/users/:userId/disable', { config: { access: access.admin } }, async (request, reply) => {
    const { userId } = request.params;
    const user = repos.users.get(userId);
    if (!user || user.org_id !== request.auth!.user.org_id || user.id === request.auth!.user.id) throw new AppError('not_found');
    repos.users.disable(userId);
    repos.sessions.endAllForUser(userId);
    app.access.revoke({ userId }, 'unauthenticated');
    repos.audit.record({ actorId: request.auth!.user.id, action: 'user_disabled', target: userId });
    return reply.code(204).send();
  });
}
