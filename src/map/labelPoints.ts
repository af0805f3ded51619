/**
 * One label anchor per area feature. MapLibre would label every part of a MultiPolygon (and
 * place polygon labels per tile), so Chongming would get four labels and Pudong's islets their
 * own; we label the largest part once, at its centre of mass when that lies inside it.
 */
import * as turf from '@turf/turf';
import { createAreaTest } from '../domain/pointInArea';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export function largestPart(geometry: Polygon | MultiPolygon): Polygon {
  if (geometry.type === 'Polygon') return geometry;
  let best: Polygon = { type: 'Polygon', coordinates: geometry.coordinates[0] ?? [] };
  let bestArea = -1;
  for (const rings of geometry.coordinates) {
    const part: Polygon = { type: 'Polygon', coordinates: rings };
    const area = turf.area(part);
    if (area > bestArea) {
      best = part;
      bestArea = area;
    }
  }
  return best;
}

/** A point inside the feature's largest part, preferring its centre of mass. */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const part = largestPart(geometry);
  const centre = turf.centerOfMass(part).geometry.coordinates as [number, number];
  if (createAreaTest([part])(centre[0], centre[1])) return centre;
  return turf.pointOnFeature(part).geometry.coordinates as [number, number];
}

export function labelPoints<P extends object>(
  collection: FeatureCollection<Polygon | MultiPolygon, P>,
): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: collection.features.map(
      (f): Feature<Point, P> => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: labelPoint(f.geometry) },
        properties: f.properties,
      }),
    ),
  };
}
