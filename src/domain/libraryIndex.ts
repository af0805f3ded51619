/**
 * The scenario list (ids, names, order) as several tabs change it at once.
 *
 * Why operations and not whole lists: two tabs each hold a copy of the list; if each saved its whole
 * copy, the last save would drop a scenario the other tab had just created (or bring back one it had
 * deleted). So a tab saves what it changed since it last read the stored list — added, removed,
 * renamed — and these changes are applied to the list as stored now. Pure: used by the IndexedDB
 * store, the edit journal and the tests alike.
 */

export interface IndexEntry {
  id: string;
  name: string | null;
}

export interface IndexOps {
  /** New scenarios, each placed after `after` (null: first) as the tab saw it. */
  added: { id: string; name: string | null; after: string | null }[];
  removed: string[];
  renamed: { id: string; name: string | null }[];
}

export const NO_INDEX_OPS: IndexOps = { added: [], removed: [], renamed: [] };

export function hasIndexOps(ops: IndexOps): boolean {
  return ops.added.length > 0 || ops.removed.length > 0 || ops.renamed.length > 0;
}

/** What a tab changed in the list, from `base` (the list it last read or saved) to `now` (on screen). */
export function indexOps(base: readonly IndexEntry[], now: readonly IndexEntry[]): IndexOps {
  const before = new Map(base.map((e) => [e.id, e.name]));
  const present = new Set(now.map((e) => e.id));
  const added: IndexOps['added'] = [];
  const renamed: IndexOps['renamed'] = [];
  now.forEach((e, i) => {
    if (!before.has(e.id)) added.push({ id: e.id, name: e.name, after: i === 0 ? null : now[i - 1]!.id });
    else if (before.get(e.id) !== e.name) renamed.push({ id: e.id, name: e.name });
  });
  const removed = base.filter((e) => !present.has(e.id)).map((e) => e.id);
  return { added, removed, renamed };
}

/**
 * The stored list with a tab's changes applied. A scenario the tab added goes after the one it
 * followed on that tab (at the end when that one is gone); a name another scenario took meanwhile
 * gets " (2)"; a rename of a scenario deleted meanwhile is dropped.
 */
export function applyIndexOps(stored: readonly IndexEntry[], ops: IndexOps): IndexEntry[] {
  const gone = new Set(ops.removed);
  const names = new Map(ops.renamed.map((r) => [r.id, r.name]));
  // Spread: a stored entry may carry more than id and name (its summary), kept as it is.
  const list: IndexEntry[] = stored.filter((e) => !gone.has(e.id)).map((e) => (names.has(e.id) ? { ...e, name: names.get(e.id)! } : e));
  for (const a of ops.added) {
    if (gone.has(a.id)) continue;
    const at = list.findIndex((e) => e.id === a.id);
    if (at >= 0) {
      list[at] = { ...list[at]!, name: a.name };
      continue;
    }
    const after = a.after === null ? -1 : list.findIndex((e) => e.id === a.after);
    const index = a.after === null ? 0 : after >= 0 ? after + 1 : list.length;
    list.splice(index, 0, { id: a.id, name: freeName(list, a.name) });
  }
  return list;
}

/** `name`, or `name (2)`, `name (3)`… — the first no other entry uses (any case). */
function freeName(list: readonly IndexEntry[], name: string | null): string | null {
  if (name === null) return null;
  const used = new Set(list.flatMap((e) => (e.name === null ? [] : [e.name.toLowerCase()])));
  if (!used.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!used.has(`${name} (${n})`.toLowerCase())) return `${name} (${n})`;
}

export function sameIndex(a: readonly IndexEntry[], b: readonly IndexEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e.id === b[i]!.id && e.name === b[i]!.name);
}
