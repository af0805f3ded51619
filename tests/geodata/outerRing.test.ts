import * as turf from '@turf/turf';
import type { LineString, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { data, km2, source } from './load';

const area = data<Polygon>('outer-ring-area.geojson');
const ring = area.features[0]!;
const s20 = data<LineString>('outer-ring-s20.geojson');
const stations = data<Point>('metro-stations.geojson');

function station(nameZh: string): [number, number] {
  const f = stations.features.find((s) => s.properties.name_zh === nameZh);
  if (!f) throw new Error(`no station ${nameZh}`);
  return f.geometry.coordinates as [number, number];
}

describe('outer-ring-area.geojson', () => {
  it('is one Polygon named 外环以内', () => {
    expect(area.features).toHaveLength(1);
    expect(ring.geometry.type).toBe('Polygon');
    expect(ring.properties).toMatchObject({ name: '外环以内', name_en: 'Inside the Outer Ring (S20)' });
  });

  it('has an area within 1% of the shared derived polygon (662.4 km²), by turf.area', () => {
    expect(Math.abs(km2(turf.area(ring)) / 662.4 - 1)).toBeLessThan(0.01);
    expect(Math.abs(Number(ring.properties.area_km2_geodesic) / 662.4 - 1)).toBeLessThan(0.01);
  });

  it('matches an independent polygonize of the shipped S20 lines (largest face)', () => {
    const faces = turf.polygonize(turf.featureCollection(s20.features.map((f) => turf.lineString(f.geometry.coordinates))));
    const largest = [...faces.features].sort((a, b) => turf.area(b) - turf.area(a))[0]!;
    const a = turf.difference(turf.featureCollection([largest, ring]));
    const b = turf.difference(turf.featureCollection([ring, largest]));
    const symDiff = km2((a ? turf.area(a) : 0) + (b ? turf.area(b) : 0));
    expect(symDiff).toBeLessThan(0.5);
  });

  it('matches the shared derived polygon it was checked against', () => {
    const shared = source<Polygon>('shanghai_inside_outer_ring_polygon_derived.geojson').features[0]!;
    const a = turf.difference(turf.featureCollection([shared, ring]));
    const b = turf.difference(turf.featureCollection([ring, shared]));
    expect(km2((a ? turf.area(a) : 0) + (b ? turf.area(b) : 0))).toBeLessThan(2);
  });

  it('follows the S20: every vertex lies within 50 m of an S20 line', () => {
    const lines = s20.features;
    for (const p of ring.geometry.coordinates[0]!) {
      const d = Math.min(...lines.map((l) => turf.pointToLineDistance(p, l, { units: 'meters' })));
      expect(d).toBeLessThan(50);
    }
  });

  // Points, WGS-84. The brief's points were checked against the shipped metro stations
  // (shanghai_metro_stations_408_mit.geojson, GCJ-02 converted to WGS-84 by its maker): each is
  // within 0.8 km of the matching station and plausibly placed, so none was moved — People's
  // Square station is 0.56 km NNW of the brief's point (the square itself spans ~0.6 km);
  // Lujiazui 0.74 km E of Lujiazui station, 0.43 km from Pudong South Rd station, in the finance
  // district; Wujiaochang 0.37 km E of its station; Hongqiao Railway Station 0.57 km ESE of its
  // metro stop and 0.29 km from the T2 stop. The stations themselves are tested too.
  it.each([
    ["People's Square (brief)", [121.4737, 31.2304]],
    ["People's Square station", station('人民广场')],
    ['Lujiazui (brief)', [121.5055, 31.2397]],
    ['Lujiazui station', station('陆家嘴')],
    ['Wujiaochang (brief)', [121.5141, 31.3005]],
    ['Wujiaochang station', station('五角场')],
  ] as [string, [number, number]][])('%s is inside the Outer Ring', (_name, p) => {
    expect(turf.booleanPointInPolygon(p, ring)).toBe(true);
  });

  // Maqiao town (121.3600, 31.0350) lies in south-west Minhang, ~9.9 km from the ring; the brief's
  // Hongqiao point is ~3.1 km west of it (the S20 passes east of Hongqiao Airport).
  it.each([
    ['Hongqiao Railway Station (brief)', [121.32, 31.194]],
    ['Hongqiao Railway Station metro', station('虹桥火车站')],
    ['Hongqiao T2 metro', station('虹桥2号航站楼')],
    ['Maqiao town (brief)', [121.36, 31.035]],
  ] as [string, [number, number]][])('%s is outside the Outer Ring', (_name, p) => {
    expect(turf.booleanPointInPolygon(p, ring)).toBe(false);
  });

  it('the outside points are real places in Minhang, not points off the map', () => {
    const minhang = data('districts.geojson').features.find((f) => f.properties?.adcode === '310112')!;
    for (const p of [[121.32, 31.194], [121.36, 31.035], station('虹桥火车站')]) {
      expect(turf.booleanPointInPolygon(p, minhang as never)).toBe(true);
    }
  });
});
