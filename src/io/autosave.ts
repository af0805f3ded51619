/**
 * Keeps the user's scenarios in the browser's IndexedDB, so a reload or a crash loses nothing.
 *
 * One object store, keys:
 * - `library`: which scenarios exist, their order, names and which is current (small; written on
 *   every library change);
 * - `scenario:<id>`: one scenario's sites (written when that scenario changes — an edit writes only
 *   the scenario being edited, not all of them);
 * - `current-scenario`: the single record of version 1 (before named scenarios); read once and
 *   taken over as the first scenario.
 * Index and records are written in one transaction, so a crash leaves either the old or the new state.
 * What comes back is validated like any other input: a damaged record is reported and skipped.
 */
import { z } from 'zod';
import { scenarioMetaSchema } from '../domain/scenarioFile';
import { sitesSchema } from '../domain/site';
import type { ScenarioEntry, ScenarioLibrary } from '../domain/scenarioLibrary';
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
  entries: z.array(z.object({ id: z.string().min(1), name: z.string().min(1).nullable() })).min(1),
});

const recordSchema = z.object({
  version: z.literal(LIBRARY_VERSION),
  savedAt: z.string(),
  meta: scenarioMetaSchema.nullable(),
  sites: sitesSchema,
});

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

async function withDb<T>(factory: IDBFactory, f: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await openDb(factory);
  try {
    return await f(db);
  } finally {
    db.close();
  }
}

/**
 * Saves the library's index and the records of `changed` scenario ids, and deletes the records of
 * `removed` ids, in one transaction.
 */
export function saveLibrary(
  lib: ScenarioLibrary,
  changed: Iterable<string>,
  removed: Iterable<string> = [],
  factory: IDBFactory = indexedDB,
  stamp: { revision: number; writer: string } | null = null,
): Promise<void> {
  const savedAt = new Date().toISOString();
  const byId = new Map(lib.entries.map((e) => [e.id, e]));
  return withDb(factory, (db) =>
    transact(db, 'readwrite', (store) => {
      store.put(
        { version: LIBRARY_VERSION, ...(stamp ?? {}), currentId: lib.currentId, entries: lib.entries.map((e) => ({ id: e.id, name: e.name })) },
        INDEX_KEY,
      );
      for (const id of changed) {
        const e = byId.get(id);
        if (e) store.put({ version: LIBRARY_VERSION, savedAt, meta: e.meta, sites: [...e.sites] }, recordKey(id));
      }
      for (const id of removed) store.delete(recordKey(id));
      // The version-1 record has been taken over by now (loadLibrary migrates it).
      store.delete(LEGACY_KEY);
    }),
  );
}

export interface LoadedLibrary {
  library: ScenarioLibrary;
  /** The save's revision and writer (null: a record from before the journal, or none). */
  revision: number | null;
  writer: string | null;
  /** Records that could not be used (named, with what is wrong); the rest still loads. */
  problems: string[];
  /** True when the library was made from the version-1 single record (save it in the new form). */
  migrated: boolean;
}

/**
 * The saved library; null when this browser has none; `{ error }` when IndexedDB cannot be read at
 * all. A damaged scenario record is left out and named in `problems`.
 */
export async function loadLibrary(factory: IDBFactory = indexedDB): Promise<LoadedLibrary | null | { error: string }> {
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
      const getters = await transact(db, 'readonly', (store) =>
        index.data.entries.map((e) => requestValue(store.get(recordKey(e.id)) as IDBRequest<unknown>)),
      );
      const problems: string[] = [];
      const entries: ScenarioEntry[] = [];
      index.data.entries.forEach((e, i) => {
        const raw = getters[i]!();
        const label = e.name ?? e.id;
        if (raw === undefined) return void problems.push(`scenario "${label}": no saved sites`);
        const rec = recordSchema.safeParse(raw);
        if (!rec.success) return void problems.push(`scenario "${label}" ignored: ${describeZodError(rec.error)}`);
        entries.push({ id: e.id, name: e.name, meta: rec.data.meta, sites: rec.data.sites });
      });
      if (entries.length === 0) return { error: problems.join('; ') || 'no saved scenario could be read' };
      const currentId = entries.some((e) => e.id === index.data.currentId) ? index.data.currentId : entries[0]!.id;
      return { library: { entries, currentId }, problems, migrated: false, revision: index.data.revision ?? null, writer: index.data.writer ?? null };
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
    problems: [],
    migrated: true,
    revision: null,
    writer: null,
  };
}
