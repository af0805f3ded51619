/**
 * Where a proposed site may stand: on land, not in the sea, not in a river.
 *
 * The shipped water data come in two kinds, so the test has two parts:
 * - `land.geojson` (OSM land, which leaves out the sea and the widest river mouths) and
 *   `ocean.geojson` (OSM sea) are polygons: a point must be inside the land and outside the sea.
 * - `rivers.geojson` (GSHHG/WDBII) holds only centre-lines, no river polygons. A river's footprint is
 *   taken as a band of `halfWidthM` either side of its line: 250 m for the major rivers (the Huangpu is
 *   ~300–500 m wide, and the WDBII lines are coarse, off by up to a few hundred metres), 60 m for minor
 *   ones. So "not in a river" means "not on the river as this map draws it", which is what the data
 *   can promise; the report says so.
 *
 * Pure: plain arrays and the project's TM projection, so it runs in a worker and in unit tests.
 */
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { createProjection, type Projection } from '../coverage/projection';

export type AreaGeometry = Polygon | MultiPolygon;

export interface WaterSources {
  land: ReadonlyArray<{ geometry: AreaGeometry }>;
  ocean: ReadonlyArray<{ geometry: AreaGeometry }>;
  rivers: ReadonlyArray<{ geometry: LineString | MultiLineString; properties?: { wdbii_level?: number } | null }>;
}

/** Why a point was refused (or `ok`). */
export type LandVerdict = 'ok' | 'off-land' | 'sea' | 'river';

/** Half-width (m) of the band kept clear either side of a WDBII river line, by WDBII level. */
export function riverHalfWidthM(level: number | undefined): number {
  // Levels 1–4 are the permanent and "additional" major rivers; higher levels are minor/intermittent.
  return level !== undefined && level <= 4 ? 250 : 60;
}

/** An area as rings of [lon, lat] pairs with their bounding boxes, for fast even–odd tests. */
interface Rings {
  rings: Float64Array[];
  boxes: Float64Array; // [w, s, e, n] per ring
  box: [number, number, number, number];
}

function ringsOf(geometries: ReadonlyArray<AreaGeometry>): Rings {
  const rings: Float64Array[] = [];
  const boxes: number[] = [];
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (ring: Position[]) => {
    const r = new Float64Array(ring.length * 2);
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    ring.forEach((p, i) => {
      const x = p[0]!;
      const y = p[1]!;
      r[2 * i] = x;
      r[2 * i + 1] = y;
      w = Math.min(w, x); e = Math.max(e, x);
      s = Math.min(s, y); n = Math.max(n, y);
    });
    rings.push(r);
    boxes.push(w, s, e, n);
    box[0] = Math.min(box[0], w); box[1] = Math.min(box[1], s);
    box[2] = Math.max(box[2], e); box[3] = Math.max(box[3], n);
  };
  for (const g of geometries) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) for (const ring of poly) add(ring);
  }
  return { rings, boxes: Float64Array.from(boxes), box };
}

/**
 * Even–odd test over all rings (outer rings and holes alike): a point inside a hole crosses the
 * outer ring and the hole, an even count, so it is outside. Points exactly on an edge may go
 * either way, which does not matter for candidates on a lattice.
 */
function inside(a: Rings, lon: number, lat: number): boolean {
  const [w, s, e, n] = a.box;
  if (lon < w || lon > e || lat < s || lat > n) return false;
  let odd = false;
  for (let q = 0; q < a.rings.length; q++) {
    const b = 4 * q;
    if (lat < a.boxes[b + 1]! || lat > a.boxes[b + 3]! || lon < a.boxes[b]! || lon > a.boxes[b + 2]!) continue;
    const r = a.rings[q]!;
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      const yi = r[i + 1]!;
      const yj = r[j + 1]!;
      if (yi > lat !== yj > lat) {
        const x = r[i]! + ((lat - yi) * (r[j]! - r[i]!)) / (yj - yi);
        if (lon < x) odd = !odd;
      }
    }
  }
  return odd;
}

/** A point-in-area test for polygons given in lon/lat. */
export function createAreaTest(geometries: ReadonlyArray<AreaGeometry>): (lon: number, lat: number) => boolean {
  const rings = ringsOf(geometries);
  return (lon, lat) => inside(rings, lon, lat);
}

interface RiverSegments {
  /** x0, y0, x1, y1 per segment in projected metres. */
  seg: Float64Array;
  halfWidth: Float64Array;
  maxHalfWidth: number;
}

function riverSegments(rivers: WaterSources['rivers'], proj: Projection): RiverSegments {
  const seg: number[] = [];
  const half: number[] = [];
  const a = [0, 0];
  const b = [0, 0];
  for (const f of rivers) {
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const hw = riverHalfWidthM(f.properties?.wdbii_level);
    for (const line of lines) {
      for (let i = 0; i + 1 < line.length; i++) {
        proj.forward(line[i]![0]!, line[i]![1]!, a);
        proj.forward(line[i + 1]![0]!, line[i + 1]![1]!, b);
        seg.push(a[0]!, a[1]!, b[0]!, b[1]!);
        half.push(hw);
      }
    }
  }
  return { seg: Float64Array.from(seg), halfWidth: Float64Array.from(half), maxHalfWidth: Math.max(0, ...half) };
}

/** Whether projected point (x, y) lies within a river's band. */
function inRiver(r: RiverSegments, x: number, y: number): boolean {
  const { seg, halfWidth } = r;
  for (let s = 0; s < halfWidth.length; s++) {
    const hw = halfWidth[s]!;
    const x0 = seg[4 * s]!;
    const y0 = seg[4 * s + 1]!;
    const x1 = seg[4 * s + 2]!;
    const y1 = seg[4 * s + 3]!;
    // Box test first: most segments are kilometres away.
    if (x < Math.min(x0, x1) - hw || x > Math.max(x0, x1) + hw || y < Math.min(y0, y1) - hw || y > Math.max(y0, y1) + hw) continue;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
    const ex = x0 + t * dx - x;
    const ey = y0 + t * dy - y;
    if (ex * ex + ey * ey <= hw * hw) return true;
  }
  return false;
}

/**
 * Builds the land test.
 * @returns a function telling whether a site may stand at (lon, lat), and why not.
 */
export function createLandTest(sources: WaterSources, projection: Projection = createProjection()): (lon: number, lat: number) => LandVerdict {
  const land = ringsOf(sources.land.map((f) => f.geometry));
  const sea = ringsOf(sources.ocean.map((f) => f.geometry));
  const rivers = riverSegments(sources.rivers, projection);
  const p = [0, 0];
  return (lon, lat) => {
    if (inside(sea, lon, lat)) return 'sea';
    if (!inside(land, lon, lat)) return 'off-land';
    projection.forward(lon, lat, p);
    if (inRiver(rivers, p[0]!, p[1]!)) return 'river';
    return 'ok';
  };
}
