/** An inclusive box of grid cells: columns c0..c1, rows r0..r1 (row 0 at the south edge). */
export interface CellBox {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

/** The smallest box holding both (either may be null). */
export function unionBox(a: CellBox | null, b: CellBox | null): CellBox | null {
  if (!a) return b;
  if (!b) return a;
  return { c0: Math.min(a.c0, b.c0), c1: Math.max(a.c1, b.c1), r0: Math.min(a.r0, b.r0), r1: Math.max(a.r1, b.r1) };
}

/**
 * The box of cells whose centre may lie within `radiusM` of (x, y) — grid metres from the south-west
 * corner — clipped to the grid; null when it misses the grid.
 */
export function discCellBox(grid: { cellM: number; cols: number; rows: number }, x: number, y: number, radiusM: number): CellBox | null {
  const { cellM, cols, rows } = grid;
  const c0 = Math.max(0, Math.ceil((x - radiusM) / cellM - 0.5));
  const c1 = Math.min(cols - 1, Math.floor((x + radiusM) / cellM - 0.5));
  const r0 = Math.max(0, Math.ceil((y - radiusM) / cellM - 0.5));
  const r1 = Math.min(rows - 1, Math.floor((y + radiusM) / cellM - 0.5));
  return c0 > c1 || r0 > r1 ? null : { c0, c1, r0, r1 };
}

/** The box of a list of cells (k = row · cols + col); null for none. */
export function cellsBox(cols: number, cells: ArrayLike<number>): CellBox | null {
  if (cells.length === 0) return null;
  let c0 = Infinity, c1 = -Infinity, r0 = Infinity, r1 = -Infinity;
  for (let q = 0; q < cells.length; q++) {
    const col = cells[q]! % cols;
    const row = (cells[q]! - col) / cols;
    if (col < c0) c0 = col;
    if (col > c1) c1 = col;
    if (row < r0) r0 = row;
    if (row > r1) r1 = row;
  }
  return { c0, c1, r0, r1 };
}
