/**
 * Pictures of the coverage grid for the map: the gap layer (ground no site serves), the distance
 * layer (distance to the nearest service in units of the radius that serves the ground there) and,
 * while comparing, the difference layer — one texel per grid cell, cut into tiles.
 *
 * Why cells, not a lon/lat image: the grid lives on a transverse Mercator plane. A lon/lat image with
 * 75 m pixels over 50 m cells never sampled 56 % of the cells, and the whole city was sent again
 * (10.3 MB) for every step of a drag. Here each tile of TILE_CELLS × TILE_CELLS cells is one image,
 * placed on the map by the lon/lat of its four corners; the map maps it onto that quad. A tile spans
 * 12.8 km at 50 m cells, over which the plane's grid lines bend from the quad's straight edges by
 * less than a few metres (measured in tests/coverage/picture.test.ts; bound in the README) — a
 * fraction of a cell. After an edit only the tiles the changed cells touch are painted and sent.
 *
 * Pure (no DOM); runs in the coverage worker and in tests.
 */
import { CELL_INSIDE_RING, CELL_MOSTLY_LAND, type CoverageGrid } from './grid';
import type { CellBox } from './cellBox';
import { coveredAt, reachRatioAt, type CoverTest, type Ground } from './engine';

/** Cells per tile side. */
export const TILE_CELLS = 256;

type RGBA = readonly [number, number, number, number];
type LonLat = [number, number];

export interface PictureTile {
  /** Index in the grid's tile layout (row-major from the south-west). */
  id: number;
  /** First column and row (row 0 at the south edge), and size in cells. */
  c0: number;
  r0: number;
  width: number;
  height: number;
  /** Corners in lon/lat in deck.gl's order: [south-west, north-west, north-east, south-east]. */
  corners: [LonLat, LonLat, LonLat, LonLat];
}

/** The tiles that hold any study-area cell (tiles of open sea or outside every district are left out). */
export function pictureTiles(grid: CoverageGrid): PictureTile[] {
  const tCols = Math.ceil(grid.cols / TILE_CELLS);
  const tRows = Math.ceil(grid.rows / TILE_CELLS);
  const used = new Uint8Array(tCols * tRows);
  for (const k of grid.study.cells) {
    const col = k % grid.cols;
    const row = (k - col) / grid.cols;
    used[Math.floor(row / TILE_CELLS) * tCols + Math.floor(col / TILE_CELLS)] = 1;
  }
  const tiles: PictureTile[] = [];
  const ll = [0, 0];
  const corner = (c: number, r: number): LonLat => {
    grid.projection.inverse(grid.x0 + c * grid.cellM, grid.y0 + r * grid.cellM, ll);
    return [ll[0]!, ll[1]!];
  };
  for (let tr = 0; tr < tRows; tr++) {
    for (let tc = 0; tc < tCols; tc++) {
      if (!used[tr * tCols + tc]) continue;
      const c0 = tc * TILE_CELLS;
      const r0 = tr * TILE_CELLS;
      const width = Math.min(TILE_CELLS, grid.cols - c0);
      const height = Math.min(TILE_CELLS, grid.rows - r0);
      tiles.push({
        id: tr * tCols + tc,
        c0,
        r0,
        width,
        height,
        corners: [corner(c0, r0), corner(c0, r0 + height), corner(c0 + width, r0 + height), corner(c0 + width, r0)],
      });
    }
  }
  return tiles;
}

/** The tiles that hold a cell of `box`. */
export function tilesInBox(tiles: readonly PictureTile[], box: CellBox): PictureTile[] {
  return tiles.filter((t) => t.c0 <= box.c1 && t.c0 + t.width - 1 >= box.c0 && t.r0 <= box.r1 && t.r0 + t.height - 1 >= box.r0);
}

/** Ramp entries: index i colours i / RAMP_STEPS_PER_RADIUS radii; the last entry is "nothing within the cap". */
export const RAMP_STEPS_PER_RADIUS = 100;
export const RAMP_SIZE = 2 * RAMP_STEPS_PER_RADIUS + 2;

/**
 * A ramp from colour stops at fractions of the radius (0 … 2), plus the "nothing within the cap" colour.
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

/** What a picture shows and how. */
export type Painter =
  | { mode: 'gaps'; ground: Ground; test: CoverTest; colour: RGBA }
  | { mode: 'distance'; ground: Ground; test: CoverTest; ramp: Uint8ClampedArray }
  | { mode: 'difference'; ground: Ground; a: CoverTest; b: CoverTest; onlyA: RGBA; onlyB: RGBA };

/**
 * Paints one tile: RGBA, `width × height` texels, row 0 at the tile's NORTH edge (image order: the
 * BitmapLayer maps the image's top to the bounds' north-west and north-east corners; checked on
 * screen by tests/e2e/ringEdge.e2e.test.ts).
 * A cell is painted when it lies in the study area, on the painter's ground (land: the cell is
 * mostly land) and on a side of the Outer Ring the rule counts (the side the cell mostly lies in).
 * Returns `out` (reused when given).
 */
export function paintTile(grid: CoverageGrid, tile: PictureTile, painter: Painter, out?: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height, c0, r0 } = tile;
  const rgba = out ?? new Uint8ClampedArray(width * height * 4);
  rgba.fill(0);
  const { cols, district, cellFlags } = grid;
  const onLand = painter.ground === 'land';
  const put = (p: number, c: ArrayLike<number>, o = 0) => {
    rgba[p] = c[o]!;
    rgba[p + 1] = c[o + 1]!;
    rgba[p + 2] = c[o + 2]!;
    rgba[p + 3] = c[o + 3]!;
  };
  const last = RAMP_SIZE - 1;
  for (let j = 0; j < height; j++) {
    const row = r0 + j;
    const line = (height - 1 - j) * width; // image rows run north → south
    for (let i = 0; i < width; i++) {
      const k = row * cols + c0 + i;
      if (district[k] === 0 || (onLand && (cellFlags[k]! & CELL_MOSTLY_LAND) === 0)) continue;
      const inside = (cellFlags[k]! & CELL_INSIDE_RING) !== 0;
      const p = (line + i) * 4;
      if (painter.mode === 'gaps') {
        const t = painter.test;
        if ((inside ? t.insideM : t.outsideM) >= 0 && !coveredAt(t, k, inside)) put(p, painter.colour);
      } else if (painter.mode === 'distance') {
        const ratio = reachRatioAt(painter.test, k, inside);
        if (Number.isNaN(ratio)) continue;
        const idx = ratio === Infinity ? last : Math.min(last - 1, Math.floor(ratio * RAMP_STEPS_PER_RADIUS));
        put(p, painter.ramp, idx * 4);
      } else {
        const a = coveredAt(painter.a, k, inside);
        const b = coveredAt(painter.b, k, inside);
        if (a && !b) put(p, painter.onlyA);
        else if (b && !a) put(p, painter.onlyB);
      }
    }
  }
  return rgba;
}

/** True when a painted tile has no visible texel (it can be dropped from the map). */
export function isBlank(rgba: Uint8ClampedArray): boolean {
  for (let p = 3; p < rgba.length; p += 4) if (rgba[p] !== 0) return false;
  return true;
}
