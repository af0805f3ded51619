/**
 * Test helper, the independent side of share checks: an area's land as turf computes it — the area ∩
 * the shipped land layer cut to the area's box (bboxClip leaves degenerate rings; they are dropped).
 */
import { bbox, bboxClip, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

type Area = Feature<Polygon | MultiPolygon>;

/** `area` ∩ `land` (features of the land layer), or null when they do not meet. */
export function landOf(area: Area | Polygon | MultiPolygon, land: readonly Feature[]): Area | null {
  const feature: Area = area.type === 'Feature' ? area : { type: 'Feature', properties: {}, geometry: area };
  const [w, s, e, n] = bbox(feature);
  const pieces = land
    .map((f) => bboxClip(f as Area, [w - 0.01, s - 0.01, e + 0.01, n + 0.01]) as Area)
    .map((f): Area => {
      const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((p) => p.filter((r) => r.length >= 4)).filter((p) => p.length > 0);
      return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } };
    })
    .filter((f) => (f.geometry as MultiPolygon).coordinates.length > 0);
  if (pieces.length === 0) return null;
  const landHere = pieces.length === 1 ? pieces[0]! : (union(featureCollection(pieces)) as Area);
  return intersect(featureCollection([feature, landHere])) as Area | null;
}
