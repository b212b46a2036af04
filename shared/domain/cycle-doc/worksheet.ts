import * as Y from 'yjs';
import { z } from 'zod';
import { watchWithIds, worksheetFields, type WatchWithId, type Worksheet } from '../../kijkwijzer/reflection.ts';
import { themeIds, type ThemeId } from '../../kijkwijzer/themes.ts';
import { newEntryId, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';

/**
 * The self-analysis werkblad (Kijkwijzer, "Werkblad") in the klantmanager's own private layer:
 * with whom I watch, one to three themes, and per theme what I wonder, what I see (with time
 * codes) and what I will do differently. Layout inside `docKeys.worksheet`:
 *
 *   watchWith: string[]           watchWithOther: string
 *   entries: Map<themeId, Map{ order, wonder, change, seen: Map<id, Map{ mediaId, at, end, text, createdAt }> }>
 *
 * Entries are keyed by theme, so a theme can only be on the sheet once; each field is its own key,
 * so two tabs editing different fields both keep their edit.
 */
export const worksheetSightingSchema = z.object({
  id: z.string(),
  /** The recording file the time code is on (TIMECODE-1); null: not assigned. */
  mediaId: z.string().nullable().default(null),
  at: z.number().min(0),
  end: z.number().min(0).nullable().default(null),
  text: z.string().max(4_000).default(''),
  createdAt: z.number().default(0),
});
export type WorksheetSightingEntry = z.infer<typeof worksheetSightingSchema>;

export interface WorksheetEntryView {
  readonly themeId: ThemeId;
  readonly wonder: string;
  readonly change: string;
  /** In time order. */
  readonly seen: readonly WorksheetSightingEntry[];
}

/** What the screen reads; structurally a `Worksheet`, so `validateWorksheet` applies as is. */
export interface WorksheetView {
  readonly watchWith: readonly WatchWithId[];
  readonly watchWithOther: string;
  readonly entries: readonly WorksheetEntryView[];
}

const maxText = 10_000;

export function worksheetOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docKeys.worksheet);
}

function entriesOf(ws: Y.Map<unknown>, create: boolean): Y.Map<Y.Map<unknown>> | null {
  const entries = ws.get('entries');
  if (entries instanceof Y.Map) return entries as Y.Map<Y.Map<unknown>>;
  if (!create) return null;
  const fresh = new Y.Map<Y.Map<unknown>>();
  ws.set('entries', fresh);
  return fresh;
}

const isThemeId = (v: string): v is ThemeId => (themeIds as readonly string[]).includes(v);
const isWatchWith = (v: unknown): v is WatchWithId => typeof v === 'string' && (watchWithIds as readonly string[]).includes(v);
const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, maxText) : '');

/** Reads the sheet; anything a peer wrote badly is left out rather than failing the screen. */
export function readWorksheet(ws: Y.Map<unknown>): WorksheetView {
  const rawWith = ws.get('watchWith');
  const watchWith = Array.isArray(rawWith) ? watchWithIds.filter((id) => rawWith.some((v: unknown) => v === id && isWatchWith(v))) : [];
  const entries: (WorksheetEntryView & { order: number })[] = [];
  entriesOf(ws, false)?.forEach((entry, themeId) => {
    if (!(entry instanceof Y.Map) || !isThemeId(themeId)) return;
    const seenMap = entry.get('seen');
    const seen = seenMap instanceof Y.Map ? readEntries(seenMap as Y.Map<Y.Map<unknown>>, worksheetSightingSchema) : [];
    seen.sort((a, b) => a.at - b.at || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const order = entry.get('order');
    entries.push({ themeId, wonder: str(entry.get('wonder')), change: str(entry.get('change')), seen, order: typeof order === 'number' ? order : 0 });
  });
  entries.sort((a, b) => a.order - b.order || a.themeId.localeCompare(b.themeId));
  return { watchWith, watchWithOther: str(ws.get('watchWithOther')), entries: entries.map(({ order: _order, ...e }) => e) };
}

/** The sheet as the Kijkwijzer's `Worksheet` type, for `validateWorksheet`. */
export function asWorksheet(view: WorksheetView): Worksheet {
  return {
    watchWith: view.watchWith,
    ...(view.watchWithOther.trim() ? { watchWithOther: view.watchWithOther } : {}),
    entries: view.entries.map((e) => ({
      themeId: e.themeId,
      wonder: e.wonder,
      change: e.change,
      seen: e.seen.map((s) => ({ at: s.at, ...(s.end !== null ? { end: s.end } : {}), text: s.text })),
    })),
  };
}

export function setWatchWith(ws: Y.Map<unknown>, ids: readonly WatchWithId[], other?: string): void {
  ws.doc!.transact(() => {
    ws.set('watchWith', watchWithIds.filter((id) => ids.includes(id)));
    if (other !== undefined) ws.set('watchWithOther', other.slice(0, 200));
  });
}

/** Puts a theme on the sheet; false when it is already there or the sheet holds the maximum (3). */
export function addFocusTheme(ws: Y.Map<unknown>, themeId: ThemeId): boolean {
  const current = readWorksheet(ws).entries;
  if (current.some((e) => e.themeId === themeId) || current.length >= worksheetFields.focusThemes.max) return false;
  // After every theme already there (chosen order is reading order), also across tabs.
  let order = 0;
  entriesOf(ws, false)?.forEach((e) => {
    const o = e instanceof Y.Map ? e.get('order') : undefined;
    if (typeof o === 'number' && o >= order) order = o + 1;
  });
  ws.doc!.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('order', order);
    entry.set('wonder', '');
    entry.set('change', '');
    entry.set('seen', new Y.Map());
    entriesOf(ws, true)!.set(themeId, entry);
  });
  return true;
}

export function removeFocusTheme(ws: Y.Map<unknown>, themeId: ThemeId): void {
  entriesOf(ws, false)?.delete(themeId);
}

export function setEntryText(ws: Y.Map<unknown>, themeId: ThemeId, field: 'wonder' | 'change', text: string): boolean {
  const entry = entriesOf(ws, false)?.get(themeId);
  if (!(entry instanceof Y.Map)) return false;
  entry.set(field, text.slice(0, maxText));
  return true;
}

function seenOf(ws: Y.Map<unknown>, themeId: ThemeId): Y.Map<Y.Map<unknown>> | null {
  const entry = entriesOf(ws, false)?.get(themeId);
  const seen = entry instanceof Y.Map ? entry.get('seen') : undefined;
  return seen instanceof Y.Map ? (seen as Y.Map<Y.Map<unknown>>) : null;
}

/** "Wat ik zie": a sighting at a time code (or range); returns its id, or null without that theme. */
export function addSighting(ws: Y.Map<unknown>, themeId: ThemeId, input: { at: number; end?: number | null; text: string; mediaId?: string | null }): string | null {
  const seen = seenOf(ws, themeId);
  if (seen === null) return null;
  const id = newEntryId();
  const at = Math.max(0, input.at);
  const end = input.end !== undefined && input.end !== null && input.end > at ? input.end : null;
  ws.doc!.transact(() => {
    const item = new Y.Map<unknown>();
    item.set('mediaId', input.mediaId ?? null);
    item.set('at', at);
    item.set('end', end);
    item.set('text', input.text.slice(0, 4_000));
    item.set('createdAt', Date.now());
    seen.set(id, item);
  });
  return id;
}

export function updateSighting(ws: Y.Map<unknown>, themeId: ThemeId, id: string, patch: { at?: number; text?: string }): boolean {
  const item = seenOf(ws, themeId)?.get(id);
  if (!(item instanceof Y.Map)) return false;
  ws.doc!.transact(() => {
    if (patch.at !== undefined && Number.isFinite(patch.at)) item.set('at', Math.max(0, patch.at));
    if (patch.text !== undefined) item.set('text', patch.text.slice(0, 4_000));
  });
  return true;
}

export function removeSighting(ws: Y.Map<unknown>, themeId: ThemeId, id: string): void {
  seenOf(ws, themeId)?.delete(id);
}
