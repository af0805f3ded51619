/**
 * The named scenarios around the scenario being edited: the editor works on the current one; its
 * edits flow back into the library, which is saved to IndexedDB (only the changed scenario's record).
 * Each scenario keeps its own undo history for the session, so switching away and back loses no undo.
 * Tabs share the library: a scenario is edited in one tab at a time, saves merge the list, and each
 * tab adopts what the others saved.
 *
 * This hook holds the library and the panel's operations on it (switch, new, duplicate, rename,
 * delete, compare); each other job is a module of this folder, sharing one LibraryCore:
 * useLibraryStartup (first read, journals replayed: journalRecovery), useEditJournal (every change
 * journalled at once), useSaveQueue (debounced saves; conflictCopies, adoptStored), useUnsavedGuard
 * (page hidden or closed), useEditLock (one editing tab per scenario; other tabs' saves),
 * useScenarioReading (sites read on demand), useStorageUse (quota).
 */
import { useState } from 'react';
import {
  addScenario,
  deleteScenario,
  duplicateScenario,
  findEntry,
  isLoaded,
  newScenarioId,
  renameScenario,
  selectScenario,
  type LoadedEntry,
  type NameProblem,
  type ScenarioLibrary,
} from '../../domain/scenarioLibrary';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import type { DataError } from '../../io/loadGeodata';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { useAppStore } from '../state/appStore';
import { createLibraryCore, installLibrary } from './libraryCore';
import { useEditJournal, useJournalEveryChange } from './useEditJournal';
import { useEditLock, type EditMode } from './useEditLock';
import { useLibraryStartup } from './useLibraryStartup';
import { useSaveQueue } from './useSaveQueue';
import { useScenarioReading } from './useScenarioReading';
import { useStorageUse, type StorageUse } from './useStorageUse';
import { useUnsavedGuard } from './useUnsavedGuard';

export interface ScenarioLibraryControl {
  /** null until the saved library (or the sample) has been read. */
  library: ScenarioLibrary | null;
  /** The illustrative sample, for "back to the sample". */
  sample: ScenarioState | null;
  /** True once the sample's read has ended (a saved library can be in place before). */
  sampleSettled: boolean;
  error: DataError | null;
  setError: (error: DataError | null) => void;
  select: (id: string) => void;
  /** A new scenario (empty, or with the given sites) after the current one; it becomes current. */
  create: (name: string, content?: { meta: ScenarioMeta | null; sites: readonly Site[] }) => void;
  duplicate: (id: string, name: string) => void;
  rename: (id: string, name: string) => NameProblem | null;
  /** 'elsewhere': another tab edits it (it cannot be deleted from here). */
  remove: (id: string) => 'last' | 'elsewhere' | null;
  compareId: string | null;
  setCompareId: (id: string | null) => void;
  /** The compared scenario, once its sites are read. */
  compareEntry: LoadedEntry | null;
  /** Set at start when edits that had not reached IndexedDB were recovered from a journal. */
  recovered: { sites: number; scenarios: number } | null;
  /** Whether this tab may edit the current scenario (see tabCoordination.ts). */
  editMode: EditMode;
  /** Asks the tab editing the current scenario to let go; this tab then edits it. */
  takeOver: () => void;
  /** What this origin stores (null: the browser does not say). */
  storage: StorageUse | null;
  /** The last save was refused for lack of space (the work is in memory only). */
  storageFull: boolean;
  /** The scenario whose sites are being read (opened or compared for the first time). */
  reading: string | null;
}

export function useScenarioLibrary(): ScenarioLibraryControl {
  // The library and every scenario's history are in the app's store (src/ui/state/librarySlice.ts):
  // the current scenario's entry follows its settled history in the same update. A site being
  // dragged is journalled and saved once, when dropped (each drag step would otherwise diff and
  // write the scenario — at 200,000 sites, hundreds of milliseconds a step); a reload mid-drag finds
  // the site where the drag began. The app shell (which holds this hook) stays still during a drag.
  const library = useAppStore((s) => s.library);
  const [error, setError] = useState<DataError | null>(null);
  const [compareId, setCompareId] = useState<string | null>(null);
  const [core] = useState(() => createLibraryCore(setError));
  const [storage, measureStorage] = useStorageUse();
  const journal = useEditJournal(core);
  const { sample, sampleSettled, recovered } = useLibraryStartup(core, journal, measureStorage);

  // The order of these hooks is the order their effects run in: a switch schedules its save before
  // the edit lock's effect saves at once (and drops that timer).
  const saves = useSaveQueue(core, library, journal, measureStorage);
  useJournalEveryChange(journal, library, saves.lastSaved);
  useUnsavedGuard(saves, journal);
  const lock = useEditLock(core, library?.currentId ?? null, saves);
  const { reading, ensureLoaded } = useScenarioReading(core);

  /** Switches the editor to `next` (the store keeps the history of the scenario it leaves). */
  const switchTo = (lib: ScenarioLibrary, next: ScenarioLibrary) => {
    installLibrary(next);
    setCompareId((c) => (c === next.currentId ? lib.currentId : c));
  };

  const select = (id: string) => {
    if (!library || library.currentId === id) return;
    void ensureLoaded(id).then((ok) => {
      const lib = core.libraryRef.current;
      if (ok && lib && lib.currentId !== id) switchTo(lib, selectScenario(lib, id));
    });
  };

  const compareWith = (id: string | null) => {
    if (id === null) return setCompareId(null);
    void ensureLoaded(id).then((ok) => ok && setCompareId(id));
  };

  const create = (name: string, content?: { meta: ScenarioMeta | null; sites: readonly Site[] }) => {
    if (!library) return;
    const next = addScenario(library, { name, meta: content?.meta ?? null, sites: content?.sites ?? [] }, newScenarioId());
    core.stored.dirty.add(next.currentId);
    switchTo(library, next);
  };

  const duplicate = (id: string, name: string) => {
    if (!library) return;
    const next = duplicateScenario(library, id, name, newScenarioId());
    core.stored.dirty.add(next.currentId);
    switchTo(library, next);
  };

  const rename = (id: string, name: string): NameProblem | null => {
    if (!library) return null;
    const next = renameScenario(library, id, name);
    if ('problem' in next) return next.problem;
    installLibrary(next);
    return null;
  };

  const remove = (id: string): 'last' | 'elsewhere' | null => {
    if (!library) return null;
    // The current scenario is deleted only by the tab editing it (not from under another tab's edits).
    if (id === library.currentId && lock.mode.current !== 'edit') return 'elsewhere';
    const next = deleteScenario(library, id);
    if ('problem' in next) return next.problem;
    core.stored.dirty.delete(id);
    if (compareId === id) setCompareId(null);
    installLibrary(next);
    useAppStore.getState().histories.delete(id);
    return null;
  };

  const found = library && compareId !== library.currentId ? findEntry(library, compareId) : null;
  const compareEntry = found && isLoaded(found) ? found : null;

  return {
    library,
    sample,
    sampleSettled,
    error,
    setError,
    select,
    create,
    duplicate,
    rename,
    remove,
    compareId,
    setCompareId: compareWith,
    compareEntry,
    recovered,
    editMode: lock.editMode,
    takeOver: lock.takeOver,
    storage,
    storageFull: saves.storageFull,
    reading,
  };
}
