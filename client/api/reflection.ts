/**
 * HTTP side of the reflection: the previous cycle's takeaways ("Voornemens van de vorige keer"),
 * the export model for the print page, export download addresses, and the persoonlijke
 * leeragenda with its sharing. Answers are validated like the rest of the API (`index.ts`).
 */
import { z } from 'zod';
import { cycleStatuses } from '../../shared/domain/access.ts';
import { consentRefusalMessages } from '../../shared/domain/consent.ts';
import { takeawayKinds } from '../../shared/kijkwijzer/reflection.ts';
import type { ExportModel } from '../../shared/protocol/export.ts';
import { requestJson } from './http.ts';

const applied = z.enum(['ja', 'deels', 'nee']).nullable();

const reviewedTakeaway = z.object({
  id: z.string(),
  kind: z.enum(takeawayKinds).catch('aandachtspunt'),
  text: z.string(),
  applied: applied.catch(null),
  note: z.string().catch(''),
});
export type ReviewedTakeaway = z.infer<typeof reviewedTakeaway>;

const previousResponse = z.object({
  previousCycleId: z.string().nullable(),
  title: z.string().nullable(),
  takeaways: z.array(reviewedTakeaway),
});
export type PreviousCycle = z.infer<typeof previousResponse>;

const enc = encodeURIComponent;

/** The cycle this one follows up on (same client), with its takeaways; nulls when none. */
export function fetchPrevious(cycleId: string): Promise<PreviousCycle> {
  return requestJson('GET', `/api/cycles/${enc(cycleId)}/previous`, previousResponse);
}

// ── Consent for the client interview ─────────────────────────────────────────────────────────

/** Only what this screen needs of the recordings list, parsed loosely so that list can grow. */
const recordingsConsent = z.object({
  recordings: z.array(z.object({
    erased: z.boolean(),
    consent: z.object({ decisions: z.object({ clientInterview: z.boolean() }) }).nullable(),
  })),
});

export type InterviewConsent = { given: true } | { given: false; reason: 'none' | 'refused'; message: string };

/**
 * Whether the client may be approached for an interview: consent `clientInterview` granted on at
 * least one recording that still exists (the same rule the export applies). Without it there is
 * no interview ("zonder toestemming geen interview").
 */
export async function fetchInterviewConsent(cycleId: string): Promise<InterviewConsent> {
  const { recordings } = await requestJson('GET', `/api/cycles/${enc(cycleId)}/recordings`, recordingsConsent);
  const live = recordings.filter((r) => !r.erased);
  if (live.some((r) => r.consent?.decisions.clientInterview === true)) return { given: true };
  const recorded = live.some((r) => r.consent !== null);
  return recorded
    ? { given: false, reason: 'refused', message: consentRefusalMessages.clientInterview }
    : { given: false, reason: 'none', message: '' };
}

// ── Export ───────────────────────────────────────────────────────────────────────────────────

const run = z.object({ text: z.string(), bold: z.boolean().optional(), italic: z.boolean().optional(), fragment: z.boolean().optional() });
const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.number(), runs: z.array(run) }),
  z.object({ type: z.literal('paragraph'), runs: z.array(run) }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(run)) }),
  z.object({ type: z.literal('quote'), runs: z.array(run) }),
]);

const exportModel = z.object({
  cycle: z.object({ title: z.string(), counterpart: z.string(), ownerName: z.string(), createdAt: z.number(), status: z.string() }),
  exportedAt: z.number(),
  members: z.array(z.object({ name: z.string(), role: z.string() })),
  consent: z.array(z.object({ use: z.string(), granted: z.boolean() })),
  doubts: z.array(z.object({ kind: z.string(), text: z.string() })),
  previousTakeaways: z.array(z.object({ text: z.string(), applied: z.string().nullable(), note: z.string() })),
  observations: z.array(z.object({
    timecode: z.string(),
    start: z.number(),
    themes: z.array(z.string()),
    kind: z.string(),
    valence: z.string(),
    text: z.string(),
    author: z.string(),
  })),
  fragments: z.array(z.object({ range: z.string(), label: z.string() })),
  interview: z.union([
    z.object({ included: z.literal(true), blocks: z.array(block) }),
    z.object({ included: z.literal(false), reason: z.string() }),
  ]),
  clientFeedback: z.array(z.object({ text: z.string() })),
  agenda: z.array(z.object({
    section: z.string(),
    items: z.array(z.object({ text: z.string(), done: z.boolean(), pillar: z.string().nullable(), valence: z.string().nullable(), fragments: z.array(z.string()) })),
  })),
  report: z.array(block),
  takeaways: z.array(z.object({ kind: z.string(), text: z.string() })),
  evaluation: z.array(z.object({ question: z.string(), answer: z.string() })),
  talk: z.array(z.object({
    recording: z.string(),
    speakers: z.array(z.object({ name: z.string(), share: z.string(), turns: z.number(), questions: z.number() })),
    roles: z.array(z.object({ role: z.string(), share: z.string() })),
    turns: z.number(),
    longestTurn: z.object({ speaker: z.string(), range: z.string(), seconds: z.number() }).nullable(),
    silences: z.number(),
    chains: z.array(z.object({ range: z.string(), turns: z.number(), words: z.array(z.string()) })),
    topicShifts: z.number(),
  })),
  omissions: z.array(z.string()),
  kind: z.object({ label: z.string(), professional: z.string(), consentHeading: z.string(), consentGranted: z.string(), consentNone: z.string(),
    interviewHeading: z.string(), feedbackHeading: z.string(), noFeedback: z.string() }),
  slim: z.array(z.object({
    author: z.string(), selfImage: z.string(), role: z.string(), logic: z.string(), roleFit: z.string(), logicFit: z.string(),
    explanation: z.string(), evidence: z.array(z.string()), note: z.string(),
  })),
  selfReflection: z.array(z.object({ question: z.string(), answer: z.string(), moments: z.array(z.string()) })),
}) satisfies z.ZodType<ExportModel>;

/** The whole cycle as the print page shows it (audited by the server as an export). */
export function fetchExportModel(cycleId: string): Promise<ExportModel> {
  return requestJson('GET', `/api/cycles/${enc(cycleId)}/export.json`, exportModel);
}

/** Download addresses; same origin, so the session cookie goes along with a plain link. */
export const exportUrls = {
  docx: (cycleId: string): string => `/api/cycles/${enc(cycleId)}/export.docx`,
  markdown: (cycleId: string): string => `/api/cycles/${enc(cycleId)}/export.md`,
};

// ── Leeragenda ───────────────────────────────────────────────────────────────────────────────

const person = z.object({ userId: z.string(), name: z.string() });
export type SharePerson = z.infer<typeof person>;

const leeragendaCycle = z.object({
  id: z.string(),
  title: z.string(),
  counterpart: z.string(),
  status: z.enum(cycleStatuses),
  createdAt: z.number(),
  nextCycleId: z.string().nullable(),
  takeaways: z.array(reviewedTakeaway),
});
export type LeeragendaCycle = z.infer<typeof leeragendaCycle>;

const ownLeeragenda = z.object({
  owner: person,
  cycles: z.array(leeragendaCycle),
  sharedWith: z.array(person),
  sharedWithMe: z.array(person),
});
export type OwnLeeragenda = z.infer<typeof ownLeeragenda>;

const sharedLeeragenda = z.object({ owner: person, cycles: z.array(leeragendaCycle) });
export type SharedLeeragenda = z.infer<typeof sharedLeeragenda>;

const sharesResponse = z.object({ sharedWith: z.array(person) });

export function fetchOwnLeeragenda(): Promise<OwnLeeragenda> {
  return requestJson('GET', '/api/leeragenda', ownLeeragenda);
}

/** Someone else's leeragenda; ApiError `forbidden` unless they shared it with me. */
export function fetchSharedLeeragenda(ownerId: string): Promise<SharedLeeragenda> {
  return requestJson('GET', `/api/leeragenda/${enc(ownerId)}`, sharedLeeragenda);
}

export async function shareLeeragenda(email: string): Promise<SharePerson[]> {
  return (await requestJson('POST', '/api/leeragenda/shares', sharesResponse, { body: { email } })).sharedWith;
}

export async function unshareLeeragenda(userId: string): Promise<SharePerson[]> {
  return (await requestJson('DELETE', `/api/leeragenda/shares/${enc(userId)}`, sharesResponse)).sharedWith;
}
