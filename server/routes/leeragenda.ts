import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cycleDocName } from '../../shared/domain/access.ts';
import { listReviews, listTakeaways, reviewsOf, takeawaysOf } from '../../shared/domain/cycle-doc/index.ts';
import { email } from '../../shared/protocol/http.ts';
import { accessSubject, readerOf } from '../access/read.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';

/**
 * The persoonlijke leeragenda: a klantmanager's cycles over time with the takeaways of each and
 * whether the next cycle found them applied. Visible only to the klantmanager and whom they
 * share it with — never to administrators or managers by role.
 */
export async function leeragendaRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  /** May the klantmanager read this part of a cycle (by the rule table, as a member of it)? */
  const ownerMayRead = async (cycleId: string, ownerId: string, part: 'takeaways' | 'previousReview'): Promise<boolean> => {
    const subject = await accessSubject(app, cycleId, ownerId);
    return subject !== null && readerOf(cycleId, subject).mayReadPart(part);
  };

  /**
   * A klantmanager's cycles with their takeaways. A viewer the klantmanager shared it with reads
   * with the klantmanager's rights (the share is theirs to give), so what the klantmanager may not
   * read is never in it either.
   */
  async function leeragendaOf(ownerId: string) {
    const cycles = await repos.cycles.ownedBy(ownerId);
    return Promise.all(
      cycles.map(async (c) => {
        const doc = await ownerMayRead(c.id, ownerId, 'takeaways') ? await app.collab.readDoc(cycleDocName(c.id)) : null;
        const next = await repos.cycles.nextOf(c.id);
        const nextDoc = next && await ownerMayRead(next.id, ownerId, 'previousReview') ? await app.collab.readDoc(cycleDocName(next.id)) : null;
        const reviews = nextDoc ? listReviews(reviewsOf(nextDoc)) : new Map();
        const takeaways = (doc ? listTakeaways(takeawaysOf(doc)) : []).map((t) => ({
          id: t.id,
          kind: t.kind,
          text: t.text,
          applied: (reviews.get(t.id)?.applied ?? null) as string | null,
          note: (reviews.get(t.id)?.note ?? '') as string,
        }));
        doc?.destroy();
        nextDoc?.destroy();
        return { id: c.id, title: c.title, counterpart: c.counterpart, status: c.status, createdAt: c.created_at, nextCycleId: next?.id ?? null, takeaways };
      }),
    );
  }

  app.get('/api/leeragenda', { config: { access: access.user } }, async (request) => {
    const me = request.auth!.user;
    if (me.is_admin) throw new AppError('admin_no_content');
    return {
      owner: { userId: me.id, name: me.name },
      cycles: await leeragendaOf(me.id),
      sharedWith: await repos.shares.viewersOf(me.id),
      sharedWithMe: await repos.shares.sharedWith(me.id),
    };
  });

  app.get<{ Params: { ownerId: string } }>('/api/leeragenda/:ownerId', { config: { access: access.user } }, async (request) => {
    const me = request.auth!.user;
    const owner = await repos.users.get(request.params.ownerId);
    if (me.is_admin || !owner || !await repos.shares.canView(owner.id, me.id)) {
      await repos.audit.record({ actorId: me.id, action: 'access_denied', target: `leeragenda ${request.params.ownerId}`, detail: { reason: 'not_shared' } });
      throw new AppError('forbidden');
    }
    return { owner: { userId: owner.id, name: owner.name }, cycles: await leeragendaOf(owner.id) };
  });

  app.post('/api/leeragenda/shares', { config: { access: access.user } }, async (request) => {
    const me = request.auth!.user;
    const body = parse(z.object({ email }), request.body);
    const viewer = await repos.users.findByEmail(body.email);
    if (!viewer || viewer.org_id !== me.org_id || viewer.is_admin || viewer.disabled_at !== null || viewer.id === me.id) {
      throw new AppError('user_not_found');
    }
    await repos.shares.share(me.id, viewer.id);
    return { sharedWith: await repos.shares.viewersOf(me.id) };
  });

  app.delete<{ Params: { userId: string } }>('/api/leeragenda/shares/:userId', { config: { access: access.user } }, async (request) => {
    const me = request.auth!.user;
    if (!await repos.shares.unshare(me.id, request.params.userId)) throw new AppError('not_found');
    return { sharedWith: await repos.shares.viewersOf(me.id) };
  });
}
