/**
 * One site file row at a time, whatever the format: a raw row (cells or feature properties as found)
 * validated into a `Site` or into problems naming the row and the field — swapped or bad
 * coordinates, unknown types and statuses, the site schema, repeated ids and positions. Shared by
 * the CSV, GeoJSON and KML readers (./siteCsv.ts, ./siteGeojson.ts, ./siteKml.ts).
 */
import type { z } from 'zod';
import { resolveFacilityType } from '../domain/facilityTypes';
import { SHANGHAI_REGION_BBOX as BOX } from '../domain/geojson';
import { siteSchema, type Site } from '../domain/site';
import { parseSiteYear } from '../domain/siteYear';
import { toWgs84 } from './crs';
import { HEADER_ALIASES, problem, type ColumnField, type ProblemCode, type RowProblem } from './rowProblems';
import type { ParseSiteFileOptions, SiteFileResult } from './siteFile';

export type Field = ColumnField;
export const FIELDS = Object.keys(HEADER_ALIASES) as Field[];

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
export interface RawRow {
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
  year?: unknown;
}

/** A problem with the file as a whole (row 0, field `file`). */
export const fileProblem = (code: ProblemCode, params?: Record<string, string | number>): RowProblem => problem(0, 'file', code, undefined, params);

/** Header and word comparison: Unicode-normalised (full-width letters), trimmed, lower case. */
export const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** A CSV yes/no cell: `true`/`1`/`是` → true, `false`/`0`/`否` → false, blank → absent; else the text (refused by the schema). */
export function flag(cell: string | undefined): boolean | string | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const w = norm(cell);
  if (w === 'true' || w === '1' || w === 'yes' || w === '是') return true;
  if (w === 'false' || w === '0' || w === 'no' || w === '否') return false;
  return cell;
}

/** Trimmed text of a cell or property; undefined when absent or blank. */
export function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)).normalize('NFKC').trim();
  return s === '' ? undefined : s;
}

/** A number from a cell or property; NaN for anything that is not plainly a decimal number. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const s = cellText(v);
  if (s === undefined) return undefined;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

const inBox = (lon: number, lat: number): boolean =>
  lon >= BOX.west && lon <= BOX.east && lat >= BOX.south && lat <= BOX.north;

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
    case 'year':
      return 'badYear';
    default:
      return 'invalid';
  }
}

/** Rounds a converted coordinate to 1e-7° (about 1 cm): exact enough, and tidy in exports. */
const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** Validates rows one at a time: swapped or bad coordinates, types, statuses, `siteSchema`, duplicates. */
export class RowValidator {
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
    const year = parseSiteYear(r.year);
    // Text that is no year stays text, so the schema refuses it and the problem shows it as found.
    if (year !== undefined) candidate.year = Number.isNaN(year) ? cellText(r.year) : year;

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

export { isObject } from '../domain/isObject';

/** Property names (`type`, `类型`, `名称` …) → field, resolved once per distinct set of keys. */
export function propertyFieldsOf(cache: Map<string, Partial<Record<Field, string>>>, p: Record<string, unknown>): Partial<Record<Field, string>> {
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
export function rowFromProperties(row: number, lon: unknown, lat: unknown, p: Record<string, unknown>, fields: Partial<Record<Field, string>>, options: ParseSiteFileOptions): RawRow {
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
    year: get('year'),
  };
}
