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
 *
 * This module picks the format and holds the result's shape; the work is split by job: columns
 * (./siteColumns.ts), row validation (./siteRows.ts), and one reader per format (./siteCsv.ts,
 * ./siteGeojson.ts, ./siteKml.ts).
 */
import type { FacilityTypeId } from '../domain/facilityTypes';
import type { ScenarioMeta } from '../domain/scenarioFile';
import type { Site } from '../domain/site';
import type { Crs } from './crs';
import type { RowProblem } from './rowProblems';
import type { ColumnDetection, ColumnMapping } from './siteColumns';
import { parseCsv } from './siteCsv';
import { parseGeojson } from './siteGeojson';
import { parseKml } from './siteKml';
import { fileProblem } from './siteRows';
import { decodeText, type TextEncodingName } from './textDecoding';

export type { RowProblem, ProblemCode } from './rowProblems';
export { HEADER_ALIASES } from './rowProblems';
export { detectColumns, type ColumnDetection, type ColumnMapping } from './siteColumns';

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
