/**
 * A small made-up world for the residents tests, small enough for turf to measure every pixel:
 * two districts side by side (A west of 121.45° E, B east of it), 121.40–121.50° E, 31.20–31.24° N;
 * the "Outer Ring" area over their southern half west of 121.47° E; land everywhere but a river
 * across both (31.230–31.232° N, ~220 m wide) and a lake in B (121.48–121.49° E, 31.205–31.215° N).
 * Land reaches beyond the districts (to 121.39 / 121.51° E, 31.19 / 31.25° N), as neighbouring
 * provinces do around Shanghai.
 */
import { area, featureCollection, intersect, polygon as turfPolygon, union, circle, difference } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { TURF_SPHERE } from '../../src/coverage/projection';
import type { PopulationRaster } from '../../src/domain/population';

export type Area = Feature<Polygon | MultiPolygon>;

export const box = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

export const DISTRICT_A = box(121.4, 31.2, 121.45, 31.24);
export const DISTRICT_B = box(121.45, 31.2, 121.5, 31.24);
export const RING = box(121.4, 31.2, 121.47, 31.22);
/** South of the river, with the lake as a hole; north of the river. */
export const LAND: Polygon[] = [
  {
    type: 'Polygon',
    coordinates: [box(121.39, 31.19, 121.51, 31.23).coordinates[0]!, [...box(121.48, 31.205, 121.49, 31.215).coordinates[0]!].reverse()],
  },
  box(121.39, 31.232, 121.51, 31.25),
];
export const ZONE = box(121.44, 31.21, 121.46, 31.235); // across the A/B border and the river

/** The world's grid (turf's sphere, so that turf and the engine share an earth). */
export function worldGrid(cellM: number): CoverageGrid {
  return buildGrid(
    {
      districts: [
        { id: 'A', geometry: DISTRICT_A },
        { id: 'B', geometry: DISTRICT_B },
      ],
      zones: [{ id: 'Z', geometry: ZONE }],
      outerRing: [RING],
      land: LAND,
    },
    { cellM, earth: TURF_SPHERE },
  );
}

const feature = (g: Polygon | MultiPolygon): Area => ({ type: 'Feature', properties: {}, geometry: g });
const landArea: Area = feature({ type: 'MultiPolygon', coordinates: LAND.map((p) => p.coordinates) });

/** a ∩ b by turf (null when empty). */
export function cut(a: Area | null, b: Area | null): Area | null {
  if (!a || !b) return null;
  return intersect(featureCollection<Polygon | MultiPolygon>([a, b])) as Area | null;
}
export function minus(a: Area | null, b: Area | null): Area | null {
  if (!a) return null;
  if (!b) return a;
  return difference(featureCollection<Polygon | MultiPolygon>([a, b])) as Area | null;
}
export const areaOf = (a: Area | null) => (a ? area(a) : 0);

/** A pixel's square (lon/lat rectangle) as a turf feature. */
export function pixelSquare(r: PopulationRaster, x: number, y: number): Area {
  const w = r.west + x * r.dLon;
  const n = r.north - y * r.dLat;
  return turfPolygon(box(w, n - r.dLat, w + r.dLon, n).coordinates) as Area;
}

/**
 * Residents per district by turf alone: each pixel's residents split by the area of the pixel in
 * each district (the world outside takes the rest), then — within a district — kept whole: the
 * model puts them on that part's land, or on the nearest land of the district when the part has none.
 */
export function turfDistrictTotals(r: PopulationRaster): { A: number; B: number } {
  const out = { A: 0, B: 0 };
  forEachPixel(r, (sq, all, v) => {
    out.A += (v * areaOf(cut(sq, feature(DISTRICT_A)))) / all;
    out.B += (v * areaOf(cut(sq, feature(DISTRICT_B)))) / all;
  });
  return out;
}

/** Every pixel holding residents: its square, the square's area (m², turf) and its residents. */
function forEachPixel(r: PopulationRaster, visit: (square: Area, area: number, residents: number) => void): void {
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const v = r.values[y * r.width + x]!;
      if (!(v > 0)) continue;
      const sq = pixelSquare(r, x, y);
      visit(sq, area(sq), v);
    }
  }
}

/**
 * Residents reached by turf alone, per district: every pixel part (pixel ∩ district) spreads its
 * residents evenly over its land; the part's land inside the ring is reached within `insideKm` of a
 * site, the rest within `outsideKm`. Parts without land are skipped (the fixtures give none residents).
 */
export function turfReached(r: PopulationRaster, sites: Array<[number, number]>, insideKm: number, outsideKm: number): { A: number; B: number } {
  const discs = (km: number) => union(featureCollection(sites.map((s) => circle(s, km, { steps: 128, units: 'kilometers' })))) as Area;
  const dIn = discs(insideKm);
  const dOut = discs(outsideKm);
  const ring = feature(RING);
  const out = { A: 0, B: 0 };
  forEachPixel(r, (sq, all, v) => {
    for (const [id, g] of [
      ['A', DISTRICT_A],
      ['B', DISTRICT_B],
    ] as const) {
      const part = cut(sq, feature(g));
      const partArea = areaOf(part);
      const land = cut(part, landArea);
      const landA = areaOf(land);
      if (partArea === 0 || landA === 0) continue;
      const residents = (v * partArea) / all;
      const reached = areaOf(cut(cut(land, ring), dIn)) + areaOf(cut(minus(land, ring), dOut));
      out[id] += (residents * reached) / landA;
    }
  });
  return out;
}
