/**
 * Reads areas (or points) with a resident count — a township census table joined to its boundaries,
 * residential compounds with their residents — from GeoJSON, or from CSV with a WKT column or
 * longitude / latitude columns. Each feature's residents are later spread evenly over its land
 * (src/coverage/population.ts).
 *
 * The residents column is found by name (`population`, `pop`, `residents`, `人口`, `常住人口` …) or
 * named by the caller. Coordinates are WGS-84 unless the caller or the headers say GCJ-02 / BD-09
 * (src/io/crs.ts converts every vertex). Unlike a site file, a population file is all or nothing: a
 * feature with a missing, non-numeric or negative count, or unreadable geometry, refuses the file
 * (with its row or feature number), because importing the good rows would silently lose residents.
 *
 * Pure (no DOM): runs in the import worker, the CLI and the tests.
 */
import Papa from 'papaparse';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { PopulationFeature } from '../domain/population';
import { toWgs84, type Crs } from './crs';
import { decodeText } from './textDecoding';
import { crsOfColumns, detectColumns, chooseColumns } from './siteColumns';
import { parseWkt } from './wkt';
import { MAX_POPULATION_POLYGON_BYTES } from './importLimits';

/** A file this reader refuses; the message names the file, the row or feature, and what is wrong. */
export class PolygonReadError extends Error {
  /** When the residents column could not be told (or the one named is missing): the file's columns, to choose from. */
  columns?: string[];
}

function fieldError(message: string, names: readonly string[]): PolygonReadError {
  const e = new PolygonReadError(message);
  e.columns = [...names];
  return e;
}

export interface PolygonReadOptions {
  /** The residents column / property (default: found by name). */
  field?: string;
  /** The coordinates' system (default: what the headers say, else WGS-84). */
  crs?: Crs;
  maxBytes?: number;
}

export interface PolygonReadResult {
  features: PopulationFeature[];
  format: 'geojson' | 'csv';
  /** The residents column / property used. */
  field: string;
  crs: Crs;
  total: number;
}

/** Names of a residents column, best first (compared lower-case, without spaces, `_` or `-`). */
const RESIDENT_WORDS = ['population', 'residents', 'pop', 'people', '常住人口', '人口', '人口数', '常住人口数', '居民', '人数'];
const GEOMETRY_WORDS = ['wkt', 'geometry', 'geom', 'thegeom', 'shape', '几何', '边界', '范围'];
const NAME_WORDS = ['name', 'name_zh', 'township', '名称', '街道', '乡镇', '街镇'];

const squash = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-.()（）]+/g, '');

/** The residents column among `names`: the given one, else an exact known word, else one containing `pop` / `人口`. */
function residentsField(names: readonly string[], given: string | undefined, file: string): string {
  if (given !== undefined) {
    const hit = names.find((n) => n === given) ?? names.find((n) => squash(n) === squash(given));
    if (hit === undefined) throw fieldError(`${file}: there is no column or property "${given}" (it has ${names.map((n) => `"${n}"`).join(', ')})`, names);
    return hit;
  }
  for (const w of RESIDENT_WORDS) {
    const hit = names.find((n) => squash(n) === w);
    if (hit !== undefined) return hit;
  }
  const loose = names.filter((n) => /pop|人口/.test(squash(n)));
  if (loose.length === 1) return loose[0]!;
  throw fieldError(
    loose.length > 1
      ? `${file}: more than one column could hold the residents (${loose.map((n) => `"${n}"`).join(', ')}): name the one to use`
      : `${file}: no column or property holds the residents (looked for ${RESIDENT_WORDS.slice(0, 6).join(', ')} …; it has ${names.map((n) => `"${n}"`).join(', ')}): name the one to use`,
    names,
  );
}

/** A count from a cell or property: a number, or text such as "12,345"; null when it is not one. */
function countOf(raw: unknown): number | null {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return null;
  const t = raw.trim().replace(/[,，\s]/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}

function checkCount(raw: unknown, where: string, field: string, file: string): number {
  const n = countOf(raw);
  if (n === null || !Number.isFinite(n)) throw new PolygonReadError(`${file}, ${where}: "${field}" is ${raw === undefined || raw === '' ? 'empty' : `"${String(raw)}", not a number`}`);
  if (n < 0) throw new PolygonReadError(`${file}, ${where}: "${field}" is ${n}; a count of residents cannot be negative`);
  return n;
}

/** Converts every position to WGS-84 and checks it is a longitude / latitude. */
function convertGeometry(g: Point | Polygon | MultiPolygon, crs: Crs, where: string, file: string): Point | Polygon | MultiPolygon {
  const pos = (p: Position): Position => {
    const [x, y] = [p[0], p[1]];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) throw new PolygonReadError(`${file}, ${where}: a coordinate is not a number`);
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      throw new PolygonReadError(`${file}, ${where}: (${x}, ${y}) is not a longitude / latitude in degrees — projected coordinates? The file must be WGS-84 (or GCJ-02 / BD-09, named)`);
    }
    return toWgs84(x, y, crs);
  };
  if (g.type === 'Point') return { type: 'Point', coordinates: pos(g.coordinates) };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(pos)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(pos))) };
}

function nameOf(props: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(props)) {
    if (NAME_WORDS.includes(squash(key)) && typeof props[key] === 'string' && props[key] !== '') return props[key] as string;
  }
  return undefined;
}

function readGeojson(text: string, file: string, options: PolygonReadOptions): PolygonReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PolygonReadError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  const d = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  const named = d?.crs?.properties?.name;
  if (typeof named === 'string' && !/(CRS84|4326)$/i.test(named)) {
    throw new PolygonReadError(`${file} declares its coordinates in ${named}; the map reads WGS-84 longitude/latitude (EPSG:4326) — reproject it first`);
  }
  const features = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? (d.features as unknown[]) : d?.type === 'Feature' ? [doc] : null;
  if (!features) throw new PolygonReadError(`${file} is not a GeoJSON FeatureCollection`);
  if (features.length === 0) throw new PolygonReadError(`${file} holds no features`);
  const names = new Set<string>();
  for (const f of features) for (const k of Object.keys((f as { properties?: object }).properties ?? {})) names.add(k);
  const field = residentsField([...names], options.field, file);
  const crs = options.crs ?? 'wgs84';
  const out: PopulationFeature[] = [];
  let total = 0;
  features.forEach((raw, i) => {
    const f = raw as { geometry?: { type?: string }; properties?: Record<string, unknown> };
    const props = f.properties ?? {};
    const name = nameOf(props);
    const where = `feature ${i + 1}${name ? ` (${name})` : ''}`;
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon' && g.type !== 'Point')) {
      throw new PolygonReadError(`${file}, ${where}: its geometry is ${g?.type ?? 'missing'}; a population file holds polygons, multipolygons or points`);
    }
    const residents = checkCount(props[field], where, field, file);
    total += residents;
    out.push({ geometry: convertGeometry(g as Point | Polygon | MultiPolygon, crs, where, file), residents, ...(name ? { name } : {}) });
  });
  return { features: out, format: 'geojson', field, crs, total };
}

function readCsv(text: string, file: string, options: PolygonReadOptions): PolygonReadResult {
  const parsed = Papa.parse<string[]>(text.trim(), { header: false, skipEmptyLines: true });
  const rows = parsed.data;
  if (rows.length === 0) throw new PolygonReadError(`${file} is empty`);
  const header = rows[0]!.map((h) => h.trim());
  if (rows.length === 1) throw new PolygonReadError(`${file} has no rows after its header`);
  const field = residentsField(header, options.field, file);
  const fieldCol = header.indexOf(field);
  const geomCol = header.findIndex((h) => GEOMETRY_WORDS.includes(squash(h)));
  let lonCol = -1;
  let latCol = -1;
  let crs: Crs = options.crs ?? 'wgs84';
  if (geomCol < 0) {
    const detection = detectColumns(header);
    const { cols } = chooseColumns(detection, undefined);
    if (cols.lon === undefined || cols.lat === undefined) {
      throw new PolygonReadError(`${file}: no geometry column (WKT: ${GEOMETRY_WORDS.slice(0, 4).join(', ')} …) and no longitude / latitude columns`);
    }
    lonCol = cols.lon;
    latCol = cols.lat;
    crs = options.crs ?? crsOfColumns(header, cols) ?? 'wgs84';
  }
  const nameCol = header.findIndex((h) => NAME_WORDS.includes(squash(h)));
  const out: PopulationFeature[] = [];
  let total = 0;
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const name = nameCol >= 0 && cells[nameCol] ? cells[nameCol]!.trim() : '';
    // +1: people count lines from 1 and the header is line 1.
    const where = `row ${r + 1}${name ? ` (${name})` : ''}`;
    const residents = checkCount(cells[fieldCol], where, field, file);
    let g: Point | Polygon | MultiPolygon;
    if (geomCol >= 0) {
      try {
        g = parseWkt(cells[geomCol] ?? '');
      } catch (e) {
        throw new PolygonReadError(`${file}, ${where}: the geometry cannot be read: ${(e as Error).message}`);
      }
    } else {
      const lon = countOf(cells[lonCol]);
      const lat = countOf(cells[latCol]);
      if (lon === null || lat === null) throw new PolygonReadError(`${file}, ${where}: longitude / latitude ("${cells[lonCol] ?? ''}", "${cells[latCol] ?? ''}") are not numbers`);
      g = { type: 'Point', coordinates: [lon, lat] };
    }
    total += residents;
    out.push({ geometry: convertGeometry(g, crs, where, file), residents, ...(name ? { name } : {}) });
  }
  return { features: out, format: 'csv', field, crs, total };
}

/**
 * Reads a population file of areas or points.
 * @throws PolygonReadError naming the file, the feature or row, and what is wrong
 */
export function readPopulationPolygons(bytes: Uint8Array | ArrayBuffer, file: string, options: PolygonReadOptions = {}): PolygonReadResult {
  const size = bytes.byteLength;
  const max = options.maxBytes ?? MAX_POPULATION_POLYGON_BYTES;
  if (size > max) throw new PolygonReadError(`${file} is ${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(1)} MB limit`);
  const { text } = decodeText(bytes);
  const body = text.trimStart();
  return body.startsWith('{') ? readGeojson(body, file, options) : readCsv(body, file, options);
}
