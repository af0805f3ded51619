/**
 * Keeps the user's scenarios in the browser's IndexedDB, so a reload or a crash loses nothing.
 *
 * One object store, keys:
 * - `library`: which scenarios exist, their order, names and which is current (small; written on
 *   every library change);
 * - `scenario:<id>`: one scenario's sites (written when that scenario changes — an edit writes only
 *   the scenario being edited, not all of them); above 20,000 sites they are kept in parts,
 *   `part:<id>\u0000<k>`, packed in columns (see PART_SITES);
 * - `current-scenario`: the single record of version 1 (before named scenarios); read once and
 *   taken over as the first scenario.
 * Index and records are written in one transaction, so a crash leaves either the old or the new state.
 * Several tabs share the store: a save applies its tab's changes to what is stored (see saveChanges).
 * What comes back is validated like any other input: a damaged record is reported and skipped.
 *
 * IndexedDB through `idb` (promises over its requests, and the store's keys and values typed by
 * `AutosaveSchema`); each transaction runs in `inTransaction`, which says when it has committed and
 * how it failed.
 */
import type { DBSchema, IDBPDatabase, IDBPObjectStore } from 'idb';
import { withConnection } from './idbConnection';
import { z } from 'zod';
import { scenarioMetaSchema } from '../domain/scenarioFile';
import { sitesSchema, type Site } from '../domain/site';
import { isPackedSites, packSites, unpackSites, type PackedSites } from '../domain/packedSites';
import { summarize, type ScenarioEntry, type ScenarioLibrary } from '../domain/scenarioLibrary';
import { applyIndexOps, indexOps, type IndexEntry } from '../domain/libraryIndex';
import { describeZodError } from './describeZodError';

const DB_NAME = 'shanghai-siting';
const STORE = 'autosave';
const LEGACY_KEY = 'current-scenario';
const INDEX_KEY = 'library';
const recordKey = (id: string) => `scenario:${id}`;
export const AUTOSAVE_VERSION = 1;
export const LIBRARY_VERSION = 2;

const savedSchema = z.object({
  version: z.literal(AUTOSAVE_VERSION),
  savedAt: z.string(),
  meta: scenarioMetaSchema.nullable(),
  sites: sitesSchema,
});

const indexSchema = z.object({
  version: z.literal(LIBRARY_VERSION),
  /** Counts the saves (absent in records written before the edit journal): a journal names the one it follows. */
  revision: z.number().int().nonnegative().optional(),
  /** The tab that wrote this save (see src/io/editJournal.ts). */
  writer: z.string().optional(),
  currentId: z.string().min(1),
  entries: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1).nullable(),
        // What the list shows without reading the scenario (absent in lists written before lazy loading).
        meta: scenarioMetaSchema.nullable().optional(),
        count: z.number().int().nonnegative().optional(),
        illustrative: z.boolean().optional(),
        // The scenario record's revision, written with it: a save need not read (and deserialize) a
        // 200,000-site record to learn it (absent in lists written before; the record is read then).
        rev: z.number().int().nonnegative().optional(),
      }),
    )
    .min(1),
});

const recordSchema = z.object({
  version: z.literal(LIBRARY_VERSION),
  savedAt: z.string(),
  /** Counts this scenario's saves (absent before tabs were coordinated): the journal names the one it follows. */
  rev: z.number().int().nonnegative().optional(),
  writer: z.string().optional(),
  meta: scenarioMetaSchema.nullable(),
  sites: sitesSchema,
});

/**
 * Above this many sites a record keeps them in parts of this many, each in columns
 * (src/domain/packedSites.ts), in records of their own (`part:<id>␀<k>`): IndexedDB clones what
 * it stores in the calling task, and 200,000 site objects held the page ~700 ms; parts in columns
 * are written one per task (~25 ms each). Below, a record holds its sites as objects (readable in
 * the browser's tools).
 */
export const PART_SITES = 20_000;
const partKey = (id: string, k: number) => `part:${id}\u0000${String(k).padStart(6, '0')}`;
const partRange = (id: string) => IDBKeyRange.bound(`part:${id}\u0000`, `part:${id}\u0001`, false, true);

/** A record's sites as stored: inline, or the count of its parts (written by `writeParts`). */
function storedSites(sites: readonly Site[]): { sites: readonly Site[] } | { sites: []; parts: number } {
  return sites.length > PART_SITES ? { sites: [], parts: Math.ceil(sites.length / PART_SITES) } : { sites };
}

/** The part records of `sites` (empty when they fit inline), each made when it is written. */
function partWrites(store: Store<'readwrite'>, id: string, sites: readonly Site[]): Array<() => Promise<string>> {
  if (sites.length <= PART_SITES) return [];
  return Array.from({ length: Math.ceil(sites.length / PART_SITES) }, (_, k) => () => store.put({ packed: packSites(sites.slice(k * PART_SITES, (k + 1) * PART_SITES)) }, partKey(id, k)));
}

/**
 * Runs `writes` one after another, each once the one before has succeeded. Each put clones its
 * value in the task that makes it; made from the previous put's success (the code after an `await`
 * of an idb request runs in that success event's task, the transaction still active), each part's
 * clone, and its packing, take a task of their own (~25 ms) instead of all of them one (~700 ms at
 * 200,000 sites).
 */
async function oneByOne(writes: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  for (const write of writes) await write();
}

/** A stored record, validated (its parts' sites unpacked and joined first, then checked like any other). */
function parseRecord(raw: unknown, parts: readonly unknown[] = []): { success: true; data: StoredRecord } | { success: false; error: string } {
  let value = raw;
  const count = typeof raw === 'object' && raw !== null ? (raw as { parts?: unknown }).parts : undefined;
  if (count !== undefined) {
    try {
      if (typeof count !== 'number' || parts.length !== count) throw new Error(`${parts.length} of ${String(count)} parts found`);
      const sites = parts.flatMap((p) => {
        const packed = (p as { packed?: unknown } | null)?.packed;
        if (!isPackedSites(packed)) throw new Error('a part is not packed sites');
        return unpackSites(packed);
      });
      value = { ...(raw as object), sites };
    } catch (e) {
      return { success: false, error: `saved sites unreadable (${(e as Error).message})` };
    }
  }
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: describeZodError(parsed.error) };
}

type StoredRecord = z.infer<typeof recordSchema>;

/** What a save writes under `library`. */
interface IndexRecord {
  version: typeof LIBRARY_VERSION;
  revision: number;
  writer: string;
  currentId: string;
  entries: StoredIndexEntry[];
}

/** What a save writes under `scenario:<id>`: the record's head, and its sites inline or the count of its parts. */
type RecordHead = { version: typeof LIBRARY_VERSION; savedAt: string; rev: number; writer: string; meta: ScenarioEntry['meta'] };
type ScenarioRecord = RecordHead & ReturnType<typeof storedSites>;

/**
 * The store's keys and what this module writes under them (`library`, `scenario:<id>`,
 * `part:<id>␀<k>`). What it reads is `unknown` until zod has checked it: a record may come from an
 * older version (the version-1 `current-scenario`, lists without revisions), or be damaged.
 */
export interface AutosaveSchema extends DBSchema {
  autosave: { key: string; value: IndexRecord | ScenarioRecord | { packed: PackedSites } };
}

type Db = IDBPDatabase<AutosaveSchema>;
type Store<Mode extends IDBTransactionMode> = IDBPObjectStore<AutosaveSchema, ['autosave'], 'autosave', Mode>;

/**
 * Runs `work` in one transaction and resolves with its value once the transaction has committed
 * (idb resolves a request when it succeeds; a write is on disk only at the commit).
 *
 * It fails as the callback code before it did, since the caller shows the reason ("autosave failed:
 * …") and tells a full disk by the error's name (QuotaExceededError): with the transaction's error
 * (quota, a connection the browser closed), or, when the transaction has none of its own, with
 * "IndexedDB transaction failed" if a request's error reached it first (a request that failed — its
 * error reaches the transaction before the transaction's own is set —, or the requests still open
 * when it was aborted) and "… aborted" otherwise. Not idb's `tx.done`: it has no such messages (a
 * bare AbortError in their place).
 *
 * What promises change, handled here: in callback code an exception thrown in a request's handler
 * aborts the transaction; an exception in an async function does not, and the transaction would
 * commit whatever requests were made before it (a record without its parts, a list without its
 * records). So when `work` throws, the transaction is aborted here. A DOMException is IndexedDB's
 * own (a failed request): the transaction reports it, as above; any other exception is the code's,
 * and is what the caller gets.
 */
async function inTransaction<T, Mode extends IDBTransactionMode>(db: Db, mode: Mode, work: (store: Store<Mode>) => Promise<T>): Promise<T> {
  const tx = db.transaction(STORE, mode);
  let thrown: { error: unknown } | null = null;
  const done = new Promise<void>((resolve, reject) => {
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('error', () => reject(tx.error ?? thrown?.error ?? new Error('IndexedDB transaction failed')));
    tx.addEventListener('abort', () => reject(tx.error ?? thrown?.error ?? new Error('IndexedDB transaction aborted')));
  });
  // Awaited below; a transaction that fails while `work` still runs is not an unhandled rejection
  // meanwhile. Nor is idb's own `tx.done` (made with every transaction, unused here).
  done.catch(() => undefined);
  tx.done.catch(() => undefined);
  let value: T;
  try {
    value = await work(tx.store);
  } catch (e) {
    if (!(e instanceof DOMException)) thrown = { error: e };
    try {
      tx.abort();
    } catch {
      // Ended already (the browser aborted it): `done` says why.
    }
    await done;
    throw e;
  }
  await done;
  return value;
}

/** A scenario's record and its part records, read in one transaction (so they belong together). */
async function readRecord(store: Store<IDBTransactionMode>, id: string): Promise<{ record: unknown; parts: unknown[] }> {
  const [record, parts] = await Promise.all([store.get(recordKey(id)), store.getAll(partRange(id))]);
  return { record, parts };
}

/** A connection for one call (src/io/idbConnection.ts). */
const withDb = <T>(factory: IDBFactory, f: (db: Db) => Promise<T>): Promise<T> => withConnection<AutosaveSchema, T>(factory, DB_NAME, STORE, f);

/** A list entry as stored: id, name, and what the list shows without reading the scenario. */
export type StoredIndexEntry = IndexEntry & { meta?: ScenarioEntry['meta'] | undefined; count?: number | undefined; illustrative?: boolean | undefined; rev?: number | undefined };

/** What a save wrote and what it found: the caller adopts the list as stored now. */
export interface SaveResult {
  /** The index revision written. */
  revision: number;
  /** The scenario list as stored after this save (other tabs' changes and this tab's, merged), with summaries. */
  entries: StoredIndexEntry[];
  /** Each written record's new stamp. */
  stamps: Map<string, RecordStamp>;
  /**
   * Scenarios saved by another tab since this tab's edits began: the stored one is kept (`theirs`,
   * null when it cannot be read) and this tab's version was saved as a new scenario after it.
   */
  conflicts: { id: string; copyId: string; copyName: string; theirs: StoredScenario | null }[];
  /** `ensure` scenarios another tab had saved already: the caller takes them as stored (read whole). */
  others: StoredScenario[];
}

/** Which write a record is (counts up per scenario) and which tab wrote it. */
export interface RecordStamp {
  rev: number;
  writer: string | null;
}

export interface StoredScenario {
  id: string;
  meta: ScenarioEntry['meta'];
  sites: NonNullable<ScenarioEntry['sites']>;
  stamp: RecordStamp;
}

/**
 * Saves a tab's changes in one transaction, read-modify-write, so two tabs never undo each other:
 * - the list: the changes this tab made since `base` (the list it last read or saved) are applied
 *   to the list as stored now (`applyIndexOps`), not its whole copy;
 * - the records of `changed` scenarios (the tab edits a scenario only while it holds its lock, see
 *   useScenarioLibrary), each stamped with the next revision of that record; a changed scenario that
 *   another tab deleted meanwhile is put back at the end of the list, not lost;
 * - the records of scenarios this tab deleted are deleted.
 */
export function saveChanges(
  req: {
    lib: ScenarioLibrary;
    base: readonly IndexEntry[];
    changed: Iterable<string>;
    /** Scenarios to write only when no record exists (an untouched copy; another tab may have saved its edits). */
    ensure?: Iterable<string>;
    /**
     * The record revision each changed scenario's edits were made on (0: none saved yet). A record
     * found at another revision was saved by someone else meanwhile: it is not overwritten (see
     * SaveResult.conflicts).
     */
    expected?: ReadonlyMap<string, number>;
    /** The id and name for a conflict copy of `entry` (unique; the caller knows the language). */
    conflictCopy?: (entry: ScenarioEntry) => { id: string; name: string };
    writer: string;
  },
  factory: IDBFactory = indexedDB,
): Promise<SaveResult> {
  const savedAt = new Date().toISOString();
  const { lib, writer } = req;
  const byId = new Map(lib.entries.map((e) => [e.id, e]));
  // Only scenarios whose sites are read can be written (one not read is unchanged by definition).
  const changed = [...req.changed].filter((id) => byId.get(id)?.sites);
  const ensure = new Set([...(req.ensure ?? [])].filter((id) => byId.get(id)?.sites && !changed.includes(id)));
  const ops = indexOps(req.base, lib.entries);
  return withDb(factory, (db) =>
    inTransaction(db, 'readwrite', async (store) => {
      const result: SaveResult = { revision: 0, entries: [], stamps: new Map(), others: [], conflicts: [] };
      // Read the list first, then only the records needed to decide (requests of a transaction
      // answer in order, and one made after an `await` of the one before keeps the transaction
      // open): the `ensure` ones, and a changed one when the list does not give its revision or
      // gives another than expected (another tab's save, kept as theirs).
      const stored = indexSchema.safeParse(await store.get(INDEX_KEY));
      const storedRev = new Map(stored.success ? stored.data.entries.flatMap((e) => (e.rev === undefined ? [] : [[e.id, e.rev] as const])) : []);
      const needed = [...ensure, ...changed.filter((id) => !storedRev.has(id) || (req.expected?.get(id) !== undefined && storedRev.get(id) !== req.expected.get(id)))];
      const reads = new Map(await Promise.all(needed.map(async (id) => [id, await readRecord(store, id)] as const)));
      // Every write below is made in this task, but the parts (`later`). Each is awaited at the end;
      // one that fails before (the transaction aborted) is not an unhandled rejection meanwhile.
      const writes: Promise<unknown>[] = [];
      const write = (...requests: Promise<unknown>[]) => {
        for (const r of requests) r.catch(() => undefined);
        writes.push(...requests);
      };
      const later: Array<() => Promise<unknown>> = [];
      const putRecord = (id: string, head: RecordHead, sites: readonly Site[]) => {
        write(store.delete(partRange(id)), store.put({ ...head, ...storedSites(sites) }, recordKey(id)));
        later.push(...partWrites(store, id, sites));
      };
      let entries: StoredIndexEntry[] = stored.success ? applyIndexOps(stored.data.entries, ops) : lib.entries.map((e) => ({ id: e.id, name: e.name }));
      for (const id of changed) if (!entries.some((e) => e.id === id)) entries = [...entries, { id, name: byId.get(id)!.name }];
      if (entries.length === 0) entries = lib.entries.map((e) => ({ id: e.id, name: e.name }));
      const written = new Map<string, { meta: ScenarioEntry['meta']; sites: NonNullable<ScenarioEntry['sites']> }>();
      const readBack = (id: string) => {
        const old: unknown = reads.get(id)?.record;
        return { old, parsed: () => (old === undefined ? null : parseRecord(old, reads.get(id)?.parts)) };
      };
      for (const id of ensure) {
        const e = byId.get(id)!;
        const rec = readBack(id).parsed();
        if (rec?.success) {
          result.others.push({ id, meta: rec.data.meta, sites: rec.data.sites, stamp: stampOf(rec.data) });
          continue;
        }
        // An untouched copy (the sample) is revision 0: not an edit another tab's save would conflict with.
        putRecord(id, { version: LIBRARY_VERSION, savedAt, rev: 0, writer, meta: e.meta }, e.sites!);
        result.stamps.set(id, { rev: 0, writer });
      }
      for (const id of changed) {
        const e = byId.get(id)!;
        const { old, parsed } = readBack(id);
        const found = storedRev.get(id) ?? (old === undefined ? undefined : recordRev(old));
        const expected = req.expected?.get(id);
        if (found !== undefined && expected !== undefined && found !== expected && req.conflictCopy) {
          // Saved by another tab since this tab's edits began: theirs stays, ours becomes a copy.
          const copy = req.conflictCopy(e);
          entries = applyIndexOps(entries, { added: [{ id: copy.id, name: copy.name, after: id }], removed: [], renamed: [] });
          const name = entries.find((x) => x.id === copy.id)!.name ?? copy.name;
          putRecord(copy.id, { version: LIBRARY_VERSION, savedAt, rev: 1, writer, meta: e.meta }, e.sites!);
          result.stamps.set(copy.id, { rev: 1, writer });
          written.set(copy.id, { meta: e.meta, sites: e.sites! });
          const rec = parsed();
          const theirs = rec?.success ? { id, meta: rec.data.meta, sites: rec.data.sites, stamp: stampOf(rec.data) } : null;
          if (theirs) written.set(id, theirs);
          result.conflicts.push({ id, copyId: copy.id, copyName: name, theirs });
          continue;
        }
        const rev = (found ?? 0) + 1;
        putRecord(id, { version: LIBRARY_VERSION, savedAt, rev, writer, meta: e.meta }, e.sites!);
        result.stamps.set(id, { rev, writer });
      }
      // Each read scenario's summary goes into the list, so a later start can show it without
      // reading it; and each written record's revision, so the next save need not read it.
      entries = entries.map((x) => {
        const w = written.get(x.id) ?? byId.get(x.id);
        const stamp = result.stamps.get(x.id) ?? (written.get(x.id) as { stamp?: RecordStamp } | undefined)?.stamp;
        const rev = stamp ? { rev: stamp.rev } : {};
        if (!w?.sites) return { ...x, ...rev };
        const sum = summarize({ meta: w.meta, sites: w.sites });
        return { ...x, meta: w.meta, count: sum.sites, illustrative: sum.illustrative, ...rev };
      });
      result.revision = (stored.success ? (stored.data.revision ?? 0) : 0) + 1;
      result.entries = entries;
      const currentId = entries.some((x) => x.id === lib.currentId) ? lib.currentId : entries[0]!.id;
      write(store.put({ version: LIBRARY_VERSION, revision: result.revision, writer, currentId, entries }, INDEX_KEY));
      const listed = new Set(entries.map((x) => x.id));
      for (const id of ops.removed) {
        if (listed.has(id)) continue;
        write(store.delete(recordKey(id)), store.delete(partRange(id)));
      }
      // The version-1 record has been taken over by now (loadLibrary migrates it).
      write(store.delete(LEGACY_KEY));
      // Part records last, one per task (see oneByOne).
      await Promise.all([...writes, oneByOne(later)]);
      return result;
    }),
  );
}

function recordRev(raw: unknown): number {
  const rev = (raw as { rev?: unknown } | undefined)?.rev;
  return typeof rev === 'number' && Number.isInteger(rev) && rev >= 0 ? rev : 0;
}

function stampOf(rec: { rev?: number | undefined; writer?: string | undefined }): RecordStamp {
  return { rev: rec.rev ?? 0, writer: rec.writer ?? null };
}

/**
 * The stored list and the records of `ids` (those that can be read), for a tab that learns another
 * tab saved: it adopts them. Records that cannot be read are left out (the tab keeps its copy).
 */
export async function readStored(
  ids: readonly string[],
  factory: IDBFactory = indexedDB,
): Promise<{ entries: StoredIndexEntry[] | null; scenarios: StoredScenario[]; problems: Map<string, string> }> {
  return withDb(factory, async (db) => {
    const [rawIndex, records] = await inTransaction(db, 'readonly', (store) => Promise.all([store.get(INDEX_KEY), Promise.all(ids.map((id) => readRecord(store, id)))]));
    const index = indexSchema.safeParse(rawIndex);
    const scenarios: StoredScenario[] = [];
    const problems = new Map<string, string>();
    ids.forEach((id, i) => {
      const { record, parts } = records[i]!;
      const rec = parseRecord(record, parts);
      if (rec.success) scenarios.push({ id, meta: rec.data.meta, sites: rec.data.sites, stamp: stampOf(rec.data) });
      else problems.set(id, record === undefined ? 'no saved sites' : rec.error);
    });
    return { entries: index.success ? index.data.entries : null, scenarios, problems };
  });
}

export interface LoadedLibrary {
  library: ScenarioLibrary;
  /** The list as stored (empty when migrated from version 1: nothing in the new form yet). */
  index: StoredIndexEntry[];
  /** Each loaded scenario's record stamp. */
  stamps: Map<string, RecordStamp>;
  /** Records that could not be used (named, with what is wrong); the rest still loads. */
  problems: string[];
  /** The ids of those records: left out of the library but kept in storage (and in the stored list). */
  unreadable: Set<string>;
  /** True when the library was made from the version-1 single record (save it in the new form). */
  migrated: boolean;
}

/**
 * The saved library; null when this browser has none; `{ error }` when IndexedDB cannot be read at
 * all. Reads the list and only the current scenario's sites (and those of `also`): a big library
 * opens as fast as a small one; the others are read when opened (`readStored`). A damaged record is
 * left out and named in `problems` (its id in `unreadable`); when it is the current one, the next
 * scenario in the list that reads becomes current.
 */
export async function loadLibrary(factory: IDBFactory = indexedDB, also: readonly string[] = []): Promise<LoadedLibrary | null | { error: string }> {
  try {
    return await withDb(factory, async (db) => {
      const [rawIndex, rawLegacy] = await inTransaction(db, 'readonly', (store) => Promise.all([store.get(INDEX_KEY), store.get(LEGACY_KEY)]));
      if (rawIndex === undefined) return rawLegacy === undefined ? null : fromLegacy(rawLegacy);
      const index = indexSchema.safeParse(rawIndex);
      if (!index.success) return { error: `saved scenario list ignored: ${describeZodError(index.error)}` };
      const listed = index.data.entries;
      const problems: string[] = [];
      const unreadable = new Set<string>();
      const records = new Map<string, StoredScenario>();
      const read = async (ids: string[]) => {
        const got = await inTransaction(db, 'readonly', (store) => Promise.all(ids.map((id) => readRecord(store, id))));
        ids.forEach((id, i) => {
          const { record: raw, parts } = got[i]!;
          const label = listed.find((e) => e.id === id)?.name ?? id;
          if (raw === undefined) return void (unreadable.add(id), problems.push(`scenario "${label}": no saved sites`));
          const rec = parseRecord(raw, parts);
          if (!rec.success) return void (unreadable.add(id), problems.push(`scenario "${label}" ignored: ${rec.error}`));
          records.set(id, { id, meta: rec.data.meta, sites: rec.data.sites, stamp: stampOf(rec.data) });
        });
      };
      const ids = new Set(listed.map((e) => e.id));
      const start = listed.some((e) => e.id === index.data.currentId) ? index.data.currentId : listed[0]!.id;
      await read([...new Set([start, ...also])].filter((id) => ids.has(id)));
      // The current scenario cannot be read: the next one that can becomes current.
      let currentId = start;
      for (const e of listed) {
        if (records.has(currentId)) break;
        if (records.has(e.id)) currentId = e.id;
        else if (!unreadable.has(e.id)) await read([e.id]);
        if (records.has(e.id)) currentId = e.id;
      }
      if (!records.has(currentId)) return { error: problems.join('; ') || 'no saved scenario could be read' };
      const entries: ScenarioEntry[] = listed
        .filter((e) => !unreadable.has(e.id))
        .map((e) => {
          const r = records.get(e.id);
          if (r) return { id: e.id, name: e.name, meta: r.meta, sites: r.sites };
          const summary = e.count !== undefined ? { summary: { sites: e.count, illustrative: e.illustrative ?? false } } : {};
          return { id: e.id, name: e.name, meta: e.meta ?? null, sites: null, ...summary };
        });
      const stamps = new Map([...records.values()].map((r) => [r.id, r.stamp]));
      return { library: { entries, currentId }, index: listed, stamps, problems, unreadable, migrated: false };
    });
  } catch (e) {
    return { error: `saved scenarios unavailable: ${(e as Error).message}` };
  }
}

function fromLegacy(raw: unknown): LoadedLibrary | { error: string } {
  const parsed = savedSchema.safeParse(raw);
  if (!parsed.success) return { error: `saved scenario ignored: ${describeZodError(parsed.error)}` };
  const id = 'scenario-1';
  return {
    library: { entries: [{ id, name: null, meta: parsed.data.meta, sites: parsed.data.sites }], currentId: id },
    index: [],
    stamps: new Map(),
    problems: [],
    unreadable: new Set(),
    migrated: true,
  };
}
