/** Shared by the breakdown tests: axis-aligned lon/lat squares as polygons, and rules with a side left out. */
import type { Polygon } from 'geojson';
import type { CoverageRule } from '../../src/coverage/engine';

export const square = (lon0: number, lat0: number, lon1: number, lat1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]],
});

/** Both sides, the outside only, the inside only. */
export const sideRules: CoverageRule[] = [
  { insideKm: 0.9, outsideKm: 1.5 },
  { insideKm: null, outsideKm: 0.5 },
  { insideKm: 1.2, outsideKm: null },
];
