import { z } from 'zod';
import { cycleRoles, cycleStatuses } from '../domain/access.ts';
import { cycleKinds, defaultCycleKind } from '../domain/cycle-kinds.ts';
import { auditActionIds } from '../domain/audit.ts';
import { feedbackDecisions } from '../domain/cycle-doc/interview.ts';

/** Request bodies of the HTTP API; the server validates with these, the client builds with them. */
export const email = z.string().trim().toLowerCase().email().max(254);
export const password = z.string().min(10, 'Kies een wachtwoord van minstens 10 tekens.').max(256);

export const loginBody = z.object({ email, password: z.string().min(1).max(256) });
export const passwordResetRequestBody = z.object({ email });
export const tokenPasswordBody = z.object({ token: z.string().min(20).max(200), password });

export const createUserBody = z.object({ email, name: z.string().trim().min(1).max(120) });

export const createCycleBody = z.object({
  title: z.string().trim().min(1).max(200),
  counterpart: z.string().trim().max(120).default(''),
  previousCycleId: z.string().uuid().optional(),
  /** Chosen once, at creation (KIND-1). */
  kind: z.enum(cycleKinds).default(defaultCycleKind),
});
export const updateCycleBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    counterpart: z.string().trim().max(120).optional(),
    status: z.enum(cycleStatuses).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Niets om te wijzigen.');

export const addMemberBody = z.object({
  email,
  role: z.enum(cycleRoles).exclude(['owner']),
  /** Only used when the organisation lets owners create accounts and the address is new. */
  name: z.string().trim().max(120).optional(),
});

/**
 * An owner asks the beheerder for an account for someone who has none yet (or, when the
 * organisation lets owners create accounts, the account is made with an invitation).
 */
export const accountRequestBody = z.object({ email, name: z.string().trim().max(120).default(''), role: z.enum(cycleRoles).exclude(['owner']) });

/** Filters and paging of "Wie heeft toegang gehad" (query string; the CSV export takes the same). */
export const accessLogQuery = z
  .object({
    person: z.string().uuid().optional(),
    action: z.enum(auditActionIds).optional(),
    /** Period as epoch ms, `from` inclusive and `to` exclusive: the browser turns its local calendar days into these. */
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const intervisionBody = z.object({ blind: z.boolean() });

/**
 * The interviewer's decision on one feedback point of the client (DOCACCESS-4). Passing on
 * "zonder citaat" needs the paraphrase that will be passed on instead of the client's words.
 */
export const interviewDecisionBody = z
  .object({
    decision: z.enum(feedbackDecisions),
    paraphrase: z.string().trim().max(4_000).optional(),
  })
  .strict()
  .refine((b) => b.decision !== 'zonderCitaat' || (b.paraphrase ?? '').length > 0, {
    message: 'Zonder citaat doorgeven kan alleen met een parafrase.',
    path: ['paraphrase'],
  });

export const csrfHeader = 'x-csrf-token';

export type LoginBody = z.infer<typeof loginBody>;
export type CreateCycleBody = z.infer<typeof createCycleBody>;
export type UpdateCycleBody = z.infer<typeof updateCycleBody>;
export type AddMemberBody = z.infer<typeof addMemberBody>;
export type AccountRequestBody = z.infer<typeof accountRequestBody>;
export type AccessLogQuery = z.input<typeof accessLogQuery>;
export type InterviewDecisionBody = z.infer<typeof interviewDecisionBody>;
