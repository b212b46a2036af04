import type { FastifyInstance } from 'fastify';
import { worksheetSharesBody } from '../../shared/protocol/worksheet.ts';
import { maySeeSharedLayer, requestReader } from '../access/read.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';

type IdParams = { Params: { id: string } };

/**
 * Sharing a werkblad (SELF-1). The werkblad and the core-question reflection live in their
 * author's private layer; the author names the members they "kijken samen met", and those read a
 * server-made copy of exactly those two parts here. The layer's socket stays the author's alone,
 * so a private observation in the same layer never travels with it.
 */
export async function worksheetRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.get<IdParams>('/api/cycles/:id/worksheet/shares', { config: { access: access.members } }, async (request) => {
    const { id } = request.params;
    const me = request.auth!.user.id;
    return { viewers: await repos.worksheetShares.viewersOf(id, me), sharedWithMe: await repos.worksheetShares.sharedWith(id, me) };
  });

  app.put<IdParams>('/api/cycles/:id/worksheet/shares', { config: { access: access.members } }, async (request) => {
    const { id } = request.params;
    await requestReader(app, request);
    const me = request.auth!.user.id;
    const body = parse(worksheetSharesBody, request.body);
    // Only members of this cycle, and never oneself: a share with anyone else is refused whole.
    const viewerIds = [...new Set(body.viewerIds)];
    const roles = await Promise.all(viewerIds.map((v) => repos.cycles.role(id, v)));
    if (viewerIds.some((v, i) => v === me || !roles[i])) throw new AppError('validation_failed', 'Je kunt je werkblad alleen delen met andere deelnemers van deze cyclus.');
    if (await repos.cycles.status(id) === 'archived') throw new AppError('cycle_archived');
    await repos.worksheetShares.replace(id, me, viewerIds);
    await repos.audit.record({ actorId: me, action: 'worksheet_shared', cycleId: id, detail: { viewers: viewerIds.length } });
    // Whom the author no longer shares with stops reading the live copy now (SELF-4).
    await app.sharedWorksheets.grantsChanged(id, [me]);
    return { viewers: await repos.worksheetShares.viewersOf(id, me), sharedWithMe: await repos.worksheetShares.sharedWith(id, me) };
  });

  app.get<{ Params: { id: string; authorId: string } }>('/api/cycles/:id/worksheets/:authorId', { config: { access: access.members } }, async (request) => {
    const { id, authorId } = request.params;
    const reader = await requestReader(app, request);
    if (!await maySeeSharedLayer(app, reader, authorId)) {
      await repos.audit.record({ actorId: reader.subject.userId, action: 'access_denied', cycleId: id, target: authorId, detail: { reason: 'worksheet_not_shared' } });
      throw new AppError('forbidden');
    }
    // The live copy the reader's socket then follows starts from this same state (SELF-4).
    const { worksheet, coreReflection } = await app.sharedWorksheets.refresh(id, authorId);
    if (authorId !== reader.subject.userId) await repos.audit.record({ actorId: reader.subject.userId, action: 'worksheet_viewed', cycleId: id, target: authorId });
    const author = (await repos.cycles.listMembers(id)).find((m) => m.userId === authorId);
    return { author: { userId: authorId, name: author?.name ?? '' }, worksheet, coreReflection };
  });
}
