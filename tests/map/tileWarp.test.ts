/**
 * GCJ-02 tiles drawn in WGS-84 by one translation per tile: the pixel arithmetic against proj4's
 * Web Mercator, the translation against the point conversion, the error bound over Shanghai, and
 * the source tiles that cover a shifted tile.
 */
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { fromWgs84 } from '../../src/io/crs';
import { gcjSourceOrigin, lonLatToPixel, pixelToLonLat, sourceTiles, TILE_PX, warpErrorPx } from '../../src/map/tileWarp';

const HALF = 20037508.342789244;

describe('tileWarp', () => {
  it('global pixels agree with proj4 Web Mercator (EPSG:3857) and round-trip', () => {
    for (const [lon, lat] of [[121.4737, 31.2304], [120.9, 30.7], [122.1, 31.9]] as const) {
      const [mx, my] = proj4('EPSG:4326', 'EPSG:3857', [lon, lat]);
      const scale = TILE_PX * 2 ** 16;
      const [px, py] = lonLatToPixel(lon, lat, 16);
      expect(px).toBeCloseTo(((mx! + HALF) / (2 * HALF)) * scale, 6);
      expect(py).toBeCloseTo(((HALF - my!) / (2 * HALF)) * scale, 6);
      const [lon2, lat2] = pixelToLonLat(px, py, 16);
      expect(lon2).toBeCloseTo(lon, 10);
      expect(lat2).toBeCloseTo(lat, 10);
    }
  });

  it("a tile's centre is taken from where GCJ-02 puts it (People's Square, zoom 16: ~200 px away)", () => {
    const [cx, cy] = lonLatToPixel(121.4737, 31.2304, 16);
    const x = Math.floor(cx / TILE_PX);
    const y = Math.floor(cy / TILE_PX);
    const origin = gcjSourceOrigin(16, x, y);
    const [lon, lat] = pixelToLonLat((x + 0.5) * TILE_PX, (y + 0.5) * TILE_PX, 16);
    const [gx, gy] = lonLatToPixel(...fromWgs84(lon, lat, 'gcj02'), 16);
    expect(origin[0] + TILE_PX / 2).toBeCloseTo(gx, 6);
    expect(origin[1] + TILE_PX / 2).toBeCloseTo(gy, 6);
    const shift = Math.hypot(origin[0] - x * TILE_PX, origin[1] - y * TILE_PX);
    expect(shift).toBeGreaterThan(150);
    expect(shift).toBeLessThan(300);
  });

  it('one translation a tile is within 1.5 px of the exact conversion everywhere in Shanghai, zoom 8–18 (measured 0.71 px)', () => {
    let worst = 0;
    for (const z of [8, 10, 12, 14, 16, 18]) {
      const [x0, y0] = lonLatToPixel(120.85, 31.88, z).map((v) => Math.floor(v / TILE_PX));
      const [x1, y1] = lonLatToPixel(122.2, 30.68, z).map((v) => Math.floor(v / TILE_PX));
      const step = Math.max(1, Math.floor((x1! - x0!) / 12));
      for (let x = x0!; x <= x1!; x += step) for (let y = y0!; y <= y1!; y += step) worst = Math.max(worst, warpErrorPx(z, x, y));
    }
    expect(worst).toBeLessThan(1.5);
    expect(worst).toBeGreaterThan(0.3); // the bound is not vacuous: GCJ-02's offset does vary within a tile
  });

  it('the source tiles cover the shifted square exactly once', () => {
    const origin: [number, number] = [1000 * TILE_PX + 37.5, 500 * TILE_PX + 200.25];
    const tiles = sourceTiles(12, origin);
    expect(tiles.map((t) => [t.x, t.y])).toEqual([[1000, 500], [1001, 500], [1000, 501], [1001, 501]]);
    expect(tiles[0]).toMatchObject({ dx: -37.5, dy: -200.25 });
    expect(tiles[3]).toMatchObject({ dx: TILE_PX - 37.5, dy: TILE_PX - 200.25 });
    expect(sourceTiles(12, [5 * TILE_PX, 7 * TILE_PX])).toEqual([{ x: 5, y: 7, dx: 0, dy: 0 }]);
  });
});
