/**
 * gcoord through src/io/crs.ts, checked three ways:
 * 1. against WGS-84 ↔ GCJ-02 pairs published by other projects (googollee/eviltransform's test
 *    vectors, MIT) and GCJ-02 ↔ BD-09 pairs printed by wandergis/coordtransform's example. These are
 *    outputs of the same public formulas from independent code — not surveyed ground truth, which
 *    is not published for an obfuscation — so they pin gcoord to the formula everyone uses;
 * 2. against the formulas written out in tests/io/referenceCrs.ts, over a grid covering Shanghai;
 * 3. the inverse (what the importer runs: GCJ-02/BD-09 → WGS-84) must land back on the start.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { convert, CRS_IDS, fromWgs84, invertsSafely, parseCrs, stripCrsWords, toWgs84 } from '../../src/io/crs';
import { haversineM, referenceGcjToBd, referenceWgsToGcj } from './referenceCrs';

describe('published pairs', () => {
  // [wgsLat, wgsLng, gcjLat, gcjLng] from eviltransform's javascript/test.js.
  const eviltransform: [string, number, number, number, number][] = [
    ['Shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['Shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['Beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
  ];
  for (const [city, wLat, wLon, gLat, gLon] of eviltransform) {
    it(`${city}: WGS-84 → GCJ-02 matches to 1e-6°, and back to within 0.5 m`, () => {
      const [lon, lat] = fromWgs84(wLon, wLat, 'gcj02');
      expect(Math.abs(lon - gLon)).toBeLessThan(1e-6);
      expect(Math.abs(lat - gLat)).toBeLessThan(1e-6);
      expect(haversineM(toWgs84(gLon, gLat, 'gcj02'), [wLon, wLat])).toBeLessThan(0.5);
    });
  }

  it('GCJ-02 ↔ BD-09 at (116.404, 39.915) matches coordtransform’s printed results to 1e-6°', () => {
    // gcj02tobd09(116.404, 39.915) and bd09togcj02(116.404, 39.915) from coordtransform's test/app.js.
    const bd = convert(116.404, 39.915, 'gcj02', 'bd09');
    expect(bd[0]).toBeCloseTo(116.41036949371029, 6);
    expect(bd[1]).toBeCloseTo(39.92133699351021, 6);
    const gcjFromBd = convert(116.404, 39.915, 'bd09', 'gcj02');
    expect(gcjFromBd[0]).toBeCloseTo(116.39762729119315, 6);
    expect(gcjFromBd[1]).toBeCloseTo(39.90865673957631, 6);
  });
});

describe('against the formulas written out independently, over Shanghai', () => {
  const grid: [number, number][] = [];
  for (let lon = 120.9; lon <= 122.0; lon += 0.05) for (let lat = 30.7; lat <= 31.9; lat += 0.05) grid.push([lon, lat]);

  it(`WGS-84 → GCJ-02 and → BD-09 agree to 1e-6° at ${grid.length} points, moving them 300–700 m and 800–1500 m`, () => {
    for (const [lon, lat] of grid) {
      const gcj = fromWgs84(lon, lat, 'gcj02');
      const want = referenceWgsToGcj(lon, lat);
      expect(Math.abs(gcj[0] - want[0])).toBeLessThan(1e-6);
      expect(Math.abs(gcj[1] - want[1])).toBeLessThan(1e-6);
      const bd = fromWgs84(lon, lat, 'bd09');
      const wantBd = referenceGcjToBd(want[0], want[1]);
      expect(Math.abs(bd[0] - wantBd[0])).toBeLessThan(1e-6);
      expect(Math.abs(bd[1] - wantBd[1])).toBeLessThan(1e-6);
      const gcjShift = haversineM([lon, lat], gcj);
      expect(gcjShift).toBeGreaterThan(300);
      expect(gcjShift).toBeLessThan(700);
      const bdShift = haversineM([lon, lat], bd);
      expect(bdShift).toBeGreaterThan(800);
      expect(bdShift).toBeLessThan(1500);
    }
  });

  it('GCJ-02 → WGS-84 and BD-09 → WGS-84 come back within 1 m of where the reference formulas started', () => {
    let worst = 0;
    for (const [lon, lat] of grid) {
      const gcj = referenceWgsToGcj(lon, lat);
      worst = Math.max(worst, haversineM(toWgs84(gcj[0], gcj[1], 'gcj02'), [lon, lat]));
      const bd = referenceGcjToBd(gcj[0], gcj[1]);
      worst = Math.max(worst, haversineM(toWgs84(bd[0], bd[1], 'bd09'), [lon, lat]));
    }
    expect(worst).toBeLessThan(1);
  });
});

describe('crs helpers', () => {
  it('leaves WGS-84 and non-finite input alone (the validator reports those)', () => {
    expect(toWgs84(121.4, 31.2, 'wgs84')).toEqual([121.4, 31.2]);
    for (const crs of CRS_IDS) {
      expect(toWgs84(NaN, 31.2, crs)).toEqual([NaN, 31.2]);
      expect(fromWgs84(121.4, Infinity, crs)).toEqual([121.4, Infinity]);
    }
  });

  it('reads the names people use for the systems', () => {
    expect(parseCrs('WGS-84')).toBe('wgs84');
    expect(parseCrs('GCJ-02')).toBe('gcj02');
    expect(parseCrs('高德')).toBe('gcj02');
    expect(parseCrs('BD09')).toBe('bd09');
    expect(parseCrs('百度')).toBe('bd09');
    expect(parseCrs('mercator')).toBeNull();
  });

  it('takes system words out of headers and says which system they named', () => {
    expect(stripCrsWords('lon_gcj02')).toEqual({ rest: 'lon', crs: 'gcj02' });
    expect(stripCrsWords('经度(百度)')).toEqual({ rest: '经度', crs: 'bd09' });
    expect(stripCrsWords('Longitude (WGS-84)')).toEqual({ rest: 'longitude', crs: 'wgs84' });
    expect(stripCrsWords('纬度（高德）')).toEqual({ rest: '纬度', crs: 'gcj02' });
    expect(stripCrsWords('lat2')).toEqual({ rest: 'lat2', crs: null });
  });
});

describe('near the edges of the offset’s box', () => {
  it('turns every point back in finite time, in a child process that is killed if it hangs', () => {
    // gcoord's inverse iterates without a cap; these points made it loop for ever (the first one
    // was found by the import property test). Run apart, so a hang fails the test instead of the run.
    const script = `
      import { toWgs84, convert } from './src/io/crs.ts';
      const points = [[120.99351004352488, 0.8295132199079311], [121.4, 0.83], [72.01, 30], [137.83, 30], [121.4, 55.82], [72.01, 0.83]];
      const out = [];
      for (const [lon, lat] of points) for (const from of ['gcj02', 'bd09']) {
        out.push(toWgs84(lon, lat, from), convert(lon, lat, from, 'wgs84'));
      }
      console.log(JSON.stringify(out));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as [number, number][];
    expect(out).toHaveLength(24);
    for (const [lon, lat] of out) expect(Number.isFinite(lon) && Number.isFinite(lat)).toBe(true);
  });

  it('converts as before well inside the box (Shanghai), and passes the edges through unchanged', () => {
    expect(invertsSafely(121.47, 31.23)).toBe(true);
    expect(toWgs84(121.47, 31.23, 'gcj02')).not.toEqual([121.47, 31.23]);
    for (const [lon, lat] of [[120.99, 0.8295], [72.05, 30], [137.8, 30], [121.4, 55.8], [60, 30]] as const) {
      expect(invertsSafely(lon, lat)).toBe(false);
      expect(toWgs84(lon, lat, 'gcj02')).toEqual([lon, lat]);
      expect(convert(lon, lat, 'bd09', 'wgs84')).toEqual([lon, lat]);
    }
  });
});
