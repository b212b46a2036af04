import type { ThemeId } from '../../kijkwijzer/themes.ts';
import type { Observation } from './observations.ts';
import { sameRecording } from './recording-refs.ts';

/**
 * "Vergelijk": where do two or more analysts agree? Two observations of different analysts
 * *overlap* when their moments lie within `toleranceSec` of each other and they share a theme.
 * Only moments of the same recording file can overlap (TIMECODE-2): 1:00 in video 1 and 1:01 in
 * video 2 are different moments. Overlapping observations are clustered (transitively), so three analysts seeing one moment form
 * one cluster.
 */
export interface CompareInput {
  analyst: string;
  observation: Observation;
}

export interface Cluster {
  /** The recording file all members belong to (null: unassigned). */
  mediaId: string | null;
  start: number;
  end: number;
  themes: ThemeId[];
  members: CompareInput[];
  analysts: string[];
}

export interface ThemeAgreement {
  theme: ThemeId;
  /** Observations with this theme, per analyst. */
  counts: Record<string, number>;
  total: number;
  /** Of those, how many have a counterpart with the same theme from another analyst. */
  matched: number;
  /** matched / total, or null when nobody used the theme. */
  agreement: number | null;
}

export interface Comparison {
  clusters: Cluster[];
  /** Clusters seen by more than one analyst. */
  overlaps: Cluster[];
  /** Observations only one analyst made (no overlapping counterpart). */
  singles: CompareInput[];
  themes: ThemeAgreement[];
}

function gap(a: Observation, b: Observation): number {
  const aEnd = a.end ?? a.start;
  const bEnd = b.end ?? b.start;
  return Math.max(0, Math.max(a.start, b.start) - Math.min(aEnd, bEnd));
}

function shareTheme(a: Observation, b: Observation, theme?: ThemeId): boolean {
  if (theme) return a.themes.includes(theme) && b.themes.includes(theme);
  return a.themes.some((t) => b.themes.includes(t));
}

export function overlaps(a: CompareInput, b: CompareInput, toleranceSec: number, theme?: ThemeId): boolean {
  return a.analyst !== b.analyst && sameRecording(a.observation.mediaId, b.observation.mediaId) && gap(a.observation, b.observation) <= toleranceSec && shareTheme(a.observation, b.observation, theme);
}

export function compareAnalyses(inputs: CompareInput[], toleranceSec = 5): Comparison {
  const n = inputs.length;
  const parent = inputs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const hasCounterpart = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!overlaps(inputs[i]!, inputs[j]!, toleranceSec)) continue;
      parent[find(i)] = find(j);
      hasCounterpart[i] = hasCounterpart[j] = true;
    }
  }
  const groups = new Map<number, CompareInput[]>();
  inputs.forEach((inp, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), inp]);
  });
  const clusters: Cluster[] = [...groups.values()]
    .map((members) => ({
      members,
      mediaId: members[0]!.observation.mediaId,
      start: Math.min(...members.map((m) => m.observation.start)),
      end: Math.max(...members.map((m) => m.observation.end ?? m.observation.start)),
      themes: [...new Set(members.flatMap((m) => m.observation.themes))].sort() as ThemeId[],
      analysts: [...new Set(members.map((m) => m.analyst))].sort(),
    }))
    .sort((a, b) => a.start - b.start);

  const themeSet = [...new Set(inputs.flatMap((i) => i.observation.themes))].sort() as ThemeId[];
  const analysts = [...new Set(inputs.map((i) => i.analyst))].sort();
  const themes: ThemeAgreement[] = themeSet.map((theme) => {
    const withTheme = inputs.filter((i) => i.observation.themes.includes(theme));
    const matched = withTheme.filter((a) => withTheme.some((b) => overlaps(a, b, toleranceSec, theme))).length;
    const counts = Object.fromEntries(analysts.map((a) => [a, withTheme.filter((i) => i.analyst === a).length]));
    return { theme, counts, total: withTheme.length, matched, agreement: withTheme.length ? matched / withTheme.length : null };
  });

  return {
    clusters,
    overlaps: clusters.filter((c) => c.analysts.length > 1),
    singles: inputs.filter((_, i) => !hasCounterpart[i]),
    themes,
  };
}
