/**
 * Small hand-drawn road worlds for the network tests, in local metres on the engine's plane: x east,
 * y north from an origin near People's Square that sits on a 50 m grid corner, so the cell of
 * column i, row j has its centre at (25 + 50 i, 25 + 50 j). Roads are written as lon/lat GeoJSON
 * (quantised to 1e-7° by the reader, ≈ 1 cm: the tests allow 5 cm) and read by the GeoJSON reader.
 */
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { createProjection } from '../../src/coverage/projection';
import { prepareNetwork, type NetworkContext } from '../../src/network/context';
import type { TravelMode } from '../../src/network/graph';
import { readGeojsonRoads } from '../../src/network/readGeojsonRoads';

const proj = createProjection();
const o = proj.forward(121.47, 31.23, [0, 0]);
/** Origin of the local frame (projected metres, on a 50 m grid corner). */
export const ORIGIN = { x: Math.floor(o[0]! / 50) * 50, y: Math.floor(o[1]! / 50) * 50 };

export type Pt = readonly [number, number];

/** Local metres → [lon, lat]. */
export function lonLat([x, y]: Pt): [number, number] {
  const p = proj.inverse(ORIGIN.x + x, ORIGIN.y + y, [0, 0]);
  return [p[0]!, p[1]!];
}

export interface Road {
  pts: Pt[];
  tags?: Record<string, string>;
}

export function roadsGeojson(roads: Road[]): FeatureCollection<LineString> {
  return {
    type: 'FeatureCollection',
    features: roads.map(
      (r): Feature<LineString> => ({
        type: 'Feature',
        properties: { highway: 'residential', ...r.tags },
        geometry: { type: 'LineString', coordinates: r.pts.map(lonLat) },
      }),
    ),
  };
}

/** A one-district grid over the local box [x0, x1] × [y0, y1] (m), 50 m cells, no Outer Ring. */
export function boxGrid(x0: number, y0: number, x1: number, y1: number, cellM = 50): CoverageGrid {
  const ring = [lonLat([x0, y0]), lonLat([x1, y0]), lonLat([x1, y1]), lonLat([x0, y1]), lonLat([x0, y0])];
  const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
  return buildGrid({ districts: [{ id: 'box', geometry }] }, { cellM });
}

/** The grid cell whose centre is nearest the local point. */
export function cellAt(grid: CoverageGrid, [x, y]: Pt): number {
  const col = Math.floor((ORIGIN.x + x - grid.x0) / grid.cellM);
  const row = Math.floor((ORIGIN.y + y - grid.y0) / grid.cellM);
  return row * grid.cols + col;
}

export interface World {
  grid: CoverageGrid;
  ctx: NetworkContext;
}

export function world(roads: Road[], mode: TravelMode, box: [number, number, number, number], snapM?: number): World {
  const grid = boxGrid(...box);
  const set = readGeojsonRoads('test.geojson', roadsGeojson(roads));
  return { grid, ctx: prepareNetwork(grid, set, mode, snapM === undefined ? {} : { snapM }) };
}

/** A site at a local point. */
export function siteAt(id: string, p: Pt, radiusKm?: number) {
  const [lon, lat] = lonLat(p);
  return radiusKm === undefined ? { id, lon, lat } : { id, lon, lat, radiusKm };
}
