/**
 * Reads a site inventory that analysts bring (CSV from a spreadsheet, or GeoJSON points) into `Site`s.
 *
 * Why here and why like this: the same parser runs in the browser, in the Web Worker and in the
 * command-line tool (scripts/coverage-cli.ts), so it is pure (no DOM, no Node APIs) and NEVER throws:
 * every problem comes back as a `RowProblem` a person can act on, naming the row and the field.
 *
 * Row numbers are what a spreadsheet user sees: in a CSV the header is row 1 and the first data row is
 * row 2 (blank lines keep their numbers). In GeoJSON `row` is the feature's 1-based index. Problems
 * with the file as a whole (empty, not JSON, no longitude column) have row 0 and field `file`.
 * A row with several problems has one rejected entry per problem; `field` is the canonical name
 * (`lon`, `lat`, `type`, `status`, `capacity`, `id`, `name`, `radiusKm`, `illustrative`, `geometry`, `feature`;
 * `position` for the duplicate-position warning), not the file's header — `columns` says which header each canonical field was read from.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import { resolveFacilityType } from '../domain/facilityTypes';
import { SHANGHAI_REGION_BBOX as BOX } from '../domain/geojson';
import { siteSchema, type Site } from '../domain/site';

export type SiteFileFormat = 'csv' | 'geojson';

export interface RowProblem {
  /** CSV: spreadsheet row (header = 1); GeoJSON: 1-based feature index; 0: the whole file. */
  row: number;
  field: string;
  reason: string;
  /** The offending text, as found in the file. */
  value?: string;
}

/** Which CSV header each field was read from (lon and lat are required). */
export interface SiteColumns {
  lon: string;
  lat: string;
  type?: string;
  name?: string;
  status?: string;
  capacity?: string;
  id?: string;
}

export interface SiteFileResult {
  format: SiteFileFormat;
  sites: Site[];
  rejected: RowProblem[];
  warnings: RowProblem[];
  columns?: SiteColumns;
}

export interface ParseSiteFileOptions {
  format?: SiteFileFormat;
  /** Used for the extension (`.csv`, `.geojson`, `.json`) when `format` is not given. */
  fileName?: string;
  /** Prefix of ids made for rows without one: `${idPrefix}-${row}` (default `site`). */
  idPrefix?: string;
}

type Field = keyof SiteColumns;

/** Accepted headers per field, in priority order (compared after NFKC + lower-case + trim). */
const HEADER_ALIASES: Record<Field, readonly string[]> = {
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
  type: ['type', 'facility', '类型', '设施类型'],
  name: ['name', '名称'],
  status: ['status', '状态'],
  capacity: ['capacity', '数量', '桩数'],
  id: ['id', '编号'],
};

const STATUS_WORDS: Readonly<Record<string, Site['status']>> = {
  existing: 'existing',
  planned: 'planned',
  candidate: 'candidate',
  现状: 'existing',
  已建: 'existing',
  规划: 'planned',
  候选: 'candidate',
};

const FIELD_WORDS: Readonly<Record<string, string>> = { lon: 'longitude', lat: 'latitude' };

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

const fileProblem = (reason: string): RowProblem => ({ row: 0, field: 'file', reason });

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** Trimmed text of a cell or property; undefined when absent or blank. */
function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = (typeof v === 'string' ? v : String(v)).normalize('NFKC').trim();
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
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  return body.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

/** Plain-English reason for one zod issue on a row's field. */
function describeIssue(field: string, issue: z.core.$ZodIssue, raw: unknown): string {
  const shown = cellText(raw);
  switch (field) {
    case 'lon':
    case 'lat': {
      const word = FIELD_WORDS[field]!;
      if (shown === undefined) return `${word} is missing`;
      if (issue.code === 'invalid_type') return `${word} is not a number`;
      const [lo, hi] = field === 'lon' ? [BOX.west, BOX.east] : [BOX.south, BOX.north];
      return `${word} ${shown} is outside the Shanghai region (${lo} to ${hi})`;
    }
    case 'type':
      return shown === undefined ? 'facility type is missing' : `unknown facility type "${shown}"`;
    case 'status':
      return `status "${shown ?? ''}" is not one of existing, planned, candidate (现状/已建, 规划, 候选)`;
    case 'capacity':
      return 'capacity must be a whole number greater than 0';
    case 'radiusKm':
      return 'radiusKm must be a number greater than 0 and at most 10 (km)';
    case 'illustrative':
      return 'illustrative must be true or false';
    default:
      return `${field}: ${issue.message}`;
  }
}

/** Shared rules: swapped or bad coordinates, types, statuses, then `siteSchema`. */
function validateRows(rows: readonly RawRow[], idPrefix: string, out: SiteFileResult): void {
  const byId = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const r of rows) {
    const lon = num(r.lon);
    const lat = num(r.lat);
    if (lon !== undefined && lat !== undefined && Number.isFinite(lon) && Number.isFinite(lat)) {
      if (!inBox(lon, lat) && inBox(lat, lon)) {
        out.rejected.push({ row: r.row, field: 'lon', reason: 'longitude and latitude look swapped', value: `${lon}, ${lat}` });
        continue;
      }
    }
    const typeText = cellText(r.type);
    const statusText = cellText(r.status);
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
        const value = cellText(raw);
        out.rejected.push({ row: r.row, field, reason: describeIssue(field, issue, raw), ...(value === undefined ? {} : { value }) });
      }
      continue;
    }
    const site = parsed.data;
    const firstRow = byId.get(site.id);
    if (firstRow !== undefined) {
      out.rejected.push({ row: r.row, field: 'id', reason: `duplicate id "${site.id}" (first used in row ${firstRow})`, value: site.id });
      continue;
    }
    byId.set(site.id, r.row);
    const place = `${site.type}|${site.lon.toFixed(7)}|${site.lat.toFixed(7)}`;
    const samePlace = byPlace.get(place);
    if (samePlace !== undefined) {
      out.warnings.push({ row: r.row, field: 'position', reason: `same position and type as row ${samePlace}`, value: `${site.lon}, ${site.lat}` });
    } else {
      byPlace.set(place, r.row);
    }
    out.sites.push(site);
  }
}

function findColumns(header: readonly string[]): Partial<Record<Field, number>> {
  const names = header.map((h) => norm(h));
  const found: Partial<Record<Field, number>> = {};
  for (const field of Object.keys(HEADER_ALIASES) as Field[]) {
    for (const alias of HEADER_ALIASES[field]) {
      const i = names.indexOf(alias);
      if (i >= 0) {
        found[field] = i;
        break;
      }
    }
  }
  return found;
}

function parseCsv(body: string, idPrefix: string, out: SiteFileResult): void {
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header) {
    out.rejected.push(fileProblem('the file has no header row'));
    return;
  }
  for (const e of parsed.errors) {
    if (e.type === 'Quotes') out.warnings.push({ row: (e.row ?? 0) + 1, field: 'file', reason: `CSV quoting problem: ${e.message}` });
  }
  const cols = findColumns(header);
  const missing = (['lon', 'lat', 'type'] as const).filter((f) => cols[f] === undefined);
  if (missing.length > 0) {
    const words = missing.map((f) => `${f === 'type' ? 'facility type' : FIELD_WORDS[f]} (${HEADER_ALIASES[f].join('/')})`);
    out.rejected.push(fileProblem(`the header row has no column for ${words.join(', ')}`));
    return;
  }
  out.columns = Object.fromEntries(
    Object.entries(cols).map(([f, i]) => [f, header[i]!.trim()]),
  ) as unknown as SiteColumns;
  const rows: RawRow[] = [];
  records.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank line: nothing to report, keeps its number
    const cell = (f: Field): string | undefined => (cols[f] === undefined ? undefined : cells[cols[f]]);
    rows.push({
      row: i + 2, // header is row 1
      lon: cell('lon'),
      lat: cell('lat'),
      type: cell('type'),
      name: cell('name'),
      status: cell('status'),
      capacity: cell('capacity'),
      id: cell('id'),
    });
  });
  validateRows(rows, idPrefix, out);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseGeojson(body: string, idPrefix: string, out: SiteFileResult): void {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    out.rejected.push(fileProblem(`not valid JSON (${(e as Error).message})`));
    return;
  }
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    out.rejected.push(fileProblem('expected a GeoJSON FeatureCollection of Point features'));
    return;
  }
  const rows: RawRow[] = [];
  json.features.forEach((f: unknown, i: number) => {
    const row = i + 1;
    if (!isObject(f) || f.type !== 'Feature') {
      out.rejected.push({ row, field: 'feature', reason: 'not a GeoJSON Feature' });
      return;
    }
    const g = f.geometry;
    if (!isObject(g)) {
      out.rejected.push({ row, field: 'geometry', reason: 'the feature has no geometry' });
      return;
    }
    if (g.type !== 'Point') {
      out.rejected.push({ row, field: 'geometry', reason: `a ${String(g.type)} is not a site: only Point features are read`, value: String(g.type) });
      return;
    }
    const c: unknown[] = Array.isArray(g.coordinates) ? g.coordinates : [];
    const p = isObject(f.properties) ? f.properties : {};
    rows.push({ row, lon: c[0], lat: c[1], type: p.type, name: p.name, status: p.status, capacity: p.capacity, id: p.id, radiusKm: p.radiusKm, illustrative: p.illustrative });
  });
  validateRows(rows, idPrefix, out);
}

/**
 * Parses a CSV or GeoJSON site file. Never throws.
 * @param text the file's text (a UTF-8 BOM is ignored).
 * @param options format (else from the file name's extension, else `{` means GeoJSON), id prefix.
 * @returns valid sites, rejected rows, warnings (duplicate position and type: kept) and the CSV columns used.
 */
export function parseSiteFile(text: string, options: ParseSiteFileOptions = {}): SiteFileResult {
  const body = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
  const out: SiteFileResult = { format: detectFormat(body, options), sites: [], rejected: [], warnings: [] };
  try {
    if (body.trim() === '') out.rejected.push(fileProblem('the file is empty'));
    else if (out.format === 'csv') parseCsv(body, options.idPrefix ?? 'site', out);
    else parseGeojson(body, options.idPrefix ?? 'site', out);
  } catch (e) {
    // Defensive: nothing above should throw, but a parser must not take the worker down.
    out.rejected.push(fileProblem(`could not be read (${e instanceof Error ? e.message : String(e)})`));
  }
  return out;
}
