/**
 * A filtered list kept in step with its source: when the source is the previous one with a few
 * slots replaced (a drag step, a property edit — the editor never changes a list in place), the
 * previous result is patched at those slots instead of filtering every element again. With 200,000
 * sites, five filters a drag step cost tens of milliseconds; a patch costs a pass of pointer
 * comparisons. The result is always what `source.filter(keep)` gives (or `source` itself when
 * every element is kept), so deck.gl's row diff sees the same lists either way.
 */
export class IncrementalFilter<T> {
  private last: { source: readonly T[]; out: readonly T[]; key: unknown } | null = null;

  /**
   * `key` names the predicate: another key (another view box, another layer) filters afresh.
   * @param maxChanges above this many replaced slots the whole list is filtered again.
   */
  apply(source: readonly T[], keep: (item: T) => boolean, key: unknown, maxChanges = 32): readonly T[] {
    const last = this.last;
    const patched = last && Object.is(last.key, key) ? patchFiltered(last.source, last.out, source, keep, maxChanges) : null;
    const out = patched ?? filterAll(source, keep);
    this.last = { source, out, key };
    return out;
  }
}

/** `source.filter(keep)`, or `source` itself when all are kept. */
export function filterAll<T>(source: readonly T[], keep: (item: T) => boolean): readonly T[] {
  const out = source.filter(keep);
  return out.length === source.length ? source : out;
}

/**
 * The filtered list of `source` made from `prevOut` (the filtered `prevSource`), when the two
 * sources differ in at most `maxChanges` slots; null when they differ more (filter afresh).
 */
export function patchFiltered<T>(prevSource: readonly T[], prevOut: readonly T[], source: readonly T[], keep: (item: T) => boolean, maxChanges: number): readonly T[] | null {
  if (prevSource.length !== source.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === prevSource[i]) continue;
    changed.push(i);
    if (changed.length > maxChanges) return null;
  }
  if (changed.length === 0) return prevOut === prevSource ? source : prevOut;
  if (prevOut === prevSource) return changed.every((i) => keep(source[i]!)) ? source : null;
  const out = prevOut.slice();
  // In slot order: an earlier changed slot is already in `out` in its new form when a later one looks back.
  for (const i of changed) {
    const next = source[i]!;
    const at = out.indexOf(prevSource[i]!);
    const kept = keep(next);
    if (at >= 0) {
      if (kept) out[at] = next;
      else out.splice(at, 1);
    } else if (kept) {
      let j = i - 1;
      while (j >= 0 && !keep(source[j]!)) j--;
      out.splice(j < 0 ? 0 : out.indexOf(source[j]!) + 1, 0, next);
    }
  }
  return out.length === source.length ? source : out;
}

/**
 * A sum over a list kept in step the same way: when the list is the previous one with a few slots
 * replaced, the total is corrected by those slots' old and new values. Every `refreshEvery` patches
 * it is summed afresh, so rounding of non-integer values cannot drift.
 */
export class IncrementalSum<T> {
  private last: { list: readonly T[]; total: number; patches: number } | null = null;

  constructor(private readonly refreshEvery = 1_000) {}

  apply(list: readonly T[], valueOf: (item: T) => number, maxChanges = 32): number {
    const last = this.last;
    let total: number | null = null;
    let patches = 0;
    if (last && last.list !== list && last.list.length === list.length && last.patches < this.refreshEvery) {
      total = last.total;
      let changed = 0;
      for (let i = 0; i < list.length && total !== null; i++) {
        if (list[i] === last.list[i]) continue;
        if (++changed > maxChanges) total = null;
        else total += valueOf(list[i]!) - valueOf(last.list[i]!);
      }
      patches = last.patches + 1;
    } else if (last && last.list === list) {
      return last.total; // the same array: asked again in one evaluation (lists are never changed in place)
    }
    if (total === null) {
      total = 0;
      for (const item of list) total += valueOf(item);
      patches = 0;
    }
    this.last = { list, total, patches };
    return total;
  }
}
