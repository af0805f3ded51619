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
