/**
 * Pure helpers of the analysis screens: filtering, time codes, timeline markers and whether an
 * observation is already in the shared list. No React, no documents: easy to reason about.
 */
import { formatRange, formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import type { ObservationKind } from '../../../shared/kijkwijzer/analysis.ts';
import { findTheme, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import type { TimelineMarker } from '../../player/Timeline.tsx';
import { parseTimeCode } from '../../../shared/transcript/time.ts';

export interface ObservationFilter {
  theme: ThemeId | '';
  author: string;
  kind: ObservationKind | '';
}

export const noFilter: ObservationFilter = { theme: '', author: '', kind: '' };

export function applyFilter(list: readonly Observation[], f: ObservationFilter): Observation[] {
  return list.filter((o) => (f.theme === '' || o.themes.includes(f.theme)) && (f.author === '' || o.author === f.author) && (f.kind === '' || o.kind === f.kind));
}

export function isFiltered(f: ObservationFilter): boolean {
  return f.theme !== '' || f.author !== '' || f.kind !== '';
}

/** Everyone who wrote one of these, by name, for the author filter. */
export function authorsOf(list: readonly Observation[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const o of list) if (!seen.has(o.author)) seen.set(o.author, o.authorName || o.author);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * Reads a time code as people write it: "6:30", "06:30", "1:02:03", "06.11" (6 min 11 s, as the
 * method's transcripts write it), "95" or "95,5" (seconds). Null for anything else, so a form can
 * say the time code is wrong instead of guessing. One parser with the transcript import.
 */
export const parseTimecode = parseTimeCode;

export function timeLabel(o: Pick<Observation, 'start' | 'end'>): string {
  return o.end !== null && o.end > o.start ? formatRange(o.start, o.end) : formatTime(o.start);
}

const neutralColor = '#5b6673';

export function themeColor(themes: readonly ThemeId[]): string {
  return (themes[0] ? findTheme(themes[0])?.color : undefined) ?? neutralColor;
}

/** Markers for the room's timeline; only observations on the file being watched (or on none). */
export function observationMarkers(list: readonly Observation[], mediaId: string | null, prefix: string, fallbackLabel: string): TimelineMarker[] {
  return list
    .filter((o) => o.mediaId === null || mediaId === null || o.mediaId === mediaId)
    .map((o) => ({
      id: `${prefix}-${o.id}`,
      kind: 'observation' as const,
      start: o.start,
      end: o.end,
      color: themeColor(o.themes),
      label: `${timeLabel(o)} ${o.text || fallbackLabel}`,
    }));
}

/** The id an observation has in its author's layer: published and adopted copies keep it as origin. */
export function originId(o: Observation): string {
  return o.origin?.id ?? o.id;
}

/** Whether the shared list already holds this observation (taken over earlier, "neem over"). */
export function adoptedIds(shared: readonly Observation[]): ReadonlySet<string> {
  return new Set(shared.map(originId));
}

/** Observations of my layer that the shared cycle does not have yet (new since publishing). */
export function unpublished(layer: readonly Observation[], published: readonly Observation[]): Observation[] {
  const there = new Set(published.map(originId));
  return layer.filter((o) => !there.has(o.id));
}
