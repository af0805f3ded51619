/**
 * The last guard against two tabs overwriting each other: a save writes a scenario only at the
 * record revision its edits began on. When another tab saved it meanwhile (possible only when a
 * frozen tab's lock was taken, or without Web Locks), the stored version stays and this tab's is
 * saved beside it as a conflict copy; the library here follows, and the user is told.
 */
import { MAX_SCENARIO_NAME, newScenarioId, type ScenarioEntry, type ScenarioLibrary } from '../../domain/scenarioLibrary';
import type { SaveResult } from '../../io/autosave';
import { useAppStore } from '../state/appStore';
import { installLibrary, type LibraryCore } from './libraryCore';

const CONFLICT_SUFFIX = ' · 冲突副本 conflict copy';

/** The id and name of the copy that keeps this tab's version of a scenario another tab saved meanwhile (saveChanges asks for it). */
export function conflictCopy(entry: ScenarioEntry): { id: string; name: string } {
  const base = entry.name ?? entry.meta?.name_zh ?? entry.id;
  return { id: newScenarioId(), name: `${base.slice(0, MAX_SCENARIO_NAME - CONFLICT_SUFFIX.length)}${CONFLICT_SUFFIX}` };
}

/**
 * After a save that met conflicts: theirs in place, ours (with any edit made since the save began)
 * as the copy, current if the scenario was — the editor goes on with its own work under the copy's
 * name, its undo history too. `saved`: the library as the save wrote it.
 */
export function keepConflicts(core: LibraryCore, saved: ScenarioLibrary, conflicts: SaveResult['conflicts'], stamps: SaveResult['stamps']): void {
  const { libraryRef, stored, setError } = core;
  const { histories } = useAppStore.getState();
  const lib = libraryRef.current;
  if (!lib) return;
  let entries = [...lib.entries];
  let currentId = lib.currentId;
  // The editor goes on under the copy: its history moves with it.
  let history: ReturnType<typeof useAppStore.getState>['history'] | undefined;
  for (const c of conflicts) {
    const at = entries.findIndex((e) => e.id === c.id);
    if (at < 0) continue;
    const ours = entries[at]!;
    const savedOurs = saved.entries.find((e) => e.id === c.id);
    const copy: ScenarioEntry = { id: c.copyId, name: c.copyName, meta: ours.meta, sites: ours.sites };
    stored.saved.set(c.copyId, { list: savedOurs?.sites ?? [], meta: savedOurs?.meta ?? null, rev: stamps.get(c.copyId)?.rev ?? 1 });
    // Edits made while the save ran are the copy's, not yet on disk.
    if (savedOurs && ours.sites !== savedOurs.sites) stored.dirty.add(c.copyId);
    stored.dirty.delete(c.id);
    if (c.theirs) {
      stored.saved.set(c.id, { list: c.theirs.sites, meta: c.theirs.meta, rev: c.theirs.stamp.rev });
      entries[at] = { id: c.id, name: ours.name, meta: c.theirs.meta, sites: c.theirs.sites };
    } else {
      stored.unreadable.add(c.id);
      entries = entries.filter((e) => e.id !== c.id);
    }
    entries.splice(entries.findIndex((e) => e.id === c.id) + 1 || entries.length, 0, copy);
    if (currentId === c.id) {
      history = useAppStore.getState().history;
      histories.delete(c.id);
      currentId = c.copyId;
    }
    setError({
      file: 'IndexedDB',
      message: `scenario "${c.copyName.replace(CONFLICT_SUFFIX, '')}" was saved by another tab while this tab had unsaved edits of it: those are kept as "${c.copyName}"`,
    });
  }
  installLibrary({ entries, currentId }, history);
}
