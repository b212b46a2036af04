/**
 * The interviewer's decision on one point of the client's feedback (DOCACCESS-4). Only the server
 * passes a point on: it records the decision in the interview document and writes the copy the
 * other members may read.
 */
import { z } from 'zod';
import { feedbackDecisions, passOnModes } from '../../shared/domain/cycle-doc/interview.ts';
import type { InterviewDecisionBody } from '../../shared/protocol/http.ts';
import { requestJson } from './http.ts';

const decisionResponse = z.object({
  point: z.object({ id: z.string(), decision: z.enum(feedbackDecisions).nullable(), decidedBy: z.string().nullable(), decidedAt: z.number().nullable() }),
  passedOn: z.object({ mode: z.enum(passOnModes), passedOnAt: z.number() }).nullable(),
});
export type DecisionResult = z.infer<typeof decisionResponse>;

const enc = encodeURIComponent;

export function decideFeedback(cycleId: string, pointId: string, body: InterviewDecisionBody): Promise<DecisionResult> {
  return requestJson('PUT', `/api/cycles/${enc(cycleId)}/interview/feedback/${enc(pointId)}/decision`, decisionResponse, { body });
}
