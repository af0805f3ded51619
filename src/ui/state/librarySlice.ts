/**
 * The scenario library in the app's store, beside the edited scenario's history (editingSlice.ts).
 *
 * The current scenario lives once: its content is the history's settled state (`settled`: the
 * present, or during a drag the state the drag began from). The library's entry for it is written
 * in the same store update as the history — never by an effect a render later — so every reader
 * (the save queue, the journal, another tab's merge) sees the two agree. The rule, held by
 * `followSettled` and `installLibrary`:
 *
 * - an edit (any change of the history) rewrites the current entry and marks the scenario dirty;
 * - a library installed with the same current scenario takes the history's content for it (a list
 *   read before an await cannot undo an edit made meanwhile);
 * - a library installed with another current scenario switches: the leaving history is kept (unless
 *   the scenario is gone), the arriving one put back, or made fresh from the entry;
 * - a caller that replaces the history too (another tab's version taken, a conflict copy) passes it.
 */
import { createHistory, type History } from '../../domain/history';
import { currentEntry, updateCurrent, type LoadedEntry, type ScenarioLibrary } from '../../domain/scenarioLibrary';
import type { EditingSlice, ScenarioState } from './editingSlice';

export interface LibrarySlice {
  /** The named scenarios (null until read); the current one's content is `settled(history)`. */
  library: ScenarioLibrary | null;
  /** The undo history of each scenario left during this session (the current one's is `history`). */
  histories: Map<string, History<ScenarioState>>;
  /** Scenarios edited in this tab since their last save (the save queue empties it). */
  dirty: Set<string>;
  /** Installs a library (see the rules above); `history`: the current scenario's new history. */
  installLibrary: (next: ScenarioLibrary, history?: History<ScenarioState>) => void;
}

/** The scenario as it stands without an open drag preview: what is saved and journalled. */
export const settled = (h: History<ScenarioState>): ScenarioState => h.pending ?? h.present;

/** The history `entry` had when the user left it, or a fresh one. */
export function historyOf(histories: ReadonlyMap<string, History<ScenarioState>>, entry: LoadedEntry): History<ScenarioState> {
  return histories.get(entry.id) ?? createHistory({ meta: entry.meta, sites: entry.sites });
}

type Both = LibrarySlice & EditingSlice;
type Partial_ = Partial<Both>;
type SetState = (partial: Partial_ | ((s: Both) => Partial_)) => void;

/**
 * The store's `set`, with the library following every change of the history made without one
 * (the editing slice's edits): the current entry takes the new settled content, and is marked dirty.
 */
export function followSettled(set: SetState): SetState {
  return (partial) =>
    set((s) => {
      const p = typeof partial === 'function' ? partial(s) : partial;
      if (!p.history || 'library' in p || !s.library) return p;
      const next = updateCurrent(s.library, settled(p.history));
      if (next === s.library) return p;
      s.dirty.add(s.library.currentId);
      return { ...p, library: next };
    });
}

export function createLibrarySlice(set: SetState): LibrarySlice {
  return {
    library: null,
    histories: new Map(),
    dirty: new Set(),
    installLibrary: (next, history) =>
      set((s) => {
        const lib = s.library;
        if (history) return { library: updateCurrent(next, settled(history)), history, selectedId: null };
        // The first library: its current scenario is the edited one, with a fresh history.
        if (!lib) return { library: next, history: createHistory(contentOf(currentEntry(next))) };
        if (next.currentId === lib.currentId) return { library: updateCurrent(next, settled(s.history)) };
        if (next.entries.some((e) => e.id === lib.currentId)) s.histories.set(lib.currentId, s.history);
        else s.histories.delete(lib.currentId);
        const arriving = historyOf(s.histories, currentEntry(next));
        return { library: updateCurrent(next, settled(arriving)), history: arriving, selectedId: null };
      }),
  };
}

const contentOf = (e: LoadedEntry): ScenarioState => ({ meta: e.meta, sites: e.sites });
