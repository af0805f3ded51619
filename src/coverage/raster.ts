/**
 * Pictures of the coverage grid for the map: the gap layer (cells no site reaches) and the distance
 * layer (distance to the nearest site, coloured against the rule's radius).
 *
 * The grid lives on a transverse Mercator plane; the map draws images in lon/lat. A `RasterFrame` is
 * a lon/lat-aligned image (north-up, row 0 at the north edge) whose every pixel knows the grid cell
 * under its centre, found once by projecting the pixel centre. Painting is then one table lookup
 * per pixel (a few ms for the city), cheap enough to repaint on every drag step; the map places the
 * image with exact lon/lat bounds, so there is no resampling error beyond the pixel size.
 */
import type { CoverageGrid } from './grid';

export interface RasterFrame {
  width: number;
  height: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  /** Grid cell under each pixel centre (row-major from the north-west), −1 outside the study area. */
  cellOf: Int32Array;
}

/** Radii in metres per ring part; −1 when the rule leaves that part out. */
export interface RasterRule {
  insideM: number;
  outsideM: number;
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQ = 111_320;

/** The lon/lat box of the grid, from its edges sampled every ~cell. */
function gridBounds(grid: CoverageGrid): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const out = [0, 0];
  const W = grid.cols * grid.cellM;
  const H = grid.rows * grid.cellM;
  const steps = Math.max(grid.cols, grid.rows);
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    for (const [x, y] of [[t * W, 0], [t * W, H], [0, t * H], [W, t * H]] as const) {
      grid.projection.inverse(grid.x0 + x, grid.y0 + y, out);
      w = Math.min(w, out[0]!); e = Math.max(e, out[0]!);
      s = Math.min(s, out[1]!); n = Math.max(n, out[1]!);
    }
  }
  return [w, s, e, n];
}

/**
 * A lon/lat image frame over the grid with pixels of about `pixelM` metres (default: the cell size).
 * Pixels whose centre lies in no district cell map to −1 and stay transparent.
 */
export function buildRasterFrame(grid: CoverageGrid, pixelM = grid.cellM): RasterFrame {
  const bounds = gridBounds(grid);
  const [w, s, e, n] = bounds;
  const midLat = ((s + n) / 2) * (Math.PI / 180);
  const dLon = pixelM / (M_PER_DEG_LON_EQ * Math.cos(midLat));
  const dLat = pixelM / M_PER_DEG_LAT;
  const width = Math.ceil((e - w) / dLon);
  const height = Math.ceil((n - s) / dLat);
  const frame: RasterFrame = {
    width,
    height,
    bounds: [w, n - height * dLat, w + width * dLon, n],
    cellOf: new Int32Array(width * height).fill(-1),
  };
  const xy = [0, 0];
  for (let r = 0; r < height; r++) {
    const lat = n - (r + 0.5) * dLat;
    for (let c = 0; c < width; c++) {
      grid.projection.forward(w + (c + 0.5) * dLon, lat, xy);
      const col = Math.floor((xy[0]! - grid.x0) / grid.cellM);
      const row = Math.floor((xy[1]! - grid.y0) / grid.cellM);
      if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) continue;
      const k = row * grid.cols + col;
      if (grid.district[k] !== 0) frame.cellOf[r * width + c] = k;
    }
  }
  return frame;
}

function radiusOf(grid: CoverageGrid, k: number, rule: RasterRule): number {
  return grid.insideRing[k] ? rule.insideM : rule.outsideM;
}

/**
 * Paints uncovered cells (centre farther than the radius of its ring part) with `colour` (RGBA),
 * everything else transparent. Returns `out` (length width × height × 4).
 */
export function paintGaps(
  frame: RasterFrame,
  grid: CoverageGrid,
  dist: Float32Array,
  rule: RasterRule,
  colour: readonly [number, number, number, number],
  out = new Uint8ClampedArray(frame.width * frame.height * 4),
): Uint8ClampedArray {
  out.fill(0);
  const { cellOf } = frame;
  for (let p = 0; p < cellOf.length; p++) {
    const k = cellOf[p]!;
    if (k < 0) continue;
    const r = radiusOf(grid, k, rule);
    if (r < 0 || dist[k]! <= r) continue;
    out.set(colour, p * 4);
  }
  return out;
}

/** Ramp entries: index i colours distances of (i / RAMP_STEPS_PER_RADIUS) radii; the last entry is "no site within the cap". */
export const RAMP_STEPS_PER_RADIUS = 100;
export const RAMP_SIZE = 2 * RAMP_STEPS_PER_RADIUS + 2;

/**
 * Paints each cell by its distance relative to its radius: `ramp` holds RAMP_SIZE RGBA entries
 * (0 … 2 radii, then beyond the cap / no site). Parts the rule leaves out stay transparent.
 */
export function paintDistance(
  frame: RasterFrame,
  grid: CoverageGrid,
  dist: Float32Array,
  rule: RasterRule,
  ramp: Uint8ClampedArray,
  out = new Uint8ClampedArray(frame.width * frame.height * 4),
): Uint8ClampedArray {
  out.fill(0);
  const { cellOf } = frame;
  const last = RAMP_SIZE - 1;
  for (let p = 0; p < cellOf.length; p++) {
    const k = cellOf[p]!;
    if (k < 0) continue;
    const r = radiusOf(grid, k, rule);
    if (r < 0) continue;
    const d = dist[k]!;
    const i = d === Infinity ? last : Math.min(last - 1, Math.floor((d / r) * RAMP_STEPS_PER_RADIUS));
    const o = i * 4;
    const q = p * 4;
    out[q] = ramp[o]!;
    out[q + 1] = ramp[o + 1]!;
    out[q + 2] = ramp[o + 2]!;
    out[q + 3] = ramp[o + 3]!;
  }
  return out;
}

/**
 * A ramp from colour stops at fractions of the radius (0 … 2), plus the "no site within the cap" colour.
 * Stops: [fraction, [r, g, b, a]] ascending.
 */
export function buildRamp(
  stops: ReadonlyArray<readonly [number, readonly [number, number, number, number]]>,
  none: readonly [number, number, number, number],
): Uint8ClampedArray {
  const ramp = new Uint8ClampedArray(RAMP_SIZE * 4);
  for (let i = 0; i < RAMP_SIZE - 1; i++) {
    const f = i / RAMP_STEPS_PER_RADIUS;
    let j = 0;
    while (j < stops.length - 2 && stops[j + 1]![0] <= f) j++;
    const [f0, c0] = stops[j]!;
    const [f1, c1] = stops[Math.min(j + 1, stops.length - 1)]!;
    const t = f1 > f0 ? Math.max(0, Math.min(1, (f - f0) / (f1 - f0))) : 0;
    for (let ch = 0; ch < 4; ch++) ramp[i * 4 + ch] = c0[ch]! + (c1[ch]! - c0[ch]!) * t;
  }
  ramp.set(none, (RAMP_SIZE - 1) * 4);
  return ramp;
}
