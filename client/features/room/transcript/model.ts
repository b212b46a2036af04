/** Pure helpers of the transcript panel: which line plays now, search, colours per speaker. */
import type { Cue } from '../../../../shared/transcript/types.ts';

/** The line being spoken at `ms` (the last one started), or -1 before the first. Binary search:
 * called every frame while playing. */
export function cueIndexAt(cues: readonly Cue[], ms: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Case- and accent-insensitive search in text and speaker. */
export function matchesSearch(cue: Cue, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query.trim());
  return q === '' || fold(cue.text).includes(q) || fold(cue.speaker ?? '').includes(q);
}

/** Colours for speakers, in order of talk time; the palette reaches 4.5:1 on white for text. */
const palette = ['#1f5fa8', '#a8421f', '#2f7d32', '#7b3fa0', '#8a6d00', '#00707a'];
export function speakerColor(index: number): string {
  return palette[index % palette.length]!;
}
