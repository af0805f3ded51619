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
 */
import { z } from 'zod';
import { scenarioMetaSchema } from '../domain/scenarioFile';
import { sitesSchema, type Site } from '../domain/site';
import { isPackedSites, packSites, unpackSites } from '../domain/packedSites';
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
function partWrites(store: IDBObjectStore, id: string, sites: readonly Site[]): Array<() => IDBRequest> {
  if (sites.length <= PART_SITES) return [];
  return Array.from({ length: Math.ceil(sites.length / PART_SITES) }, (_, k) => () => store.put({ packed: packSites(sites.slice(k * PART_SITES, (k + 1) * PART_SITES)) }, partKey(id, k)));
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

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

/** Runs `op` in one transaction and resolves when it has committed. */
function transact<T>(db: IDBDatabase, mode: IDBTransactionMode, op: (store: IDBObjectStore) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = op(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function requestValue<T>(request: IDBRequest<T>): () => T {
  return () => request.result;
}

/** A scenario's record and its part records, read in one transaction (so they belong together). */
function recordRequests(store: IDBObjectStore, id: string): () => { record: unknown; parts: unknown[] } {
  const record = store.get(recordKey(id)) as IDBRequest<unknown>;
  const parts = store.getAll(partRange(id));
  return () => ({ record: record.result, parts: parts.result });
}

async function withDb<T>(factory: IDBFactory, f: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await openDb(factory);
  try {
    return await f(db);
  } finally {
    db.close();
  }
}

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
    new Promise<SaveResult>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const result: SaveResult = { revision: 0, entries: [], stamps: new Map(), others: [], conflicts: [] };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      // Read the list first, then only the records needed to decide (requests of a transaction
      // answer in order, and a request made in a callback keeps the transaction open): the
      // `ensure` ones, and a changed one when the list does not give its revision or gives another
      // than expected (another tab's save, kept as theirs).
      const indexRequest = store.get(INDEX_KEY);
      indexRequest.onsuccess = () => {
        const stored = indexSchema.safeParse(indexRequest.result);
        const storedRev = new Map(stored.success ? stored.data.entries.flatMap((e) => (e.rev === undefined ? [] : [[e.id, e.rev] as const])) : []);
        const needed = [...ensure, ...changed.filter((id) => !storedRev.has(id) || (req.expected?.get(id) !== undefined && storedRev.get(id) !== req.expected.get(id)))];
        const reads = new Map(needed.map((id) => [id, { record: store.get(recordKey(id)), parts: store.getAll(partRange(id)) }]));
        const decide = () => writeAll(stored, storedRev, reads);
        if (needed.length === 0) decide();
        else reads.get(needed[needed.length - 1]!)!.parts.onsuccess = decide;
      };
      const writeAll = (
        stored: ReturnType<typeof indexSchema.safeParse>,
        storedRev: ReadonlyMap<string, number>,
        reads: ReadonlyMap<string, { record: IDBRequest; parts: IDBRequest<unknown[]> }>,
      ) => {
        // Part records to write, one per task (each put clones in the task that makes it).
        const later: Array<() => IDBRequest> = [];
        const putRecord = (id: string, head: Record<string, unknown>, sites: readonly Site[]) => {
          store.delete(partRange(id));
          store.put({ ...head, ...storedSites(sites) }, recordKey(id));
          later.push(...partWrites(store, id, sites));
        };
        let entries: StoredIndexEntry[] = stored.success ? applyIndexOps(stored.data.entries, ops) : lib.entries.map((e) => ({ id: e.id, name: e.name }));
        for (const id of changed) if (!entries.some((e) => e.id === id)) entries = [...entries, { id, name: byId.get(id)!.name }];
        if (entries.length === 0) entries = lib.entries.map((e) => ({ id: e.id, name: e.name }));
        const written = new Map<string, { meta: ScenarioEntry['meta']; sites: NonNullable<ScenarioEntry['sites']> }>();
        const readRecord = (id: string) => {
          const old: unknown = reads.get(id)?.record.result;
          return { old, parsed: () => (old === undefined ? null : parseRecord(old, reads.get(id)?.parts.result)) };
        };
        for (const id of ensure) {
          const e = byId.get(id)!;
          const rec = readRecord(id).parsed();
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
          const { old, parsed } = readRecord(id);
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
        store.put({ version: LIBRARY_VERSION, revision: result.revision, writer, currentId, entries }, INDEX_KEY);
        const listed = new Set(entries.map((x) => x.id));
        for (const id of ops.removed) {
          if (listed.has(id)) continue;
          store.delete(recordKey(id));
          store.delete(partRange(id));
        }
        // The version-1 record has been taken over by now (loadLibrary migrates it).
        store.delete(LEGACY_KEY);
        const next = () => {
          const write = later.shift();
          if (write) write().onsuccess = next;
        };
        next();
      };
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
    const [rawIndex, records] = await transact(db, 'readonly', (store) => [requestValue(store.get(INDEX_KEY) as IDBRequest<unknown>), ids.map((id) => recordRequests(store, id))] as const).then(
      ([index, rs]) => [index(), rs.map((r) => r())] as const,
    );
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
      const [rawIndex, rawLegacy] = await transact(db, 'readonly', (store) => {
        const a = requestValue(store.get(INDEX_KEY) as IDBRequest<unknown>);
        const b = requestValue(store.get(LEGACY_KEY) as IDBRequest<unknown>);
        return [a, b] as const;
      }).then(([a, b]) => [a(), b()]);
      if (rawIndex === undefined) return rawLegacy === undefined ? null : fromLegacy(rawLegacy);
      const index = indexSchema.safeParse(rawIndex);
      if (!index.success) return { error: `saved scenario list ignored: ${describeZodError(index.error)}` };
      const listed = index.data.entries;
      const problems: string[] = [];
      const unreadable = new Set<string>();
      const records = new Map<string, StoredScenario>();
      const read = async (ids: string[]) => {
        const getters = await transact(db, 'readonly', (store) => ids.map((id) => recordRequests(store, id)));
        ids.forEach((id, i) => {
          const { record: raw, parts } = getters[i]!();
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
