import type { FastifyInstance } from 'fastify';
import { cycleDocName } from '../../shared/domain/access.ts';
import {
  clientFeedbackOf,
  feedbackPointsOf,
  passOnFeedback,
  readFeedbackPoint,
  recordFeedbackDecision,
  withdrawFeedback,
  type ClientFeedback,
} from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { interviewDecisionBody } from '../../shared/protocol/http.ts';
import { access } from '../auth/access.ts';
import { grantedUses } from '../export/sources.ts';
import { AppError } from '../plugins/errors.ts';

type DecisionParams = { Params: { id: string; pointId: string } };

/**
 * The confidential client interview (DOCACCESS-4). Its notes live in `cycle:<id>:interview`,
 * which only researchers receive. What the client allowed to be passed on reaches the other
 * members only through this route: the server records the decision in the interview document
 * and writes (or removes) a copy in the shared cycle document's `clientFeedback`, with the
 * client's words as said or — "zonder citaat" — only the paraphrase.
 */
export async function interviewRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.put<DecisionParams>('/api/cycles/:id/interview/feedback/:pointId/decision', { config: { access: access.researchers } }, async (request) => {
    const { id, pointId } = request.params;
    const me = request.auth!.user.id;
    if ((await repos.cycles.get(id))?.status === 'archived') throw new AppError('cycle_archived');
    if (!(await grantedUses(app, id)).has('clientInterview')) throw new AppError('consent_missing', 'clientInterview');
    const parsed = interviewDecisionBody.safeParse(request.body);
    if (!parsed.success) throw new AppError('interview_decision_invalid', parsed.error.issues.map((i) => i.message).join('; '));
    const { decision, paraphrase } = parsed.data;
    const decidedAt = Date.now();

    const point = await app.collab.withDoc(interviewDocName(id), (doc) => {
      const map = feedbackPointsOf(doc);
      if (readFeedbackPoint(map, pointId) === null) return null;
      recordFeedbackDecision(map, pointId, { decision, decidedBy: me, decidedAt, paraphrase });
      return readFeedbackPoint(map, pointId);
    });
    if (point === null) throw new AppError('not_found');

    const passedOn = await app.collab.withDoc(cycleDocName(id), (doc): ClientFeedback | null => {
      const map = clientFeedbackOf(doc);
      if (decision === 'nietDoorgeven') {
        withdrawFeedback(map, pointId);
        return null;
      }
      const copy = passOnFeedback(map, point, decision, decidedAt);
      // Nothing to pass on (e.g. the client's words were emptied): no stale copy either.
      if (copy === null) withdrawFeedback(map, pointId);
      return copy;
    });

    await repos.audit.record({ actorId: me, action: 'interview_feedback_decided', cycleId: id, target: pointId, detail: { decision } });
    return {
      point: { id: point.id, decision: point.decision, decidedBy: point.decidedBy, decidedAt: point.decidedAt },
      passedOn: passedOn === null ? null : { mode: passedOn.mode, passedOnAt: passedOn.passedOnAt },
    };
  });
}
