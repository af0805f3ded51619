import { useCallback, useEffect, useRef, useState } from 'react';
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

  // First start: the library saved in this browser, else the illustrative sample (labelled as made
  // up) so a newcomer sees coverage and gaps at once.
  useEffect(() => {
    let cancelled = false;
    const url = `${import.meta.env.BASE_URL}data/${SAMPLE_SCENARIO_FILE}`;
    void Promise.all([loadLibrary(), loadScenario(url, SAMPLE_SCENARIO_FILE)]).then(([saved, result]) => {
      if (cancelled) return;
      const sampleState = 'error' in result ? null : { meta: result.meta, sites: result.sites };
      if ('error' in result) setError(result.error);
      setSample(sampleState);
      let lib: ScenarioLibrary;
      if (saved && !('error' in saved)) {
        lib = saved.library;
        if (!saved.migrated) for (const e of lib.entries) persisted.current.add(e.id);
        if (saved.migrated) for (const e of lib.entries) dirty.current.add(e.id);
        if (saved.problems.length > 0) setError({ file: 'IndexedDB', message: saved.problems.join('; ') });
      } else {
        if (saved) setError({ file: 'IndexedDB', message: saved.error });
        lib = createLibrary({ name: null, meta: sampleState?.meta ?? null, sites: sampleState?.sites ?? [] });
      }
      const cur = currentEntry(lib);
      resetScenario({ meta: cur.meta, sites: cur.sites });
      setLibrary(lib);
    });
    return () => {
      cancelled = true;
    };
  }, [resetScenario]);

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
  useEffect(() => {
    if (!library || lastSaved.current === library) return;
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
      saveLibrary(library, changed, gone).then(
        () => {
          for (const id of changed) persisted.current.add(id);
          for (const id of gone) persisted.current.delete(id);
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
  }, [library]);
  useEffect(() => {
    const flush = () => pendingSave.current?.();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
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

  return { library, sample, error, setError, select, create, duplicate, rename, remove, compareId, setCompareId, compareEntry };
}
