/**
 * The committed tile-archive fixtures (scripts/build-tile-fixture.ts) read back through `pmtiles`
 * over a File (the app's path), the vector tiles decoded by @mapbox/vector-tile (MapLibre's own
 * decoder, not the script's writer) and checked against the source road geometry; the script
 * rebuilds them byte for byte.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSource, PMTiles, TileType } from 'pmtiles';
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { unzlibSync } from 'fflate';
import { buildFixtures, readRoads, tileUnits } from '../../scripts/build-tile-fixture';
import { haversineM } from '../../src/domain/geodesy';

const DIR = resolve(__dirname, '../fixtures/tiles');
const open = (name: string) => new PMTiles(new FileSource(new File([readFileSync(resolve(DIR, name))], name)));

describe('tile archive fixtures', () => {
  it('are what the script builds (byte for byte) and small', () => {
    const built = buildFixtures();
    const vector = readFileSync(resolve(DIR, 'peoples-square-vector.pmtiles'));
    const raster = readFileSync(resolve(DIR, 'peoples-square-raster.pmtiles'));
    expect(Buffer.compare(Buffer.from(built.vector), vector)).toBe(0);
    expect(Buffer.compare(Buffer.from(built.raster), raster)).toBe(0);
    expect(vector.length + raster.length).toBeLessThan(300_000);
  });

  it('vector: every named road at z15 is in the tile of its first vertex, in place (< 1 m)', async () => {
    const archive = open('peoples-square-vector.pmtiles');
    const header = await archive.getHeader();
    expect(header.tileType).toBe(TileType.Mvt);
    expect([header.minZoom, header.maxZoom]).toEqual([12, 15]);
    const meta = (await archive.getMetadata()) as { vector_layers: Array<{ id: string }> };
    expect(meta.vector_layers.map((l) => l.id)).toEqual(['roads']);
    const roads = readRoads().filter((r) => r.name);
    expect(roads.length).toBeGreaterThan(500);
    const tiles = new Map<string, VectorTile>();
    let checked = 0;
    for (const road of roads) {
      const [lon, lat] = road.coords[0]!;
      const [u, v] = tileUnits(lon, lat, 15);
      const [x, y] = [Math.floor(u), Math.floor(v)];
      const key = `${x}/${y}`;
      if (!tiles.has(key)) {
        const r = await archive.getZxy(15, x, y);
        expect(r, key).toBeDefined();
        tiles.set(key, new VectorTile(new PbfReader(new Uint8Array(r!.data))));
      }
      const layer = tiles.get(key)!.layers.roads!;
      let best = Infinity;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        if (f.properties.name !== road.name) continue;
        const g = f.toGeoJSON(x, y, 15).geometry as GeoJSON.LineString;
        best = Math.min(best, haversineM(lon, lat, g.coordinates[0]![0]!, g.coordinates[0]![1]!));
      }
      // A tile unit at z15 is ~0.3 m here: rounding is under 0.3 m.
      expect(best, road.name!).toBeLessThan(1);
      checked++;
    }
    expect(checked).toBe(roads.length);
  });

  it('vector: the z12 tiles hold every road once each, with Protomaps kinds', async () => {
    const archive = open('peoples-square-vector.pmtiles');
    const h = await archive.getHeader();
    const [a, b] = [tileUnits(h.minLon, h.maxLat, 12), tileUnits(h.maxLon, h.minLat, 12)];
    const ids = new Set<number | undefined>();
    const kinds = new Set<unknown>();
    for (let x = Math.floor(a[0]); x <= Math.floor(b[0]); x++)
      for (let y = Math.floor(a[1]); y <= Math.floor(b[1]); y++) {
        const r = await archive.getZxy(12, x, y);
        if (!r) continue;
        const layer = new VectorTile(new PbfReader(new Uint8Array(r.data))).layers.roads!;
        for (let i = 0; i < layer.length; i++) {
          ids.add(layer.feature(i).id);
          kinds.add(layer.feature(i).properties.kind);
        }
      }
    expect(ids.size).toBe(readRoads().length);
    expect([...kinds].sort()).toEqual(['major_road', 'minor_road']);
  });

  it('raster: a PNG tile is dark where a road passes and pale far from every road', async () => {
    const archive = open('peoples-square-raster.pmtiles');
    const header = await archive.getHeader();
    expect(header.tileType).toBe(TileType.Png);
    // 南北高架路's first vertex.
    const [lon, lat] = [121.4659555, 31.2250309];
    const [u, v] = tileUnits(lon, lat, 15);
    const r = await archive.getZxy(15, Math.floor(u), Math.floor(v));
    const png = new Uint8Array(r!.data);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const dv = new DataView(png.buffer, png.byteOffset);
    expect([dv.getUint32(16), dv.getUint32(20)]).toEqual([256, 256]);
    const idatLength = dv.getUint32(33);
    const raw = unzlibSync(png.subarray(41, 41 + idatLength));
    const at = (px: number, py: number) => raw[py * (256 * 4 + 1) + 1 + px * 4]!;
    const [px, py] = [Math.floor((u % 1) * 256), Math.floor((v % 1) * 256)];
    expect(at(px, py)).toBeLessThan(100);
    // The ground's red channel is 238.
    expect(new Set(Array.from({ length: 256 }, (_, i) => at(i, 0)).filter((c) => c > 200))).toEqual(new Set([238]));
  });
});
