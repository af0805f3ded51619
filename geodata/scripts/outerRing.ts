/**
 * The area inside the Outer Ring (外环, S20), derived from the S20 carriageway lines.
 *
 * Steps:
 *  1. round every vertex to 6 decimals (~0.1 m);
 *  2. snap line END points that lie within SNAP_TOLERANCE_M of each other onto one position
 *     (closes small gaps between consecutive OSM ways; on the current data no snap moves anything
 *     because the ways already share their end nodes, but the step keeps a future extract working);
 *  3. node the network: split each line wherever another line crosses or touches it away from
 *     its end points (again a no-op on the current data);
 *  4. polygonize (@turf/polygonize) and keep the largest face. The two carriageways enclose a
 *     thin median face (~2 km²) and a few interchange slivers; the largest face is the city side
 *     of the INNER carriageway;
 *  5. check its area against the shared derived polygon (662.4 km²): it must agree within 1%,
 *     and the symmetric difference between the two must be small, or the build fails.
 */
import * as turf from '@turf/turf';
import type { Feature, LineString, Polygon, Position } from 'geojson';
import { cleanLine, ellipsoidalAreaKm2, round6 } from './common.ts';

export const SNAP_TOLERANCE_M = 5;
export const REFERENCE_AREA_KM2 = 662.4;
export const AREA_TOLERANCE = 0.01;
/** The derived face may differ from the shared polygon by at most this much (symmetric difference). */
export const MAX_SYMMETRIC_DIFFERENCE_KM2 = 2;

export type OuterRingResult = {
  polygon: Polygon;
  areaKm2: number;
  faces: number[];
  snappedEndpoints: number;
  splitLines: number;
  symmetricDifferenceKm2: number;
};

function snapEndpoints(lines: Position[][]): { lines: Position[][]; moved: number } {
  // Clusters of end points within the tolerance share the position of the first one seen.
  const anchors: Position[] = [];
  let moved = 0;
  const snap = (p: Position): Position => {
    for (const a of anchors) {
      if (a[0] === p[0] && a[1] === p[1]) return a;
      if (turf.distance(a, p, { units: 'meters' }) <= SNAP_TOLERANCE_M) {
        moved++;
        return a;
      }
    }
    anchors.push(p);
    return p;
  };
  const out = lines.map((coords) => {
    const copy = coords.map((p) => [p[0]!, p[1]!]);
    copy[0] = [...snap(copy[0]!)];
    copy[copy.length - 1] = [...snap(copy[copy.length - 1]!)];
    return copy;
  });
  return { lines: out, moved };
}

function isEndpoint(line: Position[], p: Position): boolean {
  const a = line[0]!;
  const b = line[line.length - 1]!;
  return (a[0] === p[0] && a[1] === p[1]) || (b[0] === p[0] && b[1] === p[1]);
}

function nodeLines(lines: Position[][]): { lines: Position[][]; split: number } {
  const out: Position[][] = [];
  let split = 0;
  lines.forEach((coords, i) => {
    const cuts: Position[] = [];
    lines.forEach((other, j) => {
      if (i === j) return;
      const hits = turf.lineIntersect(turf.lineString(coords), turf.lineString(other));
      for (const h of hits.features) {
        const p: Position = [round6(h.geometry.coordinates[0]!), round6(h.geometry.coordinates[1]!)];
        if (!isEndpoint(coords, p)) cuts.push(p);
      }
    });
    if (cuts.length === 0) {
      out.push(coords);
      return;
    }
    split++;
    const pieces = turf.lineSplit(turf.lineString(coords), turf.multiPoint(cuts));
    for (const piece of pieces.features) {
      const cleaned = cleanLine(piece.geometry.coordinates);
      if (cleaned) out.push(cleaned);
    }
  });
  return { lines: out, split };
}

export function deriveOuterRing(s20Lines: LineString[], reference: Polygon): OuterRingResult {
  const rounded = s20Lines.map((l, i) => {
    const c = cleanLine(l.coordinates);
    if (!c) throw new Error(`S20 line ${i} collapsed when rounded`);
    return c as Position[];
  });
  const snapped = snapEndpoints(rounded);
  const noded = nodeLines(snapped.lines);
  const faces = turf.polygonize(turf.featureCollection(noded.lines.map((c) => turf.lineString(c))));
  if (faces.features.length === 0) throw new Error('polygonize found no closed face in the S20 lines');

  const measured = faces.features
    .map((f) => ({ f: f as Feature<Polygon>, area: ellipsoidalAreaKm2(f.geometry) }))
    .sort((a, b) => b.area - a.area);
  const largest = measured[0]!;
  const areaKm2 = largest.area;
  const off = Math.abs(areaKm2 / REFERENCE_AREA_KM2 - 1);
  if (off > AREA_TOLERANCE) {
    throw new Error(
      `Outer Ring polygon area ${areaKm2.toFixed(2)} km² is ${(off * 100).toFixed(2)}% away from the ` +
        `shared derived polygon's ${REFERENCE_AREA_KM2} km² (limit ${AREA_TOLERANCE * 100}%). ` +
        'The S20 lines probably have a gap: check them before shipping.',
    );
  }
  const refFeature = turf.feature(reference);
  const a = turf.difference(turf.featureCollection([largest.f, refFeature]));
  const b = turf.difference(turf.featureCollection([refFeature, largest.f]));
  const symmetricDifferenceKm2 = (a ? ellipsoidalAreaKm2(a.geometry) : 0) + (b ? ellipsoidalAreaKm2(b.geometry) : 0);
  if (symmetricDifferenceKm2 > MAX_SYMMETRIC_DIFFERENCE_KM2) {
    throw new Error(
      `Outer Ring polygon differs from the shared derived polygon by ${symmetricDifferenceKm2.toFixed(2)} km² ` +
        `(limit ${MAX_SYMMETRIC_DIFFERENCE_KM2} km²)`,
    );
  }
  return {
    polygon: largest.f.geometry,
    areaKm2,
    faces: measured.map((m) => m.area),
    snappedEndpoints: snapped.moved,
    splitLines: noded.split,
    symmetricDifferenceKm2,
  };
}
