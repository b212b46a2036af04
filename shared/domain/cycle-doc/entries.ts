import * as Y from 'yjs';
import type { z } from 'zod';

/**
 * Helpers for "map of entries" collections: a Y.Map<id, Y.Map<field, value>>. Each field is its
 * own key, so concurrent edits of different fields of one entry both survive.
 */
export type EntryMap = Y.Map<Y.Map<unknown>>;

export function entryMap(doc: Y.Doc, key: string): EntryMap {
  return doc.getMap<Y.Map<unknown>>(key);
}

export function newEntryId(): string {
  // crypto.randomUUID exists in browsers and Node ≥ 19 alike.
  return globalThis.crypto.randomUUID();
}

/** Reads every entry that validates against `schema`; entries a peer wrote badly are skipped. */
export function readEntries<S extends z.ZodType>(map: Y.Map<Y.Map<unknown>>, schema: S): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  map.forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) return;
    const parsed = schema.safeParse({ ...entry.toJSON(), id });
    if (parsed.success) out.push(parsed.data);
  });
  return out;
}

/** Creates an entry with the given fields inside one transaction. */
export function putEntry(map: Y.Map<Y.Map<unknown>>, id: string, fields: Record<string, unknown>): void {
  const entry = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && k !== 'id') entry.set(k, v);
  map.set(id, entry);
}

/** Sets changed fields of an existing entry; returns false when there is no such entry. */
export function patchEntry(map: Y.Map<Y.Map<unknown>>, id: string, patch: Record<string, unknown>): boolean {
  const entry = map.get(id);
  if (!(entry instanceof Y.Map)) return false;
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'id' || v === undefined) continue;
    if (JSON.stringify(entry.get(k)) !== JSON.stringify(v)) entry.set(k, v);
  }
  return true;
}
