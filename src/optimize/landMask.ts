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
import type { LineString, MultiLineString } from 'geojson';
import { areaRings, inArea, type AreaGeometry } from '../domain/pointInArea';
import { createProjection, type Projection } from '../coverage/projection';

export type { AreaGeometry };

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

export { createAreaTest } from '../domain/pointInArea';

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
  const land = areaRings(sources.land.map((f) => f.geometry));
  const sea = areaRings(sources.ocean.map((f) => f.geometry));
  const rivers = riverSegments(sources.rivers, projection);
  const p = [0, 0];
  return (lon, lat) => {
    if (inArea(sea, lon, lat)) return 'sea';
    if (!inArea(land, lon, lat)) return 'off-land';
    projection.forward(lon, lat, p);
    if (inRiver(rivers, p[0]!, p[1]!)) return 'river';
    return 'ok';
  };
}
