import { z } from 'zod';
import { cycleSteps, type CycleStepId } from '../kijkwijzer/method.ts';
import { kindProfile, type CycleKind } from './cycle-kinds.ts';

/**
 * The stappenplan of a cycle (`000_*` "Aanpak en stappenplan"): the method's cycle steps
 * (`cycleSteps` in `shared/kijkwijzer/method.ts`) preceded by the recording, each with a status
 * and, where the method names a moment, a date: the recording, the client interview, the
 * reflectiegesprek "zo kort mogelijk na de gespreksopname" and the follow-up conversation
 * ("Wanneer spreekt de klantmanager deze cliënt opnieuw?"). Stored per cycle on the server
 * (`cycle_steps`), set by the owner (SPEC.md STEPS-*).
 *
 * Ids are stored: never rename one; add new ones at the end.
 */
export const planStepIds = ['opname', 'intake', 'analyse', 'clientInterview', 'reflectie', 'aandachtspunten', 'vervolg'] as const;
export type PlanStepId = (typeof planStepIds)[number];

export const stepStatuses = ['todo', 'bezig', 'klaar', 'overgeslagen'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const stepStatusLabels: Readonly<Record<StepStatus, string>> = {
  todo: 'Nog te doen',
  bezig: 'Bezig',
  klaar: 'Klaar',
  overgeslagen: 'Overgeslagen',
};

export interface PlanStep {
  readonly id: PlanStepId;
  readonly label: string;
  readonly text: string;
  /** The date's label when the method names a moment for this step; null = no date. */
  readonly dateLabel: string | null;
  readonly dateHint: string | null;
  /** What skipping this step means, said as a decision ("Geen cliëntinterview"). */
  readonly skipLabel: string;
}

const recording = {
  label: 'Gespreksopname',
  text: 'Het gesprek wordt opgenomen, met toestemming voor elk gebruik.',
};

/** The steps of a cycle of this kind, in order, with the kind's own words. */
export function planStepsFor(kind: CycleKind): readonly PlanStep[] {
  const profile = kindProfile(kind);
  const method = (id: CycleStepId) => cycleSteps.find((s) => s.id === id)!;
  const own = profile.stepTexts as Partial<Record<CycleStepId, string>>;
  const base = (id: CycleStepId) => ({ label: method(id).label, text: own[id] ?? method(id).text });
  const steps: PlanStep[] = [
    { id: 'opname', ...recording, dateLabel: 'Datum van de opname', dateHint: null, skipLabel: 'Geen opname' },
    { id: 'intake', label: base('intake').label, text: base('intake').text, dateLabel: null, dateHint: null, skipLabel: 'Geen intake' },
    { id: 'analyse', label: base('analyse').label, text: base('analyse').text, dateLabel: null, dateHint: null, skipLabel: 'Geen analyse' },
  ];
  if (profile.hasClientInterview) {
    steps.push({
      id: 'clientInterview',
      label: base('clientInterview').label,
      text: base('clientInterview').text,
      dateLabel: 'Interview op',
      dateHint: 'Zo kort mogelijk na de opname, vóór het reflectiegesprek.',
      skipLabel: 'Geen cliëntinterview',
    });
  }
  steps.push(
    {
      id: 'reflectie',
      label: base('reflectie').label,
      text: base('reflectie').text,
      dateLabel: 'Reflectiegesprek op',
      dateHint: 'Zo kort mogelijk na de opname: dan zijn de herinneringen nog vers.',
      skipLabel: 'Geen reflectiegesprek',
    },
    { id: 'aandachtspunten', label: base('aandachtspunten').label, text: base('aandachtspunten').text, dateLabel: null, dateHint: null, skipLabel: 'Geen aandachtspunten' },
    {
      id: 'vervolg',
      label: base('vervolg').label,
      text: base('vervolg').text,
      dateLabel: `Vervolggesprek met ${profile.other} op`,
      dateHint: `Wanneer spreek je ${profile.other} opnieuw? Dan kun je je voornemens uitproberen.`,
      skipLabel: 'Geen vervolggesprek',
    },
  );
  return steps;
}

export function planStepFor(kind: CycleKind, id: string): PlanStep | undefined {
  return planStepsFor(kind).find((s) => s.id === id);
}

export function isPlanStepId(value: unknown): value is PlanStepId {
  return typeof value === 'string' && (planStepIds as readonly string[]).includes(value);
}

/** A calendar day, `YYYY-MM-DD`, that exists (no 31 February). */
export const planDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Een datum heeft de vorm jjjj-mm-dd.')
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
  }, 'Deze datum bestaat niet.');

/** The owner sets a step: status, date (where the step has one) and, when skipped, why. */
export const stepUpdateBody = z
  .object({
    status: z.enum(stepStatuses),
    date: planDate.nullable().default(null),
    reason: z.string().trim().max(1_000).default(''),
  })
  .strict()
  .refine((b) => b.status !== 'overgeslagen' || b.reason.length > 0, {
    message: 'Schrijf op waarom deze stap niet doorgaat.',
    path: ['reason'],
  });
export type StepUpdateBody = z.input<typeof stepUpdateBody>;

/** One step as the server reports it: the catalogue's words plus what the owner set. */
export interface PlanStepState {
  readonly id: PlanStepId;
  readonly status: StepStatus;
  readonly date: string | null;
  readonly reason: string;
  readonly updatedAt: number | null;
}

export const planStepState = z.object({
  id: z.enum(planStepIds),
  status: z.enum(stepStatuses),
  date: z.string().nullable(),
  reason: z.string(),
  updatedAt: z.number().nullable(),
}) satisfies z.ZodType<PlanStepState>;

/** A step still to come with a date: the earliest is the cycle's "volgende datum". */
export function isOpenWithDate(s: Pick<PlanStepState, 'status' | 'date'>): boolean {
  return s.date !== null && s.status !== 'klaar' && s.status !== 'overgeslagen';
}

/** The recorded decision not to hold a client interview, if the owner made it. */
export function noInterviewDecision(steps: readonly PlanStepState[]): { reason: string } | null {
  const s = steps.find((x) => x.id === 'clientInterview');
  return s && s.status === 'overgeslagen' ? { reason: s.reason } : null;
}
