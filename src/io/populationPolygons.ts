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
import { atFacts, PopulationProblemError, type PopulationProblemCode, type ProblemFacts } from '../domain/populationProblems';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { PopulationFeature } from '../domain/population';
import { toWgs84, type Crs } from './crs';
import { decodeText } from './textDecoding';
import { crsOfColumns, detectColumns, chooseColumns } from './siteColumns';
import { parseWkt } from './wkt';
import { MAX_POPULATION_POLYGON_BYTES } from './importLimits';

type Where = ReturnType<typeof atFacts>;

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** A file this reader refuses; the message names the file, the row or feature, and what is wrong. */
export class PolygonReadError extends PopulationProblemError {
  /** When the residents column could not be told (or the one named is missing): the file's columns, to choose from. */
  columns?: string[];
}

function fieldError(code: PopulationProblemCode, facts: ProblemFacts, names: readonly string[]): PolygonReadError {
  const e = new PolygonReadError(code, facts);
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
    if (hit === undefined) throw fieldError('areasNoSuchField', { file, field: given, columns: quoted(names) }, names);
    return hit;
  }
  for (const w of RESIDENT_WORDS) {
    const hit = names.find((n) => squash(n) === w);
    if (hit !== undefined) return hit;
  }
  const loose = names.filter((n) => /pop|人口/.test(squash(n)));
  if (loose.length === 1) return loose[0]!;
  if (loose.length > 1) throw fieldError('areasFieldAmbiguous', { file, candidates: quoted(loose) }, names);
  throw fieldError('areasNoField', { file, words: RESIDENT_WORDS.slice(0, 6).join(', '), columns: quoted(names) }, names);
}

/** A count from a cell or property: a number, or text such as "12,345"; null when it is not one. */
function countOf(raw: unknown): number | null {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return null;
  const t = raw.trim().replace(/[,，\s]/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}

function checkCount(raw: unknown, where: Where, field: string, file: string): number {
  const n = countOf(raw);
  if (n === null || !Number.isFinite(n)) {
    if (raw === undefined || raw === '') throw new PolygonReadError('areasCountEmpty', { file, ...where, field });
    throw new PolygonReadError('areasCountNotNumber', { file, ...where, field, value: String(raw) });
  }
  if (n < 0) throw new PolygonReadError('areasCountNegative', { file, ...where, field, value: n });
  return n;
}

/** Converts every position to WGS-84 and checks it is a longitude / latitude. */
function convertGeometry(g: Point | Polygon | MultiPolygon, crs: Crs, where: Where, file: string): Point | Polygon | MultiPolygon {
  const pos = (p: Position): Position => {
    const [x, y] = [p[0], p[1]];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) throw new PolygonReadError('areasCoordinateNotNumber', { file, ...where });
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      throw new PolygonReadError('areasNotLonLat', { file, ...where, x, y });
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
    throw new PolygonReadError('areasNotJson', { file, detail: (e as Error).message });
  }
  const d = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  const named = d?.crs?.properties?.name;
  if (typeof named === 'string' && !/(CRS84|4326)$/i.test(named)) {
    throw new PolygonReadError('areasNamedCrs', { file, crs: named });
  }
  const features = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? (d.features as unknown[]) : d?.type === 'Feature' ? [doc] : null;
  if (!features) throw new PolygonReadError('areasNotFeatureCollection', { file });
  if (features.length === 0) throw new PolygonReadError('areasNoFeatures', { file });
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
    const where = atFacts('feature', i + 1, name);
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon' && g.type !== 'Point')) {
      if (g?.type === undefined) throw new PolygonReadError('areasGeometryMissing', { file, ...where });
      throw new PolygonReadError('areasGeometry', { file, ...where, type: g.type });
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
  if (rows.length === 0) throw new PolygonReadError('areasEmpty', { file });
  const header = rows[0]!.map((h) => h.trim());
  if (rows.length === 1) throw new PolygonReadError('areasNoRows', { file });
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
      throw new PolygonReadError('areasNoGeometryColumn', { file, words: GEOMETRY_WORDS.slice(0, 4).join(', ') });
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
    const where = atFacts('row', r + 1, name || undefined);
    const residents = checkCount(cells[fieldCol], where, field, file);
    let g: Point | Polygon | MultiPolygon;
    if (geomCol >= 0) {
      try {
        g = parseWkt(cells[geomCol] ?? '');
      } catch (e) {
        throw new PolygonReadError('areasWkt', { file, ...where, detail: (e as Error).message });
      }
    } else {
      const lon = countOf(cells[lonCol]);
      const lat = countOf(cells[latCol]);
      if (lon === null || lat === null) throw new PolygonReadError('areasLonLatNotNumbers', { file, ...where, lon: cells[lonCol] ?? '', lat: cells[latCol] ?? '' });
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
  if (size > max) throw new PolygonReadError('areasTooBig', { file, size: (size / 1048576).toFixed(1), limit: (max / 1048576).toFixed(1) });
  const { text } = decodeText(bytes);
  const body = text.trimStart();
  return body.startsWith('{') ? readGeojson(body, file, options) : readCsv(body, file, options);
}
