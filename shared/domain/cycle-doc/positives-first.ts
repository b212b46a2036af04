import { valences, type Valence } from '../../kijkwijzer/analysis.ts';

/**
 * "Eerst de positieve momenten, acties en intenties benoemen en bevragen, en daarna stilstaan bij
 * mogelijk onbedoelde gevolgen van het eigen handelen" (`000_*`, analysis and reflection
 * questions; the Kijkwijzer in `003_*` alike). Wherever the method reads observations out — the
 * agenda's sources, the export — what goes well comes first, then what stands out, then possible
 * unintended effects; within each, the recordings in order and the conversation from start to
 * end (POSITIVE-1). Writing one's own layer stays in time order: that is watching, not reporting.
 */
export interface Valued {
  readonly id: string;
  readonly valence: Valence;
  readonly mediaId: string | null;
  readonly start: number;
  readonly createdAt?: number;
}

export function valenceRank(v: Valence): number {
  return valences.indexOf(v);
}

/** Sorted copy; `mediaOrder` lists the files in recording order (unknown and unassigned last). */
export function positivesFirst<T extends Valued>(items: readonly T[], mediaOrder: readonly string[] = []): T[] {
  const rankMedia = (id: string | null): number => {
    const i = id === null ? -1 : mediaOrder.indexOf(id);
    return i === -1 ? mediaOrder.length : i;
  };
  return [...items].sort(
    (a, b) =>
      valenceRank(a.valence) - valenceRank(b.valence) ||
      rankMedia(a.mediaId) - rankMedia(b.mediaId) ||
      a.start - b.start ||
      (a.createdAt ?? 0) - (b.createdAt ?? 0) ||
      a.id.localeCompare(b.id),
  );
}
