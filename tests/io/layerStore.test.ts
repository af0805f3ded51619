/** The user's layer files kept in IndexedDB (fake-indexeddb): round trip, replace, remove, damage named. */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { LayerStoreError, readLayerFile, removeLayerFile, saveLayerFile, type StoredLayerFile } from '../../src/io/layerStore';

const file = (name: string, bytes: number[], kind: StoredLayerFile['kind'] = 'population'): StoredLayerFile => ({
  kind,
  name,
  bytes: new Uint8Array(bytes).buffer,
  savedAt: '2026-12-01T00:00:00.000Z',
  options: { field: 'pop', crs: null },
});

describe('layerStore', () => {
  it('keeps a file byte for byte, one per kind, and forgets it', async () => {
    const f = new IDBFactory();
    expect(await readLayerFile('population', f)).toBeNull();
    await saveLayerFile(file('a.tif', [1, 2, 3]), f);
    await saveLayerFile(file('roads.osm', [9], 'roads'), f);
    await saveLayerFile(file('b.tif', [4, 5]), f);
    const back = await readLayerFile('population', f);
    expect(back?.name).toBe('b.tif');
    expect([...new Uint8Array(back!.bytes)]).toEqual([4, 5]);
    expect(back?.options).toEqual({ field: 'pop', crs: null });
    await removeLayerFile('population', f);
    expect(await readLayerFile('population', f)).toBeNull();
    expect((await readLayerFile('roads', f))?.name).toBe('roads.osm');
  });

  it('names what is wrong in a damaged record', async () => {
    const f = new IDBFactory();
    await saveLayerFile(file('a.tif', [1]), f);
    await new Promise<void>((resolve, reject) => {
      const open = f.open('shanghai-layers', 1);
      open.onsuccess = () => {
        const tx = open.result.transaction('files', 'readwrite');
        tx.objectStore('files').put({ kind: 'population', name: 'a.tif', bytes: 'not bytes', savedAt: 'x', options: {} }, 'population');
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const read = readLayerFile('population', f);
    await expect(read).rejects.toBeInstanceOf(LayerStoreError);
    await expect(read).rejects.toThrow(/damaged.*bytes/);
  });
});
