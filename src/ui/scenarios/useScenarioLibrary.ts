import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createHistory, type History } from '../../domain/history';
import {
  addScenario,
  createLibrary,
  currentEntry,
  deleteScenario,
  duplicateScenario,
  findEntry,
  isLoaded,
  MAX_SCENARIO_NAME,
  newScenarioId,
  renameScenario,
  selectScenario,
  updateCurrent,
  type LoadedEntry,
  type NameProblem,
  type ScenarioEntry,
  type ScenarioLibrary,
} from '../../domain/scenarioLibrary';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import { applyIndexOps, hasIndexOps, indexOps, NO_INDEX_OPS, type IndexEntry } from '../../domain/libraryIndex';
import { loadLibrary, readStored, saveChanges, type RecordStamp, type SaveResult, type StoredIndexEntry, type StoredScenario } from '../../io/autosave';
import { JOURNAL_PREFIX, makeJournal, readJournals, replayable, replayJournal, savedSnapshot, writeJournal, type Journal, type SavedScenario } from '../../io/editJournal';
import { loadScenario, SAMPLE_SCENARIO_FILE } from '../../io/loadScenario';
import type { DataError } from '../../io/loadGeodata';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { useAppStore } from '../state/appStore';
import { haveLocks, holdTabLock, liveTabs, openTabChannel, requestEditLock, scenariosBeingEdited, TAB_ID, TAKE_OVER_WAIT_MS } from './tabCoordination';

/** Autosave waits this long after the last change (a drag saves once, at the end). */
const AUTOSAVE_DELAY_MS = 400;

/** The browser's estimate of what this origin stores and may store, in bytes. */
export interface StorageUse {
  usage: number;
  quota: number;
}

/** Above this share of the quota the panel warns (a save may soon be refused). */
export const STORAGE_WARN_SHARE = 0.8;

const CONFLICT_SUFFIX = ' · 冲突副本 conflict copy';

/** The id and name of the copy that keeps this tab's version of a scenario another tab saved meanwhile. */
function conflictCopy(entry: ScenarioEntry): { id: string; name: string } {
  const base = entry.name ?? entry.meta?.name_zh ?? entry.id;
  return { id: newScenarioId(), name: `${base.slice(0, MAX_SCENARIO_NAME - CONFLICT_SUFFIX.length)}${CONFLICT_SUFFIX}` };
}

const STORAGE_FULL_MESSAGE =
  'browser storage is full: the latest edits are kept in this tab only (and in its journal when small enough) — export the scenario (Export GeoJSON) or delete scenarios to free space; saving is retried at the next change';

export type EditMode =
  /** Reading the library and asking for the scenario's lock. */
  | 'starting'
  /** This tab edits the scenario. */
  | 'edit'
  /** Another tab is editing it: read-only here. */
  | 'elsewhere'
  /** Another tab took it over from this one: read-only here. */
  | 'taken'
  /** "Take over" asked the other tab to let go. */
  | 'waiting';

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

/** The edited scenario's whole history as it is now (kept when switching away from it). */
const currentHistory = () => useAppStore.getState().history;

/**
 * The named scenarios around the scenario being edited: the editor works on the current one; its
 * edits flow back into the library, which is saved to IndexedDB (only the changed scenario's record).
 * Each scenario keeps its own undo history for the session, so switching away and back loses no undo.
 * Tabs share the library: a scenario is edited in one tab at a time, saves merge the list, and each
 * tab adopts what the others saved (tabCoordination.ts).
 */
export function useScenarioLibrary(): ScenarioLibraryControl {
  // The edited scenario's history is in the app's store (src/ui/state/editingSlice.ts); its actions are stable.
  const { replaceHistory, resetScenario, setLocked } = useAppStore.getState();
  // The library follows the settled scenario: a site being dragged is journalled and saved once, when
  // dropped (each drag step would otherwise diff and write the scenario — at 200,000 sites, hundreds
  // of milliseconds a step). A reload mid-drag finds the site where the drag began. Subscribed to
  // alone, it keeps the app shell (which holds the library) still during a drag.
  const scenario = useAppStore((s) => s.history.pending ?? s.history.present);
  const [library, setLibrary] = useState<ScenarioLibrary | null>(null);
  const [sample, setSample] = useState<ScenarioState | null>(null);
  const [error, setError] = useState<DataError | null>(null);
  const [compareId, setCompareId] = useState<string | null>(null);
  const [recovered, setRecovered] = useState<{ sites: number; scenarios: number } | null>(null);
  const [editMode, setEditModeState] = useState<EditMode>('starting');
  const [storage, setStorage] = useState<StorageUse | null>(null);
  const [storageFull, setStorageFull] = useState(false);
  const [reading, setReading] = useState<string | null>(null);
  /** How much this origin stores, and may (the browser's estimate). */
  const measureStorage = useCallback(async () => {
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    if (estimate?.usage !== undefined && estimate.quota !== undefined && estimate.quota > 0) setStorage({ usage: estimate.usage, quota: estimate.quota });
  }, []);
  const histories = useRef(new Map<string, History<ScenarioState>>());
  /** Scenarios edited in this tab since their last save. */
  const dirty = useRef(new Set<string>());
  /** What IndexedDB holds, per scenario (sites, description, record revision): the journal is the difference from it. */
  const savedRef = useRef(new Map<string, SavedScenario>());
  /** The scenario list as IndexedDB holds it (as this tab last read or saved it); this tab's changes since are saved as operations. */
  const baseIndex = useRef<IndexEntry[]>([]);
  /** Scenarios whose records cannot be read: left out here, left as they are in storage. */
  const unreadable = useRef(new Set<string>());
  /** Whether IndexedDB holds a library at all (an untouched sample in a new browser is not saved). */
  const storedAny = useRef(false);
  /** The current scenario IndexedDB's list names (reopened at the next start). */
  const savedCurrentId = useRef<string | null>(null);
  /** Journal keys of dead tabs replayed at start, removed once this tab's journal holds their edits. */
  const replayedKeys = useRef<string[]>([]);
  /** Whether the edits IndexedDB lacks are in the journal ('written') or only in memory. */
  const journalState = useRef<ReturnType<typeof writeJournal>>('removed');
  const libraryRef = useRef<ScenarioLibrary | null>(null);
  libraryRef.current = library;
  const modeRef = useRef<EditMode>('starting');
  /** The edit lock this tab holds (scenario id, and how to let it go). */
  const held = useRef<{ id: string; release: () => void } | null>(null);
  /** This tab's place in line for the current scenario's lock (read-only until granted). */
  const waiting = useRef<{ id: string; abort: () => void; steal: () => void } | null>(null);
  const channel = useRef<ReturnType<typeof openTabChannel>>(null);

  const setMode = useCallback(
    (mode: EditMode) => {
      modeRef.current = mode;
      setEditModeState(mode);
      setLocked(mode !== 'edit');
    },
    [setLocked],
  );

  /** The stored list as the base of this tab's changes (unreadable scenarios are not this tab's to delete). */
  const opsBase = useCallback(() => baseIndex.current.filter((e) => !unreadable.current.has(e.id)), []);

  /** The list changes not yet saved (none for an untouched sample in a browser with nothing saved). */
  const unsavedOps = useCallback((lib: ScenarioLibrary) => {
    if (!storedAny.current && dirty.current.size === 0) return NO_INDEX_OPS;
    return indexOps(opsBase(), lib.entries);
  }, [opsBase]);

  // First start: the library saved in this browser, else the illustrative sample (labelled as made
  // up) so a newcomer sees coverage and gaps at once.
  // Edits that had not reached IndexedDB when a page went (closed, reloaded, crashed) are replayed
  // from the journals of tabs no longer alive.
  useEffect(() => {
    let cancelled = false;
    holdTabLock();
    const url = `${import.meta.env.BASE_URL}data/${SAMPLE_SCENARIO_FILE}`;
    const sampleRead = loadScenario(url, SAMPLE_SCENARIO_FILE);
    void Promise.all([liveTabs(), scenariosBeingEdited()]).then(async ([live, busy]) => {
      const journals = deadJournals(live);
      // Only the current scenario is read at start, and those the journals of dead tabs touch.
      const also = [...new Set(journals.dead.flatMap((j) => [j.index.currentId, ...j.scenarios.map((d) => d.id)]))];
      const [saved, result] = await Promise.all([loadLibrary(indexedDB, also), sampleRead]);
      if (cancelled) return;
      const sampleState = 'error' in result ? null : { meta: result.meta, sites: result.sites };
      if ('error' in result) setError(result.error);
      setSample(sampleState);
      let lib: ScenarioLibrary;
      let found = new Map<string, RecordStamp>();
      if (saved && !('error' in saved)) {
        lib = saved.library;
        found = saved.stamps;
        for (const id of saved.unreadable) unreadable.current.add(id);
        if (saved.migrated) for (const e of lib.entries) dirty.current.add(e.id);
        else {
          storedAny.current = true;
          baseIndex.current = saved.index;
          savedCurrentId.current = lib.currentId;
          savedSnapshot(lib, found.keys(), savedRef.current, found);
        }
        if (saved.problems.length > 0) setError({ file: 'IndexedDB', message: saved.problems.join('; ') });
      } else {
        if (saved) setError({ file: 'IndexedDB', message: saved.error });
        lib = createLibrary({ name: null, meta: sampleState?.meta ?? null, sites: sampleState?.sites ?? [] });
      }
      const replayed = recoverJournals(lib, journals.dead, found, busy ?? new Set());
      if (replayed) {
        lib = replayed.library;
        for (const id of replayed.changed) dirty.current.add(id);
        setRecovered({ sites: replayed.sites, scenarios: replayed.scenarios });
      }
      const cur = currentEntry(lib);
      resetScenario({ meta: cur.meta, sites: cur.sites });
      setLibrary(lib);
      // A start-up mark for bench/library.ts: the list and the current scenario are in place.
      performance.mark('library:ready');
      void measureStorage();
    });
    return () => {
      cancelled = true;
    };
  }, [resetScenario, measureStorage]);

  /** The journals of tabs that are gone (to replay); unreadable ones are reported. */
  function deadJournals(live: Set<string> | null): { dead: Journal[] } {
    let storage: Storage;
    try {
      storage = window.localStorage;
    } catch {
      return { dead: [] };
    }
    const { journals, problems, keys } = readJournals(storage);
    if (problems.length > 0) setError({ file: 'localStorage', message: problems.join('; ') });
    const dead = replayable(journals, TAB_ID, live);
    // Our own journal, written as soon as the library is set, then holds their edits: the old keys go.
    const deadKeys = new Set(dead.map((j) => JOURNAL_PREFIX + j.tab));
    replayedKeys.current = keys.filter((k) => deadKeys.has(k));
    return { dead };
  }

  /** Replays the journals of dead tabs onto `lib` (this tab's own journal is written from the result). */
  function recoverJournals(lib: ScenarioLibrary, dead: readonly Journal[], found: ReadonlyMap<string, RecordStamp>, busy: ReadonlySet<string>) {
    if (dead.length === 0) return null;
    const before = JSON.stringify(lib.entries.map((e) => [e.id, e.name]));
    let library = lib;
    const changed = new Set<string>();
    let sites = 0;
    for (const j of dead) {
      // A scenario another live tab edits now is its to keep (it replayed this journal when it started).
      const r = replayJournal(library, j, found, busy);
      library = r.library;
      for (const id of r.changed) changed.add(id);
      sites += j.scenarios.filter((d) => r.changed.includes(d.id)).reduce((m, d) => m + d.upsert.length + d.remove.length, 0);
    }
    // The current scenario is one whose sites were read (the journal's current one may not be).
    if (!isLoaded(library.entries.find((e) => e.id === library.currentId) ?? library.entries[0]!)) library = { ...library, currentId: lib.currentId };
    const listChanged = JSON.stringify(library.entries.map((e) => [e.id, e.name])) !== before;
    if (changed.size === 0 && !listChanged && library.currentId === lib.currentId) return null;
    if (listChanged) storedAny.current = true; // a list change to save even with no scenario changed
    return { library, changed: [...changed], sites, scenarios: changed.size };
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

  /** Writes this tab's journal for `lib` (the edits IndexedDB lacks), synchronously. */
  const journal = useCallback(
    (lib: ScenarioLibrary, alsoChanged: readonly string[] = []) => {
      // Scenarios edited since their last save (an untouched sample, never saved, is not an edit).
      const ids = new Set([...dirty.current, ...alsoChanged]);
      let storage: Storage;
      try {
        storage = window.localStorage;
      } catch {
        journalState.current = 'failed';
        return;
      }
      const unsaved = ids.size > 0 || hasIndexOps(unsavedOps(lib)) || (storedAny.current && lib.currentId !== savedCurrentId.current);
      // The same base as the saves' (unreadable scenarios are not this tab's deletions to replay).
      journalState.current = writeJournal(storage, TAB_ID, unsaved ? makeJournal(TAB_ID, lib, savedRef.current, storedAny.current ? opsBase() : [], ids) : null);
      for (const key of replayedKeys.current.splice(0)) storage.removeItem(key);
    },
    [unsavedOps, opsBase],
  );

  // Every change on screen is journalled at once, in layout effects: they run while React commits
  // the change, before the browser can paint or unload (a reload a moment later finds it).
  const lastSaved = useRef<ScenarioLibrary | null>(null);
  useLayoutEffect(() => {
    if (!library) return;
    const next = updateCurrent(library, scenario);
    if (next !== library) journal(next, [library.currentId]);
  }, [scenario, library, journal]);
  useLayoutEffect(() => {
    if (library && lastSaved.current !== library) journal(library);
  }, [library, journal]);

  /**
   * Takes the list (and records) as stored now: another tab's new, renamed and deleted scenarios and
   * the scenarios it saved, keeping this tab's own unsaved changes on top. A scenario not read here
   * stays unread (its summary follows the list).
   */
  const adopt = useCallback(
    /** `takeHeld`: the scenario this tab holds is taken as stored too (it was just handed over). */
    async (entries: readonly StoredIndexEntry[], stored: readonly StoredScenario[], savedAs: readonly IndexEntry[] | null = null, takeHeld = false) => {
      const known = libraryRef.current;
      if (!known) return;
      const records = new Map(stored.map((r) => [r.id, r]));
      // The scenario open here was deleted in another tab: open the first in the list that is read,
      // else read the first one now.
      const listed = new Set(entries.map((e) => e.id));
      const isMine = (id: string) => indexOps(savedAs ?? opsBase(), known.entries).added.some((a) => a.id === id);
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
      const mine = indexOps(savedAs ?? opsBase(), lib.entries);
      baseIndex.current = [...entries];
      storedAny.current = true;
      for (const id of [...records.keys()]) if (dirty.current.has(id) || (!takeHeld && id === held.current?.id)) records.delete(id);
      for (const r of records.values()) savedRef.current.set(r.id, { list: r.sites, meta: r.meta, rev: r.stamp.rev });
      const byId = new Map(lib.entries.map((e) => [e.id, e]));
      const next = applyIndexOps(entries, mine).flatMap((ie: StoredIndexEntry): ScenarioEntry[] => {
        if (unreadable.current.has(ie.id)) return [];
        const r = records.get(ie.id);
        if (r) return [{ id: ie.id, name: ie.name, meta: r.meta, sites: r.sites }];
        const e = byId.get(ie.id);
        if (e?.sites) return [e.name === ie.name ? e : { ...e, name: ie.name }];
        const summary = ie.count !== undefined ? { summary: { sites: ie.count, illustrative: ie.illustrative ?? false } } : e?.summary ? { summary: e.summary } : {};
        return [{ id: ie.id, name: ie.name, meta: ie.meta ?? e?.meta ?? null, sites: null, ...summary }];
      });
      if (next.length === 0) return;
      const currentId = next.some((e) => e.id === lib.currentId) ? lib.currentId : (next.find(isLoaded) ?? next[0]!).id;
      const same =
        next.length === lib.entries.length &&
        next.every((e, i) => {
          const o = lib.entries[i]!;
          return e === o || (e.id === o.id && e.name === o.name && e.sites === o.sites && e.meta === o.meta && e.summary?.sites === o.summary?.sites);
        });
      if (same && currentId === lib.currentId) return;
      const nextLib: ScenarioLibrary = { entries: next, currentId };
      const cur = currentEntry(nextLib);
      if (currentId !== lib.currentId) {
        histories.current.set(lib.currentId, currentHistory());
        replaceHistory(histories.current.get(cur.id) ?? createHistory({ meta: cur.meta, sites: cur.sites }));
      } else if (records.has(currentId)) {
        // Read-only here, changed by the tab editing it: show its version (no undo of another tab's work).
        histories.current.delete(currentId);
        resetScenario({ meta: cur.meta, sites: cur.sites });
      }
      libraryRef.current = nextLib;
      setLibrary(nextLib);
    },
    [replaceHistory, resetScenario, opsBase],
  );

  // Save every settled change, debounced; flushed at once when the page is hidden or closed, and
  // before this tab lets another one edit a scenario.
  const saveTimer = useRef<number | undefined>(undefined);
  const saveScheduled = useRef(false);
  const saving = useRef<Promise<void>>(Promise.resolve());
  /**
   * Runs `task` in this tab's one queue of saves. Reading what another tab stored and adopting it
   * must not interleave with a save: a save clears `dirty` when it starts, so an adopt landing while
   * it runs would take the other tab's version over this tab's edit in flight (and the conflict copy
   * would then be made from theirs).
   */
  const inTurn = useCallback((task: () => Promise<void>): Promise<void> => {
    saving.current = saving.current.then(task, task);
    return saving.current;
  }, []);

  /**
   * Another tab saved a scenario while this tab had unsaved edits of it (possible only when a frozen
   * tab's lock was taken, or without Web Locks): the save kept theirs and stored ours as a copy. The
   * library here follows: theirs in place, ours (with any edit made since) as the copy, current if
   * the scenario was; and the user is told.
   */
  const keepConflicts = useCallback(
    (saved: ScenarioLibrary, conflicts: SaveResult['conflicts'], stamps: SaveResult['stamps']) => {
      const lib = libraryRef.current;
      if (!lib) return;
      let entries = [...lib.entries];
      let currentId = lib.currentId;
      for (const c of conflicts) {
        const at = entries.findIndex((e) => e.id === c.id);
        if (at < 0) continue;
        const ours = entries[at]!;
        const savedOurs = saved.entries.find((e) => e.id === c.id);
        const copy: ScenarioEntry = { id: c.copyId, name: c.copyName, meta: ours.meta, sites: ours.sites };
        savedRef.current.set(c.copyId, { list: savedOurs?.sites ?? [], meta: savedOurs?.meta ?? null, rev: stamps.get(c.copyId)?.rev ?? 1 });
        if (savedOurs && ours.sites !== savedOurs.sites) dirty.current.add(c.copyId);
        dirty.current.delete(c.id);
        if (c.theirs) {
          savedRef.current.set(c.id, { list: c.theirs.sites, meta: c.theirs.meta, rev: c.theirs.stamp.rev });
          entries[at] = { id: c.id, name: ours.name, meta: c.theirs.meta, sites: c.theirs.sites };
        } else {
          unreadable.current.add(c.id);
          entries = entries.filter((e) => e.id !== c.id);
        }
        entries.splice(entries.findIndex((e) => e.id === c.id) + 1 || entries.length, 0, copy);
        if (currentId === c.id) {
          // The editor goes on with its own work, under the copy's name (its undo history too).
          histories.current.set(c.copyId, currentHistory());
          histories.current.delete(c.id);
          currentId = c.copyId;
        }
        setError({
          file: 'IndexedDB',
          message: `scenario "${c.copyName.replace(CONFLICT_SUFFIX, '')}" was saved by another tab while this tab had unsaved edits of it: those are kept as "${c.copyName}"`,
        });
      }
      const next: ScenarioLibrary = { entries, currentId };
      libraryRef.current = next;
      setLibrary(next);
    },
    [],
  );

  const saveNow = useCallback((): Promise<void> => {
    window.clearTimeout(saveTimer.current);
    saveScheduled.current = false;
    const run = async () => {
      const lib = libraryRef.current;
      if (!lib) return;
      const root = document.documentElement;
      const changed = [...dirty.current].filter((id) => lib.entries.some((e) => e.id === id));
      const ensure = lib.entries.filter((e) => e.sites && !savedRef.current.has(e.id) && !dirty.current.has(e.id)).map((e) => e.id);
      const ops = unsavedOps(lib);
      const nothing = changed.length === 0 && !hasIndexOps(ops) && (!storedAny.current || lib.currentId === savedCurrentId.current);
      if (nothing) {
        lastSaved.current = lib;
        if (libraryRef.current === lib && !saveScheduled.current) root.setAttribute('data-autosave-pending', 'false');
        return;
      }
      dirty.current.clear();
      try {
        const expected = new Map(changed.map((id) => [id, savedRef.current.get(id)?.rev ?? 0]));
        const r = await saveChanges({ lib, base: opsBase(), changed, ensure, expected, conflictCopy, writer: TAB_ID });
        lastSaved.current = lib;
        savedSnapshot(lib, [...r.stamps.keys()].filter((id) => !r.conflicts.some((c) => c.copyId === id)), savedRef.current, r.stamps);
        if (r.conflicts.length > 0) keepConflicts(lib, r.conflicts, r.stamps);
        for (const id of ops.removed) savedRef.current.delete(id);
        savedCurrentId.current = lib.currentId;
        const savedAs = lib.entries.map((e) => ({ id: e.id, name: e.name }));
        await adopt(r.entries, r.others, savedAs);
        channel.current?.post({ type: 'saved', from: TAB_ID, changed: [...r.stamps.keys()], entries: r.entries });
        // What IndexedDB now holds leaves the journal; what came since stays in it.
        if (libraryRef.current) journal(libraryRef.current);
        const now = libraryRef.current ?? lib;
        root.setAttribute('data-autosaved', String(currentEntry(now).sites.length));
        root.setAttribute('data-saved-scenarios', String(now.entries.length));
        if (!saveScheduled.current && dirty.current.size === 0) root.setAttribute('data-autosave-pending', 'false');
        setStorageFull(false);
        void measureStorage();
      } catch (e) {
        // The work stays in this tab (and its journal, when small enough); the next change retries.
        for (const id of changed) dirty.current.add(id);
        const full = (e as Error)?.name === 'QuotaExceededError';
        setStorageFull(full);
        setError({ file: 'IndexedDB', message: full ? STORAGE_FULL_MESSAGE : `autosave failed: ${(e as Error).message}` });
        void measureStorage();
      }
    };
    return inTurn(run);
  }, [adopt, journal, unsavedOps, opsBase, measureStorage, keepConflicts, inTurn]);

  useEffect(() => {
    if (!library) return;
    if (lastSaved.current === library) return;
    if (lastSaved.current === null && dirty.current.size === 0 && !hasIndexOps(unsavedOps(library))) {
      lastSaved.current = library; // the state just read: nothing to write
      return;
    }
    window.clearTimeout(saveTimer.current);
    // For people and tests alike: "saving…" until this state is on disk.
    document.documentElement.setAttribute('data-autosave-pending', 'true');
    saveScheduled.current = true;
    saveTimer.current = window.setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [library, saveNow, unsavedOps]);

  useEffect(() => {
    const flush = () => {
      if (saveScheduled.current) void saveNow();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Ask before leaving only while an edit is truly unsaved: not yet in IndexedDB AND too large for
    // the journal (or the journal could not be written).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const unsaved = saveScheduled.current || document.documentElement.getAttribute('data-autosave-pending') === 'true';
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
  }, [saveNow]);

  /** Reads scenario `id` as stored, when another tab saved it since this tab read it (before editing it here). */
  const refresh = useCallback(
    (id: string) =>
      inTurn(async () => {
        const r = await readStored([id]).catch(() => null);
        if (!r?.entries) return;
        const rec = r.scenarios.find((s) => s.id === id);
        const fresh = rec && rec.stamp.rev !== savedRef.current.get(id)?.rev && !dirty.current.has(id) ? [rec] : [];
        await adopt(r.entries, fresh, null, true);
      }),
    [adopt, inTurn],
  );

  /** Asks for the edit lock of `id`; the mode follows what is granted. */
  const acquire = useCallback(
    (id: string, how: 'try' | 'wait' | 'steal', signal?: AbortSignal) => {
      if (!haveLocks()) return setMode('edit');
      let release!: () => void;
      const hold = new Promise<void>((resolve) => (release = resolve));
      requestEditLock(id, {
        how,
        signal,
        busy: () => {
          if (libraryRef.current?.currentId !== id || held.current) return;
          setMode('elsewhere');
          queue(id);
        },
        granted: async () => {
          if (waiting.current?.id === id) {
            waiting.current.abort();
            waiting.current = null;
          }
          if (libraryRef.current?.currentId !== id || held.current) return; // moved on meanwhile: let it go
          held.current = { id, release };
          // From another tab (it saved before letting go): read what it saved.
          if (how !== 'try') await refresh(id);
          if (held.current?.id === id) setMode('edit');
          await hold;
        },
        lost: () => {
          if (held.current?.id !== id || held.current.release !== release) return;
          held.current = null;
          if (libraryRef.current?.currentId !== id) return;
          setMode('taken');
          queue(id);
        },
      });
    },
    // queue is declared below and stable (a ref-backed callback).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [refresh, setMode],
  );

  /**
   * Read-only here: waits in line for the scenario's lock, so this tab edits again as soon as the
   * other one lets go (moves to another scenario, or closes). Cancelled when the user moves on.
   */
  const queueRef = useRef<(id: string) => void>(() => {});
  const queue = useCallback((id: string) => queueRef.current(id), []);
  queueRef.current = (id: string) => {
    waiting.current?.abort();
    const queued = new AbortController();
    let timer: number | undefined;
    waiting.current = {
      id,
      abort: () => {
        window.clearTimeout(timer);
        queued.abort();
      },
      steal: () => {
        // "Take over" asked the holder to let go; if it does not within the wait (a frozen page, or
        // an older version of the app), take the lock from it.
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          if (waiting.current?.id !== id) return;
          waiting.current = null;
          queued.abort();
          if (libraryRef.current?.currentId === id && !held.current) acquire(id, 'steal');
        }, TAKE_OVER_WAIT_MS);
      },
    };
    acquire(id, 'wait', queued.signal);
  };

  // One edit lock: the current scenario's. Switching lets the old one go once its edits are saved.
  const currentId = library?.currentId ?? null;
  useEffect(() => {
    if (currentId === null || held.current?.id === currentId) return;
    waiting.current?.abort();
    waiting.current = null;
    const previous = held.current;
    held.current = null;
    if (previous) void saveNow().finally(previous.release);
    setMode('starting');
    acquire(currentId, 'try');
  }, [currentId, acquire, saveNow, setMode]);

  const takeOver = useCallback(() => {
    const id = libraryRef.current?.currentId;
    if (!id || modeRef.current === 'edit' || modeRef.current === 'waiting') return;
    setMode('waiting');
    channel.current?.post({ type: 'release', from: TAB_ID, id });
    if (waiting.current?.id !== id) queue(id);
    waiting.current?.steal();
  }, [queue, setMode]);

  // Messages from the other tabs.
  useEffect(() => {
    const c = openTabChannel((m) => {
      if (m.type === 'release') {
        const h = held.current;
        if (!h || h.id !== m.id) return;
        // Another tab takes this scenario over: stop editing, save, then let go.
        held.current = null;
        setMode('taken');
        void saveNow().finally(() => {
          h.release();
          // In line again: this tab edits once the other lets go.
          if (libraryRef.current?.currentId === h.id && !held.current) queue(h.id);
        });
        return;
      }
      // In turn with this tab's own saves, so the two do not cross. Only scenarios read here are
      // read again (the others follow the list's summary).
      void inTurn(async () => {
        const lib = libraryRef.current;
        if (!lib) return;
        const loaded = new Set(lib.entries.filter(isLoaded).map((e) => e.id));
        const ids = [...new Set(m.changed)].filter((id) => typeof id === 'string' && loaded.has(id));
        const r = await readStored(ids).catch(() => null);
        if (r?.entries) await adopt(r.entries, r.scenarios);
      });
    });
    channel.current = c;
    return () => {
      c?.close();
      channel.current = null;
    };
  }, [adopt, saveNow, setMode, queue, inTurn]);

  /** Switches the editor to `next` (keeping the history of the scenario it leaves). */
  const switchTo = useCallback(
    (lib: ScenarioLibrary, next: ScenarioLibrary) => {
      histories.current.set(lib.currentId, currentHistory());
      const entry = currentEntry(next);
      replaceHistory(histories.current.get(entry.id) ?? createHistory({ meta: entry.meta, sites: entry.sites }));
      libraryRef.current = next;
      setLibrary(next);
      setCompareId((c) => (c === entry.id ? lib.currentId : c));
    },
    [replaceHistory],
  );

  /**
   * Reads a scenario's sites when it is first opened or compared (a big library reads only its list
   * at start). False when it cannot be read: it is named, and left out here (kept in storage).
   */
  const ensureLoaded = useCallback(async (id: string): Promise<boolean> => {
    const entry = libraryRef.current?.entries.find((e) => e.id === id);
    if (!entry) return false;
    if (entry.sites) return true;
    setReading(id);
    const r = await readStored([id]).catch((e: Error) => ({ entries: null, scenarios: [], problems: new Map([[id, e.message]]) }));
    setReading((x) => (x === id ? null : x));
    const rec = r.scenarios.find((x) => x.id === id);
    const lib = libraryRef.current;
    if (!lib) return false;
    if (!rec) {
      unreadable.current.add(id);
      setError({ file: 'IndexedDB', message: `scenario "${entry.name ?? id}" could not be read: ${r.problems.get(id) ?? 'unknown problem'}` });
      const next = { ...lib, entries: lib.entries.filter((e) => e.id !== id) };
      if (next.entries.length > 0) {
        libraryRef.current = next;
        setLibrary(next);
      }
      return false;
    }
    savedRef.current.set(id, { list: rec.sites, meta: rec.meta, rev: rec.stamp.rev });
    const next = { ...lib, entries: lib.entries.map((e) => (e.id === id && !e.sites ? { id, name: e.name, meta: rec.meta, sites: rec.sites } : e)) };
    libraryRef.current = next;
    setLibrary(next);
    return true;
  }, []);

  const select = (id: string) => {
    if (!library || library.currentId === id) return;
    void ensureLoaded(id).then((ok) => {
      const lib = libraryRef.current;
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
    dirty.current.add(next.currentId);
    switchTo(library, next);
  };

  const duplicate = (id: string, name: string) => {
    if (!library) return;
    const next = duplicateScenario(library, id, name, newScenarioId());
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

  const remove = (id: string): 'last' | 'elsewhere' | null => {
    if (!library) return null;
    // The current scenario is deleted only by the tab editing it (not from under another tab's edits).
    if (id === library.currentId && modeRef.current !== 'edit') return 'elsewhere';
    const next = deleteScenario(library, id);
    if ('problem' in next) return next.problem;
    histories.current.delete(id);
    dirty.current.delete(id);
    if (compareId === id) setCompareId(null);
    if (library.currentId === id) {
      const entry = currentEntry(next);
      replaceHistory(histories.current.get(entry.id) ?? createHistory({ meta: entry.meta, sites: entry.sites }));
    }
    setLibrary(next);
    return null;
  };

  const found = library && compareId !== library.currentId ? findEntry(library, compareId) : null;
  const compareEntry = found && isLoaded(found) ? found : null;

  return { library, sample, error, setError, select, create, duplicate, rename, remove, compareId, setCompareId: compareWith, compareEntry, recovered, editMode, takeOver, storage, storageFull, reading };
}
