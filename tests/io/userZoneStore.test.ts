/** The user's zone boundaries kept in IndexedDB (fake-indexeddb): round trip, replace, revert, damage named. */
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readUserZones, removeUserZone, saveUserZones } from '../../src/io/userZoneStore';
import type { UserZone } from '../../src/domain/userZones';

const zone = (id: string, source: string, d = 0.01): UserZone => ({
  id,
  source,
  savedAt: '2026-12-02T01:00:00.000Z',
  geometry: { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.4 + d, 31.2], [121.4 + d, 31.2 + d], [121.4, 31.2]]] },
});

describe('userZoneStore', () => {
  it('keeps each zone’s boundary with its source and date, replaces one, forgets one', async () => {
    const f = new IDBFactory();
    expect(await readUserZones(f)).toEqual({ zones: [], damaged: [] });
    await saveUserZones([zone('daning', 'a.kml'), zone('suhe-bay', 'a.kml')], f);
    await saveUserZones([zone('daning', 'drawn', 0.02)], f);
    const { zones } = await readUserZones(f);
    expect(zones.map((z) => [z.id, z.source])).toEqual([['daning', 'drawn'], ['suhe-bay', 'a.kml']]);
    expect(zones[0]!.geometry).toEqual(zone('daning', 'drawn', 0.02).geometry);
    await removeUserZone('daning', f);
    expect((await readUserZones(f)).zones.map((z) => z.id)).toEqual(['suhe-bay']);
  });

  it('a damaged record is named and left out; the others are read', async () => {
    const f = new IDBFactory();
    await saveUserZones([zone('daning', 'a.kml')], f);
    await new Promise<void>((ok, fail) => {
      const open = f.open('shanghai-user-zones', 1);
      open.onsuccess = () => {
        const tx = open.result.transaction('zones', 'readwrite');
        tx.objectStore('zones').put({ id: 'zizhu', geometry: { type: 'Point', coordinates: [1, 2] }, source: 'x', savedAt: '' }, 'zizhu');
        tx.oncomplete = () => {
          open.result.close();
          ok();
        };
        tx.onerror = () => fail(tx.error);
      };
    });
    const { zones, damaged } = await readUserZones(f);
    expect(zones.map((z) => z.id)).toEqual(['daning']);
    expect(damaged).toHaveLength(1);
    expect(damaged[0]).toMatch(/^the kept boundary zizhu is damaged/);
  });
});
