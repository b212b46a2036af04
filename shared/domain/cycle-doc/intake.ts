import * as Y from 'yjs';
import { z } from 'zod';
import { takeawayKinds, type TakeawayKind } from '../../kijkwijzer/reflection.ts';
import { entryMap, newEntryId, patchEntry, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';
import { byOrder, orderBetween } from './order.ts';

/** The klantmanager's doubts (twijfels) and learning goals (leerdoelen) about this conversation. */
export const doubtSchema = z.object({
  id: z.string(),
  kind: z.enum(['twijfel', 'leerdoel']),
  text: z.string().max(4_000),
  order: z.number(),
});
export type Doubt = z.infer<typeof doubtSchema>;

/** Aandachtspunten / voornemens: "wat neem je mee, wat ga je uitproberen?". */
export const takeawaySchema = z.object({
  id: z.string(),
  kind: z.enum(takeawayKinds).default('aandachtspunt'),
  text: z.string().max(4_000),
  order: z.number(),
});
export type Takeaway = z.infer<typeof takeawaySchema>;

/**
 * The next cycle's check of the previous cycle's takeaways ("Voornemens van de vorige keer —
 * toegepast?"). Stored in the *next* cycle's document (its members may not be members of the
 * previous cycle), keyed by the previous takeaway's id.
 */
export const takeawayReviewSchema = z.object({
  id: z.string(),
  applied: z.enum(['ja', 'deels', 'nee']).nullable().default(null),
  note: z.string().max(4_000).default(''),
});
export type TakeawayReview = z.infer<typeof takeawayReviewSchema>;

export const reviewsOf = (doc: Y.Doc) => entryMap(doc, docKeys.previousReview);

export function listReviews(map: Y.Map<Y.Map<unknown>>): Map<string, TakeawayReview> {
  return new Map(readEntries(map, takeawayReviewSchema).map((r) => [r.id, r]));
}

/** Records (or changes) the check of one previous takeaway. */
export function setReview(map: Y.Map<Y.Map<unknown>>, takeawayId: string, patch: Partial<Omit<TakeawayReview, 'id'>>): void {
  if (!patchEntry(map, takeawayId, patch)) putEntry(map, takeawayId, { applied: null, note: '', ...patch });
}

type Ordered = { order: number; id: string };

function append(map: Y.Map<Y.Map<unknown>>, items: Ordered[], fields: Record<string, unknown>): string {
  const id = newEntryId();
  putEntry(map, id, { ...fields, order: orderBetween(items.at(-1)?.order ?? null, null) });
  return id;
}

export const doubtsOf = (doc: Y.Doc) => entryMap(doc, docKeys.doubts);
export const takeawaysOf = (doc: Y.Doc) => entryMap(doc, docKeys.takeaways);

export function listDoubts(map: Y.Map<Y.Map<unknown>>): Doubt[] {
  return readEntries(map, doubtSchema).sort(byOrder);
}
export function addDoubt(map: Y.Map<Y.Map<unknown>>, kind: Doubt['kind'], text: string): string {
  return append(map, listDoubts(map), { kind, text });
}

export function listTakeaways(map: Y.Map<Y.Map<unknown>>): Takeaway[] {
  return readEntries(map, takeawaySchema).sort(byOrder);
}
export function addTakeaway(map: Y.Map<Y.Map<unknown>>, text: string, kind: TakeawayKind = 'aandachtspunt'): string {
  return append(map, listTakeaways(map), { text, kind });
}

export function patchItem(map: Y.Map<Y.Map<unknown>>, id: string, patch: Record<string, unknown>): boolean {
  return patchEntry(map, id, patch);
}

/** Evaluation of the reflection itself: one co-edited text per question. */
export const evaluationFields = ['echtheid', 'doel', 'interventielogica', 'tips'] as const;
export type EvaluationField = (typeof evaluationFields)[number];

export function evaluationText(doc: Y.Doc, field: EvaluationField): Y.Text {
  const map = doc.getMap<Y.Text>(docKeys.evaluation);
  let text = map.get(field);
  if (!(text instanceof Y.Text)) {
    // Created lazily; two peers creating it at once converge on one (last writer wins, both empty).
    text = new Y.Text();
    map.set(field, text);
  }
  return text;
}

export function readEvaluation(doc: Y.Doc): Record<EvaluationField, string> {
  const map = doc.getMap<Y.Text>(docKeys.evaluation);
  return Object.fromEntries(evaluationFields.map((f) => [f, map.get(f)?.toString() ?? ''])) as Record<EvaluationField, string>;
}
