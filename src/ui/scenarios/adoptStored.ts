/**
 * Taking the list (and records) as stored now — after this tab's own save, after another tab said
 * it saved, when this tab takes a scenario over — keeping this tab's own unsaved changes on top:
 * another tab's new, renamed and deleted scenarios and the scenarios it saved come in; a scenario
 * not read here stays unread (its summary follows the list).
 */
import { applyIndexOps, indexOps, type IndexEntry, type IndexOps } from '../../domain/libraryIndex';
import { currentEntry, isLoaded, type ScenarioEntry, type ScenarioLibrary } from '../../domain/scenarioLibrary';
import { readStored, type StoredIndexEntry, type StoredScenario } from '../../io/autosave';
import { createHistory } from '../../domain/history';
import { useAppStore } from '../state/appStore';
import { installLibrary, opsBase, type LibraryCore } from './libraryCore';

/**
 * `savedAs`: the list as this tab's save just wrote it (null: as last read); `takeHeld`: the
 * scenario this tab holds is taken as stored too (it was just handed over).
 */
export async function adoptStored(
  core: LibraryCore,
  entries: readonly StoredIndexEntry[],
  stored: readonly StoredScenario[],
  savedAs: readonly IndexEntry[] | null = null,
  takeHeld = false,
): Promise<void> {
  const { libraryRef, stored: book, held } = core;
  const known = libraryRef.current;
  if (!known) return;
  const records = new Map(stored.map((r) => [r.id, r]));
  // The scenario open here was deleted in another tab: open the first in the list that is read,
  // else read the first one now.
  const listed = new Set(entries.map((e) => e.id));
  const isMine = (id: string) => indexOps(savedAs ?? opsBase(book), known.entries).added.some((a) => a.id === id);
  if (!listed.has(known.currentId) && !isMine(known.currentId)) {
    const fallback = entries.find((e) => known.entries.find((k) => k.id === e.id)?.sites) ?? entries[0];
    if (fallback && !known.entries.find((k) => k.id === fallback.id)?.sites && !records.has(fallback.id)) {
      const r = await readStored([fallback.id]).catch(() => null);
      const rec = r?.scenarios[0];
      if (rec) records.set(rec.id, rec);
    }
  }
  const lib = libraryRef.current;
  if (!lib) return;
  // This tab's list changes not yet in `entries` (after a save: those made while it ran).
  const mine = indexOps(savedAs ?? opsBase(book), lib.entries);
  book.baseIndex = [...entries];
  book.storedAny = true;
  // This tab's unsaved edits, and the scenario it edits, stay as they are here.
  for (const id of [...records.keys()]) if (book.dirty.has(id) || (!takeHeld && id === held.current?.id)) records.delete(id);
  for (const r of records.values()) book.saved.set(r.id, { list: r.sites, meta: r.meta, rev: r.stamp.rev });
  const nextLib = mergeStored(lib, entries, mine, records, book.unreadable);
  if (!nextLib) return;
  if (nextLib.currentId === lib.currentId && records.has(nextLib.currentId)) {
    // Read-only here, changed by the tab editing it: show its version (no undo of another tab's work).
    const cur = currentEntry(nextLib);
    useAppStore.getState().histories.delete(nextLib.currentId);
    installLibrary(nextLib, createHistory({ meta: cur.meta, sites: cur.sites }));
  } else installLibrary(nextLib);
}

/** The stored list with this tab's changes (`mine`) on top, each entry from its record, this tab's copy or its summary; null when nothing changes. */
function mergeStored(
  lib: ScenarioLibrary,
  entries: readonly StoredIndexEntry[],
  mine: IndexOps,
  records: ReadonlyMap<string, StoredScenario>,
  unreadable: ReadonlySet<string>,
): ScenarioLibrary | null {
  const byId = new Map(lib.entries.map((e) => [e.id, e]));
  const next = applyIndexOps(entries, mine).flatMap((ie: StoredIndexEntry): ScenarioEntry[] => {
    if (unreadable.has(ie.id)) return [];
    const r = records.get(ie.id);
    if (r) return [{ id: ie.id, name: ie.name, meta: r.meta, sites: r.sites }];
    const e = byId.get(ie.id);
    if (e?.sites) return [e.name === ie.name ? e : { ...e, name: ie.name }];
    const summary = ie.count !== undefined ? { summary: { sites: ie.count, illustrative: ie.illustrative ?? false } } : e?.summary ? { summary: e.summary } : {};
    return [{ id: ie.id, name: ie.name, meta: ie.meta ?? e?.meta ?? null, sites: null, ...summary }];
  });
  if (next.length === 0) return null;
  const currentId = next.some((e) => e.id === lib.currentId) ? lib.currentId : (next.find(isLoaded) ?? next[0]!).id;
  const same =
    next.length === lib.entries.length &&
    next.every((e, i) => {
      const o = lib.entries[i]!;
      return e === o || (e.id === o.id && e.name === o.name && e.sites === o.sites && e.meta === o.meta && e.summary?.sites === o.summary?.sites);
    });
  if (same && currentId === lib.currentId) return null;
  return { entries: next, currentId };
}
