/**
 * What the scenario library's parts share (useScenarioLibrary puts them together): the library as
 * it is now, what this tab knows IndexedDB holds, each scenario's undo history, and the edit lock
 * and channel this tab holds. One object per page, mutable: the parts read it in callbacks — a save
 * ending, another tab's message, a lock granted — long after the render that made them.
 */
import type { Dispatch, SetStateAction } from 'react';
import { createHistory, type History } from '../../domain/history';
import { indexOps, NO_INDEX_OPS, type IndexEntry } from '../../domain/libraryIndex';
import type { LoadedEntry, ScenarioLibrary } from '../../domain/scenarioLibrary';
import type { SavedScenario } from '../../io/editJournal';
import type { DataError } from '../../io/loadGeodata';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { useAppStore } from '../state/appStore';
import type { openTabChannel } from './tabCoordination';

/** What this tab knows IndexedDB holds, and what it has changed since. */
export interface StoredState {
  /** Scenarios edited in this tab since their last save. */
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
  /** The library as it is now: ahead of React's state between a change and the next render. */
  libraryRef: { current: ScenarioLibrary | null };
  /** React's state only (the ref follows at the next render). */
  setLibrary: Dispatch<SetStateAction<ScenarioLibrary | null>>;
  /** The ref at once and React's state: for changes made after an await, which later callbacks must see. */
  install: (next: ScenarioLibrary) => void;
  stored: StoredState;
  /** Each scenario's undo history for the session, kept while another one is edited. */
  histories: Map<string, History<ScenarioState>>;
  /** The edit lock this tab holds (scenario id, and how to let it go): see useEditLock. */
  held: { current: { id: string; release: () => void } | null };
  /** The channel to the other tabs (null where BroadcastChannel is missing, or before it opens). */
  channel: { current: ReturnType<typeof openTabChannel> };
  setError: (error: DataError | null) => void;
}

export function createLibraryCore(setLibrary: LibraryCore['setLibrary'], setError: LibraryCore['setError']): LibraryCore {
  const libraryRef: LibraryCore['libraryRef'] = { current: null };
  return {
    libraryRef,
    setLibrary,
    install: (next) => {
      libraryRef.current = next;
      setLibrary(next);
    },
    stored: { dirty: new Set(), saved: new Map(), baseIndex: [], unreadable: new Set(), storedAny: false, savedCurrentId: null },
    histories: new Map(),
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

/** The edited scenario's whole history as it is now (kept when switching away from it). */
export const currentHistory = () => useAppStore.getState().history;

/** The history `entry` had when the user left it, or a fresh one. */
export function historyOf(histories: LibraryCore['histories'], entry: LoadedEntry): History<ScenarioState> {
  return histories.get(entry.id) ?? createHistory({ meta: entry.meta, sites: entry.sites });
}
