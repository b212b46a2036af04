import type * as Y from 'yjs';
import { z } from 'zod';
import { entryMap, newEntryId, patchEntry, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';

/** A named time range of a recording: "terugkijken fragment 6:00–6:30". */
export const fragmentSchema = z.object({
  id: z.string(),
  mediaId: z.string().nullable().default(null),
  start: z.number().min(0),
  end: z.number().min(0),
  label: z.string().max(200).default(''),
  theme: z.string().nullable().default(null),
  createdBy: z.string().default(''),
  createdAt: z.number().default(0),
});
export type Fragment = z.infer<typeof fragmentSchema>;

export function fragmentsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return entryMap(doc, docKeys.fragments);
}

export function listFragments(map: Y.Map<Y.Map<unknown>>): Fragment[] {
  return readEntries(map, fragmentSchema)
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

export function addFragment(
  map: Y.Map<Y.Map<unknown>>,
  input: { mediaId: string | null; start: number; end: number; label: string; theme?: string | null; createdBy: string },
): string {
  const [start, end] = input.start <= input.end ? [input.start, input.end] : [input.end, input.start];
  const id = newEntryId();
  putEntry(map, id, { ...input, start, end, theme: input.theme ?? null, createdAt: Date.now() });
  return id;
}

/**
 * Changes a fragment (FRAGMENT-2). A range is kept valid as a whole: a patch whose end would not
 * lie after its start (also together with the stored other half) changes nothing.
 */
export function updateFragment(
  map: Y.Map<Y.Map<unknown>>,
  id: string,
  patch: Partial<Pick<Fragment, 'mediaId' | 'start' | 'end' | 'label' | 'theme'>>,
): boolean {
  const entry = map.get(id);
  if (entry === undefined) return false;
  const start = patch.start ?? (entry.get('start') as number);
  const end = patch.end ?? (entry.get('end') as number);
  if (!(typeof start === 'number' && typeof end === 'number' && start >= 0 && end > start)) return false;
  let ok = false;
  map.doc!.transact(() => {
    ok = patchEntry(map, id, patch);
  });
  return ok;
}

export function deleteFragment(map: Y.Map<Y.Map<unknown>>, id: string): void {
  map.delete(id);
}

/** "06:00–06:30": minutes and seconds, as the method writes fragment references. */
export function formatRange(start: number, end: number): string {
  return `${formatTime(start)}–${formatTime(end)}`;
}

export function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
