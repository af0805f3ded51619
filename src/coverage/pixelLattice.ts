/**
 * Where each grid sub-sample falls on a longitude/latitude raster, without an inverse projection per
 * sub-sample (the city at 50 m has ~45 million sub-samples; one inverse transverse Mercator costs
 * ~0.1 µs… ×45 M is seconds).
 *
 * The inverse projection is taken exactly at nodes every `BLOCK` cells and interpolated bilinearly in
 * between. Transverse Mercator is smooth: over a block of 16 cells (800 m at 50 m cells) the
 * bilinear interpolant stays within a centimetre of the exact inverse (7.9 mm at worst over the city,
 * tests/coverage/pixelLattice.test.ts; it grows with the square of the block, so 1000 m cells err by
 * ~3 m, still a hundredth of their 250 m sub-samples). The interpolant is written in raster pixel
 * units, and inside one cell it is
 *
 *   X(a, b) = x0 + a·xa + b·xb + a·b·xab,   Y(a, b) likewise,
 *
 * for sub-sample column a and row b (0..3) — exact for the bilinear form, so a sub-sample's pixel is
 * (⌊X⌋, ⌊Y⌋) after three multiply-adds. Along one sub-row X and Y are linear in a, so the pixel
 * column and row are monotone: when the row's first and last sub-samples fall in one pixel, all four
 * do (the fast path of the callers).
 */
import type { CoverageGrid } from './grid';

/** Cells per interpolation block side. */
export const BLOCK = 16;
const PER_BLOCK = 1 / BLOCK;

/** A raster's frame: west / north edges and pixel size (degrees), size in pixels. */
export interface RasterFrame {
  west: number;
  north: number;
  dLon: number;
  dLat: number;
  width: number;
  height: number;
}

export interface PixelLattice {
  /** Fills `c` with the cell's coefficients [x0, xa, xb, xab, y0, ya, yb, yab] (pixel units). */
  cellCoefficients(col: number, row: number, c: Float64Array): void;
}

export function createPixelLattice(grid: CoverageGrid, raster: RasterFrame): PixelLattice {
  const nx = Math.ceil(grid.cols / BLOCK) + 1;
  const ny = Math.ceil(grid.rows / BLOCK) + 1;
  const X = new Float64Array(nx * ny);
  const Y = new Float64Array(nx * ny);
  const ll = new Float64Array(2);
  const span = BLOCK * grid.cellM;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      grid.projection.inverse(grid.x0 + i * span, grid.y0 + j * span, ll);
      X[j * nx + i] = (ll[0]! - raster.west) / raster.dLon;
      Y[j * nx + i] = (raster.north - ll[1]!) / raster.dLat;
    }
  }
  // Per block, the bilinear form f = A + B·u + C·v + D·u·v of X and Y (u, v: position in the block, 0..1).
  const bx = nx - 1;
  const form = new Float64Array(bx * (ny - 1) * 8);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const n00 = j * nx + i;
      const o = (j * bx + i) * 8;
      for (const [F, t] of [
        [X, 0],
        [Y, 4],
      ] as const) {
        const f00 = F[n00]!;
        const f10 = F[n00 + 1]!;
        const f01 = F[n00 + nx]!;
        const f11 = F[n00 + nx + 1]!;
        form[o + t] = f00;
        form[o + t + 1] = f10 - f00;
        form[o + t + 2] = f01 - f00;
        form[o + t + 3] = f11 - f10 - f01 + f00;
      }
    }
  }
  // A sub-sample's centre is at u = (col − block·B + (a + ½)/4) / B: u0 + a·du.
  const du = 0.25 / BLOCK;
  const du2 = du * du;
  return {
    cellCoefficients(col, row, c) {
      // × 1/BLOCK, a power of two: exactly the division, without its cost (millions of calls a load).
      const bi = (col * PER_BLOCK) | 0;
      const bj = (row * PER_BLOCK) | 0;
      const u0 = (col - bi * BLOCK + 0.125) * PER_BLOCK;
      const v0 = (row - bj * BLOCK + 0.125) * PER_BLOCK;
      const o = (bj * bx + bi) * 8;
      let A = form[o]!;
      let B = form[o + 1]!;
      let C = form[o + 2]!;
      let D = form[o + 3]!;
      c[0] = A + B * u0 + C * v0 + D * u0 * v0;
      c[1] = du * (B + D * v0);
      c[2] = du * (C + D * u0);
      c[3] = du2 * D;
      A = form[o + 4]!;
      B = form[o + 5]!;
      C = form[o + 6]!;
      D = form[o + 7]!;
      c[4] = A + B * u0 + C * v0 + D * u0 * v0;
      c[5] = du * (B + D * v0);
      c[6] = du * (C + D * u0);
      c[7] = du2 * D;
    },
  };
}
