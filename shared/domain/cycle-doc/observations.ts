import * as Y from 'yjs';
import { z } from 'zod';
import { normaliseObservationKind, observationKinds, valences } from '../../kijkwijzer/analysis.ts';
import { themeIds } from '../../kijkwijzer/themes.ts';
import { entryMap, newEntryId, patchEntry, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';

/** An observation tied to a moment (or a range) of a recording. Times in seconds. */
export const observationSchema = z.object({
  id: z.string(),
  mediaId: z.string().nullable().default(null),
  start: z.number().min(0),
  end: z.number().min(0).nullable().default(null),
  author: z.string(),
  authorName: z.string().default(''),
  themes: z.array(z.enum(themeIds)).default([]),
  kind: z.enum(observationKinds).default('observation'),
  valence: z.enum(valences).default('neutral'),
  text: z.string().max(10_000).default(''),
  createdAt: z.number(),
  /** Where a published or adopted observation came from: analyst layer and original id. */
  origin: z.object({ layer: z.string(), id: z.string() }).nullable().default(null),
  replies: z
    .array(z.object({ id: z.string(), author: z.string(), authorName: z.string(), text: z.string().max(4_000), at: z.number() }))
    .default([]),
});
export type Observation = z.infer<typeof observationSchema>;

export type ObservationInput = Pick<Observation, 'start' | 'themes' | 'kind' | 'valence' | 'text'> &
  Partial<Pick<Observation, 'end' | 'mediaId' | 'origin'>> & { author: string; authorName: string };

/** The observations collection of a document: the shared list, or a private layer. */
export function observationsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return entryMap(doc, docKeys.observations);
}

/** In time order (the method reads a conversation from start to end), positives first at a tie. */
export function listObservations(map: Y.Map<Y.Map<unknown>>): Observation[] {
  const rank = { positive: 0, neutral: 1, concern: 2 } as const;
  return readEntries(map, observationSchema).map(normaliseObservationKind).sort(
    (a, b) => a.start - b.start || rank[a.valence] - rank[b.valence] || a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  );
}

export function addObservation(map: Y.Map<Y.Map<unknown>>, input: ObservationInput, id = newEntryId()): string {
  const end = input.end !== undefined && input.end !== null && input.end > input.start ? input.end : null;
  map.doc!.transact(() => {
    putEntry(map, id, { ...input, end, mediaId: input.mediaId ?? null, origin: input.origin ?? null, createdAt: Date.now() });
    (map.get(id) as Y.Map<unknown>).set('replies', new Y.Array());
  });
  return id;
}

export function updateObservation(
  map: Y.Map<Y.Map<unknown>>,
  id: string,
  patch: Partial<Pick<Observation, 'start' | 'end' | 'themes' | 'kind' | 'valence' | 'text'>>,
): boolean {
  return patchEntry(map, id, patch);
}

export function deleteObservation(map: Y.Map<Y.Map<unknown>>, id: string): void {
  map.delete(id);
}

export function addReply(map: Y.Map<Y.Map<unknown>>, id: string, reply: { author: string; authorName: string; text: string }): boolean {
  const entry = map.get(id);
  const replies = entry?.get('replies');
  if (!(replies instanceof Y.Array)) return false;
  replies.push([{ id: newEntryId(), ...reply, at: Date.now() }]);
  return true;
}

/** Copies observations into another collection (publish, "neem over"), skipping ones already there. */
export function copyObservations(from: Observation[], to: Y.Map<Y.Map<unknown>>, layer: string): number {
  const present = new Set(listObservations(to).map((o) => o.origin?.id ?? o.id));
  let copied = 0;
  to.doc!.transact(() => {
    for (const o of from) {
      const originId = o.origin?.id ?? o.id;
      if (present.has(originId)) continue;
      const { id: _id, replies: _replies, createdAt: _createdAt, ...rest } = o;
      addObservation(to, { ...rest, origin: { layer: o.origin?.layer ?? layer, id: originId } });
      copied++;
    }
  });
  return copied;
}

/** One analyst's published observations inside the shared document (input for "Vergelijk"). */
export function publishedOf(doc: Y.Doc, userId: string): Y.Map<Y.Map<unknown>> {
  const all = doc.getMap<Y.Map<Y.Map<unknown>>>(docKeys.published);
  let mine = all.get(userId);
  if (!(mine instanceof Y.Map)) {
    mine = new Y.Map<Y.Map<unknown>>();
    all.set(userId, mine);
  }
  return mine;
}

/** Every analyst's published observations, by user id. */
export function listPublished(doc: Y.Doc): Map<string, Observation[]> {
  const out = new Map<string, Observation[]>();
  doc.getMap<Y.Map<Y.Map<unknown>>>(docKeys.published).forEach((layer, userId) => {
    if (layer instanceof Y.Map) out.set(userId, listObservations(layer));
  });
  return out;
}
