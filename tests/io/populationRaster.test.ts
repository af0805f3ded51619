/**
 * Population GeoTIFFs (src/io/populationRaster.ts): files written in the test (tests/io/tiffFixtures.ts
 * byte by byte, and one by the geotiff package's own writer), read back pixel for pixel; each refusal
 * with the message a person needs.
 */
import { describe, expect, it } from 'vitest';
import { writeArrayBuffer } from 'geotiff';
import { readPopulationRaster, RasterReadError, SHANGHAI_DISTRICTS_BOX } from '../../src/io/populationRaster';
import { readPopulationFile } from '../../src/io/populationFile';
import { data, type DistrictProps } from '../geodata/load';
import { writeTiff, type TiffSpec } from './tiffFixtures';
import type { MultiPolygon, Polygon } from 'geojson';

/** 60 × 60 pixels of 0.05° from 120° E, 33° N (to 123° E, 30° N): Shanghai and far around it. */
const W = 60;
const H = 60;
const source = Array.from({ length: W * H }, (_, i) => (i * 7919) % 1000);
const spec = (over: Partial<TiffSpec> = {}): TiffSpec => ({ width: W, height: H, values: source, type: 'float32', origin: [120, 33], pixel: [0.05, 0.05], ...over });

/** The window the reader takes: the districts' box ± 0.02°, in whole pixels. */
const X0 = Math.floor((SHANGHAI_DISTRICTS_BOX.west - 0.02 - 120) / 0.05);
const X1 = Math.ceil((SHANGHAI_DISTRICTS_BOX.east + 0.02 - 120) / 0.05);
const N0 = Math.floor((33 - SHANGHAI_DISTRICTS_BOX.north - 0.02) / 0.05);
const N1 = Math.ceil((33 - SHANGHAI_DISTRICTS_BOX.south + 0.02) / 0.05);

function expectWindow(values: Float32Array, nodata: (v: number) => boolean = () => false) {
  const w = X1 - X0;
  expect(values.length).toBe(w * (N1 - N0));
  for (let r = 0; r < N1 - N0; r++) {
    for (let c = 0; c < w; c++) {
      const want = source[(N0 + r) * W + X0 + c]!;
      const got = values[r * w + c]!;
      if (nodata(want)) expect(got).toBeNaN();
      else expect(got).toBe(want);
    }
  }
}

describe('reading', () => {
  for (const [label, over] of [
    ['striped Float32', {}],
    ['tiled Int16, deflate', { type: 'int16', tile: 16, deflate: true }],
    ['tiled Float64', { type: 'float64', tile: 32 }],
    ['striped UInt16, deflate', { type: 'uint16', deflate: true }],
    ['tiled UInt8', { type: 'uint8', tile: 16, values: source.map((v) => v % 256) }],
    ['striped Int32', { type: 'int32' }],
  ] as const) {
    it(`${label}: the window over Shanghai, pixel for pixel, north-up`, async () => {
      const file = spec(over as Partial<TiffSpec>);
      const r = await readPopulationRaster(writeTiff(file), 'pop.tif');
      const values = (over as { values?: number[] }).values;
      if (values) {
        // The UInt8 case holds other values: compare against them.
        const w = X1 - X0;
        for (let i = 0; i < w * (N1 - N0); i++) expect(r.raster.values[i]).toBe(values[(N0 + Math.floor(i / w)) * W + X0 + (i % w)]);
      } else expectWindow(r.raster.values);
      expect(r.window).toEqual([X0, N0, X1, N1]);
      expect(r.raster.west).toBeCloseTo(120 + X0 * 0.05, 12);
      expect(r.raster.north).toBeCloseTo(33 - N0 * 0.05, 12);
      expect([r.raster.dLon, r.raster.dLat]).toEqual([0.05, 0.05]);
      expect([r.fileWidth, r.fileHeight]).toEqual([W, H]);
    });
  }

  it('honours the nodata value (and NaN in float files), counting the pixels', async () => {
    const values = source.map((v, i) => (i % 13 === 0 ? NaN : v));
    const r = await readPopulationRaster(writeTiff(spec({ nodata: '999', values })), 'pop.tif');
    const isNodata = (v: number) => v === 999 || Number.isNaN(v);
    const w = X1 - X0;
    let n = 0;
    let total = 0;
    for (let i = 0; i < w * (N1 - N0); i++) {
      const want = values[(N0 + Math.floor(i / w)) * W + X0 + (i % w)]!;
      if (isNodata(want)) {
        n++;
        expect(r.raster.values[i]).toBeNaN();
      } else {
        expect(r.raster.values[i]).toBe(want);
        total += want;
      }
    }
    expect(n).toBeGreaterThan(0);
    expect(r.nodataPixels).toBe(n);
    expect(r.total).toBe(total);
    expect(r.nodata).toBe(999);
  });

  it('reads a Float32 nodata written as a long decimal (WorldPop: -3.4028234663852886e+38)', async () => {
    const values = source.map((v, i) => (i % 5 === 0 ? -3.4028234663852886e38 : v));
    const r = await readPopulationRaster(writeTiff(spec({ nodata: '-3.4028234663852886e+38', values })), 'worldpop.tif');
    expect(r.nodataPixels).toBeGreaterThan(0);
    expect(Array.from(r.raster.values).every((v) => Number.isNaN(v) || v >= 0)).toBe(true);
  });

  it('reads what the geotiff package itself writes', async () => {
    const buf = writeArrayBuffer(new Float32Array(source), {
      width: W,
      height: H,
      ModelPixelScale: [0.05, 0.05, 0],
      ModelTiepoint: [0, 0, 0, 120, 33, 0],
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 4326,
      SampleFormat: [3],
      BitsPerSample: [32],
    });
    expectWindow((await readPopulationRaster(buf, 'pop.tif')).raster.values);
  });

  it('reads a Blob as it reads the bytes', async () => {
    const bytes = writeTiff(spec({ tile: 16 }));
    const a = await readPopulationRaster(bytes, 'pop.tif');
    const b = await readPopulationRaster(new Blob([bytes]), 'pop.tif');
    expect(Array.from(b.raster.values)).toEqual(Array.from(a.raster.values));
  });

  it('shifts a PixelIsPoint file by half a pixel, and flips a south-up one', async () => {
    const point = await readPopulationRaster(writeTiff(spec({ origin: [120.025, 32.975], pixelIsPoint: true })), 'pop.tif');
    expect(point.raster.west).toBeCloseTo(120 + X0 * 0.05, 12);
    expect(point.raster.north).toBeCloseTo(33 - N0 * 0.05, 12);
    expectWindow(point.raster.values);
    // The same grid stored from the south: row 0 is 30–30.05° N, the y scale positive.
    const flipped = source.map((_, i) => source[(H - 1 - Math.floor(i / W)) * W + (i % W)]!);
    const south = await readPopulationRaster(writeTiff(spec({ values: flipped, origin: [120, 30], pixel: [0.05, -0.05] })), 'pop.tif');
    expect(south.raster.north).toBeCloseTo(33 - N0 * 0.05, 12);
    expectWindow(south.raster.values);
  });

  it('is told apart from a polygon file by its first bytes', async () => {
    const r = await readPopulationFile(writeTiff(spec()), 'chn_ppp_2020_UNadj.tif');
    expect(r.input.kind).toBe('raster');
    expect(r.input.source).toMatchObject({ kind: 'raster', name: 'chn_ppp_2020_UNadj.tif', year: 2020 });
    expect(r.facts).toMatch(/25 × 25 pixels read of 60 × 60, 180\.0″ × 180\.0″, 32-bit floating point/);
  });

  it('SHANGHAI_DISTRICTS_BOX holds every district', () => {
    for (const f of data<Polygon | MultiPolygon, DistrictProps>('districts.geojson').features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const [lon, lat] of polys.flatMap((p) => p[0]!)) {
        expect(lon).toBeGreaterThanOrEqual(SHANGHAI_DISTRICTS_BOX.west);
        expect(lon).toBeLessThanOrEqual(SHANGHAI_DISTRICTS_BOX.east);
        expect(lat).toBeGreaterThanOrEqual(SHANGHAI_DISTRICTS_BOX.south);
        expect(lat).toBeLessThanOrEqual(SHANGHAI_DISTRICTS_BOX.north);
      }
    }
  });
});

describe('refusals name the file and what is wrong', () => {
  const refuse = async (bytes: ArrayBuffer, pattern: RegExp, options = {}) => {
    const e = await readPopulationRaster(bytes, 'bad.tif', options).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(RasterReadError);
    expect((e as Error).message).toMatch(/^bad\.tif/);
    expect((e as Error).message).toMatch(pattern);
  };

  it('a projected CRS (UTM 51N), read from the GeoKeys', () =>
    refuse(writeTiff(spec({ origin: [300000, 3500000], pixel: [100, 100], geoKeys: { 1024: 1, 1025: 1, 3072: 32651 } })), /projected coordinate system \(EPSG:32651; GTModelTypeGeoKey = 1\).*gdalwarp -t_srs EPSG:4326/));

  it('a geographic CRS other than WGS-84 (CGCS2000)', () => refuse(writeTiff(spec({ geoKeys: { 1024: 2, 1025: 1, 2048: 4490 } })), /EPSG:4490 \(GeographicTypeGeoKey\), not EPSG:4326/));

  it('no GeoKeys at all', () => refuse(writeTiff(spec({ geoKeys: null })), /no GeoTIFF keys, so its coordinate system is unknown/));

  it('a raster that misses Shanghai', () =>
    refuse(writeTiff(spec({ origin: [100, 25], pixel: [0.05, 0.05] })), /covers 100\.00° E to 103\.00° E, 22\.00° N to 25\.00° N: it misses Shanghai \(120\.85° E to 122\.01° E, 30\.69° N to 31\.87° N\)/));

  it('a negative count (where, and that the nodata value may be missing)', () => {
    const values = source.slice();
    // Pixel (column 30, row 30): 121.50–121.55° E, 31.45–31.50° N, inside the window.
    values[30 * W + 30] = -5;
    return refuse(writeTiff(spec({ values })), /pixel at 121\.53° E, 31\.48° N \(column 30, row 30 of the file\) holds -5: a count of residents cannot be negative \(the file declares no nodata value: is it missing\?\)/);
  });

  it('a file over the size limit, before reading it', () => refuse(writeTiff(spec()), /is 0\.0 MB, over the 0\.0 MB limit for a population raster: clip it to Shanghai first/, { maxBytes: 1000 }));

  it('an unsupported sample format (16-bit float), and more than one band', async () => {
    await refuse(writeTiff(spec({ type: 'float16' })), /its pixels are 16-bit floating point, which is not supported \(8\/16\/32-bit integers, 32\/64-bit floating point\)/);
    const rgb = writeArrayBuffer(new Uint8Array(W * H * 3), { width: W, height: H, ModelPixelScale: [0.05, 0.05, 0], ModelTiepoint: [0, 0, 0, 120, 33, 0], GeographicTypeGeoKey: 4326, GTModelTypeGeoKey: 2 });
    await refuse(rgb, /has 3 bands; a population raster has one/);
  });

  it('bytes that are not a TIFF', () => refuse(new TextEncoder().encode('lon,lat,pop\n121,31,5\n').buffer as ArrayBuffer, /cannot be read as a GeoTIFF/));
});
