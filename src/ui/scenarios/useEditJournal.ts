/**
 * The edit journal: every change is written at once, synchronously, to this tab's small journal in
 * localStorage — the difference between the library here and what IndexedDB holds — so a page
 * reloaded, closed or crashed a moment after an edit finds it (journalRecovery.ts replays it). The
 * journal is emptied once IndexedDB holds the edits.
 */
import { useLayoutEffect, useState } from 'react';
import { hasIndexOps } from '../../domain/libraryIndex';
import type { ScenarioLibrary } from '../../domain/scenarioLibrary';
import { makeJournal, writeJournal } from '../../io/editJournal';
import { opsBase, unsavedOps, type LibraryCore } from './libraryCore';
import { TAB_ID } from './tabCoordination';

export interface EditJournal {
  /** Writes this tab's journal for `lib` (the edits IndexedDB lacks; `alsoChanged`: scenarios edited but not yet marked dirty). */
  write: (lib: ScenarioLibrary, alsoChanged?: readonly string[]) => void;
  /** Whether the edits IndexedDB lacks are in the journal ('written', or 'removed': there are none) or only in memory. */
  state: { current: ReturnType<typeof writeJournal> };
  /** Journal keys of dead tabs replayed at start, removed once this tab's journal holds their edits. */
  replayedKeys: { current: string[] };
}

export function useEditJournal({ stored }: LibraryCore): EditJournal {
  const [journal] = useState<EditJournal>(() => {
    const state: EditJournal['state'] = { current: 'removed' };
    const replayedKeys: EditJournal['replayedKeys'] = { current: [] };
    const write = (lib: ScenarioLibrary, alsoChanged: readonly string[] = []) => {
      // Scenarios edited since their last save (an untouched sample, never saved, is not an edit).
      const ids = new Set([...stored.dirty, ...alsoChanged]);
      let storage: Storage;
      try {
        storage = window.localStorage;
      } catch {
        state.current = 'failed';
        return;
      }
      const unsaved = ids.size > 0 || hasIndexOps(unsavedOps(stored, lib)) || (stored.storedAny && lib.currentId !== stored.savedCurrentId);
      // The same base as the saves' (unreadable scenarios are not this tab's deletions to replay).
      state.current = writeJournal(storage, TAB_ID, unsaved ? makeJournal(TAB_ID, lib, stored.saved, stored.storedAny ? opsBase(stored) : [], ids) : null);
      for (const key of replayedKeys.current.splice(0)) storage.removeItem(key);
    };
    return { write, state, replayedKeys };
  });
  return journal;
}

/**
 * Journals every change of the library at once, in a layout effect: it runs while React commits the
 * change, before the browser can paint or unload (a reload a moment later finds it). An edit
 * reaches the library in the same store update as the history (src/ui/state/librarySlice.ts);
 * `lastSaved` is the library as last saved or read, which needs no journal.
 */
export function useJournalEveryChange(journal: EditJournal, library: ScenarioLibrary | null, lastSaved: { current: ScenarioLibrary | null }): void {
  useLayoutEffect(() => {
    if (library && lastSaved.current !== library) journal.write(library);
  }, [library, journal, lastSaved]);
}
