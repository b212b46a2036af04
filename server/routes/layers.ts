import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import { copyObservations, layerDocName, listObservations, observationsOf, publishedOf } from '../../shared/domain/cycle-doc/index.ts';
import { intervisionBody } from '../../shared/protocol/http.ts';
import { requestReader } from '../access/read.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';

type IdParams = { Params: { id: string } };

/**
 * Private analysis layers. Each analyst observes alone in `cycle:<id>:layer:<userId>` and
 * publishes when ready; the server copies the layer into the shared document, so nothing of a
 * layer is visible to others before its author (or, in blind intervision, the facilitator) says so.
 */
export async function layerRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  /** Copies one analyst's layer into the shared document's published area. */
  async function publishLayer(cycleId: string, userId: string): Promise<number> {
    const observations = await app.collab.withDoc(layerDocName(cycleId, userId), (doc) => listObservations(observationsOf(doc)));
    const copied = await app.collab.withDoc(cycleDocName(cycleId), (doc) => copyObservations(observations, publishedOf(doc, userId), userId));
    await repos.layers.markPublished(cycleId, userId);
    return copied;
  }

  /** These routes write into the cycle's documents: an archived cycle refuses them, as its sockets do. */
  const refuseIfArchived = async (cycleId: string) => {
    if (await repos.cycles.status(cycleId) === 'archived') throw new AppError('cycle_archived');
  };

  app.get<IdParams>('/api/cycles/:id/layers', { config: { access: access.members } }, async (request) => {
    const { id } = request.params;
    const members = await repos.cycles.listMembers(id);
    const statuses = new Map((await repos.layers.statuses(id)).map((s) => [s.user_id, s]));
    return {
      intervision: await repos.layers.intervision(id),
      layers: members.map((m) => ({
        userId: m.userId,
        name: m.name,
        role: m.role,
        readyAt: statuses.get(m.userId)?.ready_at ?? null,
        publishedAt: statuses.get(m.userId)?.published_at ?? null,
      })),
    };
  });

  app.post<IdParams>('/api/cycles/:id/layers/publish', { config: { access: access.members } }, async (request) => {
    const { id } = request.params;
    // Publishing reads the caller's layer and writes the shared document: only for who may be in
    // the cycle's documents at all (a colleague needs the client's intervision consent).
    await requestReader(app, request);
    await refuseIfArchived(id);
    const me = request.auth!.user.id;
    const { blind, revealedAt } = await repos.layers.intervision(id);
    // Blind intervision: a colleague's layer waits for the reveal, so nobody anchors on another.
    if (request.cycleRole === 'colleague' && blind && revealedAt === null) {
      await repos.layers.markReady(id, me);
      return { published: 0, waitingForReveal: true };
    }
    const published = await publishLayer(id, me);
    await repos.audit.record({ actorId: me, action: 'layer_published', cycleId: id, detail: { observations: published } });
    return { published, waitingForReveal: false };
  });

  app.put<IdParams>('/api/cycles/:id/intervision', { config: { access: access.owner } }, async (request) => {
    const { id } = request.params;
    const body = parse(intervisionBody, request.body);
    await refuseIfArchived(id);
    await repos.layers.setBlind(id, body.blind);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'cycle_updated', cycleId: id, detail: { intervisionBlind: body.blind } });
    return { intervision: await repos.layers.intervision(id) };
  });

  /**
   * The facilitator (owner or researcher/coach) reveals the colleagues' layers at once. Only in
   * blind intervision (otherwise every analyst publishes for themselves), and only the layers
   * whose authors said they were ready: an unfinished draft stays private.
   */
  app.post<IdParams>('/api/cycles/:id/intervision/reveal', { config: { access: access.facilitators } }, async (request) => {
    const { id } = request.params;
    await requestReader(app, request);
    await refuseIfArchived(id);
    if (!(await repos.layers.intervision(id)).blind) throw new AppError('blind_mode_off');
    const ready = new Set((await repos.layers.statuses(id)).filter((s) => s.ready_at !== null).map((s) => s.user_id));
    const colleagues = (await repos.cycles.listMembers(id)).filter((m) => m.role === 'colleague' && ready.has(m.userId));
    let published = 0;
    for (const c of colleagues) published += await publishLayer(id, c.userId);
    await repos.layers.markRevealed(id);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'layers_revealed', cycleId: id, detail: { layers: colleagues.length } });
    return { published, intervision: await repos.layers.intervision(id) };
  });
}
