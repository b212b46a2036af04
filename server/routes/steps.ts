import type { FastifyInstance } from 'fastify';
import { isPlanStepId, planStepFor, planStepsFor, stepUpdateBody, type PlanStepState } from '../../shared/domain/plan.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';

type IdParams = { Params: { id: string } };

/**
 * The stappenplan of a cycle (STEPS-*): every member reads it (it is planning, not content of
 * the conversation); only the owner sets a step's status, date and reason. It lives in SQL, not
 * in the cycle document, because "Mijn cycli" sorts by the next date on the server.
 */
export async function stepRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  const stepsOf = async (cycleId: string): Promise<PlanStepState[]> => {
    const cycle = (await repos.cycles.get(cycleId))!;
    const stored = new Map((await repos.steps.list(cycleId)).map((r) => [r.step_id, r]));
    return planStepsFor(cycle.kind).map((s) => {
      const row = stored.get(s.id);
      return { id: s.id, status: row?.status ?? 'todo', date: row?.date ?? null, reason: row?.reason ?? '', updatedAt: row?.updated_at ?? null };
    });
  };

  app.get<IdParams>('/api/cycles/:id/steps', { config: { access: access.members } }, async (request) => {
    return { steps: await stepsOf(request.params.id) };
  });

  app.put<{ Params: { id: string; stepId: string } }>('/api/cycles/:id/steps/:stepId', { config: { access: access.owner } }, async (request) => {
    const { id, stepId } = request.params;
    const cycle = (await repos.cycles.get(id))!;
    // A step this kind of cycle does not have (a client interview in a leidinggevende cycle) is unknown.
    const step = isPlanStepId(stepId) ? planStepFor(cycle.kind, stepId) : undefined;
    if (!step) throw new AppError('not_found');
    const body = parse(stepUpdateBody, request.body);
    if (body.date !== null && step.dateLabel === null) throw new AppError('validation_failed', 'Deze stap heeft geen datum.');
    if (cycle.status === 'archived') throw new AppError('cycle_archived');
    await repos.steps.set(id, step.id, { status: body.status, date: body.date, reason: body.status === 'overgeslagen' ? body.reason : '' }, request.auth!.user.id);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'cycle_updated', cycleId: id, detail: { step: step.id, status: body.status } });
    return { steps: await stepsOf(id) };
  });
}
