/**
 * Key-zone boundaries from a user's file — GeoJSON, KML, or CSV with a WKT column — each feature,
 * placemark or row matched to one of the shipped zones by its id or name (src/domain/userZones.ts
 * matchZone), converted to WGS-84 from the system chosen or named (src/io/crs.ts), and checked
 * (zoneGeometryProblems: far from Shanghai, self-intersecting, no area, far from the shipped zone).
 *
 * All or nothing, like a township file: every problem of every feature is listed (file, feature or
 * row, field), and a file with any problem replaces nothing. The vertices as written are also scored
 * for a GCJ-02 / BD-09 offset (src/io/offsetDetection.ts), so the panel can say when the system
 * chosen looks wrong.
 *
 * Pure (no DOM): runs in the page, the CLI and the tests.
 */
import Papa from 'papaparse';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { matchZone, zoneGeometryProblems, type ZoneGeometry, type ZoneKeys } from '../domain/userZones';
import { crsHintFromHeader, parseCrs, toWgs84, type Crs } from './crs';
import { decodeText } from './textDecoding';
import { readKml } from './kml';
import { parseWkt } from './wkt';
import { detectOffset, type OffsetReport, type Reference } from './offsetDetection';

/** A boundary file larger than this is refused (an official zone boundary is some kilobytes). */
export const MAX_ZONE_FILE_BYTES = 20 * 1024 * 1024;

export interface ZoneFileOptions {
  /** The coordinates' system (default: what the file names, else WGS-84). */
  crs?: Crs;
  /** The map's features, to score the vertices for an offset (none: not scored). */
  reference?: Reference;
}

export interface ZoneFileBoundary {
  id: string;
  geometry: ZoneGeometry;
  /** Where in the file: `feature 2 (南京西路)`. */
  where: string;
}

export interface ZoneFileResult {
  format: 'geojson' | 'kml' | 'csv';
  crs: Crs;
  /** Every boundary read (empty when there are problems: nothing is replaced then). */
  boundaries: ZoneFileBoundary[];
  /** Each naming the file, the feature / placemark / row, and the field. */
  problems: string[];
  offset: OffsetReport | null;
}

/** Zones to match against, with their shipped polygon (for the distance check). */
export interface ZoneTarget extends ZoneKeys {
  geometry?: ZoneGeometry;
}

const squash = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-.()（）]+/g, '');
const ID_KEYS = ['id', 'zoneid', 'zone', 'zonecode', '编号', '区域编号'];
const NAME_KEYS = ['name', 'namezh', 'nameen', 'zonename', '名称', '区域', '区域名称', '名字'];
const GEOMETRY_KEYS = ['wkt', 'geometry', 'geom', 'thegeom', 'shape', '几何', '边界', '范围'];
const CRS_KEYS = ['crs', 'coordinatesystem', '坐标系'];

/** The id and name fields of a record, in the order tried: [field, value]. */
function keyFields(props: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const keys of [ID_KEYS, NAME_KEYS]) {
    for (const [k, v] of Object.entries(props)) {
      if (keys.includes(squash(k)) && (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '') out.push([k, String(v).trim()]);
    }
  }
  return out;
}

interface RawRecord {
  where: string;
  props: Record<string, unknown>;
  /** As written (before any conversion), or why it cannot be one. */
  geometry: ZoneGeometry | { problem: string; field: string };
}

function fromGeojson(text: string, file: string): { records: RawRecord[]; crs: Crs | null } {
  let doc: { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const named = doc?.crs?.properties?.name;
  if (typeof named === 'string' && !/(CRS84|4326)$/i.test(named)) throw new Error(`${file} declares its coordinates in ${named}; reproject it to longitude / latitude (WGS-84, GCJ-02 or BD-09) first`);
  const features = doc?.type === 'FeatureCollection' && Array.isArray(doc.features) ? (doc.features as unknown[]) : doc?.type === 'Feature' ? [doc] : null;
  if (!features) throw new Error(`${file} is not a GeoJSON Feature or FeatureCollection`);
  let crs: Crs | null = null;
  const records = features.map((raw, i): RawRecord => {
    const f = raw as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const props = f.properties ?? {};
    for (const [k, v] of Object.entries(props)) if (CRS_KEYS.includes(squash(k)) && typeof v === 'string') crs = parseCrs(v) ?? crs;
    const label = keyFields(props)[0]?.[1];
    const where = `feature ${i + 1}${label ? ` (${label})` : ''}`;
    const g = f.geometry;
    const geometry =
      g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)
        ? (g as Polygon | MultiPolygon)
        : { problem: `it is ${g?.type ?? 'missing'}, not a Polygon or MultiPolygon`, field: 'geometry' };
    return { where, props, geometry };
  });
  return { records, crs };
}

/** `lon,lat[,alt] lon,lat …` as positions, or null when a tuple is not two numbers. */
function kmlRing(text: string): Position[] | null {
  const ring: Position[] = [];
  for (const tuple of text.trim().split(/\s+/)) {
    if (tuple === '') continue;
    const [x, y] = tuple.split(',').map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    ring.push([x!, y!]);
  }
  return ring;
}

function fromKml(text: string, file: string): { records: RawRecord[]; crs: null } {
  const doc = readKml(text);
  if (doc.problem) throw new Error(`${file}: ${doc.problem}`);
  const records = doc.placemarks.map((p): RawRecord => {
    const label = keyFields(p.fields)[0]?.[1];
    const where = `placemark ${p.row}${label ? ` (${label})` : ''}`;
    if (!p.polygons) return { where, props: p.fields, geometry: { problem: `it is ${p.geometry ?? 'missing'}, not a Polygon`, field: 'geometry' } };
    const polys: Position[][][] = [];
    for (const poly of p.polygons) {
      const rings = [poly.outer, ...poly.inner].map(kmlRing);
      if (rings.some((r) => r === null || r.length === 0)) return { where, props: p.fields, geometry: { problem: 'a ring’s coordinates are not lon,lat numbers', field: 'coordinates' } };
      polys.push(rings as Position[][]);
    }
    const geometry: ZoneGeometry = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
    return { where, props: p.fields, geometry };
  });
  return { records, crs: null };
}

function fromCsv(text: string, file: string): { records: RawRecord[]; crs: Crs | null } {
  const rows = Papa.parse<string[]>(text.trim(), { header: false, skipEmptyLines: true }).data;
  if (rows.length < 2) throw new Error(`${file} has no rows after its header`);
  const header = rows[0]!.map((h) => h.trim());
  // A header may carry the system: `wkt_gcj02`, `边界(百度)`.
  const stripped = header.map((h) => squash(h.replace(/[(（]?(wgs84|gcj02|bd09|高德|百度|腾讯)[)）]?/gi, '')));
  const geomCol = stripped.findIndex((h) => GEOMETRY_KEYS.includes(h));
  if (geomCol < 0) throw new Error(`${file}: no WKT column (looked for ${GEOMETRY_KEYS.slice(0, 4).join(', ')} …; it has ${header.map((h) => `"${h}"`).join(', ')})`);
  const crsCol = header.findIndex((h) => CRS_KEYS.includes(squash(h)));
  let crs = crsHintFromHeader(header[geomCol]!);
  const records = rows.slice(1).map((cells, r): RawRecord => {
    const props = Object.fromEntries(header.map((h, c) => [h, cells[c] ?? '']).filter(([, v], c) => c !== geomCol && v !== ''));
    if (crsCol >= 0 && cells[crsCol]) crs = parseCrs(cells[crsCol]) ?? crs;
    const label = keyFields(props)[0]?.[1];
    const where = `row ${r + 2}${label ? ` (${label})` : ''}`;
    let geometry: RawRecord['geometry'];
    try {
      const g = parseWkt(cells[geomCol] ?? '');
      geometry = g.type === 'Point' ? { problem: 'it is a POINT, not a POLYGON or MULTIPOLYGON', field: header[geomCol]! } : g;
    } catch (e) {
      geometry = { problem: `the WKT cannot be read: ${(e as Error).message}`, field: header[geomCol]! };
    }
    return { where, props, geometry };
  });
  return { records, crs };
}

const mapGeometry = (g: ZoneGeometry, f: (p: Position) => Position): ZoneGeometry =>
  g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };


/**
 * Reads a boundary file and matches it to the zones.
 * @throws Error only when the file as a whole cannot be read (not JSON, not KML, no WKT column, too big)
 */
export function readZoneFile(bytes: Uint8Array | ArrayBuffer, file: string, zones: readonly ZoneTarget[], options: ZoneFileOptions = {}): ZoneFileResult {
  if (bytes.byteLength > MAX_ZONE_FILE_BYTES) throw new Error(`${file} is ${(bytes.byteLength / 1048576).toFixed(1)} MB, over the ${MAX_ZONE_FILE_BYTES / 1048576} MB limit for a boundary file`);
  const body = decodeText(bytes).text.trimStart();
  const format: ZoneFileResult['format'] = body.startsWith('{') ? 'geojson' : body.startsWith('<') ? 'kml' : 'csv';
  const read = format === 'geojson' ? fromGeojson(body, file) : format === 'kml' ? fromKml(body, file) : fromCsv(body, file);
  if (read.records.length === 0) throw new Error(`${file} holds no ${format === 'kml' ? 'placemarks' : format === 'csv' ? 'rows' : 'features'}`);
  const crs = options.crs ?? read.crs ?? 'wgs84';
  const problems: string[] = [];
  const boundaries: ZoneFileBoundary[] = [];
  const taken = new Map<string, string>();
  const written: Position[] = [];
  for (const rec of read.records) {
    const at = `${file}, ${rec.where}`;
    const fields = keyFields(rec.props);
    const match = matchZone(
      fields.map(([, v]) => v),
      zones,
    );
    if (!match.ok) problems.push(`${at}, field ${fields.length ? fields.map(([k]) => `"${k}"`).join(' / ') : '"id" / "name"'}: ${match.problem}`);
    else if (taken.has(match.id)) problems.push(`${at}: zone ${match.id} is also ${taken.get(match.id)}`);
    if ('problem' in rec.geometry) {
      problems.push(`${at}, field "${rec.geometry.field}": ${rec.geometry.problem}`);
      continue;
    }
    let bad: string | null = null;
    const converted = mapGeometry(rec.geometry, (p) => {
      const [x, y] = p;
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
        bad ??= `(${String(x)}, ${String(y)}) is not a longitude / latitude in degrees (projected coordinates? reproject to WGS-84, GCJ-02 or BD-09)`;
        return [0, 0];
      }
      written.push([x, y]);
      return toWgs84(x, y, crs);
    });
    if (bad) {
      problems.push(`${at}, field "geometry": ${bad}`);
      continue;
    }
    if (!match.ok) continue;
    taken.set(match.id, rec.where);
    const shipped = zones.find((z) => z.id === match.id)?.geometry;
    for (const p of zoneGeometryProblems(converted, shipped)) problems.push(`${at}, field "geometry": ${p}`);
    boundaries.push({ id: match.id, geometry: converted, where: rec.where });
  }
  const offset = options.reference && written.length > 0 ? detectOffset(written as [number, number][], options.reference) : null;
  return { format, crs, boundaries: problems.length > 0 ? [] : boundaries, problems, offset };
}
