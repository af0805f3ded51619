/**
 * Whether a point lies in an area: the one test the app counts with (district and zone scopes, the
 * Outer Ring's sides, the optimizer's candidates, the gap polygons' holes, label anchors).
 *
 * Even–odd over every ring of the area (outer rings and holes alike: a point in a hole crosses the
 * outer ring and the hole, an even count). One boundary rule: a point exactly on an edge is inside,
 * so a site on a border shared by two districts counts for both — the borders are approximate, and
 * dropping the site from both sides would be the worse error. (turf's booleanPointInPolygon with
 * `ignoreBoundary: false` answers the same; the tests hold the two together.)
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/** An area as rings of interleaved [x, y] pairs with their bounding boxes. */
export interface AreaRings {
  rings: Float64Array[];
  /** [w, s, e, n] per ring. */
  boxes: Float64Array;
  box: [number, number, number, number];
}

/** The rings of polygons given in lon/lat (or any plane coordinates). */
export function areaRings(geometries: ReadonlyArray<AreaGeometry>): AreaRings {
  const rings: Float64Array[] = [];
  const boxes: number[] = [];
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (ring: Position[]) => {
    const r = new Float64Array(ring.length * 2);
    ring.forEach((p, i) => {
      r[2 * i] = p[0]!;
      r[2 * i + 1] = p[1]!;
    });
    const b = ringBox(r);
    rings.push(r);
    boxes.push(...b);
    box[0] = Math.min(box[0], b[0]);
    box[1] = Math.min(box[1], b[1]);
    box[2] = Math.max(box[2], b[2]);
    box[3] = Math.max(box[3], b[3]);
  };
  for (const g of geometries) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) for (const ring of poly) add(ring);
  }
  return { rings, boxes: Float64Array.from(boxes), box };
}

function ringBox(r: Float64Array): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let i = 0; i < r.length; i += 2) {
    w = Math.min(w, r[i]!);
    e = Math.max(e, r[i]!);
    s = Math.min(s, r[i + 1]!);
    n = Math.max(n, r[i + 1]!);
  }
  return [w, s, e, n];
}

/** Where a point lies against one ring (closed or not): 1 inside, 0 on an edge, -1 outside. */
export function ringSide(r: ArrayLike<number>, x: number, y: number): 1 | 0 | -1 {
  let odd = false;
  const n = r.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = r[i]!;
    const yi = r[i + 1]!;
    const xj = r[j]!;
    const yj = r[j + 1]!;
    // On the edge: collinear with it and within its box.
    if ((x - xj) * (yi - yj) === (y - yj) * (xi - xj) && x >= Math.min(xi, xj) && x <= Math.max(xi, xj) && y >= Math.min(yi, yj) && y <= Math.max(yi, yj)) return 0;
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) odd = !odd;
  }
  return odd ? 1 : -1;
}

/** Whether (x, y) lies in the area (an edge counts as inside). */
export function inArea(a: AreaRings, x: number, y: number): boolean {
  const [w, s, e, n] = a.box;
  if (x < w || x > e || y < s || y > n) return false;
  let odd = false;
  for (let q = 0; q < a.rings.length; q++) {
    const b = 4 * q;
    if (y < a.boxes[b + 1]! || y > a.boxes[b + 3]! || x < a.boxes[b]! || x > a.boxes[b + 2]!) continue;
    const side = ringSide(a.rings[q]!, x, y);
    if (side === 0) return true;
    if (side === 1) odd = !odd;
  }
  return odd;
}

/** A point-in-area test for polygons given in lon/lat. */
export function createAreaTest(geometries: ReadonlyArray<AreaGeometry>): (lon: number, lat: number) => boolean {
  const rings = areaRings(geometries);
  return (lon, lat) => inArea(rings, lon, lat);
}
