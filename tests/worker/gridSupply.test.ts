/**
 * Where the coverage worker's grid comes from (src/worker/gridSupply.ts), on a real IndexedDB
 * (fake-indexeddb runs the same idb code as the browser): built and kept on the first start, read
 * back on the next — the same grid, the same figures; other sources (one vertex moved, another cell
 * size, a layer added) never read a kept grid; a damaged kept grid is dropped and the grid built; no
 * storage or a refused write leaves the grid built with the reason given.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { buildGrid, type CoverageGrid, type GridSources } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom } from '../../src/coverage/engine';
import { GRID_CODEC_VERSION } from '../../src/coverage/gridCodec';
import { gridKey } from '../../src/coverage/gridKey';
import { keepGrid, obtainGrid } from '../../src/worker/gridSupply';
import { readCachedGrid, storeCachedGrid } from '../../src/io/gridCache';
import { data } from '../geodata/load';

const all = data('districts.geojson') as never as { features: Array<{ properties: { adcode: string }; geometry: { coordinates: number[][][] } }> };
const two = { features: all.features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) };
const sources: GridSources = gridSourcesFrom(two as never, data('zones.geojson') as never, data('outer-ring-area.geojson') as never);
const CELL = 200;

/** Every array's bytes hashed, with the grid's numbers: two grids equal in all they hold. */
function fingerprint(g: CoverageGrid): unknown {
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) return createHash('sha256').update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).digest('hex');
    if (v instanceof Map) return [...v].map(([k, x]) => [k, walk(x)]);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk({ ...g, projection: { earth: g.projection.earth, lon0: g.projection.lon0 } });
}

const figures = (g: CoverageGrid) => {
  const e = new CoverageEngine(g);
  e.setSites([{ id: 'a', lon: 121.42, lat: 31.12 }, { id: 'b', lon: 121.45, lat: 31.21, radiusKm: 0.5 }]);
  return e.breakdown({ insideKm: 0.9, outsideKm: 1.5 });
};

describe('grid supply', () => {
  it('first start builds and keeps; the next reads back the same grid, with the same figures', async () => {
    const idb = new IDBFactory();
    const first = await obtainGrid(sources, CELL, idb);
    expect(first).toMatchObject({ from: 'built', cacheProblem: null });
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(await keepGrid(first, idb)).toBeNull();
    const next = await obtainGrid(sources, CELL, idb);
    expect(next).toMatchObject({ from: 'cache', key: first.key, cacheProblem: null });
    expect(fingerprint(next.grid)).toEqual(fingerprint(first.grid));
    expect(figures(next.grid)).toEqual(figures(buildGrid(sources, { cellM: CELL })));
    expect(await keepGrid(next, idb)).toBeNull(); // nothing to keep: read back
  });

  it('other sources never read the kept grid: a vertex moved by a millimetre, another cell, a layer more or less', async () => {
    const idb = new IDBFactory();
    await keepGrid(await obtainGrid(sources, CELL, idb), idb);
    const moved = structuredClone(sources) as GridSources & { districts: Array<{ geometry: { coordinates: number[][][] } }> };
    const ring = (moved.districts[0]!.geometry.type === 'MultiPolygon' ? (moved.districts[0]!.geometry.coordinates as unknown as number[][][][])[0]! : moved.districts[0]!.geometry.coordinates)[0]!;
    ring[3]![0]! += 1e-8; // ~1 mm
    const noZones: GridSources = { districts: sources.districts, ...(sources.outerRing ? { outerRing: sources.outerRing } : {}) };
    const keys = new Set([await gridKey(sources, CELL, GRID_CODEC_VERSION)]);
    for (const [other, cell] of [[moved, CELL], [sources, 100], [noZones, CELL]] as const) {
      const got = await obtainGrid(other, cell, idb);
      expect(got.from).toBe('built');
      keys.add(got.key!);
    }
    expect(keys.size).toBe(4);
    // Equal sources loaded apart (a fresh parse of the same files) share the key.
    const again = gridSourcesFrom({ features: (data('districts.geojson') as never as typeof all).features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) } as never, data('zones.geojson') as never, data('outer-ring-area.geojson') as never);
    expect(await gridKey(again, CELL, GRID_CODEC_VERSION)).toBe(await gridKey(sources, CELL, GRID_CODEC_VERSION));
  });

  it('a damaged kept grid is dropped and the grid built, with the reason; then kept anew', async () => {
    const idb = new IDBFactory();
    const key = await gridKey(sources, CELL, GRID_CODEC_VERSION);
    await storeCachedGrid(key, new Uint8Array(64).buffer, idb);
    const got = await obtainGrid(sources, CELL, idb);
    expect(got.from).toBe('built');
    expect(got.cacheProblem).toMatch(/unreadable.*CGRD/);
    expect(await readCachedGrid(key, idb)).toBeNull();
    expect(await keepGrid(got, idb)).toBeNull();
    expect((await obtainGrid(sources, CELL, idb)).from).toBe('cache');
  });

  it('no storage, or storage that refuses: the grid is built and the reason given', async () => {
    const none = await obtainGrid(sources, CELL, null);
    expect(none).toMatchObject({ from: 'built', key: null, cacheProblem: 'no IndexedDB in this browser' });
    expect(await keepGrid(none, null)).toBe('no IndexedDB in this browser');
    // A browser whose storage throws on open (a full disk, a private window that refuses it).
    const refusing = {
      open() {
        throw new DOMException('the disk is full', 'QuotaExceededError');
      },
    } as unknown as IDBFactory;
    const got = await obtainGrid(sources, CELL, refusing);
    expect(got.from).toBe('built');
    expect(got.cacheProblem).toMatch(/QuotaExceededError: the disk is full/);
    expect(fingerprint(got.grid)).toEqual(fingerprint(none.grid));
    expect(await keepGrid({ ...got, key: 'k' }, refusing)).toMatch(/grid not kept \(QuotaExceededError/);
  });
});
