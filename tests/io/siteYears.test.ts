/**
 * Site years through the importers and exports (issue #18): the year, built or planned for, read
 * from `year` / `建成年份` / `建设年份` / `年份` columns as a whole year or a date; bad values are row
 * problems naming the file row and the field; and the year survives the CSV export, the scenario
 * file and the packed columns the workers get.
 */
import { describe, expect, it } from 'vitest';
import { packSites, unpackSites } from '../../src/domain/packedSites';
import { parseScenarioFile, scenarioToGeoJSON } from '../../src/domain/scenarioFile';
import { sitesToCsv } from '../../src/io/exportCsv';
import { parseSiteFile } from '../../src/io/siteFile';

describe('reading years', () => {
  it.each(['year', '建成年份', '建设年份', '年份', 'Year'])('CSV column %s: numbers and dates; blank is no year', (header) => {
    const csv = [`lon,lat,type,${header}`, '121.40,31.10,5g-macro,2021', '121.41,31.10,5g-macro,2021-06-30', '121.42,31.10,5g-macro,2020/6/30', '121.43,31.10,5g-macro,2022年6月', '121.44,31.10,5g-macro,'].join('\n');
    const r = parseSiteFile(csv, { format: 'csv' });
    expect(r.rejected).toEqual([]);
    expect(r.sites.map((s) => s.year)).toEqual([2021, 2021, 2020, 2022, undefined]);
    expect('year' in r.sites[4]!).toBe(false);
  });

  it('bad years are row problems naming the row, the field and the value; the good rows are kept', () => {
    const csv = ['lon,lat,type,建成年份', '121.40,31.10,5g-macro,去年', '121.41,31.10,5g-macro,1850', '121.42,31.10,5g-macro,2021-13-01', '121.43,31.10,5g-macro,2021'].join('\n');
    const r = parseSiteFile(csv, { format: 'csv' });
    expect(r.sites.map((s) => s.year)).toEqual([2021]);
    expect(r.rejected.map((p) => [p.row, p.field, p.code, p.value])).toEqual([
      [2, 'year', 'badYear', '去年'],
      [3, 'year', 'badYear', '1850'],
      [4, 'year', 'badYear', '2021-13-01'],
    ]);
    expect(r.rejected[0]!.reason).toBe('year "去年" is not a year from 1990 to 2100 or a date such as 2021-06-30');
  });

  it('GeoJSON properties: a number or a date under a Chinese name', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [121.4, 31.1] }, properties: { type: '5g-macro', 年份: 2020 } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [121.41, 31.1] }, properties: { type: '5g-macro', 年份: '2021-06-30' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [121.42, 31.1] }, properties: { type: '5g-macro', 年份: 2021.5 } },
      ],
    };
    const r = parseSiteFile(JSON.stringify(fc), { format: 'geojson' });
    expect(r.sites.map((s) => s.year)).toEqual([2020, 2021]);
    expect(r.rejected.map((p) => [p.row, p.field, p.code])).toEqual([[3, 'year', 'badYear']]);
  });
});

describe('years kept by exports', () => {
  const csv = ['lon,lat,type,year', '121.40,31.10,5g-macro,2021', '121.41,31.10,ev-charging-pile,'].join('\n');
  const sites = parseSiteFile(csv, { format: 'csv' }).sites;

  it('the CSV export writes a year column that reads back the same', () => {
    const out = sitesToCsv(sites);
    expect(out.split('\r\n')[0]).toContain(',year,');
    expect(parseSiteFile(out.slice(1), { format: 'csv' }).sites).toEqual(sites);
  });

  it('the scenario file (GeoJSON) and the packed columns keep the year', () => {
    const meta = { format: 'shanghai-siting-scenario', version: 1, name_zh: '测试', name_en: 'Test', illustrative: false } as const;
    const file = JSON.parse(JSON.stringify(scenarioToGeoJSON(meta, sites))) as unknown;
    expect(parseScenarioFile(file).sites).toEqual(sites);
    expect(unpackSites(packSites(sites))).toEqual(sites);
  });
});
