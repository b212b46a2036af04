import * as Y from 'yjs';
import { z } from 'zod';
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

/** Aandachtspunten / voornemens, and whether the next cycle found them applied. */
export const takeawaySchema = z.object({
  id: z.string(),
  text: z.string().max(4_000),
  order: z.number(),
  /** Filled in during the next cycle ("Voornemens van de vorige keer — toegepast?"). */
  applied: z.enum(['ja', 'deels', 'nee']).nullable().default(null),
  appliedNote: z.string().max(4_000).default(''),
});
export type Takeaway = z.infer<typeof takeawaySchema>;

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
export function addTakeaway(map: Y.Map<Y.Map<unknown>>, text: string): string {
  return append(map, listTakeaways(map), { text, applied: null, appliedNote: '' });
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
