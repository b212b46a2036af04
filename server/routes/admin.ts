import type { FastifyInstance } from 'fastify';
import { roleLabels } from '../../shared/domain/access.ts';
import { createUserBody } from '../../shared/protocol/http.ts';
import { access } from '../auth/access.ts';
import { ADMIN_RESET_TTL_MS, grantRequestedMemberships, INVITE_TTL_MS, issueLink, requestsFor } from '../auth/invitations.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { signalConsentChanged } from '../media/signal.ts';
import { toPublicUser } from '../storage/users.ts';
import { orgSettingsBody } from '../../shared/protocol/org.ts';

/** The beheerder manages the organisation's accounts and nothing else. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.get('/api/admin/users', { config: { access: access.admin } }, async (request) => {
    return {
      users: (await repos.users.listOrganisation(request.auth!.user.org_id)).map((u) => ({ ...toPublicUser(u), disabled: u.disabled_at !== null })),
    };
  });

  // The invitation goes by mail when SMTP is configured; otherwise this response is the only
  // place the link appears (the beheerder copies it), apart from a debug-level log line.
  app.post('/api/admin/users', { config: { access: access.admin } }, async (request, reply) => {
    const body = parse(createUserBody, request.body);
    if (await repos.users.findByEmail(body.email)) throw new AppError('user_exists');
    const orgId = request.auth!.user.org_id;
    const requests = await requestsFor(app, orgId, body.email);
    const user = await repos.users.create({ orgId, email: body.email, name: body.name, passwordHash: null, isAdmin: false });
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'user_created', target: user.id });
    const joined = await grantRequestedMemberships(app, user, requests);
    const delivery = await issueLink(app, request.log, user, 'invite', { ttlMs: INVITE_TTL_MS, validity: '7 dagen' });
    return reply.code(201).send({ user: toPublicUser(user), ...delivery, joinedCycles: joined });
  });

  app.post<{ Params: { userId: string } }>('/api/admin/users/:userId/reset-link', { config: { access: access.admin } }, async (request) => {
    const user = await repos.users.get(request.params.userId);
    if (!user || user.org_id !== request.auth!.user.org_id || user.disabled_at !== null) throw new AppError('not_found');
    // Someone who never chose a password gets a fresh invitation instead of a reset.
    const purpose = user.has_password === 0 ? 'invite' : 'reset';
    const delivery = await issueLink(app, request.log, user, purpose, purpose === 'invite' ? { ttlMs: INVITE_TTL_MS, validity: '7 dagen' } : { ttlMs: ADMIN_RESET_TTL_MS, validity: '24 uur' });
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'reset_link_issued', target: user.id, detail: { purpose, delivery: delivery.delivery } });
    return delivery;
  });

  // Who asked for an account for whom, never in which cycle: cycle titles are content.
  app.get('/api/admin/account-requests', { config: { access: access.admin } }, async (request) => {
    return {
      requests: (await repos.auditQueries.openAccountRequests(request.auth!.user.org_id)).map((r) => ({
        id: r.id,
        at: r.at,
        email: r.email,
        name: r.name,
        requesterName: r.requesterName,
        role: r.role === 'colleague' ? roleLabels.colleague : roleLabels.researcher,
      })),
    };
  });

  // The organisation's settings (SCANGATE-1): only the beheerder switches them; they hold no content.
  app.get('/api/admin/settings', { config: { access: access.admin } }, async (request) => {
    return { settings: await repos.users.orgSettings(request.auth!.user.org_id) };
  });

  app.put('/api/admin/settings', { config: { access: access.admin } }, async (request) => {
    const body = parse(orgSettingsBody, request.body);
    const orgId = request.auth!.user.org_id;
    const before = await repos.users.orgSettings(orgId);
    await repos.users.setOrgSettings(orgId, body);
    if (before.requireConsentScan !== body.requireConsentScan) {
      await repos.audit.record({ actorId: request.auth!.user.id, action: 'org_settings_changed', detail: { requireConsentScan: body.requireConsentScan } });
      // Switched on: open streams of people who may no longer play stop at once (the stream
      // re-check would do it within a second); either way every open player and list re-reads.
      await app.access.recheckStreams();
      for (const cycleId of await repos.media.liveCyclesOfOrg(orgId)) await signalConsentChanged(app, cycleId);
    }
    return { settings: await repos.users.orgSettings(orgId) };
  });

  app.post<{ Params: { userId: string } }>('/api/admin/users/:userId/disable', { config: { access: access.admin } }, async (request, reply) => {
    const { userId } = request.params;
    const user = await repos.users.get(userId);
    if (!user || user.org_id !== request.auth!.user.org_id || user.id === request.auth!.user.id) throw new AppError('not_found');
    await repos.users.disable(userId);
    await repos.sessions.endAllForUser(userId);
    app.access.revoke({ userId }, 'unauthenticated');
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'user_disabled', target: userId });
    return reply.code(204).send();
  });
}
