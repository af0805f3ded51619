/**
 * The whole grid against a slow reference built apart from it (issue #19: the build scans every
 * layer row by row together and codes cells as they come). The reference takes every polygon's
 * sub-sample masks by the even–odd rule at each sub-sample centre, one by one, and derives every
 * field of the grid the plain way — per-cell maps, sorting, counting — for the shipped districts,
 * zones, townships, Outer Ring and land at a coarse cell size. Every array and every km² must be
 * equal to the bit, and the serialised grids byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { gridSourcesFrom } from '../../src/coverage/engine';
import {
  buildGrid,
  CELL_INSIDE_RING,
  CELL_MOSTLY_LAND,
  CELL_RING_SPLIT,
  COUNT_IN,
  COUNT_LAND_IN,
  COUNT_LAND_OUT,
  COUNT_OUT,
  countsCode,
  POPCOUNT16,
  type AreaGeometry,
  type CoverageGrid,
  type Region,
} from '../../src/coverage/grid';
import { serialiseGrid } from '../../src/coverage/gridCodec';
import { data } from '../geodata/load';
import { evenOddMasks } from './evenOdd';

type Areas<P> = { features: { properties: P; geometry: AreaGeometry }[] };

const CELL_M = 250;

/** The union of several polygons' masks. */
function unionOf(grid: CoverageGrid, gs: AreaGeometry[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const g of gs) for (const [k, m] of evenOddMasks(grid, g)) out.set(k, (out.get(k) ?? 0) | m);
  return out;
}

interface RefRegion {
  cells: number[];
  counts: number[];
  km2: number[];
  partial: { q: number[]; masks: number[]; landMasks: number[] } | null;
}

/** A region from its masks: the cells in order, the counts code of each, the km², and the masks the counts do not imply. */
function refRegion(masks: Map<number, number>, ring: Map<number, number>, land: Map<number, number>, cellKm2: number, keepMasks: boolean): RefRegion {
  const cells = [...masks.keys()].filter((k) => masks.get(k) !== 0).sort((a, b) => a - b);
  const sums = [0, 0, 0, 0];
  const partial = { q: [] as number[], masks: [] as number[], landMasks: [] as number[] };
  const counts = cells.map((k, q) => {
    const m = masks.get(k)!;
    const rm = ring.get(k) ?? 0;
    const lm = m & (land.get(k) ?? 0);
    const c = [POPCOUNT16[m & rm]!, POPCOUNT16[m & ~rm & 0xffff]!, POPCOUNT16[lm & rm]!, POPCOUNT16[lm & ~rm & 0xffff]!];
    c.forEach((v, i) => (sums[i]! += v));
    if (m !== 0xffff || (lm !== 0 && lm !== 0xffff)) {
      partial.q.push(q);
      partial.masks.push(m);
      partial.landMasks.push(lm);
    }
    return countsCode(c[0]!, c[1]!, c[2]!, c[3]!);
  });
  const f = cellKm2 / 16;
  const [si, so, li, lo] = sums as [number, number, number, number];
  return { cells, counts, km2: [si * f, so * f, (si + so) * f, li * f, lo * f, (li + lo) * f], partial: keepMasks ? partial : null };
}

const km2Of = (r: Region) => [r.insideKm2, r.outsideKm2, r.areaKm2, r.landInsideKm2, r.landOutsideKm2, r.landKm2];

/** The first index where two lists differ (-1: equal), so that a failure names it rather than printing both. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

function expectRegion(name: string, got: Region, want: RefRegion): void {
  expect([name, 'cells', firstDifference(got.cells, want.cells)]).toEqual([name, 'cells', -1]);
  expect([name, 'counts', firstDifference(got.counts, want.counts)]).toEqual([name, 'counts', -1]);
  expect([name, km2Of(got)]).toEqual([name, want.km2]);
  if (want.partial === null) return void expect(got.partial).toBeNull();
  for (const f of ['q', 'masks', 'landMasks'] as const) expect([name, f, firstDifference(got.partial![f], want.partial[f])]).toEqual([name, f, -1]);
}

describe('the grid against a reference built cell by cell', () => {
  const districts = data('districts.geojson') as never as Areas<{ adcode: string }>;
  const zones = data('zones.geojson') as never as Areas<{ id: string }>;
  const townships = data('townships.geojson') as never as Areas<{ code: string }>;
  const ringLayer = data('outer-ring-area.geojson') as never as Areas<unknown>;
  const landLayer = data('land.geojson') as never as Areas<unknown>;
  const grid = buildGrid(gridSourcesFrom(districts, zones, ringLayer, landLayer, townships), { cellM: CELL_M });
  const cellKm2 = (CELL_M * CELL_M) / 1e6;
  const ring = unionOf(
    grid,
    ringLayer.features.map((f) => f.geometry),
  );
  const land = unionOf(
    grid,
    landLayer.features.map((f) => f.geometry),
  );
  const districtMasks = districts.features.map((f) => evenOddMasks(grid, f.geometry));
  const masksOf = new Map<AreaGeometry, Map<number, number>>();
  const masks = (g: AreaGeometry) => masksOf.get(g) ?? masksOf.set(g, evenOddMasks(grid, g)).get(g)!;
  districts.features.forEach((f, i) => masksOf.set(f.geometry, districtMasks[i]!));

  it('gives every district, zone and township', () => {
    expect([...grid.districts.keys()]).toEqual(districts.features.map((f) => f.properties.adcode));
    districts.features.forEach((f, i) => expectRegion(f.properties.adcode, grid.districts.get(f.properties.adcode)!, refRegion(districtMasks[i]!, ring, land, cellKm2, true)));
    expect([...grid.zones.keys()]).toEqual(zones.features.map((f) => f.properties.id));
    for (const f of zones.features) expectRegion(f.properties.id, grid.zones.get(f.properties.id)!, refRegion(masks(f.geometry), ring, land, cellKm2, true));
    expect([...grid.townships.keys()]).toEqual(townships.features.map((f) => f.properties.code));
    for (const f of townships.features) expectRegion(f.properties.code, grid.townships.get(f.properties.code)!, refRegion(masks(f.geometry), ring, land, cellKm2, true));
  });

  it('gives the study area, the district of each cell, the flags and the ring’s split cells; the serialised grids are equal', () => {
    const study = new Map<number, number>();
    const district = new Uint8Array(grid.cols * grid.rows);
    const best = new Uint8Array(grid.cols * grid.rows);
    districtMasks.forEach((masks, i) => {
      for (const [k, m] of masks) {
        study.set(k, (study.get(k) ?? 0) | m);
        // The district with most of the cell; the first of those with as many.
        if (POPCOUNT16[m]! > best[k]!) {
          best[k] = POPCOUNT16[m]!;
          district[k] = i + 1;
        }
      }
    });
    const refStudy = refRegion(study, ring, land, cellKm2, false);
    expectRegion('study', grid.study, refStudy);
    expect(firstDifference(grid.district, district)).toBe(-1);

    const flags = new Uint8Array(grid.cols * grid.rows);
    const split = [...ring.keys()].filter((k) => ring.get(k) !== 0xffff && ring.get(k) !== 0).sort((a, b) => a - b);
    for (const [k, m] of ring) if (m !== 0) flags[k] = (POPCOUNT16[m]! >= 8 ? CELL_INSIDE_RING : 0) | (m !== 0xffff ? CELL_RING_SPLIT : 0);
    for (const [k, m] of study) if (m !== 0 && 2 * POPCOUNT16[m & (land.get(k) ?? 0)]! >= POPCOUNT16[m]!) flags[k]! |= CELL_MOSTLY_LAND;
    expect(firstDifference(grid.cellFlags, flags)).toBe(-1);
    expect(firstDifference(grid.ringSplit.cells, split)).toBe(-1);
    expect(firstDifference(grid.ringSplit.masks, split.map((k) => ring.get(k)!))).toBe(-1);
    // Every kind of cell occurs: split by the ring, partly land, shared by two districts.
    expect(split.length).toBeGreaterThan(100);
    expect(refStudy.partial === null && refStudy.counts.filter((c) => COUNT_LAND_IN[c]! + COUNT_LAND_OUT[c]! > 0 && COUNT_LAND_IN[c]! + COUNT_LAND_OUT[c]! < COUNT_IN[c]! + COUNT_OUT[c]!).length).toBeGreaterThan(100);
    expect([...study.keys()].filter((k) => districtMasks.filter((m) => m.has(k)).length > 1).length).toBeGreaterThan(100);

    // The reference as a grid, serialised: the same bytes.
    const refOf = (r: RefRegion, id: string): Region => {
      const masks = r.partial && Uint16Array.from(r.partial.masks);
      const [insideKm2, outsideKm2, areaKm2, landInsideKm2, landOutsideKm2, landKm2] = r.km2 as [number, number, number, number, number, number];
      return {
        id,
        cells: Uint32Array.from(r.cells),
        counts: Uint16Array.from(r.counts),
        insideKm2,
        outsideKm2,
        areaKm2,
        landInsideKm2,
        landOutsideKm2,
        landKm2,
        partial: r.partial && { q: Uint32Array.from(r.partial.q), masks: masks!, landMasks: Uint16Array.from(r.partial.landMasks) },
      };
    };
    const regionsOf = (fs: { id: string; geometry: AreaGeometry }[]) => new Map(fs.map((f) => [f.id, refOf(refRegion(masks(f.geometry), ring, land, cellKm2, true), f.id)]));
    const reference: CoverageGrid = {
      ...grid,
      district,
      cellFlags: flags,
      ringSplit: { cells: Uint32Array.from(split), masks: Uint16Array.from(split, (k) => ring.get(k)!) },
      study: refOf(refStudy, 'all'),
      districts: regionsOf(districts.features.map((f) => ({ id: f.properties.adcode, geometry: f.geometry }))),
      zones: regionsOf(zones.features.map((f) => ({ id: f.properties.id, geometry: f.geometry }))),
      townships: regionsOf(townships.features.map((f) => ({ id: f.properties.code, geometry: f.geometry }))),
    };
    expect(Buffer.from(serialiseGrid(grid)).equals(Buffer.from(serialiseGrid(reference)))).toBe(true);
  });
});
