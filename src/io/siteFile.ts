/**
 * Reads a site inventory that analysts bring (CSV from a spreadsheet, GeoJSON or KML points) into `Site`s.
 *
 * Why here and why like this: the same parser runs in the import Web Worker and in the command-line
 * tool (scripts/coverage-cli.ts), so it is pure (no DOM, no Node APIs) and NEVER throws: every
 * problem comes back as a `RowProblem` a person can act on, naming the row and the field.
 *
 * Row numbers are what a spreadsheet user sees: in a CSV the header is row 1 and the first data row is
 * row 2 (blank lines keep their numbers). In GeoJSON and KML `row` is the feature's 1-based index.
 * Problems with the file as a whole (empty, not JSON, no longitude column) have row 0 and field `file`.
 * A row with several problems has one rejected entry per problem; `field` is the canonical name
 * (`lon`, `lat`, `type`, `status`, `capacity`, `id`, `name`, `radiusKm`, `illustrative`, `geometry`, `feature`;
 * `position` for the duplicate-position warning), not the file's header — `columns` says which header each canonical field was read from.
 *
 * Coordinates may be given in GCJ-02 or BD-09 (`crs`): they are converted to WGS-84 after the
 * swapped-column check (which looks at the numbers as written) and before the region check.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import { resolveFacilityType, type FacilityTypeId } from '../domain/facilityTypes';
import { SHANGHAI_REGION_BBOX as BOX } from '../domain/geojson';
import { scenarioMetaSchema, type ScenarioMeta } from '../domain/scenarioFile';
import { siteSchema, type Site } from '../domain/site';
import { stripCrsWords, toWgs84, type Crs } from './crs';
import { readKml } from './kml';
import { HEADER_ALIASES, problem, type ColumnField, type ProblemCode, type RowProblem } from './rowProblems';
import { decodeText, type TextEncodingName } from './textDecoding';

export type { RowProblem, ProblemCode } from './rowProblems';
export { HEADER_ALIASES } from './rowProblems';

export type SiteFileFormat = 'csv' | 'geojson' | 'kml';

/** Which CSV header each field was read from (lon and lat are required). */
export interface SiteColumns {
  lon: string;
  lat: string;
  type?: string;
  name?: string;
  status?: string;
  capacity?: string;
  id?: string;
  radiusKm?: string;
  illustrative?: string;
}

/** How sure the CSV column detection is, and what else it could have chosen. */
export interface ColumnDetection {
  /** The header row's cells, trimmed, in file order. */
  header: string[];
  /**
   * False when a person should confirm the columns: a required one was not found, was found only
   * by a partial match (`经度(高德)`, `lng_gcj02`), or more than one header could be it.
   */
  sure: boolean;
  /** Headers that could be each field, best first. */
  candidates: Partial<Record<ColumnField, string[]>>;
  /** The coordinate system the coordinate headers name (`lng_gcj02` → gcj02), if any. */
  crsHint: Crs | null;
}

export interface SiteFileResult {
  format: SiteFileFormat;
  sites: Site[];
  /** Each site's row number in the file (same order as `sites`), for checks made after parsing. */
  siteRows: number[];
  rejected: RowProblem[];
  warnings: RowProblem[];
  columns?: SiteColumns;
  /** CSV only. */
  detection?: ColumnDetection;
  /** The description of a scenario file (this app's export), when the GeoJSON carries a valid one. */
  scenario?: ScenarioMeta;
  /** The coordinate system the coordinates were read in (and converted from). */
  crs: Crs;
  /** Data rows read (good and bad; blank CSV lines not counted). */
  rowCount: number;
}

/** A CSV column choice made by a person: a header per field, or null for "no such column". */
export type ColumnMapping = Partial<Record<ColumnField, string | null>>;

export interface ParseSiteFileOptions {
  format?: SiteFileFormat;
  /** Used for the extension (`.csv`, `.geojson`, `.json`, `.kml`) when `format` is not given. */
  fileName?: string;
  /** Prefix of ids made for rows without one: `${idPrefix}-${row}` (default `site`). */
  idPrefix?: string;
  /**
   * The coordinate system the file's coordinates are in. Default: the one the CSV's coordinate
   * headers name (`lon_gcj02`, `经度(百度)`), else WGS-84.
   */
  crs?: Crs;
  /** CSV columns chosen by a person; fields not named are detected as usual. */
  mapping?: ColumnMapping;
  /** The facility type of every row when the file has no type column (a list of charging stations). */
  defaultType?: FacilityTypeId;
  /** Read rows whose longitude and latitude are swapped the other way round (each gets a warning). */
  fixSwapped?: boolean;
  /** Called now and then with the share of the file done (0–1), so a worker can show progress. */
  onProgress?: (fraction: number) => void;
}

type Field = ColumnField;
const FIELDS = Object.keys(HEADER_ALIASES) as Field[];

const STATUS_WORDS: Readonly<Record<string, Site['status']>> = {
  existing: 'existing',
  planned: 'planned',
  candidate: 'candidate',
  现状: 'existing',
  已建: 'existing',
  规划: 'planned',
  候选: 'candidate',
};

/** One row before validation: text or numbers as found, plus where it came from. */
interface RawRow {
  row: number;
  lon: unknown;
  lat: unknown;
  type: unknown;
  name?: unknown;
  status?: unknown;
  capacity?: unknown;
  id?: unknown;
  radiusKm?: unknown;
  illustrative?: unknown;
}

const fileProblem = (code: ProblemCode, params?: Record<string, string | number>): RowProblem => problem(0, 'file', code, undefined, params);

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/**
 * The delimiter, judged on the header line alone: Papa's own guess also reads data rows, and a
 * name such as `"A||B"` there made it split on `|` and lose every column (found by fast-check).
 */
function headerDelimiter(body: string): string {
  const end = body.search(/\r?\n/);
  const line = end < 0 ? body : body.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** A CSV yes/no cell: `true`/`1`/`是` → true, `false`/`0`/`否` → false, blank → absent; else the text (refused by the schema). */
function flag(cell: string | undefined): boolean | string | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const w = norm(cell);
  if (w === 'true' || w === '1' || w === 'yes' || w === '是') return true;
  if (w === 'false' || w === '0' || w === 'no' || w === '否') return false;
  return cell;
}

/** Trimmed text of a cell or property; undefined when absent or blank. */
function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)).normalize('NFKC').trim();
  return s === '' ? undefined : s;
}

/** A number from a cell or property; NaN for anything that is not plainly a decimal number. */
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const s = cellText(v);
  if (s === undefined) return undefined;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

const inBox = (lon: number, lat: number): boolean =>
  lon >= BOX.west && lon <= BOX.east && lat >= BOX.south && lat <= BOX.north;

function detectFormat(body: string, options: ParseSiteFileOptions): SiteFileFormat {
  if (options.format) return options.format;
  const ext = /\.([a-z]+)$/i.exec(options.fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'kml') return 'kml';
  const start = body.trimStart();
  if (start.startsWith('{')) return 'geojson';
  return /^<\?xml|^<(?:[\w-]+:)?kml[\s>]/.test(start) ? 'kml' : 'csv';
}

/** The problem code for one zod issue on a row's field. */
function issueCode(field: string, issue: z.core.$ZodIssue, raw: unknown): ProblemCode {
  const shown = cellText(raw);
  switch (field) {
    case 'lon':
    case 'lat':
      if (shown === undefined) return 'missing';
      return issue.code === 'invalid_type' ? 'notNumber' : 'outsideRegion';
    case 'type':
      return shown === undefined ? 'typeMissing' : 'unknownType';
    case 'status':
      return 'badStatus';
    case 'capacity':
      return 'badCapacity';
    case 'radiusKm':
      return 'badRadius';
    case 'illustrative':
      return 'badIllustrative';
    default:
      return 'invalid';
  }
}

/** Rounds a converted coordinate to 1e-7° (about 1 cm): exact enough, and tidy in exports. */
const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** Validates rows one at a time: swapped or bad coordinates, types, statuses, `siteSchema`, duplicates. */
class RowValidator {
  private readonly byId = new Map<string, number>();
  private readonly byPlace = new Map<string, number>();

  constructor(
    private readonly options: ParseSiteFileOptions,
    private readonly out: SiteFileResult,
  ) {}

  add(r: RawRow): void {
    const { out, options } = this;
    out.rowCount++;
    let lon = num(r.lon);
    let lat = num(r.lat);
    if (lon !== undefined && lat !== undefined && Number.isFinite(lon) && Number.isFinite(lat)) {
      // Judged on the numbers as written: a GCJ-02 or BD-09 shift is far smaller than the box.
      if (!inBox(lon, lat) && inBox(lat, lon)) {
        if (!options.fixSwapped) {
          out.rejected.push(problem(r.row, 'lon', 'swapped', `${lon}, ${lat}`));
          return;
        }
        out.warnings.push(problem(r.row, 'lon', 'swappedFixed', `${lon}, ${lat}`));
        [lon, lat] = [lat, lon];
      }
      if (out.crs !== 'wgs84') [lon, lat] = toWgs84(lon, lat, out.crs).map(round7) as [number, number];
    }
    const typeText = cellText(r.type) ?? (r.type === undefined && options.defaultType ? options.defaultType : undefined);
    const statusText = cellText(r.status);
    const idPrefix = options.idPrefix ?? 'site';
    const candidate: Record<string, unknown> = {
      id: cellText(r.id) ?? `${idPrefix}-${r.row}`,
      type: (typeText === undefined ? null : resolveFacilityType(typeText)) ?? typeText,
      lon,
      lat,
      status: statusText === undefined ? 'existing' : (STATUS_WORDS[norm(statusText)] ?? statusText),
    };
    const name = cellText(r.name);
    if (name !== undefined) candidate.name = name;
    for (const key of ['capacity', 'radiusKm'] as const) {
      const v = num(r[key]);
      if (v !== undefined) candidate[key] = v;
    }
    if (r.illustrative !== undefined && r.illustrative !== null) candidate.illustrative = r.illustrative;

    const parsed = siteSchema.safeParse(candidate);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        if (seen.has(field)) continue;
        seen.add(field);
        const raw = (r as unknown as Record<string, unknown>)[field];
        const code = issueCode(field, issue, raw);
        out.rejected.push(problem(r.row, field, code, cellText(raw), code === 'invalid' ? { detail: issue.message } : undefined));
      }
      return;
    }
    const site = parsed.data;
    const firstRow = this.byId.get(site.id);
    if (firstRow !== undefined) {
      out.rejected.push(problem(r.row, 'id', 'duplicateId', site.id, { first: firstRow }));
      return;
    }
    this.byId.set(site.id, r.row);
    const place = `${site.type}|${site.lon.toFixed(7)}|${site.lat.toFixed(7)}`;
    const samePlace = this.byPlace.get(place);
    if (samePlace !== undefined) {
      out.warnings.push(problem(r.row, 'position', 'samePosition', `${site.lon}, ${site.lat}`, { first: samePlace }));
    } else {
      this.byPlace.set(place, r.row);
    }
    out.sites.push(site);
    out.siteRows.push(r.row);
  }
}

/** Every ASCII alias of a field (`lng`, `x`) is matched as a whole word of the header; CJK ones anywhere in it. */
function partialMatch(header: string, alias: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(alias)) return header.includes(alias);
  return header.split(/[^a-z]+/).includes(alias);
}

/** Candidate headers per field (exact alias matches first, then partial ones) and whether the choice is sure. */
export function detectColumns(header: readonly string[]): ColumnDetection {
  const names = header.map((h) => norm(h));
  const trimmed = header.map((h) => h.trim());
  // `lng_gcj02` and `经度(高德)` are plainly longitude, in a named system.
  const stripped = header.map((h) => stripCrsWords(h));
  const isExact = (i: number, alias: string) => names[i] === alias || (stripped[i]!.crs !== null && stripped[i]!.rest === alias);
  const exact: Partial<Record<Field, number[]>> = {};
  const partial: Partial<Record<Field, number[]>> = {};
  for (const field of FIELDS) {
    const e: number[] = [];
    for (const alias of HEADER_ALIASES[field]) {
      names.forEach((_, i) => {
        if (isExact(i, alias) && !e.includes(i)) e.push(i);
      });
    }
    const p = names.flatMap((n, i) => (!e.includes(i) && HEADER_ALIASES[field].some((a) => partialMatch(n, a)) ? [i] : []));
    exact[field] = e;
    partial[field] = p;
  }
  const candidates: Partial<Record<Field, string[]>> = {};
  for (const field of FIELDS) {
    const all = [...exact[field]!, ...partial[field]!];
    if (all.length > 0) candidates[field] = all.map((i) => trimmed[i]!);
  }
  const first = (f: Field) => exact[f]![0] ?? partial[f]![0];
  const lon = first('lon');
  const lat = first('lat');
  const sure =
    lon !== undefined &&
    lat !== undefined &&
    lon !== lat &&
    exact.lon!.length === 1 &&
    exact.lat!.length === 1 &&
    partial.lon!.length === 0 &&
    partial.lat!.length === 0 &&
    (exact.type!.length > 0 || partial.type!.length === 0);
  const crsHint = (lon === undefined ? null : stripped[lon]!.crs) ?? (lat === undefined ? null : stripped[lat]!.crs);
  return { header: trimmed, sure, candidates, crsHint };
}

/** The column index per field: the person's mapping where given, else the best candidate. */
function chooseColumns(detection: ColumnDetection, mapping: ColumnMapping | undefined): { cols: Partial<Record<Field, number>>; unknown: string[] } {
  const cols: Partial<Record<Field, number>> = {};
  const unknown: string[] = [];
  const used = new Set<number>();
  for (const field of FIELDS) {
    const chosen = mapping?.[field];
    if (chosen === null) continue;
    if (chosen !== undefined) {
      const i = detection.header.indexOf(chosen.trim());
      if (i < 0) unknown.push(field);
      else {
        cols[field] = i;
        used.add(i);
      }
    }
  }
  for (const field of FIELDS) {
    if (mapping?.[field] !== undefined) continue;
    // A column the person gave to another field, or already taken, is not reused.
    const name = detection.candidates[field]?.find((h) => !used.has(detection.header.indexOf(h)));
    if (name === undefined) continue;
    const i = detection.header.indexOf(name);
    cols[field] = i;
    used.add(i);
  }
  return { cols, unknown };
}

/** The system the chosen coordinate headers name (the person's mapping may differ from detection). */
function crsOfColumns(header: readonly string[], cols: Partial<Record<Field, number>>): Crs | null {
  const of = (i: number | undefined) => (i === undefined ? null : stripCrsWords(header[i]!).crs);
  return of(cols.lon) ?? of(cols.lat);
}

function parseCsv(body: string, options: ParseSiteFileOptions, out: SiteFileResult): void {
  const validator = new RowValidator(options, out);
  let header: string[] | null = null;
  let cols: Partial<Record<Field, number>> = {};
  let stopped = false;
  let record = 0;
  let nextReport = 0;
  Papa.parse<string[]>(body, {
    header: false,
    delimiter: headerDelimiter(body),
    skipEmptyLines: false,
    step: (results, parser) => {
      if (stopped) return;
      const cells = results.data;
      record++;
      for (const e of results.errors) {
        if (e.type === 'Quotes') out.warnings.push(problem(record, 'file', 'csvQuotes', undefined, { detail: e.message }));
      }
      if (header === null) {
        header = cells;
        const detection = detectColumns(header);
        out.detection = detection;
        const chosen = chooseColumns(detection, options.mapping);
        cols = chosen.cols;
        out.crs = options.crs ?? crsOfColumns(header, cols) ?? 'wgs84';
        const missing = (['lon', 'lat', 'type'] as const).filter(
          (f) => cols[f] === undefined && !(f === 'type' && options.defaultType !== undefined),
        );
        const unknownMissing = [...new Set([...missing, ...chosen.unknown])];
        if (unknownMissing.length > 0) {
          out.rejected.push(fileProblem('noColumns', { missing: unknownMissing.join(',') }));
          stopped = true;
          parser.abort();
          return;
        }
        out.columns = Object.fromEntries(Object.entries(cols).map(([f, i]) => [f, detection.header[i]])) as unknown as SiteColumns;
        return;
      }
      if (cells.every((c) => c.trim() === '')) return; // blank line: nothing to report, keeps its number
      const cell = (f: Field): string | undefined => (cols[f] === undefined ? undefined : cells[cols[f]]);
      validator.add({
        row: record, // header is row 1
        lon: cell('lon'),
        lat: cell('lat'),
        type: cols.type === undefined ? undefined : (cell('type') ?? ''),
        name: cell('name'),
        status: cell('status'),
        capacity: cell('capacity'),
        id: cell('id'),
        radiusKm: cell('radiusKm'),
        illustrative: flag(cell('illustrative')),
      });
      if (options.onProgress && record >= nextReport) {
        nextReport = record + 2000;
        options.onProgress(results.meta.cursor / body.length);
      }
    },
  });
  if (header === null) out.rejected.push(fileProblem('noHeader'));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Property names (`type`, `类型`, `名称` …) → field, resolved once per distinct set of keys. */
function propertyFieldsOf(cache: Map<string, Partial<Record<Field, string>>>, p: Record<string, unknown>): Partial<Record<Field, string>> {
  const keys = Object.keys(p);
  const cacheKey = keys.join('\u0000');
  let found = cache.get(cacheKey);
  if (!found) {
    found = {};
    const names = keys.map(norm);
    for (const field of FIELDS) {
      for (const alias of HEADER_ALIASES[field]) {
        const i = names.indexOf(alias);
        if (i >= 0) {
          found[field] = keys[i]!;
          break;
        }
      }
    }
    if (cache.size < 1000) cache.set(cacheKey, found);
  }
  return found;
}

/** A raw row from a feature's properties (canonical names first, then the CSV aliases). */
function rowFromProperties(row: number, lon: unknown, lat: unknown, p: Record<string, unknown>, fields: Partial<Record<Field, string>>, options: ParseSiteFileOptions): RawRow {
  const get = (f: Field) => (fields[f] === undefined ? undefined : p[fields[f]!]);
  const type = get('type');
  return {
    row,
    lon,
    lat,
    type: type === undefined && fields.type === undefined && options.defaultType === undefined ? null : type,
    name: get('name'),
    status: get('status'),
    capacity: get('capacity'),
    id: get('id'),
    radiusKm: p.radiusKm,
    illustrative: p.illustrative,
  };
}

function parseGeojson(body: string, options: ParseSiteFileOptions, out: SiteFileResult): void {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    out.rejected.push(fileProblem('notJson', { detail: (e as Error).message }));
    return;
  }
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    out.rejected.push(fileProblem('notFeatureCollection'));
    return;
  }
  const meta = scenarioMetaSchema.safeParse(json.scenario);
  if (meta.success) out.scenario = meta.data;
  const validator = new RowValidator(options, out);
  const cache = new Map<string, Partial<Record<Field, string>>>();
  const features: unknown[] = json.features;
  features.forEach((f: unknown, i: number) => {
    const row = i + 1;
    if (options.onProgress && i % 2000 === 0) options.onProgress(i / features.length);
    if (!isObject(f) || f.type !== 'Feature') {
      out.rowCount++;
      out.rejected.push(problem(row, 'feature', 'notFeature'));
      return;
    }
    const g = f.geometry;
    if (!isObject(g)) {
      out.rowCount++;
      out.rejected.push(problem(row, 'geometry', 'noGeometry'));
      return;
    }
    if (g.type !== 'Point') {
      out.rowCount++;
      out.rejected.push(problem(row, 'geometry', 'notPoint', String(g.type)));
      return;
    }
    const c: unknown[] = Array.isArray(g.coordinates) ? g.coordinates : [];
    const p = isObject(f.properties) ? f.properties : {};
    validator.add(rowFromProperties(row, c[0], c[1], p, propertyFieldsOf(cache, p), options));
  });
}

function parseKml(body: string, options: ParseSiteFileOptions, out: SiteFileResult): void {
  const doc = readKml(body);
  if (doc.problem !== null) {
    out.rejected.push(fileProblem('notKml'));
    return;
  }
  const validator = new RowValidator(options, out);
  const cache = new Map<string, Partial<Record<Field, string>>>();
  doc.placemarks.forEach((pm, i) => {
    if (options.onProgress && i % 2000 === 0) options.onProgress(i / doc.placemarks.length);
    if (pm.geometry === null) {
      out.rowCount++;
      out.rejected.push(problem(pm.row, 'geometry', 'noGeometry'));
      return;
    }
    if (pm.geometry !== 'Point') {
      out.rowCount++;
      out.rejected.push(problem(pm.row, 'geometry', 'notPoint', pm.geometry));
      return;
    }
    validator.add(rowFromProperties(pm.row, pm.lon, pm.lat, pm.fields, propertyFieldsOf(cache, pm.fields), options));
  });
}

/**
 * Parses a CSV, GeoJSON or KML site file. Never throws.
 * @param text the file's text (a UTF-8 BOM is ignored).
 * @param options format (else from the file name's extension, else sniffed), id prefix, coordinate
 *   system, column mapping, default type, swapped-column fix, progress callback.
 * @returns valid sites (WGS-84), rejected rows, warnings (kept rows a person should look at), the CSV
 *   columns used and how sure their detection was.
 */
export function parseSiteFile(text: string, options: ParseSiteFileOptions = {}): SiteFileResult {
  const body = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
  const out: SiteFileResult = { format: detectFormat(body, options), sites: [], siteRows: [], rejected: [], warnings: [], rowCount: 0, crs: options.crs ?? 'wgs84' };
  try {
    if (body.trim() === '') out.rejected.push(fileProblem('fileEmpty'));
    else if (out.format === 'csv') parseCsv(body, options, out);
    else if (out.format === 'geojson') parseGeojson(body, options, out);
    else parseKml(body, options, out);
  } catch (e) {
    // Defensive: nothing above should throw, but a parser must not take the worker down.
    out.rejected.push(fileProblem('unreadable', { detail: e instanceof Error ? e.message : String(e) }));
  }
  options.onProgress?.(1);
  return out;
}

/** `parseSiteFile` on a file's bytes: UTF-8 or GB18030 (GBK) text, the encoding reported. */
export function parseSiteFileBytes(bytes: Uint8Array | ArrayBuffer, options: ParseSiteFileOptions = {}): SiteFileResult & { encoding: TextEncodingName } {
  const decoded = decodeText(bytes);
  const result = parseSiteFile(decoded.text, options);
  if (decoded.lossy) result.warnings.unshift(fileProblem('lossyText'));
  return { ...result, encoding: decoded.encoding };
}
