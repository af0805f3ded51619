/**
 * Keeps the user's key-zone boundaries in the browser (IndexedDB `shanghai-user-zones`, one record
 * per zone id), so a reload draws and counts them again. A sibling of src/io/layerStore.ts: that one
 * keeps a layer's file as given, one per kind; a zone boundary may be drawn (no file at all), and
 * zones are replaced one at a time, so what is kept here is the boundary itself — WGS-84, after the
 * file's conversion — with its source (the file's name, or `drawn`) and date.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { z } from 'zod';
import { withConnection } from './idbConnection';
import { describeZodError } from './describeZodError';
import { areaGeometrySchema } from '../domain/geojson';
import type { UserZone } from '../domain/userZones';

const DB_NAME = 'shanghai-user-zones';
const STORE = 'zones';

const storedSchema = z.object({
  id: z.string().min(1),
  geometry: areaGeometrySchema,
  source: z.string().min(1),
  savedAt: z.string(),
});

interface ZoneSchema extends DBSchema {
  zones: { key: string; value: UserZone };
}
type Db = IDBPDatabase<ZoneSchema>;

const withDb = <T>(factory: IDBFactory, f: (db: Db) => Promise<T>): Promise<T> => withConnection<ZoneSchema, T>(factory, DB_NAME, STORE, f);

const failure = (e: unknown, doing: string): Error => {
  const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
  return new Error(`${doing}: ${quota ? 'the browser storage is full' : e instanceof Error ? e.message : String(e)}`);
};

/** Keeps `zones` (each replacing the record of its id) in one transaction: all are kept, or none. */
export async function saveUserZones(zones: readonly UserZone[], factory: IDBFactory = indexedDB): Promise<void> {
  try {
    await withDb(factory, async (db) => {
      const tx = db.transaction(STORE, 'readwrite');
      await Promise.all([...zones.map((zone) => tx.store.put(zone, zone.id)), tx.done]);
    });
  } catch (e) {
    throw failure(e, `could not keep the boundary of ${zones.map((zone) => zone.id).join(', ')}`);
  }
}

/**
 * Every kept boundary, and the records that could not be read (damaged: named, and left out).
 * @throws Error when the database cannot be opened
 */
export async function readUserZones(factory: IDBFactory = indexedDB): Promise<{ zones: UserZone[]; damaged: string[] }> {
  let raw: unknown[];
  try {
    raw = await withDb(factory, (db) => db.getAll(STORE));
  } catch (e) {
    throw failure(e, 'could not read the kept zone boundaries');
  }
  const zones: UserZone[] = [];
  const damaged: string[] = [];
  for (const r of raw) {
    const parsed = storedSchema.safeParse(r);
    if (parsed.success) zones.push(parsed.data as UserZone);
    else damaged.push(`the kept boundary ${String((r as { id?: unknown })?.id ?? '?')} is damaged (${describeZodError(parsed.error)})`);
  }
  return { zones, damaged };
}

/** Forgets the kept boundary of zone `id` (the shipped polygon is used again). */
export async function removeUserZone(id: string, factory: IDBFactory = indexedDB): Promise<void> {
  try {
    await withDb(factory, async (db) => {
      const tx = db.transaction(STORE, 'readwrite');
      await Promise.all([tx.store.delete(id), tx.done]);
    });
  } catch (e) {
    throw failure(e, `could not remove the kept boundary of ${id}`);
  }
}
