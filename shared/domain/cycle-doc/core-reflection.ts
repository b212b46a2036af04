import * as Y from 'yjs';
import { z } from 'zod';
import { coreQuestionIds, type CoreQuestionId } from '../../kijkwijzer/core-questions.ts';
import { newEntryId, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';

/**
 * The five core questions (`004_*`) as a guided self-reflection (SELF-3), in its author's private
 * layer document, like the werkblad. Layout inside `docKeys.coreReflection`:
 *
 *   <coreQuestionId>: Map{ answer: string, moments: Map<id, Map{ at, mediaId, text, createdAt }> }
 *
 * Keyed by question, so each question has one answer; each field is its own key.
 */
export const coreMomentSchema = z.object({
  id: z.string(),
  at: z.number().min(0),
  /** The recording file the moment is on (TIMECODE-1); null for moments made before it was asked. */
  mediaId: z.string().nullable().default(null),
  text: z.string().max(4_000).default(''),
  createdAt: z.number().default(0),
});
export type CoreMoment = z.infer<typeof coreMomentSchema>;

export interface CoreAnswerView {
  readonly questionId: CoreQuestionId;
  readonly answer: string;
  /** In time order. */
  readonly moments: readonly CoreMoment[];
}

const maxText = 10_000;

export function coreReflectionOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docKeys.coreReflection);
}

function entryOf(map: Y.Map<unknown>, id: CoreQuestionId, create: boolean): Y.Map<unknown> | null {
  const entry = map.get(id);
  if (entry instanceof Y.Map) return entry as Y.Map<unknown>;
  if (!create) return null;
  const fresh = new Y.Map<unknown>();
  map.doc!.transact(() => {
    fresh.set('answer', '');
    fresh.set('moments', new Y.Map());
    map.set(id, fresh);
  });
  return fresh;
}

/** Every question in order, answered or not; anything written badly reads as empty. */
export function readCoreReflection(map: Y.Map<unknown>): CoreAnswerView[] {
  return coreQuestionIds.map((questionId) => {
    const entry = entryOf(map, questionId, false);
    const answer = entry?.get('answer');
    const moments = entry?.get('moments');
    const list = moments instanceof Y.Map ? readEntries(moments as Y.Map<Y.Map<unknown>>, coreMomentSchema) : [];
    list.sort((a, b) => a.at - b.at || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return { questionId, answer: typeof answer === 'string' ? answer.slice(0, maxText) : '', moments: list };
  });
}

export function setCoreAnswer(map: Y.Map<unknown>, questionId: CoreQuestionId, answer: string): void {
  entryOf(map, questionId, true)!.set('answer', answer.slice(0, maxText));
}

/** A moment of the recording that shows the answer ("fragment"), at a time code. */
export function addCoreMoment(map: Y.Map<unknown>, questionId: CoreQuestionId, input: { at: number; text: string; mediaId?: string | null }): string {
  const entry = entryOf(map, questionId, true)!;
  const id = newEntryId();
  map.doc!.transact(() => {
    let moments = entry.get('moments');
    if (!(moments instanceof Y.Map)) {
      moments = new Y.Map();
      entry.set('moments', moments);
    }
    const item = new Y.Map<unknown>();
    item.set('at', Math.max(0, input.at));
    item.set('mediaId', input.mediaId ?? null);
    item.set('text', input.text.slice(0, 4_000));
    item.set('createdAt', Date.now());
    (moments as Y.Map<Y.Map<unknown>>).set(id, item);
  });
  return id;
}

export function removeCoreMoment(map: Y.Map<unknown>, questionId: CoreQuestionId, id: string): void {
  const moments = entryOf(map, questionId, false)?.get('moments');
  if (moments instanceof Y.Map) moments.delete(id);
}

/** Whether anything has been written: an untouched reflection is not exported. */
export function hasCoreReflection(view: readonly CoreAnswerView[]): boolean {
  return view.some((a) => a.answer.trim() !== '' || a.moments.length > 0);
}


