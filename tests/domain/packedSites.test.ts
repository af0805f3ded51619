/**
 * Packed site columns (src/domain/packedSites.ts) unpack to exactly the sites packed: every field,
 * absent optional fields absent, names with any characters, ids unique or not, and through a
 * structured clone (what postMessage and IndexedDB do to them).
 */
import { describe, expect, it } from 'vitest';
import { isPackedSites, packSites, unpackSites } from '../../src/domain/packedSites';
import type { Site } from '../../src/domain/site';

describe('packed sites', () => {
  it('round-trips every field, absent ones absent', () => {
    const sites: Site[] = [
      { id: 'a', type: 'ev-charging-station', lon: 121.4, lat: 31.2, status: 'existing' },
      { id: 'b"\n<x>', type: '5g-macro', lon: 121.123456789012, lat: 31.000000001, name: '名字 "quoted" \u2028', status: 'planned', capacity: 12, radiusKm: 0.01, illustrative: true },
      { id: 'c', type: 'parcel-locker', lon: 121.5, lat: 31.3, status: 'candidate', illustrative: false, radiusKm: 50 },
    ];
    const packed = packSites(sites);
    expect(isPackedSites(packed)).toBe(true);
    const back = unpackSites(structuredClone(packed));
    expect(back).toEqual(sites);
    expect(back.map((s) => Object.keys(s).sort())).toEqual(sites.map((s) => Object.keys(s).sort()));
    expect(packSites(sites)).toBe(packed); // made once per list
  });

  it('packs 200,000 sites into a few columns', () => {
    const sites: Site[] = Array.from({ length: 200_000 }, (_, i) => ({ id: `L${i}`, type: 'ev-charging-station', lon: 121 + i * 1e-6, lat: 31, status: i % 3 ? 'existing' : 'planned', capacity: 1 + (i % 8) }));
    const packed = packSites(sites);
    expect(packed.typeTable).toEqual(['ev-charging-station']);
    expect(packed.lon.byteLength).toBe(1_600_000);
    expect(unpackSites(structuredClone(packed))).toEqual(sites);
    expect(isPackedSites({ packed: 2 })).toBe(false);
  });
});
