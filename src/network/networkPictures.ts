/**
 * The two map pictures of network distance, painted on the coverage picture's tiles
 * (src/coverage/picture.ts) so that they lie cell for cell on the straight-line picture:
 *
 * - `walk`: ground covered by network distance (within the radius along the streets);
 * - `beyond`: ground within the circle but beyond the walk — covered by the straight line, not by
 *   the network: what the circle overstates.
 *
 * Both are drawn only over the road file's extent (its nodes' box widened by the snap distance):
 * outside it the file says nothing about the streets, so the straight line is not "overstated"
 * there, only unmeasured.
 */
import type { CellBox } from '../coverage/cellBox';
import type { CoverTest, Ground } from '../coverage/engine';
import type { CoverageGrid } from '../coverage/grid';
import { isBlank, paintTile, type PictureTile } from '../coverage/picture';
import type { NetworkContext } from './context';

type RGBA = readonly [number, number, number, number];

/** Covered on foot along the streets: teal, apart from the gap picture's red and the comparison's blue and orange. */
export const WALK_RGBA: RGBA = [0, 150, 136, 120];
/** Within the circle but beyond the walk: magenta, which reads over the gap picture's red and the teal. */
export const BEYOND_RGBA: RGBA = [200, 30, 160, 105];
const NONE: RGBA = [0, 0, 0, 0];

export type NetworkPictureLayer = 'walk' | 'beyond';
export const NETWORK_PICTURE_LAYERS: readonly NetworkPictureLayer[] = ['walk', 'beyond'];

/** The cells the road file speaks for: its nodes' box widened by the snap distance, clipped to the grid; null when it misses the grid. */
export function networkExtent(ctx: NetworkContext): CellBox | null {
  const { grid, graph, joins } = ctx;
  if (graph.nodeCount === 0) return null;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < graph.nodeCount; i++) {
    const x = graph.x[i]!;
    const y = graph.y[i]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const m = joins.snapM;
  const c0 = Math.max(0, Math.floor((x0 - m - grid.x0) / grid.cellM));
  const c1 = Math.min(grid.cols - 1, Math.floor((x1 + m - grid.x0) / grid.cellM));
  const r0 = Math.max(0, Math.floor((y0 - m - grid.y0) / grid.cellM));
  const r1 = Math.min(grid.rows - 1, Math.floor((y1 + m - grid.y0) / grid.cellM));
  return c0 > c1 || r0 > r1 ? null : { c0, c1, r0, r1 };
}

/** Whether a tile and a box of cells share a cell. */
export function tileMeetsBox(tile: PictureTile, box: CellBox): boolean {
  return tile.c0 <= box.c1 && tile.c0 + tile.width - 1 >= box.c0 && tile.r0 <= box.r1 && tile.r0 + tile.height - 1 >= box.r0;
}

/**
 * One tile of a network picture: RGBA in the coverage picture's layout (row 0 at the north edge),
 * blank outside `extent`.
 * @param network the cover test on network distances
 * @param straight the same rule's cover test on straight-line distances (for `beyond`)
 */
export function paintNetworkTile(
  grid: CoverageGrid,
  tile: PictureTile,
  layer: NetworkPictureLayer,
  network: CoverTest,
  straight: CoverTest,
  ground: Ground,
  extent: CellBox,
): Uint8ClampedArray {
  const nothing: CoverTest = { dist: null, own: null, insideM: network.insideM, outsideM: network.outsideM };
  const rgba =
    layer === 'walk'
      ? paintTile(grid, tile, { mode: 'difference', ground, a: network, b: nothing, onlyA: WALK_RGBA, onlyB: NONE })
      : paintTile(grid, tile, { mode: 'difference', ground, a: straight, b: network, onlyA: BEYOND_RGBA, onlyB: NONE });
  const { width, height, c0, r0 } = tile;
  for (let j = 0; j < height; j++) {
    const row = r0 + j;
    const line = (height - 1 - j) * width;
    for (let i = 0; i < width; i++) {
      const col = c0 + i;
      if (row >= extent.r0 && row <= extent.r1 && col >= extent.c0 && col <= extent.c1) continue;
      rgba.fill(0, (line + i) * 4, (line + i) * 4 + 4);
    }
  }
  return rgba;
}

export { isBlank };
