/**
 * Fractional ordering: items carry a numeric `order`; moving an item sets its order between its
 * new neighbours. Concurrent moves of different items never conflict, and concurrent moves of
 * one item resolve last-writer-wins — unlike delete+insert in a Y.Array, which would duplicate
 * or drop the item.
 */
export function orderBetween(before: number | null, after: number | null): number {
  if (before === null && after === null) return 1;
  if (before === null) return after! - 1;
  if (after === null) return before + 1;
  return (before + after) / 2;
}

/** Sorts by order, then id, so every replica shows the same sequence even on equal orders. */
export function byOrder<T extends { order: number; id: string }>(a: T, b: T): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
