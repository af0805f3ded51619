/**
 * Keeps the scenario being edited in the browser's IndexedDB, so a reload or a crash loses nothing.
 * One record under one key; what comes back is validated like any other input (an old or damaged
 * record is reported and ignored, never trusted).
 */
import { z } from 'zod';
import { scenarioMetaSchema, type ScenarioMeta } from '../domain/scenarioFile';
import { sitesSchema, type Site } from '../domain/site';
import { describeZodError } from './describeZodError';

const DB_NAME = 'shanghai-siting';
const STORE = 'autosave';
const KEY = 'current-scenario';
export const AUTOSAVE_VERSION = 1;

const savedSchema = z.object({
  version: z.literal(AUTOSAVE_VERSION),
  savedAt: z.string(),
  meta: scenarioMetaSchema.nullable(),
  sites: sitesSchema,
});

export interface SavedScenario {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
  savedAt: string;
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

function run<T>(db: IDBDatabase, mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = op(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function saveScenario(meta: ScenarioMeta | null, sites: readonly Site[], factory: IDBFactory = indexedDB): Promise<void> {
  const db = await openDb(factory);
  try {
    const record = { version: AUTOSAVE_VERSION, savedAt: new Date().toISOString(), meta, sites: [...sites] };
    await run(db, 'readwrite', (store) => store.put(record, KEY));
  } finally {
    db.close();
  }
}

/** The saved scenario, null when none, or an error when the record cannot be used. */
export async function loadSavedScenario(factory: IDBFactory = indexedDB): Promise<SavedScenario | null | { error: string }> {
  try {
    const db = await openDb(factory);
    try {
      const raw = await run(db, 'readonly', (store) => store.get(KEY) as IDBRequest<unknown>);
      if (raw === undefined) return null;
      const parsed = savedSchema.safeParse(raw);
      if (!parsed.success) return { error: `saved scenario ignored: ${describeZodError(parsed.error)}` };
      return parsed.data;
    } finally {
      db.close();
    }
  } catch (e) {
    return { error: `saved scenario unavailable: ${(e as Error).message}` };
  }
}
