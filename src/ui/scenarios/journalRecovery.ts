/**
 * At start: the edits that had not reached IndexedDB when a page went (closed, reloaded, crashed),
 * read from the journals of tabs no longer alive and replayed onto the library as stored. This
 * tab's own journal, written as soon as the library is set, then holds them (useEditJournal).
 */
import { isLoaded, type ScenarioLibrary } from '../../domain/scenarioLibrary';
import type { RecordStamp } from '../../io/autosave';
import { JOURNAL_PREFIX, readJournals, replayable, replayJournal, type Journal } from '../../io/editJournal';
import { TAB_ID } from './tabCoordination';

export interface DeadJournals {
  /** The journals of tabs that are gone, to replay. */
  dead: Journal[];
  /** Their localStorage keys, removed once this tab's journal holds their edits. */
  keys: string[];
  /** Journals that could not be read. */
  problems: string[];
}

/** The journals of tabs that are gone (`live`: the tabs alive now; null: no way to tell, none counts as alive). */
export function deadJournals(live: Set<string> | null): DeadJournals {
  let storage: Storage;
  try {
    storage = window.localStorage;
  } catch {
    return { dead: [], keys: [], problems: [] };
  }
  const { journals, problems, keys } = readJournals(storage);
  const dead = replayable(journals, TAB_ID, live);
  const deadKeys = new Set(dead.map((j) => JOURNAL_PREFIX + j.tab));
  return { dead, keys: keys.filter((k) => deadKeys.has(k)), problems };
}

export interface Recovered {
  library: ScenarioLibrary;
  /** Scenarios the journals changed (to save). */
  changed: string[];
  /** Site edits replayed, and in how many scenarios (the panel says so). */
  sites: number;
  scenarios: number;
  /** The list itself changed (new, renamed, deleted scenarios): a change to save even with no scenario changed. */
  listChanged: boolean;
}

/**
 * Replays the journals of dead tabs onto `lib` (null: nothing to replay). Each scenario's part only
 * over the stored record it followed (`found`), and none of a scenario another live tab edits now
 * (`busy`): that tab replayed this journal when it started, and the scenario is its to keep.
 */
export function recoverJournals(lib: ScenarioLibrary, dead: readonly Journal[], found: ReadonlyMap<string, RecordStamp>, busy: ReadonlySet<string>): Recovered | null {
  if (dead.length === 0) return null;
  const before = JSON.stringify(lib.entries.map((e) => [e.id, e.name]));
  let library = lib;
  const changed = new Set<string>();
  let sites = 0;
  for (const j of dead) {
    const r = replayJournal(library, j, found, busy);
    library = r.library;
    for (const id of r.changed) changed.add(id);
    sites += j.scenarios.filter((d) => r.changed.includes(d.id)).reduce((m, d) => m + d.upsert.length + d.remove.length, 0);
  }
  // The current scenario is one whose sites were read (the journal's current one may not be).
  if (!isLoaded(library.entries.find((e) => e.id === library.currentId) ?? library.entries[0]!)) library = { ...library, currentId: lib.currentId };
  const listChanged = JSON.stringify(library.entries.map((e) => [e.id, e.name])) !== before;
  if (changed.size === 0 && !listChanged && library.currentId === lib.currentId) return null;
  return { library, changed: [...changed], sites, scenarios: changed.size, listChanged };
}
