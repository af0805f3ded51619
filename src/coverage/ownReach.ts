/**
 * Reach of the sites that carry their own service radius (`Site.radiusKm`): per cell, the least
 * d / r over those sites — the cell centre's distance to the site in units of the site's own radius —
 * up to `capRatio` radii, +Infinity beyond. A cell is within some site's own radius when its value
 * is ≤ 1; the distance picture shades values up to 2.
 *
 * Kept apart from the rule sites' {@link DistanceField} because a site's own radius serves both
 * sides of the Outer Ring, while the rule's radius depends on the side the ground lies on: the two
 * cannot share one "distance to the nearest site". Sites with their own radius are few (hubs, macro
 * sites), so this field is simple rather than clever: a site stamps its disc; removing a site resets
 * its disc's box and re-stamps, clipped to that box, every own-radius site whose disc reaches it.
 * Every cell ends at fround(min d/r) whatever the order of stamping, so local updates equal a full
 * recompute to the bit. The array is only allocated while such sites exist.
 */
import type { CoverageGrid } from './grid';
import { discCellBox, unionBox, type CellBox } from './cellBox';
import { fillPool } from './fillPool';

export interface OwnRadiusSite {
  id: string;
  lon: number;
  lat: number;
  /** The site's own radius in metres (> 0). */
  radiusM: number;
}

interface Held {
  x: number;
  y: number;
  r: number;
}

export class OwnReachField {
  readonly grid: CoverageGrid;
  readonly capRatio: number;
  /** min d/r per cell; +Infinity beyond `capRatio` radii of every own-radius site. */
  readonly ratio: Float32Array;
  private readonly sites = new Map<string, Held>();
  private readonly tmp = new Float64Array(2);
  private dirty: CellBox | null = null;

  constructor(grid: CoverageGrid, capRatio = 1) {
    if (!(capRatio > 0)) throw new RangeError('capRatio must be positive');
    this.grid = grid;
    this.capRatio = capRatio;
    // On shared memory when the helper pool is set: the breakdown's helpers read it (breakdownPool.ts).
    const n = grid.cols * grid.rows;
    this.ratio = (fillPool()?.float32(n) ?? new Float32Array(n)).fill(Infinity);
  }

  get size(): number {
    return this.sites.size;
  }

  has(id: string): boolean {
    return this.sites.has(id);
  }

  /** Adds a site, or moves / re-sizes it when the id is held. */
  add(site: OwnRadiusSite): void {
    if (!(site.radiusM > 0)) throw new RangeError(`site ${site.id}: own radius must be positive`);
    this.remove(site.id);
    this.grid.projection.forward(site.lon, site.lat, this.tmp);
    const held = { x: this.tmp[0]! - this.grid.x0, y: this.tmp[1]! - this.grid.y0, r: site.radiusM };
    this.sites.set(site.id, held);
    const box = this.boxOf(held);
    if (box) this.stamp(held, box);
  }

  /** Removes a site; false when the id is unknown. */
  remove(id: string): boolean {
    const held = this.sites.get(id);
    if (!held) return false;
    this.sites.delete(id);
    const box = this.boxOf(held);
    if (!box) return true;
    this.dirty = unionBox(this.dirty, box);
    const { cols } = this.grid;
    for (let row = box.r0; row <= box.r1; row++) this.ratio.fill(Infinity, row * cols + box.c0, row * cols + box.c1 + 1);
    for (const other of this.sites.values()) {
      const b = this.boxOf(other);
      if (b && b.c0 <= box.c1 && b.c1 >= box.c0 && b.r0 <= box.r1 && b.r1 >= box.r0) this.stamp(other, box);
    }
    return true;
  }

  /** The own radius (m) of a held site. */
  get(id: string): { radiusM: number } | undefined {
    const held = this.sites.get(id);
    return held ? { radiusM: held.r } : undefined;
  }

  /** Replaces every site. */
  setSites(sites: readonly OwnRadiusSite[]): void {
    this.sites.clear();
    this.ratio.fill(Infinity);
    this.dirty = { c0: 0, c1: this.grid.cols - 1, r0: 0, r1: this.grid.rows - 1 };
    for (const s of sites) this.add(s);
  }

  /** The cells changed since the last call (null: none). */
  takeDirty(): CellBox | null {
    const d = this.dirty;
    this.dirty = null;
    return d;
  }

  /** Cell box of a site's capped disc on the grid; null when it misses the grid. */
  private boxOf(s: Held): CellBox | null {
    return discCellBox(this.grid, s.x, s.y, s.r * this.capRatio);
  }

  /** Stamps d/r of `s` into the cells of its capped disc that lie in `box`. */
  private stamp(s: Held, box: CellBox): void {
    const { cellM, cols } = this.grid;
    const R = s.r * this.capRatio;
    const R2 = R * R;
    const ratio = this.ratio;
    const rowLo = Math.max(box.r0, Math.ceil((s.y - R) / cellM - 0.5));
    const rowHi = Math.min(box.r1, Math.floor((s.y + R) / cellM - 0.5));
    for (let row = rowLo; row <= rowHi; row++) {
      const dy = (row + 0.5) * cellM - s.y;
      const half = Math.sqrt(Math.max(0, R2 - dy * dy));
      const colLo = Math.max(box.c0, Math.ceil((s.x - half) / cellM - 0.5));
      const colHi = Math.min(box.c1, Math.floor((s.x + half) / cellM - 0.5));
      const base = row * cols;
      for (let col = colLo; col <= colHi; col++) {
        const dx = (col + 0.5) * cellM - s.x;
        const v = Math.sqrt(dx * dx + dy * dy) / s.r;
        if (v < ratio[base + col]!) ratio[base + col] = v;
      }
    }
    this.dirty = unionBox(this.dirty, box);
  }
}
