/**
 * Test helper: a polygon's sub-sample masks over a grid's frame by the even–odd rule evaluated apart
 * at each sub-sample centre — inside when an odd number of edge crossings of its sub-row lie at or
 * west of it — the slow, plain way the grid's scanline fill is held against.
 */
import type { AreaGeometry, CoverageGrid } from '../../src/coverage/grid';

/** Per cell the polygon touches, its sub-samples inside (bit 4·b + a). */
export function evenOddMasks(grid: CoverageGrid, g: AreaGeometry): Map<number, number> {
  const rings = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat().map((r) => r.map(([lon, lat]) => grid.projection.forward(lon!, lat!)));
  const s = grid.cellM / 4;
  const out = new Map<number, number>();
  for (let J = 0; J < grid.rows * 4; J++) {
    const y = grid.y0 + (J + 0.5) * s;
    const xs: number[] = [];
    for (const r of rings) {
      for (let i = 0; i + 1 < r.length; i++) {
        const [xa, ya] = r[i]! as [number, number];
        const [xb, yb] = r[i + 1]! as [number, number];
        if (Math.min(ya, yb) <= y && y < Math.max(ya, yb)) xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
      }
    }
    if (xs.length === 0) continue;
    // Only the sub-columns between the crossings can be inside.
    const lo = Math.max(0, Math.floor((Math.min(...xs) - grid.x0) / s) - 1);
    const hi = Math.min(grid.cols * 4 - 1, Math.ceil((Math.max(...xs) - grid.x0) / s) + 1);
    for (let I = lo; I <= hi; I++) {
      const x = grid.x0 + (I + 0.5) * s;
      if (xs.filter((c) => c <= x).length % 2 === 0) continue;
      const k = (J >> 2) * grid.cols + (I >> 2);
      out.set(k, (out.get(k) ?? 0) | (1 << (4 * (J & 3) + (I & 3))));
    }
  }
  return out;
}
