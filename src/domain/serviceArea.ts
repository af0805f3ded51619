/**
 * The ground one site serves under a rule, as geometry to draw — the same rule the numbers and the
 * gap picture count (src/domain/serviceRule.ts): a two-radius rule reaches (inside-radius disc ∩ the
 * Outer Ring area) ∪ (outside-radius disc outside it). Near the S20 that is a disc with a bite taken
 * out or added, not a circle of the radius of the side the site stands on.
 *
 * Most sites stand farther from the ring's edge than they reach: their area is a plain disc, drawn as
 * a circle (cheap for thousands of sites). Only the others are clipped against the ring polygon cut
 * to the disc's box, with martinez-polygon-clipping (≈ 1 ms a site; turf's clipping took ≈ 8 ms,
 * seconds for a file of 10,000 sites); answers are cached per site object and rule by the caller.
 */
import { bboxClip, circle } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as martinez from 'martinez-polygon-clipping';
import { groundRadiusKm, type ServiceRule } from './serviceRule';
import { containsPoint, type AreaFeature } from './scopes';

export type ServiceArea =
  /** The site serves no counted ground (a rule side it stands far from is left out). */
  | { kind: 'none' }
  /** A whole disc around the site. */
  | { kind: 'disc'; radiusM: number }
  /** The disc clipped by the Outer Ring's edge (lon/lat polygon). */
  | { kind: 'clipped'; geometry: Polygon | MultiPolygon };

/** Steps of a drawn circle (64: the polygon's edge lies within 0.12 % of the radius, 1.8 m at 1.5 km). */
export const CIRCLE_STEPS = 64;
/** Clip when the ring's edge is closer than the reach plus this margin (m): the edge distance is a local flat-earth figure. */
const EDGE_MARGIN_M = 50;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQ = 111_320;

export interface ServiceAreaSite {
  lon: number;
  lat: number;
  radiusKm?: number | undefined;
}

export interface ServiceAreas {
  /** Whether a point lies inside the Outer Ring area. */
  insideRing(lon: number, lat: number): boolean;
  /** The area a site serves under `rule`. */
  areaOf(site: ServiceAreaSite, rule: ServiceRule): ServiceArea;
}

/** Segments of the ring's edges as flat [lon0, lat0, lon1, lat1, …] quadruples. */
function edgeSegments(ring: readonly AreaFeature[]): Float64Array {
  const out: number[] = [];
  for (const f of ring) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const r of poly) {
        for (let i = 0; i + 1 < r.length; i++) out.push(r[i]![0]!, r[i]![1]!, r[i + 1]![0]!, r[i + 1]![1]!);
      }
    }
  }
  return Float64Array.from(out);
}

/** Distance (m) from a point to the nearest edge segment, on a local flat plane (good to < 0.1 % within a few km). */
function edgeDistanceM(segs: Float64Array, lon: number, lat: number): number {
  const mx = M_PER_DEG_LON_EQ * Math.cos((lat * Math.PI) / 180);
  const my = M_PER_DEG_LAT;
  let best = Infinity;
  for (let i = 0; i < segs.length; i += 4) {
    const ax = (segs[i]! - lon) * mx;
    const ay = (segs[i + 1]! - lat) * my;
    const bx = (segs[i + 2]! - lon) * mx;
    const by = (segs[i + 3]! - lat) * my;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const px = ax + t * dx;
    const py = ay + t * dy;
    const d2 = px * px + py * py;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/**
 * Service areas against the Outer Ring area (its polygons, WGS-84). Without a ring every site's area
 * is the disc of the outside radius.
 */
export function createServiceAreas(ring: readonly AreaFeature[]): ServiceAreas {
  const segs = edgeSegments(ring);
  const insideRing = (lon: number, lat: number) => ring.some((f) => containsPoint(f, lon, lat));
  const disc = (site: ServiceAreaSite, km: number) => circle([site.lon, site.lat], km, { steps: CIRCLE_STEPS, units: 'kilometers' });

  const areaOf = (site: ServiceAreaSite, rule: ServiceRule): ServiceArea => {
    const own = site.radiusKm ?? null;
    const rIn = groundRadiusKm(rule, 'inside', own);
    const rOut = groundRadiusKm(rule, 'outside', own);
    const reachKm = Math.max(rIn ?? 0, rOut ?? 0);
    if (reachKm <= 0) return { kind: 'none' };
    const here = insideRing(site.lon, site.lat) ? rIn : rOut;
    if (rIn === rOut) return { kind: 'disc', radiusM: reachKm * 1000 };
    if (segs.length === 0 || edgeDistanceM(segs, site.lon, site.lat) >= reachKm * 1000 + EDGE_MARGIN_M) {
      return here === null ? { kind: 'none' } : { kind: 'disc', radiusM: here * 1000 };
    }
    // Near the edge: (inside disc ∩ ring) ∪ (outside disc − ring), with the ring cut to the reach's box.
    const outer = disc(site, reachKm);
    const [w, s, e, n] = boxOf(outer.geometry.coordinates[0]!);
    const pad = 0.01;
    const cut = ring.flatMap((f) => polygonsOf(withoutDegenerateRings(bboxClip(f, [w - pad, s - pad, e + pad, n + pad]) as AreaFeature)));
    // The two pieces share the ring's edge exactly, which martinez does not merge cleanly; written
    // instead as a union of shapes that cross: rIn ≤ rOut: D_in ∪ (D_out − R) (D_in lies in D_out);
    // rIn > rOut: D_out ∪ (D_in ∩ R). One side left out: D_out − R, or D_in ∩ R.
    const some = (g: martinez.Geometry | null) => (g && g.length > 0 ? g : null);
    const R = cut.length > 0 ? cut : null;
    const dIn = rIn === null ? null : (disc(site, rIn).geometry.coordinates as martinez.Polygon);
    const dOut = rOut === null ? null : (disc(site, rOut).geometry.coordinates as martinez.Polygon);
    const outsidePart = dOut && (R === null ? dOut : some(martinez.diff(dOut, R)));
    const insidePart = dIn && R && some(martinez.intersection(dIn, R));
    let served: martinez.Geometry | null;
    if (dIn === null) served = outsidePart;
    else if (dOut === null) served = insidePart;
    else if (rIn! <= rOut!) served = outsidePart ? some(martinez.union(dIn, outsidePart)) : dIn;
    else served = insidePart ? some(martinez.union(dOut, insidePart)) : dOut;
    const geometry = served ? asGeometry(served) : null;
    return geometry ? { kind: 'clipped', geometry } : { kind: 'none' };
  };

  return { insideRing, areaOf };
}

function boxOf(ring: Position[]): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of ring) {
    w = Math.min(w, x!);
    e = Math.max(e, x!);
    s = Math.min(s, y!);
    n = Math.max(n, y!);
  }
  return [w, s, e, n];
}

/** bboxClip leaves rings of fewer than 4 positions where a ring only grazes the box: they are dropped. */
function withoutDegenerateRings(f: AreaFeature): Position[][][] {
  return (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
    .map((p) => p.filter((r) => r.length >= 4))
    .filter((p) => p.length > 0 && p[0]!.length >= 4);
}

const polygonsOf = (polys: Position[][][]): martinez.MultiPolygon => polys as martinez.MultiPolygon;

/** martinez answers a Polygon or a MultiPolygon (told apart by nesting), rings maybe left open; as GeoJSON (closed rings), empty: null. */
function asGeometry(g: martinez.Geometry): Polygon | MultiPolygon | null {
  if (g.length === 0) return null;
  const close = (r: Position[]): Position[] => {
    const [a, b] = [r[0]!, r[r.length - 1]!];
    return a[0] === b[0] && a[1] === b[1] ? r : [...r, a];
  };
  const isPolygon = typeof (g as martinez.Polygon)[0]![0]![0] === 'number';
  const polys = (isPolygon ? [g as Position[][]] : (g as Position[][][])).map((p) => p.map(close)).filter((p) => p.length > 0);
  if (polys.length === 0) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
}

/** The outline of a site's service area as closed lon/lat rings (a disc: a 64-gon; none: no ring). */
export function areaOutline(site: { lon: number; lat: number }, area: ServiceArea): Position[][] {
  if (area.kind === 'none') return [];
  if (area.kind === 'disc') return [circle([site.lon, site.lat], area.radiusM / 1000, { steps: CIRCLE_STEPS, units: 'kilometers' }).geometry.coordinates[0]!];
  return (area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates).flat();
}
