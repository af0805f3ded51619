/**
 * The first read: the library saved in this browser, else the deployer's published dataset
 * (published/index.json) or, where nothing is published, the illustrative sample (labelled as made
 * up) so a newcomer sees coverage and gaps at once; then the edits that had not reached IndexedDB
 * when a page went, replayed from the journals of tabs no longer alive. Only the current scenario
 * is read at start, and those the dead tabs' journals touch (a big library reads its list only).
 */
import { useEffect, useState } from 'react';
import { createLibrary, type ScenarioLibrary } from '../../domain/scenarioLibrary';
import type { RecordStamp } from '../../io/autosave';
import { savedSnapshot } from '../../io/editJournal';
import { joinedProblems } from '../../io/publishedData';
import { baseScenarioRead, libraryRead } from '../startupReads';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { recoverJournals } from './journalRecovery';
import { installLibrary, type LibraryCore } from './libraryCore';
import { holdTabLock } from './tabCoordination';
import type { EditJournal } from './useEditJournal';

export interface LibraryStart {
  /** The published dataset or the illustrative sample, for "back to the sample" (null until read, or when it could not be). */
  sample: ScenarioState | null;
  /** True once the sample's read has ended (read or not): a saved library opens before it. */
  sampleSettled: boolean;
  /** Set when edits that had not reached IndexedDB were recovered from a journal. */
  recovered: { sites: number; scenarios: number } | null;
}

export function useLibraryStartup(core: LibraryCore, journal: EditJournal, measureStorage: () => Promise<void>): LibraryStart {
  const [sample, setSample] = useState<ScenarioState | null>(null);
  const [sampleSettled, setSampleSettled] = useState(false);
  const [recovered, setRecovered] = useState<LibraryStart['recovered']>(null);

  useEffect(() => {
    let cancelled = false;
    const { stored, setError } = core;
    holdTabLock();
    // A deployer's published dataset (published/index.json) takes the sample's place.
    const sampleRead = baseScenarioRead(); // started before React mounted (src/ui/startupReads.ts)
    // Started before React mounted, as the sample's read (src/ui/startupReads.ts).
    void libraryRead().then(async ({ journals, busy, saved }) => {
      if (cancelled) return;
      if (journals.problems.length > 0) setError({ file: 'localStorage', message: journals.problems.join('; ') });
      // Our own journal, written as soon as the library is set, then holds their edits: the old keys go.
      journal.replayedKeys.current = journals.keys;
      // The sample (or published dataset) is what "back to the sample" opens; a saved library opens
      // without waiting for it (the next visit's figures come that much sooner), a new one starts from it.
      const hasSaved = saved !== null && !('error' in saved);
      const sampleIn = sampleRead.then((result) => {
        if (cancelled) return null;
        if (result.problems.length > 0) setError(joinedProblems(result.problems));
        setSample(result.scenario);
        setSampleSettled(true);
        return result.scenario;
      });
      const sampleState = hasSaved ? null : await sampleIn;
      if (cancelled) return;
      let lib: ScenarioLibrary;
      let found = new Map<string, RecordStamp>();
      if (saved && !('error' in saved)) {
        lib = saved.library;
        found = saved.stamps;
        for (const id of saved.unreadable) stored.unreadable.add(id);
        if (saved.migrated) for (const e of lib.entries) stored.dirty.add(e.id);
        else {
          stored.storedAny = true;
          stored.baseIndex = saved.index;
          stored.savedCurrentId = lib.currentId;
          savedSnapshot(lib, found.keys(), stored.saved, found);
        }
        if (saved.problems.length > 0) setError({ file: 'IndexedDB', message: saved.problems.join('; ') });
      } else {
        if (saved) setError({ file: 'IndexedDB', message: saved.error });
        lib = createLibrary({ name: null, meta: sampleState?.meta ?? null, sites: sampleState?.sites ?? [] });
      }
      const replayed = recoverJournals(lib, journals.dead, found, busy ?? new Set());
      if (replayed) {
        lib = replayed.library;
        for (const id of replayed.changed) stored.dirty.add(id);
        if (replayed.listChanged) stored.storedAny = true; // a list change to save even with no scenario changed
        setRecovered({ sites: replayed.sites, scenarios: replayed.scenarios });
      }
      // The current scenario opens with a fresh history.
      installLibrary(lib);
      // A start-up mark for bench/library.ts: the list and the current scenario are in place.
      performance.mark('library:ready');
      void measureStorage();
    });
    return () => {
      cancelled = true;
    };
  }, [core, journal, measureStorage]);

  return { sample, sampleSettled, recovered };
}
