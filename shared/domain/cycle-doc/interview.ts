import type * as Y from 'yjs';
import { z } from 'zod';
import { entryMap, newEntryId, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';
import { byOrder, orderBetween } from './order.ts';

/**
 * The client interview's contribution to the reflection: short points of feedback ("hij laat niet
 * het achterste van zijn tong zien"), each optionally answering a prepared question (an
 * observation of kind `questionForClient`). They are the agenda's third pillar; the full account
 * lives in the co-edited rich text `interviewReport`.
 */
export const clientFeedbackSchema = z.object({
  id: z.string(),
  text: z.string().max(4_000),
  order: z.number(),
  /** The prepared question (observation id) this answers, if any. */
  questionId: z.string().nullable().default(null),
  createdBy: z.string().default(''),
});
export type ClientFeedback = z.infer<typeof clientFeedbackSchema>;

export const clientFeedbackOf = (doc: Y.Doc) => entryMap(doc, docKeys.clientFeedback);

export function listClientFeedback(map: Y.Map<Y.Map<unknown>>): ClientFeedback[] {
  return readEntries(map, clientFeedbackSchema).sort(byOrder);
}

export function addClientFeedback(
  map: Y.Map<Y.Map<unknown>>,
  input: { text: string; questionId?: string | null; createdBy?: string },
): string {
  const id = newEntryId();
  const last = listClientFeedback(map).at(-1);
  putEntry(map, id, {
    text: input.text,
    questionId: input.questionId ?? null,
    createdBy: input.createdBy ?? '',
    order: orderBetween(last?.order ?? null, null),
  });
  return id;
}

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
