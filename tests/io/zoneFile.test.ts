/**
 * Key-zone boundary files (src/io/zoneFile.ts): GeoJSON, KML and CSV with WKT, matched to the
 * shipped zones by id or name; GCJ-02 and BD-09 boundaries land back on WGS-84 within the
 * conversion's error (the files are made with the formulas written out in tests/io/referenceCrs.ts,
 * not with the gcoord the reader uses); every problem named by file, feature / row and field.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { readZoneFile, type ZoneTarget } from '../../src/io/zoneFile';
import { zonesSchema } from '../../src/domain/geodata';
import { data } from '../geodata/load';
import { haversineM, referenceGcjToBd, referenceWgsToGcj } from './referenceCrs';

const shipped = zonesSchema.parse(data('zones.geojson'));
const targets: ZoneTarget[] = shipped.features.map((f) => ({ ...f.properties, geometry: f.geometry }));
const daning = shipped.features.find((f) => f.properties.id === 'daning')!.geometry as Polygon;
const enc = (s: string) => new TextEncoder().encode(s);
const fc = (...features: object[]) => enc(JSON.stringify({ type: 'FeatureCollection', features }));
const feature = (properties: object, geometry: object) => ({ type: 'Feature', properties, geometry });
const worstM = (a: Position[], b: Position[]) => Math.max(...a.map((p, i) => haversineM(p as [number, number], b[i] as [number, number])));
const gcj = (p: Position): Position => referenceWgsToGcj(p[0]!, p[1]!);
const wkt = (ring: Position[]) => `POLYGON((${ring.map((p) => `${p[0]} ${p[1]}`).join(', ')}))`;

describe('readZoneFile', () => {
  it('GeoJSON in WGS-84 by id: the boundary as given', () => {
    const r = readZoneFile(fc(feature({ id: 'daning' }, daning)), 'a.geojson', targets);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ format: 'geojson', crs: 'wgs84' });
    expect(r.boundaries).toEqual([{ id: 'daning', geometry: daning, where: 'feature 1 (daning)' }]);
  });

  it('GeoJSON in GCJ-02 (chosen, or named by a crs property) lands back on WGS-84 within 0.5 m', () => {
    const ring = daning.coordinates[0]!;
    const shifted = { type: 'Polygon', coordinates: [ring.map(gcj)] };
    // The shift is real: ~500 m in Shanghai.
    expect(worstM(shifted.coordinates[0]!, ring)).toBeGreaterThan(300);
    const chosen = readZoneFile(fc(feature({ name: '大宁' }, shifted)), 'gcj.geojson', targets, { crs: 'gcj02' });
    expect(chosen.problems).toEqual([]);
    expect(worstM((chosen.boundaries[0]!.geometry as Polygon).coordinates[0]!, ring)).toBeLessThan(0.5);
    const named = readZoneFile(fc(feature({ name: 'Daning', crs: '高德' }, shifted)), 'gcj.geojson', targets);
    expect(named.crs).toBe('gcj02');
    expect(worstM((named.boundaries[0]!.geometry as Polygon).coordinates[0]!, ring)).toBeLessThan(0.5);
  });

  it('CSV with a WKT column in BD-09 (the header says so), matched by English name', () => {
    const ring = daning.coordinates[0]!;
    const bd = ring.map((p) => { const g = gcj(p); return referenceGcjToBd(g[0]!, g[1]!); });
    const csv = `name_en,wkt_bd09\nDaning,"${wkt(bd)}"\n`;
    const r = readZoneFile(enc(csv), 'zones.csv', targets);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ format: 'csv', crs: 'bd09' });
    expect(worstM((r.boundaries[0]!.geometry as Polygon).coordinates[0]!, ring)).toBeLessThan(0.5);
  });

  it('KML: a Polygon with a hole, and a MultiGeometry of two polygons as a MultiPolygon', () => {
    const sq = (x: number, y: number, d: number) => [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]];
    const coords = (r: number[][]) => `<coordinates>${r.map((p) => `${p[0]},${p[1]},0`).join(' ')}</coordinates>`;
    const poly = (outer: number[][], inner?: number[][]) =>
      `<Polygon><outerBoundaryIs><LinearRing>${coords(outer)}</LinearRing></outerBoundaryIs>${inner ? `<innerBoundaryIs><LinearRing>${coords(inner)}</LinearRing></innerBoundaryIs>` : ''}</Polygon>`;
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>苏河湾</name>${poly(sq(121.47, 31.245, 0.006), sq(121.47, 31.245, 0.001))}</Placemark>
      <Placemark><ExtendedData><Data name="id"><value>daning</value></Data></ExtendedData><MultiGeometry>${poly(sq(121.45, 31.28, 0.004))}${poly(sq(121.46, 31.28, 0.003))}</MultiGeometry></Placemark>
      </Document></kml>`;
    const r = readZoneFile(enc(kml), 'zones.kml', targets);
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('kml');
    const [suhe, dn] = r.boundaries;
    expect(suhe).toMatchObject({ id: 'suhe-bay', where: 'placemark 1 (苏河湾)' });
    expect((suhe!.geometry as Polygon).coordinates).toHaveLength(2);
    expect(dn!.id).toBe('daning');
    expect(dn!.geometry.type).toBe('MultiPolygon');
  });

  it('names every problem (file, feature or row, field) and replaces nothing', () => {
    const [x, y] = daning.coordinates[0]![0]!;
    const bow = { type: 'Polygon', coordinates: [[[x, y], [x! + 0.01, y! + 0.01], [x! + 0.01, y], [x, y! + 0.01], [x, y]]] };
    const r = readZoneFile(
      fc(
        feature({ name: '人民广场' }, daning),
        feature({ id: 'daning' }, bow),
        feature({ name: 'Suhe Bay' }, { type: 'LineString', coordinates: [[x, y], [x! + 0.01, y]] }),
        feature({ name: '大宁' }, daning),
        feature({ name: 'zizhu' }, { type: 'Polygon', coordinates: [[[350000, 3450000], [351000, 3450000], [351000, 3451000], [350000, 3450000]]] }),
        feature({}, daning),
      ),
      'bad.geojson',
      targets,
    );
    expect(r.boundaries).toEqual([]);
    expect(r.problems).toEqual([
      expect.stringMatching(/^bad\.geojson, feature 1 \(人民广场\), field "name": no key zone is named "人民广场"/),
      expect.stringMatching(/^bad\.geojson, feature 2 \(daning\), field "geometry": it is self-intersecting/),
      // A symmetric bow-tie's two lobes cancel: no area either.
      'bad.geojson, feature 2 (daning), field "geometry": its area is 0.0e+0 km², not an area',
      'bad.geojson, feature 3 (Suhe Bay), field "geometry": it is LineString, not a Polygon or MultiPolygon',
      'bad.geojson, feature 4 (大宁): zone daning is also feature 2 (daning)',
      expect.stringMatching(/^bad\.geojson, feature 5 \(zizhu\), field "geometry": \(350000, 3450000\) is not a longitude \/ latitude/),
      expect.stringMatching(/^bad\.geojson, feature 6, field "id" \/ "name": it names no zone/),
    ]);
    // A CSV row whose WKT is broken, and one that is a point.
    const csv = readZoneFile(enc('id,wkt\ndaning,"POLYGON((121 31, 121.1 31"\nsuhe-bay,POINT(121.47 31.24)\n'), 'z.csv', targets);
    expect(csv.problems).toEqual([
      expect.stringMatching(/^z\.csv, row 2 \(daning\), field "wkt": the WKT cannot be read/),
      'z.csv, row 3 (suhe-bay), field "wkt": it is a POINT, not a POLYGON or MULTIPOLYGON',
    ]);
    // A boundary read in the wrong system far off: refused as far from the zone, not drawn in the sea.
    const far = readZoneFile(fc(feature({ id: 'daning' }, { type: 'Polygon', coordinates: [daning.coordinates[0]!.map(([a, b]) => [a! + 0.3, b!])] })), 'f.geojson', targets);
    expect(far.problems[0]).toMatch(/field "geometry": its centre is 2\d\.\d km from the shipped zone/);
  });

  it('refuses a whole file that cannot be read, saying why', () => {
    expect(() => readZoneFile(enc('{"type":"FeatureCollection",'), 'x.geojson', targets)).toThrow(/x\.geojson is not valid JSON/);
    expect(() => readZoneFile(enc('name,lon,lat\nA,121,31\n'), 'x.csv', targets)).toThrow(/x\.csv: no WKT column/);
    expect(() => readZoneFile(enc(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:32651' } }, features: [] })), 'utm.geojson', targets)).toThrow(/EPSG:32651/);
    expect(() => readZoneFile(fc(), 'empty.geojson', targets)).toThrow(/holds no features/);
  });
});
