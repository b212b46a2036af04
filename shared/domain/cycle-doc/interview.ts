import type * as Y from 'yjs';
import { z } from 'zod';
import { entryMap, newEntryId, patchEntry, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';
import { byOrder, orderBetween } from './order.ts';

/**
 * The client interview (method step 4–5). Everything the client said lives in the confidential
 * interview document `cycle:<id>:interview`, which only researchers receive: the co-edited
 * `interviewReport`, the fragments to show the client and the client's feedback, point by point
 * (`feedbackPoints`). Clients sometimes allow criticism to be passed on "niet of alleen anoniem";
 * so each point carries the researchers' decision, and only the server passes a point on, as a
 * copy in the shared cycle document's `clientFeedback` (the agenda's third pillar).
 */

// ── Feedback points (interview document) ─────────────────────────────────────────────────────

/**
 * `doorgeven`: passed on as said; `zonderCitaat`: passed on only as a paraphrase, without the
 * quotation or anything that identifies the client; `nietDoorgeven`: stays in the interview.
 */
export const feedbackDecisions = ['doorgeven', 'zonderCitaat', 'nietDoorgeven'] as const;
export type FeedbackDecision = (typeof feedbackDecisions)[number];
export const passOnModes = ['doorgeven', 'zonderCitaat'] as const;
export type PassOnMode = (typeof passOnModes)[number];

export const feedbackDecisionLabels: Record<FeedbackDecision, string> = {
  doorgeven: 'doorgeven',
  zonderCitaat: 'doorgeven zonder citaat',
  nietDoorgeven: 'niet doorgeven',
};

const maxText = 4_000;

export const feedbackPointSchema = z.object({
  id: z.string(),
  /** The client's words; may be a quotation. Never leaves the interview document as such unless
   * the decision is `doorgeven`. */
  text: z.string().max(maxText),
  /** The point in the researchers' words, for passing on without quotation. */
  paraphrase: z.string().max(maxText).default(''),
  /** The prepared question (observation id) this answers, if any. */
  questionId: z.string().nullable().default(null),
  /** The researcher who noted it (the write check requires the sender's own id). */
  createdBy: z.string(),
  order: z.number(),
  decision: z.enum(feedbackDecisions).nullable().default(null),
  decidedBy: z.string().nullable().default(null),
  decidedAt: z.number().nullable().default(null),
});
export type FeedbackPoint = z.infer<typeof feedbackPointSchema>;

export const feedbackPointsOf = (doc: Y.Doc) => entryMap(doc, docKeys.feedbackPoints);

export function listFeedbackPoints(map: Y.Map<Y.Map<unknown>>): FeedbackPoint[] {
  return readEntries(map, feedbackPointSchema).sort(byOrder);
}

export function readFeedbackPoint(map: Y.Map<Y.Map<unknown>>, id: string): FeedbackPoint | null {
  return listFeedbackPoints(map).find((p) => p.id === id) ?? null;
}

export function addFeedbackPoint(
  map: Y.Map<Y.Map<unknown>>,
  input: { text: string; createdBy: string; questionId?: string | null; paraphrase?: string },
): string {
  const id = newEntryId();
  const last = listFeedbackPoints(map).at(-1);
  putEntry(map, id, {
    text: input.text,
    paraphrase: input.paraphrase ?? '',
    questionId: input.questionId ?? null,
    createdBy: input.createdBy,
    // No decision fields: only the server records a decision (they read as null until then).
    order: orderBetween(last?.order ?? null, null),
  });
  return id;
}

/** Changes the client's words or the paraphrase (researchers, over their socket). */
export function patchFeedbackPoint(map: Y.Map<Y.Map<unknown>>, id: string, patch: Partial<Pick<FeedbackPoint, 'text' | 'paraphrase'>>): boolean {
  return patchEntry(map, id, patch);
}

/** Records a decision with who and when (the server does this, in the decision route). */
export function recordFeedbackDecision(
  map: Y.Map<Y.Map<unknown>>,
  id: string,
  input: { decision: FeedbackDecision; decidedBy: string; decidedAt: number; paraphrase?: string | undefined },
): boolean {
  return patchEntry(map, id, {
    decision: input.decision,
    decidedBy: input.decidedBy,
    decidedAt: input.decidedAt,
    ...(input.paraphrase !== undefined ? { paraphrase: input.paraphrase } : {}),
  });
}

// ── Passed-on feedback (shared cycle document, written by the server only) ───────────────────

/**
 * A point the interviewer passed on, keyed by the feedback point's id. `text` is what the members
 * may read: the client's words (`doorgeven`) or only the paraphrase (`zonderCitaat`).
 * Entries without `mode` or `passedOnAt` (notes from before the interview had its own document)
 * are not read.
 */
export const clientFeedbackSchema = z.object({
  id: z.string(),
  text: z.string().max(maxText),
  mode: z.enum(passOnModes),
  questionId: z.string().nullable().default(null),
  order: z.number(),
  passedOnAt: z.number(),
});
export type ClientFeedback = z.infer<typeof clientFeedbackSchema>;

export const clientFeedbackOf = (doc: Y.Doc) => entryMap(doc, docKeys.clientFeedback);

export function listClientFeedback(map: Y.Map<Y.Map<unknown>>): ClientFeedback[] {
  return readEntries(map, clientFeedbackSchema).sort(byOrder);
}

/**
 * What the shared copy of a point says: its text as said, or for `zonderCitaat` only the
 * paraphrase (the quotation never reaches the shared document). Null when there is nothing to
 * pass on (an empty paraphrase).
 */
export function passedOnText(point: Pick<FeedbackPoint, 'text' | 'paraphrase'>, mode: PassOnMode): string | null {
  const text = (mode === 'doorgeven' ? point.text : point.paraphrase).trim();
  return text.length > 0 ? text : null;
}

/** Writes (or replaces) the shared copy of a point; returns what was written. */
export function passOnFeedback(map: Y.Map<Y.Map<unknown>>, point: FeedbackPoint, mode: PassOnMode, passedOnAt: number): ClientFeedback | null {
  const text = passedOnText(point, mode);
  if (text === null) return null;
  const copy: ClientFeedback = { id: point.id, text, mode, questionId: point.questionId, order: point.order, passedOnAt };
  // Replaced whole, never patched: no field of an earlier copy survives a change of mode.
  putEntry(map, point.id, copy);
  return copy;
}

export function withdrawFeedback(map: Y.Map<Y.Map<unknown>>, id: string): void {
  if (map.has(id)) map.delete(id);
}

// ── Fragments to show the client (interview document) ────────────────────────────────────────

/**
 * Fragments to show the client. A map of ids (not an array) so that two researchers choosing
 * fragments at once both keep their choice.
 */
export function interviewFragmentsOf(doc: Y.Doc): Y.Map<true> {
  return doc.getMap<true>(docKeys.interviewFragments);
}

export function listInterviewFragmentIds(map: Y.Map<true>): string[] {
  return [...map.keys()].filter((k) => map.get(k) === true).sort();
}

export function setInterviewFragment(map: Y.Map<true>, fragmentId: string, chosen: boolean): void {
  if (chosen) {
    if (map.get(fragmentId) !== true) map.set(fragmentId, true);
  } else if (map.has(fragmentId)) {
    map.delete(fragmentId);
  }
}
