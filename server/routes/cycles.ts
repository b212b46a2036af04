import type { FastifyInstance } from 'fastify';
import { cycleDocName, type CycleSummary } from '../../shared/domain/access.ts';
import { accountRequestBody, addMemberBody, createCycleBody, updateCycleBody } from '../../shared/protocol/http.ts';
import { access } from '../auth/access.ts';
import { INVITE_TTL_MS, issueLink } from '../auth/invitations.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { deleteCycle } from '../media/delete-cycle.ts';
import { deleteCycleBody, titleConfirms } from '../../shared/protocol/delete-cycle.ts';

type IdParams = { Params: { id: string } };

/** Cycles ("cycli") and their members. The access hook has already checked membership. */
export async function cycleRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  const summary = async (cycleId: string, userId: string): Promise<CycleSummary> => {
    const found = (await repos.cycles.listForUser(userId)).find((c) => c.id === cycleId);
    if (!found) throw new AppError('forbidden');
    return found;
  };

  app.get('/api/cycles', { config: { access: access.user } }, async (request) => {
    const auth = request.auth!;
    // The administrator manages accounts, never content: "Mijn cycli" is always empty for them.
    return { cycles: auth.user.is_admin ? [] : await repos.cycles.listForUser(auth.user.id) };
  });

  app.post('/api/cycles', { config: { access: access.user } }, async (request, reply) => {
    const auth = request.auth!;
    if (auth.user.is_admin) throw new AppError('admin_no_content');
    const body = parse(createCycleBody, request.body);
    if (body.previousCycleId && await repos.cycles.role(body.previousCycleId, auth.user.id) !== 'owner') {
      throw new AppError('not_owner');
    }
    const cycle = await repos.cycles.create({ orgId: auth.user.org_id, ownerId: auth.user.id, ...body });
    // The editor schema (Tiptap) is loaded on the first new cycle, not at start-up.
    const { seedReportTemplate } = await import('../export/template.ts');
    await app.collab.withDoc(cycleDocName(cycle.id), (doc) => seedReportTemplate(doc, cycle.kind));
    await repos.audit.record({ actorId: auth.user.id, action: 'cycle_created', cycleId: cycle.id });
    return reply.code(201).send({ cycle: await summary(cycle.id, auth.user.id) });
  });

  app.get<IdParams>('/api/cycles/:id', { config: { access: access.members } }, async (request) => {
    const { id } = request.params;
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'cycle_opened', cycleId: id });
    return { cycle: await summary(id, request.auth!.user.id), docName: cycleDocName(id), members: await repos.cycles.listMembers(id) };
  });

  app.patch<IdParams>('/api/cycles/:id', { config: { access: access.owner } }, async (request) => {
    const { id } = request.params;
    const body = parse(updateCycleBody, request.body);
    await repos.cycles.updateCycle(id, body);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'cycle_updated', cycleId: id, detail: { fields: Object.keys(body).join(',') } });
    return { cycle: await summary(id, request.auth!.user.id) };
  });

  // DELETE-1: the owner deletes the cycle with everything in it, confirming with its title.
  app.post<IdParams>('/api/cycles/:id/delete', { config: { access: access.owner } }, async (request) => {
    const { id } = request.params;
    const body = parse(deleteCycleBody, request.body);
    const cycle = (await repos.cycles.get(id))!;
    if (!titleConfirms(body.confirmTitle, cycle.title)) throw new AppError('cycle_delete_title_mismatch');
    return { receipt: await deleteCycle(app, id, request.auth!.user.id) };
  });

  // The receipt again, for the person who deleted (the audit entry holds it; no content).
  app.get<{ Params: { receipt: string } }>('/api/deletion-receipts/:receipt', { config: { access: access.user } }, async (request) => {
    const found = /^VW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(request.params.receipt)
      ? await repos.audit.deletionReceipt(request.auth!.user.id, request.params.receipt)
      : undefined;
    if (!found) throw new AppError('not_found');
    return { receipt: found };
  });

  // DELETE-2: the same receipt as a PDF, only for the person who deleted (like the JSON above).
  app.get<{ Params: { receipt: string } }>('/api/deletion-receipts/:receipt/pdf', { config: { access: access.user } }, async (request, reply) => {
    const found = /^VW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(request.params.receipt)
      ? await repos.audit.deletionReceipt(request.auth!.user.id, request.params.receipt)
      : undefined;
    if (!found) throw new AppError('not_found');
    const { deletionReceiptPdf } = await import('../media/deletion-receipt-pdf.ts');
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="bewijs-van-verwijdering-${found.receipt}.pdf"`)
      .header('Cache-Control', 'no-store')
      .send(await deletionReceiptPdf(found));
  });

  app.get<IdParams>('/api/cycles/:id/members', { config: { access: access.members } }, async (request) => {
    return { members: await repos.cycles.listMembers(request.params.id) };
  });

  app.post<IdParams>('/api/cycles/:id/members', { config: { access: access.owner } }, async (request) => {
    const { id } = request.params;
    const auth = request.auth!;
    const body = parse(addMemberBody, request.body);
    const user = await repos.users.findByEmail(body.email);
    // Administrators cannot be made members: they must never see content.
    if (user && (user.disabled_at !== null || user.org_id !== auth.user.org_id || user.is_admin)) throw new AppError('user_not_found');
    if (!user) {
      // An unknown address: with the organisation's setting the owner creates the account (the
      // person gets an invitation); otherwise the client offers to ask the beheerder.
      if (!app.config.ownersCreateAccounts) throw new AppError('user_not_found');
      const name = body.name?.trim() || body.email.split('@')[0]!;
      const created = await repos.users.create({ orgId: auth.user.org_id, email: body.email, name, passwordHash: null, isAdmin: false });
      await repos.audit.record({ actorId: auth.user.id, action: 'user_created', cycleId: id, target: created.id });
      await repos.cycles.addMember(id, created.id, body.role, auth.user.id);
      await repos.audit.record({ actorId: auth.user.id, action: 'member_added', cycleId: id, target: created.id, detail: { role: body.role } });
      // The owner never sees the link: without mail the beheerder hands out a new one.
      const sent = await issueLink(app, request.log, created, 'invite', { ttlMs: INVITE_TTL_MS, validity: '7 dagen', invitedBy: auth.user.name });
      return { members: await repos.cycles.listMembers(id), invitation: { email: created.email, mailed: sent.delivery === 'mail' } };
    }
    if (await repos.cycles.role(id, user.id)) throw new AppError('already_member');
    await repos.cycles.addMember(id, user.id, body.role, auth.user.id);
    await repos.audit.record({ actorId: auth.user.id, action: 'member_added', cycleId: id, target: user.id, detail: { role: body.role } });
    return { members: await repos.cycles.listMembers(id) };
  });

  // "Vraag de beheerder om een account": the request lands on the beheerder's screen (address,
  // name, role and who asked); creating that account makes the person a member here.
  app.post<IdParams>('/api/cycles/:id/account-requests', { config: { access: access.owner } }, async (request, reply) => {
    const { id } = request.params;
    const body = parse(accountRequestBody, request.body);
    if (await repos.users.findByEmail(body.email)) throw new AppError('user_exists');
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'account_requested', cycleId: id, target: body.email, detail: { role: body.role, name: body.name } });
    return reply.code(202).send({ status: 'requested' });
  });

  app.delete<{ Params: { id: string; userId: string } }>(
    '/api/cycles/:id/members/:userId',
    { config: { access: access.owner } },
    async (request) => {
      const { id, userId } = request.params;
      if (!await repos.cycles.removeMemberOf(id, userId)) throw new AppError('not_found');
      await repos.worksheetShares.forgetMember(id, userId);
      // Access ends now: that person's sockets and media responses in this cycle close at once.
      app.access.revoke({ userId, cycleId: id }, 'forbidden');
      // …and nobody keeps reading a werkblad they shared: its live copy is emptied (SELF-4).
      await app.sharedWorksheets.grantsChanged(id, [userId]);
      await repos.audit.record({ actorId: request.auth!.user.id, action: 'member_removed', cycleId: id, target: userId });
      return { members: await repos.cycles.listMembers(id) };
    },
  );
}
