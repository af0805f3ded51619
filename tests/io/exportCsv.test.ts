/**
 * The sites CSV: read back by the app's own importer (src/io/siteFile.ts) to the same sites, opened by
 * Excel in China (BOM, CRLF), safe against formula injection, and in GCJ-02 checked against an
 * independent implementation of the published WGS-84 → GCJ-02 formula (not gcoord, which the
 * exporter uses).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvFileName, sitesToCsv } from '../../src/io/exportCsv';
import { parseSiteFile } from '../../src/io/siteFile';
import type { Site } from '../../src/domain/site';
import { referenceWgsToGcj } from './referenceCrs';

const SITES: Site[] = [
  { id: 'a1', name: '人民广场停车场', type: 'ev-charging-pile', lon: 121.4737, lat: 31.2304, status: 'existing', capacity: 12 },
  { id: 'a2', name: 'Hongqiao "South", gate 3', type: 'parcel-locker', lon: 121.3201234567891, lat: 31.1954321, status: 'planned' },
  { id: 'a3', type: '5g-macro', lon: 121.5, lat: 31.0000001, status: 'candidate' },
  { id: '闵行-17', name: 'Line\nbreak', type: 'ev-fast-charging-pile', lon: 121.38, lat: 31.11, status: 'existing', capacity: 1 },
  { id: 'x,y', name: '  spaced  ', type: 'iot-sensor', lon: 121.9, lat: 30.9, status: 'planned', capacity: 40 },
];

/** What the importer reads back: names are trimmed (a cell's spaces are not part of a name). */
const asImported = (s: Site): Site => (s.name === undefined ? s : { ...s, name: s.name.trim() });

/** Rows of a CSV as header → cell maps, parsed with Papa directly (not with the app's importer). */
function rows(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

// The published WGS-84 → GCJ-02 formula, written out in tests/io/referenceCrs.ts so the exporter's
// gcoord output is checked against code it does not share.
const wgsToGcj = referenceWgsToGcj;
function haversineM(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

describe('sites CSV, WGS-84', () => {
  const csv = sitesToCsv(SITES);

  it('starts with a UTF-8 BOM and a header naming every column, lines end in CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe('id,name,type,status,capacity,radiusKm,illustrative,year,lon,lat');
    expect(csv.replace(/\r\n/g, '').replace(/"[^"]*"/g, '')).not.toContain('\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('reads back through the app’s importer to the same sites, with no rejected rows or warnings', () => {
    const back = parseSiteFile(csv, { fileName: csvFileName('wgs84') });
    expect(back.rejected).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.sites).toEqual(SITES.map(asImported));
  });

  it('round-trips the shipped sample scenario (thousands of sites) coordinate for coordinate', () => {
    const text = readFileSync(new URL('../../public/data/sample-scenario.geojson', import.meta.url), 'utf8');
    const sample = parseSiteFile(text, { format: 'geojson' }).sites;
    expect(sample.length).toBeGreaterThan(1000);
    const back = parseSiteFile(sitesToCsv(sample), { fileName: 'sample.csv' });
    expect(back.rejected).toEqual([]);
    // Made-up sites stay marked as made up through the CSV.
    expect(back.sites).toEqual(sample);
    expect(back.sites.every((s) => s.illustrative === true)).toBe(true);
    expect(rows(sitesToCsv(sample)).every((r) => r.illustrative === 'true')).toBe(true);
  });

  it('writes radius overrides and the illustrative flag as their own columns', () => {
    const extra: Site[] = [{ id: 'r1', type: 'ev-charging-station', lon: 121.41, lat: 31.21, status: 'existing', radiusKm: 1.25, illustrative: true }];
    const [row] = rows(sitesToCsv(extra));
    expect(row).toEqual({ id: 'r1', name: '', type: 'ev-charging-station', status: 'existing', capacity: '', radiusKm: '1.25', illustrative: 'true', year: '', lon: '121.41', lat: '31.21' });
    expect(parseSiteFile(sitesToCsv(extra), { fileName: 'r.csv' }).sites).toEqual(extra);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const evil: Site[] = [{ id: '@x', name: '=HYPERLINK("http://example.com","go")', type: 'parcel-locker', lon: 121.4, lat: 31.2, status: 'existing' }];
    const [row] = rows(sitesToCsv(evil));
    expect(row!.name).toBe('\'=HYPERLINK("http://example.com","go")');
    expect(row!.id).toBe("'@x");
  });

  it('an empty scenario gives the header row only', () => {
    expect(rows(sitesToCsv([]))).toEqual([]);
    expect(sitesToCsv([])).toBe('\uFEFFid,name,type,status,capacity,radiusKm,illustrative,year,lon,lat\r\n');
  });
});

describe('sites CSV, GCJ-02', () => {
  const csv = sitesToCsv(SITES, 'gcj02');
  const parsed = rows(csv);

  it('names the datum in the coordinate headers and in the file name', () => {
    expect(Object.keys(parsed[0]!)).toEqual(['id', 'name', 'type', 'status', 'capacity', 'radiusKm', 'illustrative', 'year', 'lon_gcj02', 'lat_gcj02']);
    expect(csvFileName('gcj02', new Date(2024, 4, 1))).toBe('sites-2024-05-01-gcj02.csv');
    expect(csvFileName('wgs84', new Date(2024, 11, 31))).toBe('sites-2024-12-31-wgs84.csv');
  });

  it('matches an independent WGS-84 → GCJ-02 implementation to 1e-6° and moves Shanghai points 300–700 m', () => {
    SITES.forEach((s, i) => {
      const got: [number, number] = [Number(parsed[i]!.lon_gcj02), Number(parsed[i]!.lat_gcj02)];
      const want = wgsToGcj(s.lon, s.lat);
      expect(Math.abs(got[0] - want[0])).toBeLessThan(1e-6);
      expect(Math.abs(got[1] - want[1])).toBeLessThan(1e-6);
      const shift = haversineM([s.lon, s.lat], got);
      expect(shift).toBeGreaterThan(300);
      expect(shift).toBeLessThan(700);
    });
  });

  it('is never read back as WGS-84 positions: the importer refuses it, or converts it back to within 1 m', () => {
    const back = parseSiteFile(csv, { fileName: csvFileName('gcj02') });
    if (back.sites.length === 0) {
      expect(back.rejected.length).toBeGreaterThan(0);
      expect(back.rejected[0]!.reason).toMatch(/longitude/);
    } else {
      back.sites.forEach((s, i) => expect(haversineM([s.lon, s.lat], [SITES[i]!.lon, SITES[i]!.lat])).toBeLessThan(1));
    }
  });
});
