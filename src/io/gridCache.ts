/**
 * Keeps built coverage grids in the browser between sessions (issue #19): the whole city at 25 m
 * takes seconds to rasterise, reading it back from IndexedDB a fraction of that. What is kept is the
 * grid as one ArrayBuffer, written and read by src/coverage/gridCodec.ts (serialiseGrid /
 * deserialiseGrid) in the caller: this floor (io) stores bytes and does not know grids.
 *
 * Key: a hash of everything the grid is made from (src/coverage/gridKey.ts, computed by the caller).
 * A key the cache does not hold reads as null; a buffer deserialiseGrid refuses (an older format,
 * damaged) the caller drops with dropCachedGrid, then builds the grid again and stores it. A
 * database of its own (`shanghai-grids`), so that a kept grid (a few MiB written as runs; the raw
 * arrays were 194 MiB at 25 m) never shares a transaction with the scenario saves or the user's
 * layer files.
 *
 * Used by the coverage worker (src/worker/gridSupply.ts).
 */
import type { DBSchema } from 'idb';
import { withConnection } from './idbConnection';

const DB_NAME = 'shanghai-grids';
const STORE = 'grids';

interface GridSchema extends DBSchema {
  grids: { key: string; value: ArrayBuffer };
}

/** The grid buffer kept under `key`, or null. */
export async function readCachedGrid(key: string, factory: IDBFactory = indexedDB): Promise<ArrayBuffer | null> {
  const buf = await withConnection<GridSchema, ArrayBuffer | undefined>(factory, DB_NAME, STORE, (db) => db.get(STORE, key));
  return buf instanceof ArrayBuffer ? buf : null;
}

/** Keeps a grid buffer under `key`, replacing every other grid kept (one grid per app is what a session needs). */
export async function storeCachedGrid(key: string, buf: ArrayBuffer, factory: IDBFactory = indexedDB): Promise<void> {
  await withConnection<GridSchema, void>(factory, DB_NAME, STORE, async (db) => {
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([tx.store.clear(), tx.store.put(buf, key), tx.done]);
  });
}

/** Forgets the grid kept under `key`. */
export async function dropCachedGrid(key: string, factory: IDBFactory = indexedDB): Promise<void> {
  await withConnection<GridSchema, void>(factory, DB_NAME, STORE, async (db) => {
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([tx.store.delete(key), tx.done]);
  });
}
