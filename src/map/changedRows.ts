/**
 * Which rows of a layer's data changed, for deck.gl's `_dataDiff`: a drag replaces one site object
 * in a list of thousands, and without a diff deck.gl recomputes every row's attributes (positions,
 * radii, colours) on every step. Rows are compared by identity — sites are immutable values, so an
 * unchanged site is the same object.
 */
export interface RowRange {
  startRow: number;
  endRow: number;
}

/** Beyond this many changed rows a full update is as cheap. */
const MAX_RANGES = 64;

/**
 * The changed row ranges from `prev` to `next`, or null for "update everything" (no previous list,
 * another length, or many changes).
 */
export function changedRows<T>(prev: readonly T[] | null, next: readonly T[], same: (a: T, b: T) => boolean = Object.is): RowRange[] | null {
  if (prev === null || prev.length !== next.length) return null;
  const ranges: RowRange[] = [];
  for (let i = 0; i < next.length; i++) {
    if (same(prev[i]!, next[i]!)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last.endRow === i) last.endRow = i + 1;
    else {
      if (ranges.length === MAX_RANGES) return null;
      ranges.push({ startRow: i, endRow: i + 1 });
    }
  }
  return ranges;
}
