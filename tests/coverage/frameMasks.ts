/**
 * Test helper for the grid's compact per-cell data (issue #19): the shipped layers the tests use, and
 * the sub-sample masks of polygons over a grid's whole frame by the grid's own scanline fill, to
 * hold what the grid keeps against.
 */
import { rasteriseOnGrid, type AreaGeometry, type CoverageGrid } from '../../src/coverage/grid';
import { data } from '../geodata/load';

export const all = data('districts.geojson') as never as { features: { properties: { adcode: string }; geometry: AreaGeometry }[] };
/** Xuhui (inside the ring, on the Huangpu) and Minhang (across the ring's edge). */
export const two = { features: all.features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) };
export const ring = data('outer-ring-area.geojson') as never as { features: { geometry: AreaGeometry }[] };
export const land = data('land.geojson') as never as { features: { geometry: AreaGeometry }[] };

/** Per cell of the frame, the OR of a list of polygons' sub-sample masks. */
export function maskOf(grid: CoverageGrid, polygons: AreaGeometry[]): Uint16Array {
  const m = new Uint16Array(grid.cols * grid.rows);
  for (const g of polygons) {
    const { cells, masks } = rasteriseOnGrid(grid, g);
    for (let q = 0; q < cells.length; q++) m[cells[q]!]! |= masks[q]!;
  }
  return m;
}
