import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createHistory, type History } from '../../domain/history';
import {
  addScenario,
  createLibrary,
  currentEntry,
  deleteScenario,
  duplicateScenario,
  findEntry,
  renameScenario,
  selectScenario,
  updateCurrent,
  type NameProblem,
  type ScenarioEntry,
  type ScenarioLibrary,
} from '../../domain/scenarioLibrary';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import { loadLibrary, saveLibrary } from '../../io/autosave';
import { JOURNAL_PREFIX, makeJournal, readJournals, replayable, replayJournal, savedSnapshot, writeJournal, type SavedScenario } from '../../io/editJournal';
import { loadScenario, SAMPLE_SCENARIO_FILE } from '../../io/loadScenario';
import type { DataError } from '../../io/loadGeodata';
import type { ScenarioEditing, ScenarioState } from '../editing/useScenarioEditing';

/** Autosave waits this long after the last change (a drag saves once, at the end). */
const AUTOSAVE_DELAY_MS = 400;

export interface ScenarioLibraryControl {
  /** null until the saved library (or the sample) has been read. */
  library: ScenarioLibrary | null;
  /** The illustrative sample, for "back to the sample". */
  sample: ScenarioState | null;
  error: DataError | null;
  setError: (error: DataError | null) => void;
  select: (id: string) => void;
  /** A new scenario (empty, or with the given sites) after the current one; it becomes current. */
  create: (name: string, content?: { meta: ScenarioMeta | null; sites: readonly Site[] }) => void;
  duplicate: (id: string, name: string) => void;
  rename: (id: string, name: string) => NameProblem | null;
  remove: (id: string) => 'last' | null;
  compareId: string | null;
  setCompareId: (id: string | null) => void;
  compareEntry: ScenarioEntry | null;
  /** Set at start when edits that had not reached IndexedDB were recovered from a journal. */
  recovered: { sites: number; scenarios: number } | null;
}

/** The part of a library the index record holds, as text to compare. */
const indexKey = (lib: ScenarioLibrary) => JSON.stringify([lib.currentId, lib.entries.map((e) => [e.id, e.name])]);

/** This page's id for its journal and its Web Lock (a tab that still holds its lock is alive). */
const TAB_ID = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
const TAB_LOCK_PREFIX = 'siting-tab:';

/** Holds this tab's lock for as long as the page lives (released by the browser when it goes). */
function holdTabLock(): void {
  navigator.locks?.request(TAB_LOCK_PREFIX + TAB_ID, () => new Promise<void>(() => {})).catch(() => {});
}

/** The tabs alive now (those holding their lock); null when Web Locks are missing (then no other tab counts as alive). */
async function liveTabs(): Promise<Set<string> | null> {
  if (!navigator.locks?.query) return null;
  const state = await navigator.locks.query();
  return new Set((state.held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(TAB_LOCK_PREFIX)).map((n) => n.slice(TAB_LOCK_PREFIX.length)));
}

/**
 * The named scenarios around the scenario being edited: the editor works on the current one; its
 * edits flow back into the library, which is saved to IndexedDB (only the changed scenario's record).
 * Each scenario keeps its own undo history for the session, so switching away and back loses no undo.
 */
export function useScenarioLibrary(editing: ScenarioEditing): ScenarioLibraryControl {
  const { scenario, history, replaceHistory, resetScenario } = editing;
  const [library, setLibrary] = useState<ScenarioLibrary | null>(null);
  const [sample, setSample] = useState<ScenarioState | null>(null);
  const [error, setError] = useState<DataError | null>(null);
  const [compareId, setCompareId] = useState<string | null>(null);
  const histories = useRef(new Map<string, History<ScenarioState>>());
  const dirty = useRef(new Set<string>());
  const removed = useRef(new Set<string>());
  /** Scenarios with a record in IndexedDB (a fresh sample library has none until its first save). */
  const persisted = useRef(new Set<string>());
  /** What IndexedDB holds, per scenario: the journal is the difference from it. */
  const savedRef = useRef(new Map<string, SavedScenario>());
  /** Journal keys of dead tabs replayed at start, removed once this tab's journal holds their edits. */
  const replayedKeys = useRef<string[]>([]);
  /** The index (names, order, current) IndexedDB holds; null: none yet. */
  const savedIndex = useRef<string | null>(null);
  /** The revision of the last save IndexedDB holds (0: none), and who wrote it. */
  const savedRevision = useRef<{ revision: number | null; writer: string | null }>({ revision: 0, writer: null });
  /** Whether the edits IndexedDB lacks are in the journal ('written') or only in memory. */
  const journalState = useRef<ReturnType<typeof writeJournal>>('removed');
  const [recovered, setRecovered] = useState<{ sites: number; scenarios: number } | null>(null);

  // First start: the library saved in this browser, else the illustrative sample (labelled as made
  // up) so a newcomer sees coverage and gaps at once.
  // Edits that had not reached IndexedDB when a page went (closed, reloaded, crashed) are replayed
  // from the journals of tabs no longer alive.
  useEffect(() => {
    let cancelled = false;
    holdTabLock();
    const url = `${import.meta.env.BASE_URL}data/${SAMPLE_SCENARIO_FILE}`;
    void Promise.all([loadLibrary(), loadScenario(url, SAMPLE_SCENARIO_FILE), liveTabs().catch(() => null)]).then(([saved, result, live]) => {
      if (cancelled) return;
      const sampleState = 'error' in result ? null : { meta: result.meta, sites: result.sites };
      if ('error' in result) setError(result.error);
      setSample(sampleState);
      let lib: ScenarioLibrary;
      if (saved && !('error' in saved)) {
        lib = saved.library;
        savedRevision.current = { revision: saved.migrated ? 0 : saved.revision, writer: saved.writer };
        if (!saved.migrated) for (const e of lib.entries) persisted.current.add(e.id);
        if (saved.migrated) for (const e of lib.entries) dirty.current.add(e.id);
        if (saved.problems.length > 0) setError({ file: 'IndexedDB', message: saved.problems.join('; ') });
      } else {
        if (saved) setError({ file: 'IndexedDB', message: saved.error });
        lib = createLibrary({ name: null, meta: sampleState?.meta ?? null, sites: sampleState?.sites ?? [] });
      }
      for (const id of persisted.current) savedSnapshot(lib, [id], savedRef.current);
      if (persisted.current.size > 0) savedIndex.current = indexKey(lib);
      const replayed = recoverJournals(lib, live);
      if (replayed) {
        lib = replayed.library;
        for (const id of replayed.changed) dirty.current.add(id);
        for (const id of replayed.removed) removed.current.add(id);
        setRecovered({ sites: replayed.sites, scenarios: replayed.scenarios });
      }
      const cur = currentEntry(lib);
      resetScenario({ meta: cur.meta, sites: cur.sites });
      setLibrary(lib);
    });
    return () => {
      cancelled = true;
    };
  }, [resetScenario]);

  /** Replays the journals of dead tabs onto `lib` (this tab's own journal is written from the result). */
  function recoverJournals(lib: ScenarioLibrary, live: Set<string> | null) {
    let storage: Storage;
    try {
      storage = window.localStorage;
    } catch {
      return null;
    }
    const { journals, problems, keys } = readJournals(storage);
    // Only journals made over what IndexedDB holds now; older ones are stale (it moved on since).
    const { replay: dead, stale } = replayable(journals, TAB_ID, live, savedRevision.current);
    for (const j of stale) storage.removeItem(JOURNAL_PREFIX + j.tab);
    if (problems.length > 0) setError({ file: 'localStorage', message: problems.join('; ') });
    if (dead.length === 0) return null;
    const before = indexKey(lib);
    let library = lib;
    const changed = new Set<string>();
    const dropped = new Set<string>();
    for (const j of dead) {
      const r = replayJournal(library, j);
      if (r.library.entries.length === 0) continue;
      library = r.library;
      for (const id of r.changed) changed.add(id);
      for (const id of r.removed) dropped.add(id);
    }
    // Our own journal, written as soon as the library is set, now holds these edits: the old keys go.
    const deadKeys = new Set(dead.map((j) => JOURNAL_PREFIX + j.tab));
    replayedKeys.current = keys.filter((k) => deadKeys.has(k));
    if (changed.size === 0 && dropped.size === 0 && indexKey(library) === before) return null;
    const sites = dead.reduce((n, j) => n + j.scenarios.reduce((m, d) => m + d.upsert.length + d.remove.length, 0), 0);
    return { library, changed: [...changed], removed: [...dropped], sites, scenarios: changed.size };
  }

  // Edits of the current scenario flow into the library.
  useEffect(() => {
    setLibrary((lib) => {
      if (!lib) return lib;
      const next = updateCurrent(lib, scenario);
      if (next !== lib) dirty.current.add(lib.currentId);
      return next;
    });
  }, [scenario]);

  // Save every settled change, debounced; flushed at once when the page is hidden or closed, so a
  // reload right after an edit loses nothing.
  const saveTimer = useRef<number | undefined>(undefined);
  const lastSaved = useRef<ScenarioLibrary | null>(null);
  const pendingSave = useRef<(() => void) | null>(null);
  const libraryRef = useRef<ScenarioLibrary | null>(null);
  libraryRef.current = library;

  /** Writes this tab's journal for `lib` (the edits IndexedDB lacks), synchronously. */
  const journal = useCallback((lib: ScenarioLibrary, alsoChanged: readonly string[] = []) => {
    // Scenarios edited since their last save (an untouched sample, never saved, is not an edit).
    const ids = new Set([...dirty.current, ...alsoChanged]);
    let storage: Storage;
    try {
      storage = window.localStorage;
    } catch {
      journalState.current = 'failed';
      return;
    }
    const unsaved = ids.size > 0 || removed.current.size > 0 || indexKey(lib) !== savedIndex.current;
    journalState.current = writeJournal(storage, TAB_ID, unsaved ? makeJournal(TAB_ID, lib, savedRef.current, ids, savedRevision.current.revision ?? 0) : null);
    for (const key of replayedKeys.current.splice(0)) storage.removeItem(key);
  }, []);

  // Every change on screen is journalled at once, in layout effects: they run while React commits
  // the change, before the browser can paint or unload (a reload a moment later finds it).
  useLayoutEffect(() => {
    if (!library) return;
    const next = updateCurrent(library, scenario);
    if (next !== library) journal(next, [library.currentId]);
  }, [scenario, library, journal]);
  useLayoutEffect(() => {
    if (library && lastSaved.current !== library) journal(library);
  }, [library, journal]);

  useEffect(() => {
    if (!library) return;
    if (lastSaved.current === library) return;
    if (lastSaved.current === null && dirty.current.size === 0) {
      lastSaved.current = library; // the state just read: nothing to write
      return;
    }
    window.clearTimeout(saveTimer.current);
    // For people and tests alike: "saving…" until this state is on disk.
    document.documentElement.setAttribute('data-autosave-pending', 'true');
    const save = () => {
      pendingSave.current = null;
      window.clearTimeout(saveTimer.current);
      const changed = [...new Set([...dirty.current, ...library.entries.map((e) => e.id).filter((id) => !persisted.current.has(id))])];
      const gone = [...removed.current];
      dirty.current.clear();
      removed.current.clear();
      lastSaved.current = library;
      const stamp = { revision: (savedRevision.current.revision ?? 0) + 1, writer: TAB_ID };
      saveLibrary(library, changed, gone, indexedDB, stamp).then(
        () => {
          savedRevision.current = stamp;
          for (const id of changed) persisted.current.add(id);
          for (const id of gone) persisted.current.delete(id);
          savedSnapshot(library, [...changed, ...gone], savedRef.current);
          savedIndex.current = indexKey(library);
          // What IndexedDB now holds leaves the journal; what came since stays in it.
          if (libraryRef.current) journal(libraryRef.current);
          const root = document.documentElement;
          root.setAttribute('data-autosaved', String(currentEntry(library).sites.length));
          root.setAttribute('data-saved-scenarios', String(library.entries.length));
          if (lastSaved.current === library) root.setAttribute('data-autosave-pending', 'false');
        },
        (e: Error) => {
          for (const id of changed) dirty.current.add(id);
          for (const id of gone) removed.current.add(id);
          setError({ file: 'IndexedDB', message: `autosave failed: ${e.message}` });
        },
      );
    };
    pendingSave.current = save;
    saveTimer.current = window.setTimeout(save, AUTOSAVE_DELAY_MS);
  }, [library, journal]);
  useEffect(() => {
    const flush = () => pendingSave.current?.();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Ask before leaving only while an edit is truly unsaved: not yet in IndexedDB AND too large for
    // the journal (or the journal could not be written).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const unsaved = pendingSave.current !== null || document.documentElement.getAttribute('data-autosave-pending') === 'true';
      if (!unsaved || journalState.current === 'written' || journalState.current === 'removed') return;
      flush();
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  /** Switches the editor to `next` (keeping the history of the scenario it leaves). */
  const switchTo = useCallback(
    (lib: ScenarioLibrary, next: ScenarioLibrary) => {
      histories.current.set(lib.currentId, history);
      const entry = currentEntry(next);
      replaceHistory(histories.current.get(entry.id) ?? createHistory({ meta: entry.meta, sites: entry.sites }));
      setLibrary(next);
      setCompareId((c) => (c === entry.id ? lib.currentId : c));
    },
    [history, replaceHistory],
  );

  const select = (id: string) => {
    if (!library || library.currentId === id) return;
    switchTo(library, selectScenario(library, id));
  };

  const create = (name: string, content?: { meta: ScenarioMeta | null; sites: readonly Site[] }) => {
    if (!library) return;
    const next = addScenario(library, { name, meta: content?.meta ?? null, sites: content?.sites ?? [] });
    dirty.current.add(next.currentId);
    switchTo(library, next);
  };

  const duplicate = (id: string, name: string) => {
    if (!library) return;
    const next = duplicateScenario(library, id, name);
    dirty.current.add(next.currentId);
    switchTo(library, next);
  };

  const rename = (id: string, name: string): NameProblem | null => {
    if (!library) return null;
    const next = renameScenario(library, id, name);
    if ('problem' in next) return next.problem;
    setLibrary(next);
    return null;
  };

  const remove = (id: string): 'last' | null => {
    if (!library) return null;
    const next = deleteScenario(library, id);
    if ('problem' in next) return next.problem;
    histories.current.delete(id);
    dirty.current.delete(id);
    removed.current.add(id);
    if (compareId === id) setCompareId(null);
    if (library.currentId === id) {
      const entry = currentEntry(next);
      replaceHistory(histories.current.get(entry.id) ?? createHistory({ meta: entry.meta, sites: entry.sites }));
    }
    setLibrary(next);
    return null;
  };

  const compareEntry = library && compareId !== library.currentId ? findEntry(library, compareId) : null;

  return { library, sample, error, setError, select, create, duplicate, rename, remove, compareId, setCompareId, compareEntry, recovered };
}
