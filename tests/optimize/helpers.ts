/**
 * Test helpers for the optimiser: a tiny hand-made area (two districts, an Outer Ring line, a lake
 * and a river) and a covering instance made straight from set lists, for property tests.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CoverInstance } from '../../src/optimize/instance';
import type { WaterSources } from '../../src/optimize/landMask';

export type Area = Feature<Polygon | MultiPolygon>;

const poly = (ring: [number, number][]): Polygon => ({ type: 'Polygon', coordinates: [ring] });

/**
 * District D (~2.9 × 2.2 km, concave, adcode 310106) and a neighbour E east of it; the Outer Ring
 * area covers D's west part with a slanted edge. A lake (given as sea) sits in D's north-east corner
 * and a river line crosses D's south part.
 */
export const TINY = {
  district: poly([
    [121.43, 31.1],
    [121.46, 31.1],
    [121.46, 31.118],
    [121.45, 31.12],
    [121.445, 31.112],
    [121.43, 31.12],
    [121.43, 31.1],
  ]),
  neighbour: poly([
    [121.46, 31.1],
    [121.475, 31.1],
    [121.475, 31.118],
    [121.46, 31.118],
    [121.46, 31.1],
  ]),
  ring: poly([
    [121.42, 31.09],
    [121.442, 31.09],
    [121.438, 31.13],
    [121.42, 31.13],
    [121.42, 31.09],
  ]),
  lake: poly([
    [121.452, 31.112],
    [121.462, 31.112],
    [121.462, 31.122],
    [121.452, 31.122],
    [121.452, 31.112],
  ]),
  river: [
    [121.425, 31.103],
    [121.465, 31.1045],
  ] as [number, number][],
};

/** Land for the demand: everything around, but the lake (a square with the lake as its hole). */
export const TINY_LAND: Polygon = {
  type: 'Polygon',
  coordinates: [
    [[121.3, 31.0], [121.6, 31.0], [121.6, 31.2], [121.3, 31.2], [121.3, 31.0]],
    [...TINY.lake.coordinates[0]!].reverse() as [number, number][],
  ],
};

export const TINY_WATER: WaterSources = {
  land: [{ geometry: poly([[121.3, 31.0], [121.6, 31.0], [121.6, 31.2], [121.3, 31.2], [121.3, 31.0]]) }],
  ocean: [{ geometry: TINY.lake }],
  rivers: [{ geometry: { type: 'LineString', coordinates: TINY.river }, properties: { wdbii_level: 8 } }],
};

/** Park–Miller: the same points on every machine. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** A covering instance from explicit candidate sets per row (for property tests of the algorithms). */
export function instanceFromRows(nCand: number, rows: number[][], weights?: number[]): CoverInstance {
  const sorted = rows.map((r) => [...new Set(r)].sort((a, b) => a - b));
  const rowStart = new Int32Array(sorted.length + 1);
  sorted.forEach((r, i) => (rowStart[i + 1] = rowStart[i]! + r.length));
  const rowCand = Int32Array.from(sorted.flat());
  const candStart = new Int32Array(nCand + 1);
  for (const c of rowCand) candStart[c + 1]!++;
  for (let j = 0; j < nCand; j++) candStart[j + 1]! += candStart[j]!;
  const fill = candStart.slice(0, nCand);
  const candRow = new Int32Array(rowCand.length);
  sorted.forEach((r, i) => r.forEach((c) => (candRow[fill[c]!++] = i)));
  const weight = Float64Array.from(weights ?? sorted.map(() => 1));
  const total = weight.reduce((a, b) => a + b, 0);
  return {
    nCand,
    nRows: sorted.length,
    weight,
    rowStart,
    rowCand,
    candStart,
    candRow,
    // Candidates on a line 1 m apart, all "near" each other: neighbourhoods are the whole instance.
    candX: Float64Array.from({ length: nCand }, (_, j) => j),
    candY: new Float64Array(nCand),
    reachM: nCand + 1,
    total,
    existing: 0,
    unreachable: 0,
    unitKm2: 1,
    objective: 'area',
    unit: 1,
    items: sorted.length,
  };
}

/** Subsets of 0..n−1 as bit masks, smallest first. */
export function* subsets(n: number): Generator<number[]> {
  const masks = Array.from({ length: 2 ** n }, (_, m) => m).sort((a, b) => popcount(a) - popcount(b) || a - b);
  for (const m of masks) yield Array.from({ length: n }, (_, i) => i).filter((i) => m & (1 << i));
}

function popcount(m: number): number {
  let c = 0;
  for (; m; m &= m - 1) c++;
  return c;
}
