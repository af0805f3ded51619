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
 * whole list — and the changes to the scenario list (added, removed, renamed; the current one). Each
 * tab writes its own key (`siting-journal:<tab>`); at start a tab replays the journals of tabs that
 * are gone (the caller checks with Web Locks which tabs live) and removes them once IndexedDB holds
 * their edits. Each scenario's diff names the record revision it follows: when another tab saved
 * that scenario since, the diff is stale and is not replayed over the newer work. A change
 * too large for localStorage (a 200,000-site import) is not journalled: `write` says so, and the
 * page then asks before unloading until IndexedDB has it.
 *
 * Pure but for the Storage passed in (localStorage in the app, a Map-backed one in tests).
 */
import { z } from 'zod';
import { scenarioMetaSchema } from '../domain/scenarioFile';
import { siteSchema, type Site } from '../domain/site';
import { isLoaded, type ScenarioEntry, type ScenarioLibrary } from '../domain/scenarioLibrary';
import { applyIndexOps, indexOps, type IndexEntry, type IndexOps } from '../domain/libraryIndex';

export const JOURNAL_PREFIX = 'siting-journal:';
export const JOURNAL_VERSION = 2;
/** Above this many characters a journal is not written (localStorage holds ~5 M characters an origin). */
export const MAX_JOURNAL_CHARS = 2_000_000;

/** What IndexedDB holds of one scenario: its sites in order (identity tells what changed) and its description. */
export interface SavedScenario {
  /** The site list as saved: the very array, so an unchanged scenario is known in one comparison. */
  list: readonly Site[];
  meta: ScenarioEntry['meta'];
  /** The record's revision (see src/io/autosave.ts). */
  rev: number;
}

/** A record's revision and writer, as found in IndexedDB at replay. */
export interface FoundStamp {
  rev: number;
  writer: string | null;
}

const scenarioDiffSchema = z.object({
  id: z.string().min(1),
  /** True when IndexedDB has no record of this scenario yet: `upsert` is then all of it. */
  fresh: z.boolean(),
  /** The record revision this diff follows (0 when fresh). */
  base: z.number().int().nonnegative(),
  meta: scenarioMetaSchema.nullable(),
  upsert: z.array(siteSchema),
  remove: z.array(z.string()),
  /**
   * The scenario's site ids in order (the list order is kept: the UI and exports follow it); null
   * when it is the saved order without the removed ones, then the new ones in `upsert`'s order —
   * a drag in a 200,000-site scenario then journals one site, not 200,000 ids.
   */
  order: z.array(z.string()).nullable(),
});

const journalSchema = z.object({
  version: z.literal(JOURNAL_VERSION),
  tab: z.string().min(1),
  writtenAt: z.number(),
  index: z.object({
    currentId: z.string().min(1),
    /** The list changes since the tab last read or saved the list. */
    added: z.array(z.object({ id: z.string().min(1), name: z.string().min(1).nullable(), after: z.string().nullable() })),
    /** Deleted scenarios, with the record revision the deletion follows. */
    removed: z.array(z.object({ id: z.string().min(1), rev: z.number().int().nonnegative() })),
    renamed: z.array(z.object({ id: z.string().min(1), name: z.string().min(1).nullable() })),
  }),
  scenarios: z.array(scenarioDiffSchema),
});
export type Journal = z.infer<typeof journalSchema>;
type ScenarioDiff = z.infer<typeof scenarioDiffSchema>;

/** Sites a journal can hold: a site takes ≥ 80 characters of JSON. */
const MAX_JOURNAL_SITES = Math.floor(MAX_JOURNAL_CHARS / 80);

/**
 * The difference of a scenario from what IndexedDB holds (null: nothing to journal; 'too-large':
 * more than `maxUpserts` sites differ — found without diffing the rest of a 200,000-site import).
 */
export function scenarioDiff(entry: ScenarioEntry, saved: SavedScenario | undefined, maxUpserts = Infinity): ScenarioDiff | null | 'too-large' {
  if (!isLoaded(entry)) return null; // not read, so not changed here
  if (!saved) {
    if (entry.sites.length > maxUpserts) return 'too-large';
    return { id: entry.id, fresh: true, base: 0, meta: entry.meta, upsert: [...entry.sites], remove: [], order: entry.sites.map((s) => s.id) };
  }
  const head = { id: entry.id, fresh: false, base: saved.rev, meta: entry.meta };
  if (entry.sites === saved.list) return entry.meta === saved.meta ? null : { ...head, upsert: [], remove: [], order: null };
  // The common edit (a site moved or changed in place): same ids slot by slot, no map needed.
  const inPlace = changedInPlace(entry.sites, saved.list);
  if (inPlace && inPlace.length > maxUpserts) return 'too-large';
  if (inPlace) {
    if (inPlace.length === 0 && entry.meta === saved.meta) return null;
    return { ...head, upsert: inPlace, remove: [], order: null };
  }
  const savedById = byId(saved.list);
  const upsert: Site[] = [];
  for (const s of entry.sites) {
    if (savedById.get(s.id) === s) continue;
    if (upsert.length >= maxUpserts) return 'too-large';
    upsert.push(s);
  }
  const present = new Set(entry.sites.map((s) => s.id));
  const remove = saved.list.filter((s) => !present.has(s.id)).map((s) => s.id);
  const order = keepsSavedOrder(entry.sites, saved.list, present, savedById) ? null : entry.sites.map((s) => s.id);
  if (upsert.length === 0 && remove.length === 0 && order === null && entry.meta === saved.meta) return null;
  return { ...head, upsert, remove, order };
}

/** The sites that differ from the saved ones when every slot holds the same id; null when some slot's id differs. */
function changedInPlace(sites: readonly Site[], saved: readonly Site[]): Site[] | null {
  if (sites.length !== saved.length) return null;
  const changed: Site[] = [];
  for (let i = 0; i < sites.length; i++) {
    const a = sites[i]!;
    const b = saved[i]!;
    if (a === b) continue;
    if (a.id !== b.id) return null;
    changed.push(a);
  }
  return changed;
}

/** Whether `sites` is the saved order without the removed ones, followed only by new sites (what a null `order` means). */
function keepsSavedOrder(sites: readonly Site[], saved: readonly Site[], present: ReadonlySet<string>, savedById: ReadonlyMap<string, Site>): boolean {
  let i = 0;
  for (const s of saved) {
    if (!present.has(s.id)) continue;
    if (sites[i]?.id !== s.id) return false;
    i++;
  }
  for (; i < sites.length; i++) if (savedById.has(sites[i]!.id)) return false;
  return true;
}

/** Sites by id, made once per saved list (a list is never changed in place). */
const byIdCache = new WeakMap<readonly Site[], Map<string, Site>>();
function byId(list: readonly Site[]): Map<string, Site> {
  let m = byIdCache.get(list);
  if (!m) byIdCache.set(list, (m = new Map(list.map((s) => [s.id, s]))));
  return m;
}

/**
 * The journal of `lib` against what IndexedDB holds: every scenario that differs, and the list's changes.
 * @param saved per scenario id, what IndexedDB holds (absent: nothing yet).
 * @param baseIndex the list as the tab last read or saved it.
 * @param only when given, only these scenarios are compared (the others are known to be saved).
 */
export function makeJournal(
  tab: string,
  lib: ScenarioLibrary,
  saved: ReadonlyMap<string, SavedScenario>,
  baseIndex: readonly IndexEntry[],
  only?: ReadonlySet<string>,
  now = Date.now(),
): Journal | 'too-large' {
  const scenarios: ScenarioDiff[] = [];
  let sites = 0;
  for (const e of lib.entries) {
    if (only && !only.has(e.id)) continue;
    const d = scenarioDiff(e, saved.get(e.id), MAX_JOURNAL_SITES - sites);
    if (d === 'too-large') return d;
    if (d) scenarios.push(d);
    sites += d?.upsert.length ?? 0;
  }
  const ops = indexOps(baseIndex, lib.entries);
  return {
    version: JOURNAL_VERSION,
    tab,
    writtenAt: now,
    index: { currentId: lib.currentId, added: ops.added, removed: ops.removed.map((id) => ({ id, rev: saved.get(id)?.rev ?? 0 })), renamed: ops.renamed },
    scenarios,
  };
}

/**
 * Writes (or, when `journal` is null, removes) a tab's journal.
 * @returns 'written', 'removed', or 'too-large' / 'failed' when it could not be kept (the caller
 *   then holds the page until IndexedDB has the edits).
 */
export function writeJournal(storage: Storage, tab: string, journal: Journal | 'too-large' | null): 'written' | 'removed' | 'too-large' | 'failed' {
  const key = JOURNAL_PREFIX + tab;
  try {
    if (journal === null) {
      storage.removeItem(key);
      return 'removed';
    }
    // A site takes ≥ 80 characters of JSON: a journal of more than MAX_JOURNAL_SITES surely exceeds
    // the limit, and is not made (makeJournal stops) nor made into text.
    const text = journal === 'too-large' ? null : JSON.stringify(journal);
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

/** The journals to replay at start: those of other tabs that are gone (not in `live`). */
export function replayable(journals: readonly Journal[], self: string, live: ReadonlySet<string> | null): Journal[] {
  return journals.filter((j) => j.tab !== self && !(live?.has(j.tab) ?? false));
}

/** Whether a scenario's diff follows the record IndexedDB holds now (else another tab saved over it since). */
function follows(d: ScenarioDiff, found: FoundStamp | undefined, tab: string): boolean {
  if (found && found.writer === tab) return true; // its own save, committed just before the page went
  return d.fresh ? found === undefined : found !== undefined && found.rev === d.base;
}

/**
 * The library with a journal's edits applied: its list changes (new, deleted and renamed scenarios,
 * the current one) over the list as loaded, its diffs over the sites. A diff that does not follow
 * the record found now (`found`) is stale and skipped, as is any scenario in `skip` (being edited in
 * a live tab). Also the ids changed (to save), dropped, and skipped.
 */
export function replayJournal(
  lib: ScenarioLibrary,
  journal: Journal,
  found: ReadonlyMap<string, FoundStamp>,
  skip: ReadonlySet<string> = new Set(),
): { library: ScenarioLibrary; changed: string[]; removed: string[]; skipped: string[] } {
  const byId = new Map(lib.entries.map((e) => [e.id, e]));
  const changed: string[] = [];
  const skipped: string[] = [];
  for (const d of journal.scenarios) {
    const base = byId.get(d.id);
    if (skip.has(d.id) || !follows(d, found.get(d.id), journal.tab) || (!d.fresh && !base?.sites)) {
      skipped.push(d.id);
      continue;
    }
    const sites = new Map<string, Site>(d.fresh || !base?.sites ? [] : base.sites.map((s) => [s.id, s]));
    for (const id of d.remove) sites.delete(id);
    for (const s of d.upsert) sites.set(s.id, s);
    const ordered = d.order ? d.order.flatMap((id) => (sites.has(id) ? [sites.get(id)!] : [])) : [...sites.values()];
    byId.set(d.id, { id: d.id, name: base?.name ?? null, meta: d.meta, sites: ordered });
    changed.push(d.id);
  }
  const j = journal.index;
  const ops: IndexOps = {
    // A new scenario only with its sites (a stale or skipped one is not made empty).
    added: j.added.filter((a) => byId.has(a.id)),
    removed: j.removed.filter((r) => !skip.has(r.id) && (found.get(r.id)?.rev ?? 0) === r.rev).map((r) => r.id),
    renamed: j.renamed,
  };
  const order = applyIndexOps(lib.entries, ops);
  const entries = order.flatMap((e) => {
    const entry = byId.get(e.id);
    return entry ? [{ ...entry, name: e.name }] : [];
  });
  if (entries.length === 0) return { library: lib, changed: [], removed: [], skipped };
  const listed = new Set(entries.map((e) => e.id));
  const removed = lib.entries.map((e) => e.id).filter((id) => !listed.has(id));
  const currentId = listed.has(j.currentId) ? j.currentId : listed.has(lib.currentId) ? lib.currentId : entries[0]!.id;
  return { library: { entries, currentId }, changed: changed.filter((id) => listed.has(id)), removed, skipped };
}

/**
 * What IndexedDB holds after saving (or reading) these scenarios of `lib` (a snapshot for the next
 * diff), with their record revisions (`revs`; 0 when not given).
 */
export function savedSnapshot(
  lib: ScenarioLibrary,
  ids: Iterable<string>,
  into = new Map<string, SavedScenario>(),
  revs: ReadonlyMap<string, { rev: number }> = new Map(),
): Map<string, SavedScenario> {
  const byId = new Map(lib.entries.map((e) => [e.id, e]));
  for (const id of ids) {
    const e = byId.get(id);
    if (e?.sites) into.set(id, { list: e.sites, meta: e.meta, rev: revs.get(id)?.rev ?? into.get(id)?.rev ?? 0 });
    else if (!e) into.delete(id);
  }
  return into;
}
