/**
 * What the scenario library's parts share (useScenarioLibrary puts them together): the library as
 * it is now (in the app's store, with every scenario's history: src/ui/state/librarySlice.ts), what
 * this tab knows IndexedDB holds, and the edit lock and channel this tab holds. One object per page,
 * mutable: the parts read it in callbacks — a save ending, another tab's message, a lock granted —
 * long after the render that made them.
 */
import { indexOps, NO_INDEX_OPS, type IndexEntry } from '../../domain/libraryIndex';
import type { ScenarioLibrary } from '../../domain/scenarioLibrary';
import type { SavedScenario } from '../../io/editJournal';
import type { DataError } from '../../io/loadGeodata';
import { useAppStore } from '../state/appStore';
import type { openTabChannel } from './tabCoordination';

/** What this tab knows IndexedDB holds, and what it has changed since. */
export interface StoredState {
  /** Scenarios edited in this tab since their last save (the store's: an edit marks it in the same update). */
  dirty: Set<string>;
  /** What IndexedDB holds, per scenario (sites, description, record revision): the journal is the difference from it. */
  saved: Map<string, SavedScenario>;
  /** The scenario list as IndexedDB holds it (as this tab last read or saved it); this tab's changes since are saved as operations. */
  baseIndex: IndexEntry[];
  /** Scenarios whose records cannot be read: left out here, left as they are in storage. */
  unreadable: Set<string>;
  /** Whether IndexedDB holds a library at all (an untouched sample in a new browser is not saved). */
  storedAny: boolean;
  /** The current scenario IndexedDB's list names (reopened at the next start). */
  savedCurrentId: string | null;
}

export interface LibraryCore {
  /** The library as it is now (the store's). */
  libraryRef: { readonly current: ScenarioLibrary | null };
  stored: StoredState;
  /** The edit lock this tab holds (scenario id, and how to let it go): see useEditLock. */
  held: { current: { id: string; release: () => void } | null };
  /** The channel to the other tabs (null where BroadcastChannel is missing, or before it opens). */
  channel: { current: ReturnType<typeof openTabChannel> };
  setError: (error: DataError | null) => void;
}

export function createLibraryCore(setError: LibraryCore['setError']): LibraryCore {
  return {
    libraryRef: {
      get current() {
        return useAppStore.getState().library;
      },
    },
    stored: { dirty: useAppStore.getState().dirty, saved: new Map(), baseIndex: [], unreadable: new Set(), storedAny: false, savedCurrentId: null },
    held: { current: null },
    channel: { current: null },
    setError,
  };
}

/** The stored list as the base of this tab's changes (unreadable scenarios are not this tab's to delete). */
export function opsBase(stored: StoredState): IndexEntry[] {
  return stored.baseIndex.filter((e) => !stored.unreadable.has(e.id));
}

/** The list changes not yet saved (none for an untouched sample in a browser with nothing saved). */
export function unsavedOps(stored: StoredState, lib: ScenarioLibrary) {
  if (!stored.storedAny && stored.dirty.size === 0) return NO_INDEX_OPS;
  return indexOps(opsBase(stored), lib.entries);
}

/** Installs a library in the store (see librarySlice.ts for how the current scenario's history goes with it). */
export const installLibrary: LibrarySliceInstall = (next, history) => useAppStore.getState().installLibrary(next, history);
type LibrarySliceInstall = ReturnType<typeof useAppStore.getState>['installLibrary'];
