import { describe, expect, it } from 'vitest';
import { isOpenWithDate, noInterviewDecision, planDate, planStepFor, stepUpdateBody, type PlanStepState } from '../../shared/domain/plan.ts';

const state = (id: PlanStepState['id'], status: PlanStepState['status'], date: string | null = null, reason = ''): PlanStepState => ({ id, status, date, reason, updatedAt: null });

describe('STEPS-1 the stappenplan’s input', () => {
  it('a date is a calendar day that exists', () => {
    expect(planDate.safeParse('2026-12-10').success).toBe(true);
    expect(planDate.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '10-12-2026', '2026-12-10T10:00', '']) expect(planDate.safeParse(bad).success, bad).toBe(false);
  });

  it('a skipped step needs a reason; the reason is trimmed; unknown fields are refused', () => {
    expect(stepUpdateBody.safeParse({ status: 'overgeslagen', reason: '   ' }).success).toBe(false);
    expect(stepUpdateBody.parse({ status: 'overgeslagen', reason: '  geen tijd  ' })).toEqual({ status: 'overgeslagen', date: null, reason: 'geen tijd' });
    expect(stepUpdateBody.safeParse({ status: 'klaar', owner: 'x' }).success).toBe(false);
  });

  it('only the steps where the method names a moment have a date', () => {
    expect(planStepFor('klantgesprek', 'reflectie')?.dateLabel).toBe('Reflectiegesprek op');
    expect(planStepFor('klantgesprek', 'opname')?.dateLabel).toBe('Datum van de opname');
    expect(planStepFor('klantgesprek', 'analyse')?.dateLabel).toBeNull();
    expect(planStepFor('leidinggevende', 'clientInterview')).toBeUndefined();
  });
});

describe('STEPS-2 STEPS-3 next date and the decision not to interview', () => {
  it('a date counts as "next" only for a step still to come', () => {
    expect(isOpenWithDate(state('vervolg', 'todo', '2026-12-01'))).toBe(true);
    expect(isOpenWithDate(state('vervolg', 'bezig', '2026-12-01'))).toBe(true);
    expect(isOpenWithDate(state('vervolg', 'klaar', '2026-12-01'))).toBe(false);
    expect(isOpenWithDate(state('vervolg', 'overgeslagen', '2026-12-01', 'x'))).toBe(false);
    expect(isOpenWithDate(state('vervolg', 'todo'))).toBe(false);
  });

  it('"Geen cliëntinterview" is the interview step skipped, with its reason', () => {
    expect(noInterviewDecision([state('clientInterview', 'todo')])).toBeNull();
    expect(noInterviewDecision([state('clientInterview', 'overgeslagen', null, 'beter om af te zien')])).toEqual({ reason: 'beter om af te zien' });
  });
});
