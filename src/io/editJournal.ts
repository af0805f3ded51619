/**
 * A write-ahead journal of the edits IndexedDB does not hold yet, so an edit shown on screen survives
 * an immediate reload, a closed tab or a crash.
 *
 * Why: IndexedDB writes are asynchronous; a transaction started as the page unloads may never
 * commit (a reload 0–200 ms after an edit lost it). localStorage writes are synchronous: the
 * journal is written the moment the library changes, and read back at the next start.
 *
 * What it holds: for each scenario changed since its last save, the difference from the saved
 * version (sites added or changed, ids removed, the description) — one site for a drag, not the
 * whole list — and the library's index (names, order, current scenario). Each tab writes its own
 * key (`siting-journal:<tab>`); at start a tab replays the journals of tabs that are gone (the caller
 * checks with Web Locks which tabs live) and removes them once IndexedDB holds their edits. A change
 * too large for localStorage (a 200,000-site import) is not journalled: `write` says so, and the
 * page then asks before unloading until IndexedDB has it.
 *
 * Pure but for the Storage passed in (localStorage in the app, a Map-backed one in tests).
 */
import { z } from 'zod';
import { scenarioMetaSchema } from '../domain/scenarioFile';
import { siteSchema, type Site } from '../domain/site';
import type { ScenarioEntry, ScenarioLibrary } from '../domain/scenarioLibrary';

export const JOURNAL_PREFIX = 'siting-journal:';
export const JOURNAL_VERSION = 1;
/** Above this many characters a journal is not written (localStorage holds ~5 M characters an origin). */
export const MAX_JOURNAL_CHARS = 2_000_000;

/** What IndexedDB holds of one scenario: its sites by id (identity tells what changed) and its description. */
export interface SavedScenario {
  sites: ReadonlyMap<string, Site>;
  meta: ScenarioEntry['meta'];
}

const scenarioDiffSchema = z.object({
  id: z.string().min(1),
  /** True when IndexedDB has no record of this scenario yet: `upsert` is then all of it. */
  fresh: z.boolean(),
  meta: scenarioMetaSchema.nullable(),
  upsert: z.array(siteSchema),
  remove: z.array(z.string()),
  /** The scenario's site ids in order (the list order is kept: the UI and exports follow it). */
  order: z.array(z.string()),
});

const journalSchema = z.object({
  version: z.literal(JOURNAL_VERSION),
  tab: z.string().min(1),
  writtenAt: z.number(),
  /**
   * The IndexedDB save the journal's edits follow (its revision; 0: nothing saved yet). A journal is
   * replayed only over that same save — or over a later one its own tab wrote (a save that committed
   * just before the page went, before the journal was rewritten): when another writer moved
   * IndexedDB on, the journal is stale and is dropped.
   */
  base: z.number().int().nonnegative(),
  index: z.object({
    currentId: z.string().min(1),
    entries: z.array(z.object({ id: z.string().min(1), name: z.string().min(1).nullable() })).min(1),
  }),
  scenarios: z.array(scenarioDiffSchema),
});
export type Journal = z.infer<typeof journalSchema>;
type ScenarioDiff = z.infer<typeof scenarioDiffSchema>;

/** The difference of a scenario from what IndexedDB holds (null: nothing to journal). */
export function scenarioDiff(entry: ScenarioEntry, saved: SavedScenario | undefined): ScenarioDiff | null {
  const order = entry.sites.map((s) => s.id);
  if (!saved) return { id: entry.id, fresh: true, meta: entry.meta, upsert: [...entry.sites], remove: [], order };
  const upsert = entry.sites.filter((s) => saved.sites.get(s.id) !== s);
  const present = new Set(order);
  const remove = [...saved.sites.keys()].filter((id) => !present.has(id));
  const sameOrder = upsert.length === 0 && remove.length === 0 && sameSequence(order, saved.sites.keys());
  if (sameOrder && entry.meta === saved.meta) return null;
  return { id: entry.id, fresh: false, meta: entry.meta, upsert, remove, order };
}

function sameSequence(a: readonly string[], b: Iterable<string>): boolean {
  let i = 0;
  for (const id of b) if (a[i++] !== id) return false;
  return i === a.length;
}

/**
 * The journal of `lib` against what IndexedDB holds: every scenario that differs, and the index.
 * @param saved per scenario id, what IndexedDB holds (absent: nothing yet).
 * @param only when given, only these scenarios are compared (the others are known to be saved).
 */
export function makeJournal(
  tab: string,
  lib: ScenarioLibrary,
  saved: ReadonlyMap<string, SavedScenario>,
  only?: ReadonlySet<string>,
  base = 0,
  now = Date.now(),
): Journal {
  const scenarios: ScenarioDiff[] = [];
  for (const e of lib.entries) {
    if (only && !only.has(e.id)) continue;
    const d = scenarioDiff(e, saved.get(e.id));
    if (d) scenarios.push(d);
  }
  return {
    version: JOURNAL_VERSION,
    tab,
    writtenAt: now,
    base,
    index: { currentId: lib.currentId, entries: lib.entries.map((e) => ({ id: e.id, name: e.name })) },
    scenarios,
  };
}

/**
 * Writes (or, when `journal` is null, removes) a tab's journal.
 * @returns 'written', 'removed', or 'too-large' / 'failed' when it could not be kept (the caller
 *   then holds the page until IndexedDB has the edits).
 */
export function writeJournal(storage: Storage, tab: string, journal: Journal | null): 'written' | 'removed' | 'too-large' | 'failed' {
  const key = JOURNAL_PREFIX + tab;
  try {
    if (journal === null) {
      storage.removeItem(key);
      return 'removed';
    }
    // A site takes ≥ 80 characters of JSON: a journal of that many surely exceeds the limit, and is
    // not made into text at all (a 200,000-site import would cost a quarter of a second an edit).
    const sites = journal.scenarios.reduce((n, d) => n + d.upsert.length, 0);
    const text = sites * 80 > MAX_JOURNAL_CHARS ? null : JSON.stringify(journal);
    if (text === null || text.length > MAX_JOURNAL_CHARS) {
      storage.removeItem(key);
      return 'too-large';
    }
    storage.setItem(key, text);
    return 'written';
  } catch {
    // QuotaExceededError, or storage switched off.
    try {
      storage.removeItem(key);
    } catch {
      // nothing more to do
    }
    return 'failed';
  }
}

/** Every tab's journal in the storage, oldest first; unreadable ones are named in `problems`. */
export function readJournals(storage: Storage): { journals: Journal[]; problems: string[]; keys: string[] } {
  const journals: Journal[] = [];
  const problems: string[] = [];
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(JOURNAL_PREFIX)) continue;
    keys.push(key);
    try {
      const parsed = journalSchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
      if (parsed.success) journals.push(parsed.data);
      else problems.push(`unsaved edits of another session could not be read (${key})`);
    } catch {
      problems.push(`unsaved edits of another session could not be read (${key})`);
    }
  }
  journals.sort((a, b) => a.writtenAt - b.writtenAt);
  return { journals, problems, keys };
}

/**
 * Which journals to replay at start: those of other tabs that are gone (not in `live`) and follow
 * the IndexedDB save found now (`found`: its revision, 0 when nothing is saved, null when the record
 * predates revisions; and its writer), or a later save of their own tab; the others of gone tabs
 * are stale (to remove).
 */
export function replayable(
  journals: readonly Journal[],
  self: string,
  live: ReadonlySet<string> | null,
  found: { revision: number | null; writer: string | null },
): { replay: Journal[]; stale: Journal[] } {
  const gone = journals.filter((j) => j.tab !== self && !(live?.has(j.tab) ?? false));
  const follows = (j: Journal) => (found.revision !== null && j.base === found.revision) || (found.writer !== null && found.writer === j.tab);
  return { replay: gone.filter(follows), stale: gone.filter((j) => !follows(j)) };
}

/**
 * The library with a journal's edits applied: its index decides which scenarios there are (one
 * deleted in the journal's tab stays deleted), their names, order and the current one; its diffs
 * change the sites. Also the ids of the scenarios it changed, to be saved, and those it dropped.
 */
export function replayJournal(lib: ScenarioLibrary | null, journal: Journal): { library: ScenarioLibrary; changed: string[]; removed: string[] } {
  const byId = new Map((lib?.entries ?? []).map((e) => [e.id, e]));
  const changed: string[] = [];
  for (const d of journal.scenarios) {
    const base = byId.get(d.id);
    const sites = new Map<string, Site>(d.fresh || !base ? [] : base.sites.map((s) => [s.id, s]));
    for (const id of d.remove) sites.delete(id);
    for (const s of d.upsert) sites.set(s.id, s);
    const ordered = d.order.flatMap((id) => (sites.has(id) ? [sites.get(id)!] : []));
    byId.set(d.id, { id: d.id, name: base?.name ?? null, meta: d.meta, sites: ordered });
    changed.push(d.id);
  }
  const entries = journal.index.entries.flatMap((e) => {
    const entry = byId.get(e.id);
    return entry ? [{ ...entry, name: e.name }] : [];
  });
  if (entries.length === 0) return lib ? { library: lib, changed: [], removed: [] } : { library: { entries: [], currentId: '' }, changed: [], removed: [] };
  const listed = new Set(entries.map((e) => e.id));
  const removed = (lib?.entries ?? []).map((e) => e.id).filter((id) => !listed.has(id));
  const currentId = listed.has(journal.index.currentId) ? journal.index.currentId : entries[0]!.id;
  return { library: { entries, currentId }, changed, removed };
}

/** What IndexedDB holds after saving these scenarios of `lib` (a snapshot for the next diff). */
export function savedSnapshot(lib: ScenarioLibrary, ids: Iterable<string>, into = new Map<string, SavedScenario>()): Map<string, SavedScenario> {
  const byId = new Map(lib.entries.map((e) => [e.id, e]));
  for (const id of ids) {
    const e = byId.get(id);
    if (e) into.set(id, { sites: new Map(e.sites.map((s) => [s.id, s])), meta: e.meta });
    else into.delete(id);
  }
  return into;
}
