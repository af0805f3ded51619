/**
 * The import pipeline (bytes → text → sites → outline and coordinate-system checks) on the files in
 * tests/fixtures/import/, as the worker and the CLI run it. Positions are checked against the
 * fixtures' WGS-84 truth (real metro stations moved 0–40 m; their GCJ-02/BD-09 versions were made
 * with an independent implementation of the published formulas, see makeFixtures.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReference, reviewImport, type ReferenceGeodata } from '../../src/io/offsetDetection';
import { parseSiteFileBytes, type ParseSiteFileOptions } from '../../src/io/siteFile';
import { haversineM } from './referenceCrs';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
const data = (name: string) => JSON.parse(readFileSync(new URL(`../../public/data/${name}`, import.meta.url), 'utf8')) as ReferenceGeodata['municipal'];
const reference = createReference({
  municipal: data('municipal.geojson'),
  metroStations: data('metro-stations.geojson'),
  metroLines: data('metro-lines.geojson'),
  elevatedRoads: data('elevated-roads.geojson'),
});
const truth = (JSON.parse(readFileSync(new URL('../fixtures/import/stations.truth.json', import.meta.url), 'utf8')) as { sites: { id: string; lon: number; lat: number }[] }).sites;
const truthById = new Map(truth.map((t) => [t.id, [t.lon, t.lat] as [number, number]]));

function load(name: string, options: ParseSiteFileOptions = {}) {
  const result = parseSiteFileBytes(fixture(name), { fileName: name, ...options });
  const offset = reviewImport(result, reference);
  return { ...result, offset };
}

/** Largest distance (m) from an imported site to its truth, matched by id. */
function worstErrorM(sites: readonly { id: string; lon: number; lat: number }[]): number {
  return Math.max(...sites.map((s) => haversineM([s.lon, s.lat], truthById.get(s.id)!)));
}

describe('good files', () => {
  it('English headers: every station, positions exact, read as WGS-84, and WGS-84 confirmed by the map', () => {
    const r = load('stations-english.csv');
    expect(r.rejected).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.sites).toHaveLength(truth.length);
    expect(worstErrorM(r.sites)).toBeLessThan(0.01);
    expect(r.sites[0]).toMatchObject({ type: 'ev-charging-station', status: 'existing', capacity: 2 });
    expect(r.detection?.sure).toBe(true);
    expect(r.crs).toBe('wgs84');
    expect(r.offset.likely).toBe('wgs84');
  });

  it('Chinese headers with BOM and CRLF: same sites', () => {
    const r = load('stations-chinese.csv');
    expect(r.rejected).toEqual([]);
    expect(r.columns).toEqual({ id: '编号', name: '名称', type: '设施类型', lon: '经度', lat: '纬度', status: '状态', capacity: '桩数' });
    expect(r.sites.map((s) => s.id)).toEqual(truth.map((t) => t.id));
    expect(worstErrorM(r.sites)).toBeLessThan(0.01);
    expect(r.sites[0]!.name).toBe('白银路站充电站');
  });

  it('GBK (GB18030) CSV: decoded, Chinese headers and names intact', () => {
    const r = load('stations-gbk.csv');
    expect(r.encoding).toBe('gb18030');
    expect(r.rejected).toEqual([]);
    expect(r.sites).toHaveLength(10);
    expect(r.sites[0]).toMatchObject({ name: '白银路站充电站', type: 'ev-charging-pile', status: 'planned' });
    // No id column: ids from the prefix and row; positions match the first ten truths in order.
    r.sites.forEach((s, i) => expect(haversineM([s.lon, s.lat], [truth[i]!.lon, truth[i]!.lat])).toBeLessThan(0.01));
  });

  it('KML: the points, with the LineString rejected by its placemark number', () => {
    const r = load('stations.kml');
    expect(r.format).toBe('kml');
    expect(r.sites.map((s) => s.id)).toEqual(['cs-01', 'cs-02', 'cs-03', 'cs-04', 'cs-05', 'cs-06']);
    expect(worstErrorM(r.sites)).toBeLessThan(0.01);
    expect(r.rejected).toEqual([
      expect.objectContaining({ row: 4, field: 'geometry', code: 'notPoint', value: 'LineString' }),
    ]);
  });
});

describe('coordinate systems', () => {
  it('GCJ-02 file read as WGS-84: accepted but flagged — the map says GCJ-02, with high confidence', () => {
    const r = load('stations-gcj02.csv');
    expect(r.crs).toBe('wgs84');
    expect(r.rejected).toEqual([]);
    // As-is the points are hundreds of metres off their truth …
    expect(Math.min(...r.sites.map((s) => haversineM([s.lon, s.lat], truthById.get(s.id)!)))).toBeGreaterThan(300);
    // … and the detector names the system.
    expect(r.offset).toMatchObject({ likely: 'gcj02', confidence: 'high', basis: 'features' });
    const score = (crs: string) => r.offset.scores.find((s) => s.crs === crs)!;
    expect(score('gcj02').medianM).toBeLessThan(40);
    expect(score('wgs84').medianM).toBeGreaterThan(150);
  });

  it('GCJ-02 file read as GCJ-02: every site within 10 m of its truth (in fact within 1 m)', () => {
    const r = load('stations-gcj02.csv', { crs: 'gcj02' });
    expect(r.crs).toBe('gcj02');
    expect(r.sites).toHaveLength(truth.length);
    expect(worstErrorM(r.sites)).toBeLessThan(1);
    expect(r.offset.likely).toBe('gcj02'); // the file's own numbers are still GCJ-02: no warning to show
  });

  it('BD-09 file: detected as BD-09, and read as BD-09 within 10 m of the truth', () => {
    const asIs = load('stations-bd09.csv');
    expect(asIs.offset).toMatchObject({ likely: 'bd09', confidence: 'high' });
    const r = load('stations-bd09.csv', { crs: 'bd09' });
    expect(r.sites).toHaveLength(truth.length);
    expect(worstErrorM(r.sites)).toBeLessThan(10);
    expect(worstErrorM(r.sites)).toBeLessThan(1);
  });

  it('a header that names the system (lon_gcj02) is read in that system unless told otherwise', () => {
    const text = new TextDecoder().decode(fixture('stations-gcj02.csv')).replace('经度,纬度', 'lon_gcj02,lat_gcj02');
    const bytes = new TextEncoder().encode(text);
    const r = parseSiteFileBytes(bytes, { fileName: 'x.csv' });
    expect(r.detection).toMatchObject({ sure: true, crsHint: 'gcj02' });
    expect(r.crs).toBe('gcj02');
    expect(worstErrorM(r.sites)).toBeLessThan(1);
    expect(parseSiteFileBytes(bytes, { fileName: 'x.csv', crs: 'wgs84' }).crs).toBe('wgs84');
  });
});

describe('bad files', () => {
  it('swapped columns: every row rejected as swapped; with the fix, every row right and warned', () => {
    const r = load('stations-swapped.csv');
    expect(r.sites).toEqual([]);
    expect(r.rejected).toHaveLength(12);
    expect(r.rejected.every((p) => p.code === 'swapped' && p.field === 'lon')).toBe(true);
    expect(r.rejected.map((p) => p.row)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    const fixed = load('stations-swapped.csv', { fixSwapped: true });
    expect(fixed.rejected).toEqual([]);
    expect(fixed.sites).toHaveLength(12);
    expect(worstErrorM(fixed.sites)).toBeLessThan(0.01);
    expect(fixed.warnings.map((w) => w.code)).toEqual(Array(12).fill('swappedFixed'));
  });

  it('mixed garbage: each bad row named with its field and reason; good rows kept; suspicious rows flagged', () => {
    const r = load('garbage.csv');
    const byRow = (row: number) => r.rejected.filter((p) => p.row === row).map((p) => [p.field, p.code]);
    expect(byRow(3)).toEqual([['lon', 'missing']]);
    expect(byRow(4)).toEqual([['lon', 'notNumber'], ['lat', 'notNumber']]);
    expect(byRow(5)).toEqual([['lon', 'swapped']]);
    expect(byRow(6)).toEqual([['lon', 'outsideRegion'], ['lat', 'outsideRegion']]);
    expect(byRow(7)).toEqual([['type', 'unknownType']]);
    expect(byRow(8)).toEqual([['id', 'duplicateId']]);
    expect(byRow(12)).toEqual([['status', 'badStatus']]);
    expect(byRow(14)).toEqual([['lon', 'missing'], ['lat', 'missing']]);
    expect(r.rejected.filter((p) => p.row === 16)).toEqual([expect.objectContaining({ field: 'type', code: 'unknownType', value: '<img src=x onerror=alert(1)>' })]);
    expect(new Set(r.rejected.map((p) => p.row))).toEqual(new Set([3, 4, 5, 6, 7, 8, 12, 14, 16]));
    expect(r.sites.map((s) => s.id)).toEqual(['g1', 'g7', 'g8', 'g9', 'g12']);
    expect(r.siteRows).toEqual([2, 9, 10, 11, 15]);
    // Kept but suspicious: the same place as row 2, and Kunshan (in the box, outside Shanghai).
    expect(r.warnings.map((w) => [w.row, w.code])).toEqual([
      [9, 'samePosition'],
      [10, 'outsideCity'],
    ]);
    // The HTML in a name is kept as the text it is.
    expect(r.sites.find((s) => s.id === 'g9')!.name).toBe(`<img src=x onerror="document.title='pwned'">`);
    for (const p of [...r.rejected, ...r.warnings]) expect(p.reason.length).toBeGreaterThan(5);
  });

  it('empty file: one file problem, nothing else', () => {
    const r = load('empty.csv');
    expect(r.sites).toEqual([]);
    expect(r.rejected).toEqual([expect.objectContaining({ row: 0, field: 'file', code: 'fileEmpty', reason: 'the file is empty' })]);
    expect(r.offset.likely).toBeNull();
  });

  it('headers the detector is unsure of: it guesses, says it is unsure, and a mapping settles it', () => {
    const r = load('unsure-columns.csv');
    expect(r.detection).toMatchObject({ sure: false, candidates: { lon: ['坐标X'], lat: ['坐标Y'], name: ['站点名称'] } });
    // No type column: the whole file is refused until a person says which column (or which type).
    expect(r.rejected).toEqual([expect.objectContaining({ row: 0, code: 'noColumns', params: { missing: 'type' } })]);
    const mapped = load('unsure-columns.csv', { mapping: { lon: '坐标X', lat: '坐标Y', type: '设施' } });
    expect(mapped.rejected).toEqual([]);
    expect(mapped.sites).toHaveLength(5);
    expect(mapped.sites.every((s) => s.type === 'ev-charging-station')).toBe(true);
    const typed = load('unsure-columns.csv', { mapping: { type: null }, defaultType: 'parcel-locker' });
    expect(typed.sites.map((s) => s.type)).toEqual(Array(5).fill('parcel-locker'));
    // A mapping naming a header the file does not have is a file problem, not a crash.
    const wrong = load('unsure-columns.csv', { mapping: { lon: 'nope' } });
    expect(wrong.rejected[0]).toMatchObject({ row: 0, code: 'noColumns' });
  });
});
