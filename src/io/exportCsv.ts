/**
 * The scenario's sites as a CSV file for spreadsheets and GIS: one row per site with id, name, type,
 * status, capacity, radius override, illustrative flag, year (built or planned), longitude and latitude.
 *
 * Why these choices:
 * - UTF-8 with a byte-order mark and CRLF line ends: Excel on Chinese Windows reads a BOM-less
 *   UTF-8 file as GBK and garbles every Chinese name.
 * - WGS-84 by default, with the plain headers `lon` / `lat` that src/io/siteFile.ts reads, so an
 *   exported file loads back into the app as the same sites.
 * - GCJ-02 on request, for pasting into AMap / Tencent tools. Its coordinate headers name the datum
 *   (`lon_gcj02`, `lat_gcj02`) and so does the file name: a GCJ-02 file can never pass silently for
 *   WGS-84 (the points would sit some 500 m off). Conversion by gcoord; the app itself stays WGS-84.
 * - Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start)
 *   get a leading apostrophe: a site name from someone else's file must not execute in Excel.
 *
 * Pure: no DOM.
 */
import Papa from 'papaparse';
import gcoord from 'gcoord';
import type { Site } from '../domain/site';

export type CsvCrs = 'wgs84' | 'gcj02';

/** Column order; the coordinate headers depend on the datum. */
const TEXT_COLUMNS = ['id', 'name', 'type', 'status', 'capacity', 'radiusKm', 'illustrative', 'year'] as const;
const COORD_HEADERS: Record<CsvCrs, readonly [string, string]> = {
  wgs84: ['lon', 'lat'],
  gcj02: ['lon_gcj02', 'lat_gcj02'],
};

export const CSV_BOM = '\uFEFF';

/** Neutralises a leading formula character (OWASP "CSV injection"). */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** [lon, lat] in the requested datum; WGS-84 values pass through untouched so they round-trip exactly. */
function position(site: Site, crs: CsvCrs): [number, number] {
  if (crs === 'wgs84') return [site.lon, site.lat];
  const [lon, lat] = gcoord.transform([site.lon, site.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  // 1e-7° ≈ 1 cm: more digits would only be noise from the obfuscation formula.
  return [Number(lon.toFixed(7)), Number(lat.toFixed(7))];
}

/**
 * The CSV text (with BOM) of `sites`.
 * @param crs datum of the coordinates (default WGS-84).
 */
export function sitesToCsv(sites: readonly Site[], crs: CsvCrs = 'wgs84'): string {
  const fields = [...TEXT_COLUMNS, ...COORD_HEADERS[crs]];
  const data = sites.map((s) => {
    const [lon, lat] = position(s, crs);
    return [
      safeText(s.id),
      s.name === undefined ? '' : safeText(s.name),
      s.type,
      s.status,
      s.capacity === undefined ? '' : String(s.capacity),
      s.radiusKm === undefined ? '' : String(s.radiusKm),
      s.illustrative === true ? 'true' : '',
      s.year === undefined ? '' : String(s.year),
      // String(n) is the shortest text that parses back to the same double: exact round-trip.
      String(lon),
      String(lat),
    ];
  });
  // One CRLF after the last row (Papa ends an empty table's header with one, a full table with none).
  const body = Papa.unparse({ fields, data }, { newline: '\r\n', quotes: false }).replace(/(\r\n)+$/, '');
  return `${CSV_BOM}${body}\r\n`;
}

/** A file name that says what the file holds and in which datum, e.g. `sites-2024-05-01-wgs84.csv`. */
export function csvFileName(crs: CsvCrs, date: Date = new Date()): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `sites-${day}-${crs}.csv`;
}
