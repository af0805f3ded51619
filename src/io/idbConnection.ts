/**
 * One IndexedDB connection per call, on a database of one object store (the scenario autosave and
 * the user's layer files each have their own). What idb's `openDB` does, but on the factory given:
 * `openDB` opens on the global `indexedDB`, and the tests give their own. Nothing answers `blocked`
 * (the databases stay at version 1: only a newer version of the app in another tab could be
 * upgrading one) nor `versionchange`: each connection lives for one call, so a tab that upgrades
 * waits for that call, not for this tab's whole life.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';

async function openOneStore<S extends DBSchema>(factory: IDBFactory, dbName: string, store: string): Promise<IDBPDatabase<S>> {
  const request = factory.open(dbName, 1);
  request.addEventListener('upgradeneeded', () => request.result.createObjectStore(store));
  try {
    return (await wrap(request)) as unknown as IDBPDatabase<S>;
  } catch (e) {
    throw e ?? new Error('IndexedDB open failed');
  }
}

/** Runs `f` on a connection to `dbName` (its one store `store` made the first time), closed after. */
export async function withConnection<S extends DBSchema, T>(factory: IDBFactory, dbName: string, store: string, f: (db: IDBPDatabase<S>) => Promise<T>): Promise<T> {
  const db = await openOneStore<S>(factory, dbName, store);
  try {
    return await f(db);
  } finally {
    db.close();
  }
}
