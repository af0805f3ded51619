/**
 * Population areas and points (src/io/populationPolygons.ts, src/io/wkt.ts): GeoJSON, CSV with WKT,
 * CSV with longitude / latitude; the residents column found by name; GCJ-02 converted; every refusal
 * naming the file, the feature or row, and what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { PolygonReadError, readPopulationPolygons } from '../../src/io/populationPolygons';
import { readPopulationFile } from '../../src/io/populationFile';
import { toWgs84 } from '../../src/io/crs';
import { parseWkt } from '../../src/io/wkt';

const bytes = (text: string) => new TextEncoder().encode(text);
const square = (w: number, s: number, d: number) => [
  [
    [w, s],
    [w + d, s],
    [w + d, s + d],
    [w, s + d],
    [w, s],
  ],
];

describe('WKT', () => {
  it('reads points, polygons with holes and multipolygons; drops Z / M and an SRID=4326 prefix; closes an open ring', () => {
    expect(parseWkt('POINT (121.4 31.2)')).toEqual({ type: 'Point', coordinates: [121.4, 31.2] });
    expect(parseWkt('point z (121.4 31.2 7)')).toEqual({ type: 'Point', coordinates: [121.4, 31.2] });
    expect(parseWkt('SRID=4326;POLYGON((0 0,1 0,1 1,0 1,0 0),(0.2 0.2,0.2 0.4,0.4 0.4,0.2 0.2))')).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
        [
          [0.2, 0.2],
          [0.2, 0.4],
          [0.4, 0.4],
          [0.2, 0.2],
        ],
      ],
    });
    const multi = parseWkt('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 3)))');
    expect(multi.type).toBe('MultiPolygon');
    expect((multi as { coordinates: unknown[][][] }).coordinates[1]![0]).toEqual([
      [2, 2],
      [3, 2],
      [3, 3],
      [2, 3],
      [2, 2],
    ]);
    expect(parseWkt('POLYGON((1e2 -3.5e-1, 101 -0.35, 101 0.65, 1e2 -3.5e-1))').type).toBe('Polygon');
  });

  it('says what is wrong, and where', () => {
    expect(() => parseWkt('LINESTRING(0 0, 1 1)')).toThrow(/LINESTRING is not a point or a polygon/);
    expect(() => parseWkt('POLYGON((0 0, 1 0, 0 0))')).toThrow(/a ring needs 4 positions or more, this one has 3/);
    expect(() => parseWkt('POLYGON((0 0, 1 0, 1 1, 0 0)')).toThrow(/expected "\)" at character 29/);
    expect(() => parseWkt('SRID=3857;POINT(1 2)')).toThrow(/SRID 3857 is not 4326/);
    expect(() => parseWkt('POINT EMPTY')).toThrow(/POINT EMPTY has no coordinates/);
    expect(() => parseWkt('POINT(1 2) trailing')).toThrow(/unexpected text after the geometry/);
  });
});

describe('reading', () => {
  it('GeoJSON: polygons, multipolygons and points with a "population" property, and their names', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '大宁路街道', population: 100_000 }, geometry: { type: 'Polygon', coordinates: square(121.45, 31.27, 0.02) } },
        { type: 'Feature', properties: { name: '北蔡镇', population: '250,000' }, geometry: { type: 'MultiPolygon', coordinates: [square(121.53, 31.17, 0.02)] } },
        { type: 'Feature', properties: { population: 1200 }, geometry: { type: 'Point', coordinates: [121.4, 31.2] } },
      ],
    };
    const r = readPopulationPolygons(bytes(JSON.stringify(doc)), 'towns.geojson');
    expect(r).toMatchObject({ format: 'geojson', field: 'population', crs: 'wgs84', total: 351_200 });
    expect(r.features.map((f) => [f.name, f.residents, f.geometry.type])).toEqual([
      ['大宁路街道', 100_000, 'Polygon'],
      ['北蔡镇', 250_000, 'MultiPolygon'],
      [undefined, 1200, 'Point'],
    ]);
  });

  it('CSV with WKT and a Chinese residents column (常住人口)', () => {
    const csv = ['名称,常住人口,WKT', '"甲街道",12000,"POLYGON((121.40 31.20, 121.42 31.20, 121.42 31.22, 121.40 31.22, 121.40 31.20))"', '"乙街道",8000,"POINT(121.43 31.21)"'].join('\n');
    const r = readPopulationPolygons(bytes(csv), 'towns.csv');
    expect(r).toMatchObject({ format: 'csv', field: '常住人口', total: 20_000 });
    expect(r.features[0]).toMatchObject({ name: '甲街道', residents: 12000, geometry: { type: 'Polygon' } });
  });

  it('CSV with GCJ-02 longitude / latitude columns: points converted to WGS-84', () => {
    const r = readPopulationPolygons(bytes('lng_gcj02,lat_gcj02,pop\n121.4800,31.2400,5000\n'), 'compounds.csv');
    expect(r.crs).toBe('gcj02');
    const [x, y] = toWgs84(121.48, 31.24, 'gcj02');
    expect(r.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [x, y] });
    // GCJ-02 moves Shanghai by some 500 m: the conversion happened.
    expect(Math.abs(x - 121.48) + Math.abs(y - 31.24)).toBeGreaterThan(0.003);
  });

  it('a named column wins; a file with several candidates asks for one', () => {
    const csv = 'wkt,pop_2010,pop_2020\n"POINT(121.4 31.2)",10,20\n';
    expect(() => readPopulationPolygons(bytes(csv), 'two.csv')).toThrow(/two\.csv: more than one column could hold the residents \("pop_2010", "pop_2020"\): name the one to use/);
    expect(readPopulationPolygons(bytes(csv), 'two.csv', { field: 'pop_2020' }).total).toBe(20);
  });

  it('a refusal over the residents column lists the columns to choose from (the app offers them); other refusals do not', () => {
    const columnsOf = (text: string, field?: string) => {
      try {
        readPopulationPolygons(bytes(text), 'f.csv', field === undefined ? {} : { field });
      } catch (e) {
        return (e as PolygonReadError).columns;
      }
      throw new Error('not refused');
    };
    expect(columnsOf('wkt,pop_2010,pop_2020\n"POINT(121.4 31.2)",10,20\n')).toEqual(['wkt', 'pop_2010', 'pop_2020']);
    expect(columnsOf('name,wkt,count\n甲,"POINT(121 31)",3\n')).toEqual(['name', 'wkt', 'count']);
    expect(columnsOf('name,wkt,count\n甲,"POINT(121 31)",3\n', 'people')).toEqual(['name', 'wkt', 'count']);
    expect(columnsOf('name,wkt,count\n甲,"POINT(121 31)",-3\n', 'count')).toBeUndefined();
  });

  it('readPopulationFile takes a polygon file for what it is, with its year', async () => {
    const r = await readPopulationFile(bytes('wkt,population\n"POINT(121.4 31.2)",10\n').buffer as ArrayBuffer, 'census_2020_towns.csv');
    expect(r.input.kind).toBe('polygons');
    expect(r.input.source).toMatchObject({ kind: 'polygons', year: 2020, label: { en: 'spread evenly over each area of census_2020_towns.csv (2020)' } });
    expect(r.facts).toBe('CSV, 0 areas and 1 points, residents from "population", coordinates wgs84');
  });
});

describe('refusals: the file, the row or feature, what is wrong', () => {
  const refuse = (text: string, name: string, pattern: RegExp) => {
    let e: unknown = null;
    try {
      readPopulationPolygons(bytes(text), name);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(PolygonReadError);
    expect((e as Error).message).toMatch(pattern);
  };

  it('a negative, an empty or a non-numeric count', () => {
    refuse('名称,人口,wkt\n甲,5,"POINT(121 31)"\n乙,-5,"POINT(121 31)"\n', 'a.csv', /^a\.csv, row 3 \(乙\): "人口" is -5; a count of residents cannot be negative$/);
    refuse('名称,人口,wkt\n甲,,"POINT(121 31)"\n', 'a.csv', /^a\.csv, row 2 \(甲\): "人口" is empty$/);
    refuse('名称,人口,wkt\n甲,many,"POINT(121 31)"\n', 'a.csv', /^a\.csv, row 2 \(甲\): "人口" is "many", not a number$/);
    refuse(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { population: -1 }, geometry: { type: 'Point', coordinates: [121, 31] } }] }), 'b.geojson', /^b\.geojson, feature 1: "population" is -1/);
  });

  it('unreadable geometry, lines, and projected coordinates', () => {
    refuse('pop,wkt\n5,"POLYGON((121 31, 122 31))"\n', 'a.csv', /^a\.csv, row 2: the geometry cannot be read: a ring needs 4 positions or more/);
    refuse(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { pop: 1 }, geometry: { type: 'LineString', coordinates: [[121, 31], [122, 31]] } }] }), 'l.geojson', /feature 1: its geometry is LineString/);
    refuse('pop,wkt\n5,"POINT(350000 3460000)"\n', 'utm.csv', /^utm\.csv, row 2: \(350000, 3460000\) is not a longitude \/ latitude in degrees — projected coordinates\?/);
    refuse(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32651' } }, features: [] }), 'c.geojson', /declares its coordinates in urn:ogc:def:crs:EPSG::32651/);
  });

  it('no residents column, no geometry, nothing in the file, a file over the limit', () => {
    refuse('name,wkt\n甲,"POINT(121 31)"\n', 'n.csv', /^n\.csv: no column or property holds the residents \(looked for population, residents, pop, people, 常住人口, 人口 …; it has "name", "wkt"\): name the one to use$/);
    refuse('name,pop\n甲,5\n', 'g.csv', /^g\.csv: no geometry column \(WKT: wkt, geometry, geom, thegeom …\) and no longitude \/ latitude columns$/);
    refuse('pop,wkt\n', 'h.csv', /^h\.csv has no rows after its header$/);
    expect(() => readPopulationPolygons(bytes('pop,wkt\n1,"POINT(121 31)"\n'), 'big.csv', { maxBytes: 10 })).toThrow(/^big\.csv is 0\.0 MB, over the 0\.0 MB limit$/);
  });
});
