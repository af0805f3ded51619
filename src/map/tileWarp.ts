/**
 * GCJ-02 tiles drawn in WGS-84. Most Chinese tile services (高德, 腾讯, many office GIS servers) cut
 * their Web Mercator tiles from GCJ-02 coordinates: in Shanghai everything on them sits ~500 m from
 * where WGS-84 puts it. The app keeps every layer in WGS-84 and moves the tiles instead: the WGS-84
 * tile z/x/y is cut from the GCJ-02 tiles at the place GCJ-02 gives the tile's ground.
 *
 * GCJ-02's offset changes slowly with position (tens of centimetres per kilometre), so one
 * translation per tile — the offset at the tile's centre — is used, in pixels of that zoom. What
 * that costs is `warpErrorPx`: the largest distance, in screen pixels, between where a tile's pixel
 * lands and where the exact per-point conversion would put it (the README quotes it, a test bounds it).
 *
 * Pure (tile arithmetic only): the browser's protocol handler (gcjTiles.ts) fetches and draws.
 */
import { fromWgs84 } from '../io/crs';

export const TILE_PX = 256;

/** Global pixel coordinates at zoom z of a lon/lat (Web Mercator, 256-pixel tiles). */
export function lonLatToPixel(lon: number, lat: number, z: number): [number, number] {
  const scale = TILE_PX * 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

export function pixelToLonLat(px: number, py: number, z: number): [number, number] {
  const scale = TILE_PX * 2 ** z;
  const lon = (px / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * py) / scale;
  return [lon, (180 / Math.PI) * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)))];
}

/** Where, in the GCJ-02 tiles' global pixels of zoom z, the WGS-84 tile z/x/y's top-left pixel is found (one translation for the tile). */
export function gcjSourceOrigin(z: number, x: number, y: number): [number, number] {
  const [lon, lat] = pixelToLonLat((x + 0.5) * TILE_PX, (y + 0.5) * TILE_PX, z);
  const [glon, glat] = fromWgs84(lon, lat, 'gcj02');
  const [cx, cy] = lonLatToPixel(glon, glat, z);
  return [cx - TILE_PX / 2, cy - TILE_PX / 2];
}

/** The GCJ-02 tiles (x, y at zoom z) that cover the 256-pixel square from `origin`, with where each is drawn in the output tile. */
export function sourceTiles(z: number, origin: [number, number]): Array<{ x: number; y: number; dx: number; dy: number }> {
  const n = 2 ** z;
  const out: Array<{ x: number; y: number; dx: number; dy: number }> = [];
  const x0 = Math.floor(origin[0] / TILE_PX);
  const y0 = Math.floor(origin[1] / TILE_PX);
  for (let ty = y0; ty * TILE_PX < origin[1] + TILE_PX; ty++) {
    if (ty < 0 || ty >= n) continue;
    for (let tx = x0; tx * TILE_PX < origin[0] + TILE_PX; tx++) {
      out.push({ x: ((tx % n) + n) % n, y: ty, dx: tx * TILE_PX - origin[0], dy: ty * TILE_PX - origin[1] });
    }
  }
  return out;
}

/**
 * The largest distance (screen pixels) between where the one-translation warp puts a point of the
 * WGS-84 tile z/x/y and where the exact conversion of that point to GCJ-02 would find it, sampled on
 * a `grid`×`grid` lattice of the tile.
 */
export function warpErrorPx(z: number, x: number, y: number, grid = 9): number {
  const origin = gcjSourceOrigin(z, x, y);
  let worst = 0;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const px = x * TILE_PX + (i / (grid - 1)) * TILE_PX;
      const py = y * TILE_PX + (j / (grid - 1)) * TILE_PX;
      const [lon, lat] = pixelToLonLat(px, py, z);
      const [glon, glat] = fromWgs84(lon, lat, 'gcj02');
      const [ex, ey] = lonLatToPixel(glon, glat, z);
      const wx = origin[0] + (px - x * TILE_PX);
      const wy = origin[1] + (py - y * TILE_PX);
      worst = Math.max(worst, Math.hypot(ex - wx, ey - wy));
    }
  }
  return worst;
}
