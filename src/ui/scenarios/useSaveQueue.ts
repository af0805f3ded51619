/**
 * Saving the library to IndexedDB: every settled change, debounced; at once when the page is hidden
 * or closed (useUnsavedGuard), and before this tab lets another one edit a scenario (useEditLock).
 * One queue per tab: saves, and the reads of what other tabs stored, run one after another.
 */
import { useEffect, useState } from 'react';
import { hasIndexOps } from '../../domain/libraryIndex';
import { currentEntry, type ScenarioLibrary } from '../../domain/scenarioLibrary';
import { saveChanges } from '../../io/autosave';
import { savedSnapshot } from '../../io/editJournal';
import { adoptStored } from './adoptStored';
import { conflictCopy, keepConflicts } from './conflictCopies';
import { opsBase, unsavedOps, type LibraryCore } from './libraryCore';
import { updateSaveStatus } from './saveStatus';
import { TAB_ID } from './tabCoordination';
import type { EditJournal } from './useEditJournal';

/** Autosave waits this long after the last change (a drag saves once, at the end). */
const AUTOSAVE_DELAY_MS = 400;

const STORAGE_FULL_MESSAGE =
  'browser storage is full: the latest edits are kept in this tab only (and in its journal when small enough) — export the scenario (Export GeoJSON) or delete scenarios to free space; saving is retried at the next change';

export interface SaveQueue {
  /** Saves what is unsaved now (in turn); a waiting save's timer is dropped. */
  saveNow: () => Promise<void>;
  /**
   * Runs `task` in this tab's one queue of saves. Reading what another tab stored and adopting it
   * must not interleave with a save: a save clears `dirty` when it starts, so an adopt landing while
   * it runs would take the other tab's version over this tab's edit in flight (and the conflict copy
   * would then be made from theirs).
   */
  inTurn: (task: () => Promise<void>) => Promise<void>;
  /** A save is waiting for its timer. */
  scheduled: { current: boolean };
  /** The library as last saved (or as read, when there was nothing to write). */
  lastSaved: { current: ScenarioLibrary | null };
}

export function useSaveQueue(core: LibraryCore, library: ScenarioLibrary | null, journal: EditJournal, measureStorage: () => Promise<void>): SaveQueue & { storageFull: boolean } {
  // The last save was refused for lack of space (the work is in memory only).
  const [storageFull, setStorageFull] = useState(false);
  const [queue] = useState(() => createSaveQueue(core, journal, measureStorage, setStorageFull));

  useEffect(() => {
    const { lastSaved, scheduled } = queue;
    if (!library) return;
    if (lastSaved.current === library) return;
    if (lastSaved.current === null && core.stored.dirty.size === 0 && !hasIndexOps(unsavedOps(core.stored, library))) {
      lastSaved.current = library; // the state just read: nothing to write
      return;
    }
    window.clearTimeout(queue.timer);
    // Unsaved until this state is on disk (the guard asks before the page closes on it).
    updateSaveStatus({ pending: true });
    scheduled.current = true;
    queue.timer = window.setTimeout(() => void queue.saveNow(), AUTOSAVE_DELAY_MS);
  }, [library, queue, core]);

  return { saveNow: queue.saveNow, inTurn: queue.inTurn, scheduled: queue.scheduled, lastSaved: queue.lastSaved, storageFull };
}

function createSaveQueue(core: LibraryCore, journal: EditJournal, measureStorage: () => Promise<void>, setStorageFull: (full: boolean) => void): SaveQueue & { timer: number | undefined } {
  const { libraryRef, stored } = core;
  let saving: Promise<void> = Promise.resolve();
  const queue: SaveQueue & { timer: number | undefined } = {
    timer: undefined,
    scheduled: { current: false },
    lastSaved: { current: null },
    inTurn: (task) => {
      saving = saving.then(task, task);
      return saving;
    },
    saveNow: () => {
      window.clearTimeout(queue.timer);
      queue.scheduled.current = false;
      return queue.inTurn(save);
    },
  };

  const save = async () => {
    const lib = libraryRef.current;
    if (!lib) return;
    const changed = [...stored.dirty].filter((id) => lib.entries.some((e) => e.id === id));
    // Scenarios read here with no record known to this tab (an untouched copy): written only if storage has none.
    const ensure = lib.entries.filter((e) => e.sites && !stored.saved.has(e.id) && !stored.dirty.has(e.id)).map((e) => e.id);
    const ops = unsavedOps(stored, lib);
    const nothing = changed.length === 0 && !hasIndexOps(ops) && (!stored.storedAny || lib.currentId === stored.savedCurrentId);
    if (nothing) {
      queue.lastSaved.current = lib;
      if (libraryRef.current === lib && !queue.scheduled.current) updateSaveStatus({ pending: false });
      return;
    }
    stored.dirty.clear();
    try {
      const expected = new Map(changed.map((id) => [id, stored.saved.get(id)?.rev ?? 0]));
      const r = await saveChanges({ lib, base: opsBase(stored), changed, ensure, expected, conflictCopy, writer: TAB_ID });
      queue.lastSaved.current = lib;
      savedSnapshot(lib, [...r.stamps.keys()].filter((id) => !r.conflicts.some((c) => c.copyId === id)), stored.saved, r.stamps);
      if (r.conflicts.length > 0) keepConflicts(core, lib, r.conflicts, r.stamps);
      for (const id of ops.removed) stored.saved.delete(id);
      stored.savedCurrentId = lib.currentId;
      const savedAs = lib.entries.map((e) => ({ id: e.id, name: e.name }));
      await adoptStored(core, r.entries, r.others, savedAs);
      core.channel.current?.post({ type: 'saved', from: TAB_ID, changed: [...r.stamps.keys()], entries: r.entries });
      // What IndexedDB now holds leaves the journal; what came since stays in it.
      if (libraryRef.current) journal.write(libraryRef.current);
      const now = libraryRef.current ?? lib;
      // Still pending when a change came while this save ran (its own save is scheduled).
      const done = !queue.scheduled.current && stored.dirty.size === 0;
      updateSaveStatus({ savedSites: currentEntry(now).sites.length, savedScenarios: now.entries.length, ...(done ? { pending: false } : {}) });
      setStorageFull(false);
      void measureStorage();
    } catch (e) {
      // The work stays in this tab (and its journal, when small enough); the next change retries.
      for (const id of changed) stored.dirty.add(id);
      const full = (e as Error)?.name === 'QuotaExceededError';
      setStorageFull(full);
      core.setError({ file: 'IndexedDB', message: full ? STORAGE_FULL_MESSAGE : `autosave failed: ${(e as Error).message}` });
      void measureStorage();
    }
  };
  return queue;
}
