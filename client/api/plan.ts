/** The stappenplan of a cycle (STEPS-*): read by every member, set by the owner. */
import { z } from 'zod';
import { planStepState, type PlanStepId, type PlanStepState, type StepUpdateBody } from '../../shared/domain/plan.ts';
import { requestJson } from './http.ts';

const stepsResponse = z.object({ steps: z.array(planStepState) });

export async function fetchSteps(cycleId: string): Promise<PlanStepState[]> {
  return (await requestJson('GET', `/api/cycles/${encodeURIComponent(cycleId)}/steps`, stepsResponse)).steps;
}

export async function updateStep(cycleId: string, stepId: PlanStepId, body: StepUpdateBody): Promise<PlanStepState[]> {
  const url = `/api/cycles/${encodeURIComponent(cycleId)}/steps/${encodeURIComponent(stepId)}`;
  return (await requestJson('PUT', url, stepsResponse, { body })).steps;
}
