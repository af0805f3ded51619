/**
 * Keeps the layers a user brings — a population raster or areas, a road network, township
 * boundaries — in the browser, so a reload does not ask for the file again.
 *
 * What is kept is the file as given (its bytes, name, and the options it was read with), not what
 * was made of it: reading it again on start-up goes through the same checks as the first time, and
 * a newer version of the app reads the same file with its newer reader. One file per kind: loading
 * another population file replaces the first.
 *
 * A database of its own (`shanghai-layers`), apart from the scenarios' (src/io/autosave.ts): a
 * 100 MB raster and the scenario saves never share a transaction, and neither store's version ever
 * waits on the other's.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { withConnection } from './idbConnection';
import { z } from 'zod';
import { describeZodError } from './describeZodError';

const DB_NAME = 'shanghai-layers';
const STORE = 'files';

export const LAYER_KINDS = ['population', 'roads', 'townships'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** Options a reader needs again (a field name, a CRS, a snap distance): plain values only. */
export type LayerOptions = Record<string, string | number | boolean | null>;

export interface StoredLayerFile {
  kind: LayerKind;
  /** The file's name as the user gave it. */
  name: string;
  bytes: ArrayBuffer;
  /** ISO time it was loaded. */
  savedAt: string;
  options: LayerOptions;
}

const storedSchema = z.object({
  kind: z.enum(LAYER_KINDS),
  name: z.string().min(1),
  bytes: z.instanceof(ArrayBuffer),
  savedAt: z.string(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

interface LayerSchema extends DBSchema {
  files: { key: LayerKind; value: StoredLayerFile };
}
type Db = IDBPDatabase<LayerSchema>;

/** Why a layer could not be kept or read back; `quota` when the disk (or the browser's share of it) is full. */
export class LayerStoreError extends Error {
  constructor(
    message: string,
    readonly quota: boolean,
  ) {
    super(message);
    this.name = 'LayerStoreError';
  }
}

/** A connection for one call (src/io/idbConnection.ts). */
const withDb = <T>(factory: IDBFactory, f: (db: Db) => Promise<T>): Promise<T> => withConnection<LayerSchema, T>(factory, DB_NAME, STORE, f);

function failure(e: unknown, doing: string): LayerStoreError {
  const name = e instanceof DOMException ? e.name : '';
  const quota = name === 'QuotaExceededError';
  const why = e instanceof Error ? e.message : String(e);
  return new LayerStoreError(`${doing}: ${quota ? 'the browser storage is full' : why}`, quota);
}

/** Keeps `file` (replacing the one of its kind); resolves once the write has committed. */
export async function saveLayerFile(file: StoredLayerFile, factory: IDBFactory = indexedDB): Promise<void> {
  try {
    await withDb(factory, async (db) => {
      const tx = db.transaction(STORE, 'readwrite');
      await Promise.all([tx.store.put(file, file.kind), tx.done]);
    });
  } catch (e) {
    throw failure(e, `could not keep ${file.name}`);
  }
}

/**
 * The kept file of `kind`, or null when none is kept.
 * @throws LayerStoreError when the record is damaged (it names what is wrong) or the database fails.
 */
export async function readLayerFile(kind: LayerKind, factory: IDBFactory = indexedDB): Promise<StoredLayerFile | null> {
  let raw: unknown;
  try {
    raw = await withDb(factory, (db) => db.get(STORE, kind));
  } catch (e) {
    throw failure(e, `could not read the kept ${kind} layer`);
  }
  if (raw === undefined) return null;
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) throw new LayerStoreError(`the kept ${kind} layer is damaged (${describeZodError(parsed.error)})`, false);
  return parsed.data;
}

/** Forgets the kept file of `kind` (nothing happens when none is kept). */
export async function removeLayerFile(kind: LayerKind, factory: IDBFactory = indexedDB): Promise<void> {
  try {
    await withDb(factory, async (db) => {
      const tx = db.transaction(STORE, 'readwrite');
      await Promise.all([tx.store.delete(kind), tx.done]);
    });
  } catch (e) {
    throw failure(e, `could not remove the kept ${kind} layer`);
  }
}
