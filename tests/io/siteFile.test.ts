/**
 * parseSiteFile on small hand-written files (tests/fixtures/sites/): what analysts actually bring —
 * English and Chinese spreadsheets, aliases, swapped or broken coordinates, GeoJSON with stray
 * geometry — and input that is not a site file at all. Every problem must name its row and field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSiteFile, type RowProblem, type SiteFileResult } from '../../src/io/siteFile';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/sites/${name}`, import.meta.url), 'utf8');

const problemAt = (problems: readonly RowProblem[], row: number): RowProblem[] => problems.filter((p) => p.row === row);

function expectWellFormed(result: SiteFileResult): void {
  for (const p of [...result.rejected, ...result.warnings]) {
    expect(Number.isInteger(p.row), JSON.stringify(p)).toBe(true);
    expect(p.field, JSON.stringify(p)).toMatch(/^[a-z][a-zA-Z]*$/);
    expect(p.reason.length, JSON.stringify(p)).toBeGreaterThan(5);
  }
}

describe('parseSiteFile: English CSV', () => {
  const result = parseSiteFile(fixture('english.csv'), { fileName: 'english.csv' });

  it('takes the delimiter from the header line, not from data cells (fast-check counterexample)', () => {
    const r = parseSiteFile('id,name,type,lon,lat,status,capacity\n,"""||",5g-macro,121.000000,30.700000,,\n', { format: 'csv' });
    expect(r.rejected).toEqual([]);
    expect(r.sites.map((x) => [x.name, x.lon, x.lat])).toEqual([['"||', 121, 30.7]]);
    const semi = parseSiteFile('id;name;type;lon;lat\na;b|c,d;5g-macro;121.4;31.2\n', { format: 'csv' });
    expect(semi.sites.map((x) => x.name)).toEqual(['b|c,d']);
  });

  it('finds the columns by their English headers, case-insensitively', () => {
    expect(result.format).toBe('csv');
    expect(result.columns).toEqual({
      id: 'ID',
      name: 'Name',
      type: 'Type',
      lon: 'Longitude',
      lat: 'Latitude',
      status: 'Status',
      capacity: 'Capacity',
    });
    expectWellFormed(result);
  });

  it('keeps good rows, resolving type aliases (charging, locker, 5G)', () => {
    const byId = Object.fromEntries(result.sites.map((s) => [s.id, s]));
    expect(byId.a1).toEqual({
      id: 'a1',
      name: "People's Square car park",
      type: 'ev-charging-pile',
      lon: 121.4737,
      lat: 31.2304,
      status: 'existing',
      capacity: 12,
    });
    expect(byId.a2?.type).toBe('parcel-locker');
    expect(byId.a2?.status).toBe('planned');
    expect(byId.a3?.type).toBe('5g-macro');
    expect(byId.a3?.status).toBe('candidate');
    expect(result.sites.map((s) => s.id)).toEqual(['a1', 'a2', 'a3', 'a9']);
  });

  it('rejects swapped longitude/latitude with that reason and adds nothing for the row', () => {
    expect(problemAt(result.rejected, 5)).toEqual([
      { row: 5, field: 'lon', code: 'swapped', reason: 'longitude and latitude look swapped', value: '31.2304, 121.4737' },
    ]);
  });

  it('rejects a non-numeric coordinate, naming the field', () => {
    expect(problemAt(result.rejected, 6)).toEqual([
      { row: 6, field: 'lon', code: 'notNumber', reason: 'longitude is not a number', value: 'east' },
    ]);
  });

  it('rejects a point outside the Shanghai region (both coordinates named)', () => {
    const problems = problemAt(result.rejected, 7);
    expect(problems.map((p) => p.field)).toEqual(['lon', 'lat']);
    expect(problems[0]!.reason).toMatch(/^longitude 139\.69 is outside the Shanghai region/);
    expect(problems[1]!.reason).toMatch(/^latitude 35\.68 is outside the Shanghai region/);
  });

  it('rejects a duplicate id, keeping the first row', () => {
    expect(problemAt(result.rejected, 8)).toEqual([
      { row: 8, field: 'id', code: 'duplicateId', reason: 'duplicate id "a1" (first used in row 2)', value: 'a1', params: { first: 2 } },
    ]);
    expect(result.sites.find((s) => s.id === 'a1')?.name).toBe("People's Square car park");
  });

  it('rejects an unknown facility type with field "type"', () => {
    expect(problemAt(result.rejected, 9)).toEqual([
      { row: 9, field: 'type', code: 'unknownType', reason: 'unknown facility type "teleporter"', value: 'teleporter' },
    ]);
  });

  it('rejects a fractional capacity', () => {
    expect(problemAt(result.rejected, 10)).toMatchObject([{ field: 'capacity', value: '2.5' }]);
  });

  it('warns about (but keeps) a second site of the same type at the same position', () => {
    expect(result.warnings).toEqual([
      { row: 11, field: 'position', code: 'samePosition', reason: 'same position and type as row 2', value: '121.4737, 31.2304', params: { first: 2 } },
    ]);
  });

  it('uses spreadsheet row numbers: header is row 1, so the 10 data rows are rows 2–11', () => {
    expect(new Set(result.rejected.map((p) => p.row))).toEqual(new Set([5, 6, 7, 8, 9, 10]));
  });
});

describe('parseSiteFile: Chinese CSV (BOM, CRLF)', () => {
  const result = parseSiteFile(fixture('chinese.csv'));

  it('finds the columns by their Chinese headers despite the BOM', () => {
    expect(result.columns).toEqual({
      id: '编号',
      name: '名称',
      type: '设施类型',
      lon: '经度',
      lat: '纬度',
      status: '状态',
      capacity: '桩数',
    });
    expectWellFormed(result);
  });

  it('maps Chinese type aliases and status words (现状, 规划, 候选)', () => {
    expect(result.sites.map((s) => [s.id, s.type, s.status, s.capacity])).toEqual([
      ['c1', 'ev-charging-pile', 'existing', 6],
      ['c2', 'parcel-locker', 'planned', undefined],
      ['c3', '5g-macro', 'candidate', undefined],
    ]);
  });

  it('rejects an unknown status word with field "status"', () => {
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ row: 5, field: 'status', value: '建设中' });
    expect(result.rejected[0]!.reason).toMatch(/not one of existing, planned, candidate/);
  });
});

describe('parseSiteFile: small CSV cases', () => {
  it('defaults a missing status to existing and makes ids from the prefix and row', () => {
    const r = parseSiteFile('lng,lat,facility\n121.4,31.1,充电桩\n\n121.5,31.2,快递柜\n', { idPrefix: 'upload' });
    expect(r.sites.map((s) => [s.id, s.type, s.status])).toEqual([
      ['upload-2', 'ev-charging-pile', 'existing'],
      ['upload-4', 'parcel-locker', 'existing'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('reports a missing coordinate as missing', () => {
    const r = parseSiteFile('x,y,type\n,31.1,charging\n');
    expect(r.rejected).toEqual([{ row: 2, field: 'lon', code: 'missing', reason: 'longitude is missing' }]);
  });

  it('rejects a file without a longitude column as one file problem', () => {
    const r = parseSiteFile('name,lat,type\nA,31.1,charging\n');
    expect(r.sites).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ row: 0, field: 'file' });
    expect(r.rejected[0]!.reason).toMatch(/longitude/);
  });
});

describe('parseSiteFile: GeoJSON', () => {
  const result = parseSiteFile(fixture('mixed.geojson'), { fileName: 'mixed.geojson' });

  it('reads Point features with their properties; ids default to prefix-index', () => {
    expect(result.format).toBe('geojson');
    expect(result.columns).toBeUndefined();
    expect(result.sites).toEqual([
      { id: 'g1', type: 'ev-charging-pile', lon: 121.385, lat: 31.155, name: 'Point site', status: 'existing', capacity: 3 },
      { id: 'site-3', type: 'parcel-locker', lon: 121.4, lat: 31.05, status: 'planned', radiusKm: 0.5, illustrative: true },
    ]);
    expectWellFormed(result);
  });

  it('rejects a LineString feature by its 1-based index, with a reason', () => {
    expect(problemAt(result.rejected, 2)).toEqual([
      { row: 2, field: 'geometry', code: 'notPoint', reason: 'a LineString is not a site: only Point features are read', value: 'LineString' },
    ]);
  });

  it('rejects an unknown type in a feature', () => {
    expect(problemAt(result.rejected, 4)).toMatchObject([{ field: 'type', value: 'hovercraft' }]);
  });

  it('sniffs GeoJSON from a leading brace when there is no name or format', () => {
    expect(parseSiteFile(fixture('mixed.geojson')).format).toBe('geojson');
  });
});

describe('parseSiteFile: not a site file', () => {
  const cases: [string, string, Parameters<typeof parseSiteFile>[1]][] = [
    ['empty file', '', {}],
    ['only a BOM and blank lines', '\uFEFF\n\n  \n', {}],
    ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004 garbage ,,; \n\u00ff\u00fe', {}],
    ['invalid JSON', '{"type": "FeatureCollection", "features": [', {}],
    ['JSON that is not a FeatureCollection', '[1, 2, 3]', { format: 'geojson' }],
    ['a CSV named .geojson', 'lon,lat,type\n121.4,31.1,charging\n', { fileName: 'sites.geojson' }],
  ];
  for (const [name, text, options] of cases) {
    it(`${name}: one rejected entry with row 0 and field "file", never a throw`, () => {
      const r = parseSiteFile(text, options);
      expect(r.sites).toEqual([]);
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0]).toMatchObject({ row: 0, field: 'file' });
      expect(r.rejected[0]!.reason.length).toBeGreaterThan(5);
    });
  }
});
