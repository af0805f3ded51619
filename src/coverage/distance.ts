/**
 * Distance from every cell centre to its nearest site, exact (Euclidean on the projected plane, from
 * the site's true position, not its cell), up to a cap `maxM`; cells farther than the cap from every
 * site read +Infinity.
 *
 * Method: each site "stamps" the disc of radius `maxM` around it, row by row (span per row from the
 * circle equation), keeping the minimum distance per cell.
 * - Full recompute: the same result as stamping every disc (O(sites × π(maxM/cellM)²) — at 50 m
 *   cells and maxM = 1.5 km, 2,827 cells a site), computed block by block (recomputeAll): per
 *   10 × 10-cell block only the sites that can be the nearest of one of its cells are evaluated,
 *   ≈ 4 of the ≈ 15 whose disc reaches it with 10,000 sites in the city.
 * - add: stamp one disc. remove: the cells the removed site may have set (those within its radius
 *   holding the very distance it stamps) are reset and re-stamped
 *   by the sites within 2·maxM (found in a bucket grid of the sites), clipped to the removed disc.
 *   move = remove + add. The result is bit-identical to a full recompute: every cell ends at
 *   fround(min distance), whatever the order of stamping (fround is monotone).
 *
 * Why not a distance transform (Felzenszwalb–Huttenlocher) on the whole grid: it is O(cells) whatever
 * the number of sites (6.8 M cells for the city at 50 m, ≈ 4 passes over them, about 150–250 ms in
 * V8 by our estimate — not measured, see the report), it needs sites snapped to cell centres (up to
 * cellM/√2 = 35 m error at 50 m, a visible bias for 0.2 km 5G radii), and it cannot be updated
 * locally while a site is dragged. The capped stamp is exact, local and incremental; its cost grows
 * with maxM², which is why the cap is the largest radius a rule needs, not more.
 * Measured (bench/coverage.ts, 2 × AMD EPYC, Node 20, 50 m cells, maxM 1.5 km): whole city, 10,000
 * sites, full recompute 55–62 ms (89–99 ms when every disc was stamped); moving one site 0.15 ms;
 * Minhang, 1,500 clustered sites, 6 ms vs 74–98 s for turf.
 */
import type { CoverageGrid } from './grid';
import { discCellBox, unionBox, type CellBox } from './cellBox';
import { stampBox, stripCount, stripJob, StripFiller } from './stripFill';
import { fillPool, type FillPool } from './fillPool';

/** A site position in lon/lat (WGS-84), with a stable id. */
export interface SitePoint {
  id: string;
  lon: number;
  lat: number;
}

/** Safety margin (m) of a removal's reach (see clearAndRefill; the full recompute's is in stripFill.ts). */
const EPS_M = 0.01;

export class DistanceField {
  readonly grid: CoverageGrid;
  readonly maxM: number;
  /**
   * Distance (m) from each cell centre to the nearest site, +Infinity beyond `maxM`. No per-cell
   * record of which site is the nearest is kept (4 bytes a cell, 88 MiB for the city at 25 m): a
   * removal finds the cells it may have set by their distance (see clearAndRefill).
   */
  get dist(): Float32Array {
    if (!this.filled) {
      this.cells.fill(Infinity);
      this.filled = true;
    }
    return this.cells;
  }

  /**
   * The field's cells, not set to +Infinity when made: the first full recompute sets every row
   * itself (stripFill.ts), in strips shared with the helper threads — on a machine where the first
   * touch of fresh memory is dear (a 2-core VM: ~70 ms for the city's 5.7 M cells at 50 m, a field
   * of each of the start's three site lists), a pass over the whole array before it cost as much
   * again. `filled` says whether every cell holds its value; `dist` fills them first if not.
   */
  private readonly cells: Float32Array;
  private filled = false;

  private xs = new Float64Array(64);
  private ys = new Float64Array(64);
  private alive = new Uint8Array(64);
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  private free: number[] = [];
  private slots = 0;
  // Bucket grid of sites, bucket side `bucketM` (> maxM so that ±2 buckets hold every site within 2·maxM).
  private readonly bucketM: number;
  private readonly bCols: number;
  private readonly bRows: number;
  private buckets: number[][];
  private readonly tmp = new Float64Array(2);
  /** Scratch for stampBox: dx² per column of one disc. */
  private readonly dx2: Float64Array;
  /** Scratch of the full recompute on this thread. */
  private readonly filler = new StripFiller();
  /** The pool of helper threads set when this field was made (its array is then shared); null: none. */
  private readonly pool: FillPool | null;
  /** Cells changed since the last `takeDirty` (the pictures repaint only those). */
  private dirty: CellBox | null = null;

  constructor(grid: CoverageGrid, maxM: number) {
    if (!(maxM > 0)) throw new RangeError('maxM must be positive');
    this.grid = grid;
    this.maxM = maxM;
    const n = grid.cols * grid.rows;
    // Shared memory when a pool of helper threads is set, so that they can fill it (recomputeAll).
    this.pool = fillPool();
    this.cells = this.pool?.float32(n) ?? new Float32Array(n);
    this.bucketM = maxM * 1.05;
    this.bCols = Math.max(1, Math.ceil((grid.cols * grid.cellM) / this.bucketM));
    this.bRows = Math.max(1, Math.ceil((grid.rows * grid.cellM) / this.bucketM));
    this.buckets = Array.from({ length: this.bCols * this.bRows }, () => []);
    this.dx2 = new Float64Array(2 * Math.ceil(maxM / grid.cellM) + 3);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Replaces all sites and recomputes every cell. Duplicate ids: the last wins. */
  setSites(sites: readonly SitePoint[]): void {
    this.slotOf.clear();
    this.ids = [];
    this.free = [];
    this.slots = 0;
    for (const b of this.buckets) b.length = 0;
    for (const s of sites) {
      const old = this.slotOf.get(s.id);
      if (old !== undefined) this.unlink(old);
      this.link(s);
    }
    this.recomputeAll();
    this.dirty = { c0: 0, c1: this.grid.cols - 1, r0: 0, r1: this.grid.rows - 1 };
  }

  /** The cells changed since the last call (null: none). */
  takeDirty(): CellBox | null {
    const d = this.dirty;
    this.dirty = null;
    return d;
  }

  /** Cell box of the disc of radius `maxM` around a slot; null when it misses the grid. */
  private discBox(slot: number): CellBox | null {
    return discCellBox(this.grid, this.xs[slot]!, this.ys[slot]!, this.maxM);
  }

  /** Adds a site (or moves it, when the id exists). */
  addSite(site: SitePoint): void {
    if (this.slotOf.has(site.id)) {
      this.moveSite(site.id, site.lon, site.lat);
      return;
    }
    const slot = this.link(site);
    this.stamp(slot);
    this.dirty = unionBox(this.dirty, this.discBox(slot));
  }

  /** Removes a site; false when the id is unknown. */
  removeSite(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.unlink(slot);
    this.clearAndRefill(slot);
    this.dirty = unionBox(this.dirty, this.discBox(slot));
    return true;
  }

  /** Moves a site; false when the id is unknown. */
  moveSite(id: string, lon: number, lat: number): boolean {
    if (!this.removeSite(id)) return false;
    this.addSite({ id, lon, lat });
    return true;
  }

  /** Takes a slot for the site and stores its position in grid metres (from the grid's SW corner). */
  private link(s: SitePoint): number {
    const slot = this.free.pop() ?? this.slots++;
    if (slot >= this.xs.length) this.grow(slot + 1);
    this.grid.projection.forward(s.lon, s.lat, this.tmp);
    this.xs[slot] = this.tmp[0]! - this.grid.x0;
    this.ys[slot] = this.tmp[1]! - this.grid.y0;
    this.alive[slot] = 1;
    this.ids[slot] = s.id;
    this.slotOf.set(s.id, slot);
    this.buckets[this.bucketOf(slot)]!.push(slot);
    return slot;
  }

  private unlink(slot: number): void {
    const b = this.buckets[this.bucketOf(slot)]!;
    const i = b.indexOf(slot);
    if (i >= 0) {
      b[i] = b[b.length - 1]!;
      b.pop();
    }
    this.alive[slot] = 0;
    this.slotOf.delete(this.ids[slot]!);
    this.free.push(slot);
  }

  private grow(min: number): void {
    const n = Math.max(min, this.xs.length * 2);
    const xs = new Float64Array(n);
    xs.set(this.xs);
    const ys = new Float64Array(n);
    ys.set(this.ys);
    const alive = new Uint8Array(n);
    alive.set(this.alive);
    this.xs = xs;
    this.ys = ys;
    this.alive = alive;
  }

  /** Bucket of a slot; positions off the grid are clamped to the edge buckets (clamping keeps neighbours neighbours). */
  private bucketOf(slot: number): number {
    const bx = Math.min(this.bCols - 1, Math.max(0, Math.floor(this.xs[slot]! / this.bucketM)));
    const by = Math.min(this.bRows - 1, Math.max(0, Math.floor(this.ys[slot]! / this.bucketM)));
    return by * this.bCols + bx;
  }

  /**
   * Full recompute (every cell is set, whatever it held), block by block instead of disc by
   * disc: the grid is cut into BLOCK × BLOCK-cell blocks, in strips of BLOCK rows.
   * - Candidates of a block: the sites whose stamp can reach it. Per strip, the sites whose stamp
   *   rows reach the strip, in x order (the live slots are sorted by x once, then dealt out to the
   *   strips), and a window on x that slides with the block.
   * - Pruning: a candidate "covers" the block when its farthest block cell centre is within
   *   R − EPS_M (so its stamp takes in every cell of the block); U is the least such farthest
   *   distance. A candidate nearer than U + EPS_M to no cell centre of the block cannot be the
   *   nearest site of any of its cells (every cell has a site within U), so it is skipped. With
   *   10,000 sites in the city, ≈ 3.8 covering and 0.4 other candidates of ≈ 15 a block are left.
   * - The covering candidates are then evaluated cell by cell (min of dx² + dy² in registers, one
   *   sqrt and one store a cell); the others that are left, which cross the block's edge of their
   *   disc, are stamped with stampBox clipped to the block.
   * The field is the same to the bit as stamping every disc: a cell gets fround(√min(dx² + dy²))
   * over the sites whose stamp takes it in, with dx, dy the same doubles as stampBox's, and
   * sqrt and fround are monotone, so the order and grouping of the minimum do not matter. The
   * margins EPS_M (1 cm) are far above the rounding of the doubles (< 1 µm at these sizes) and the
   * float32 step (≈ 0.1 mm at 1.5 km), so no site that could set a cell is skipped.
   * The strips (stripFill.ts) are independent: with a {@link FillPool} that has helpers ready, and
   * this field's array shared, helper threads fill some of them (same bits, see fillPool.ts).
   */
  private recomputeAll(): void {
    const order = new Int32Array(this.slots);
    let n = 0;
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot]) order[n++] = slot;
    const pool = this.pool;
    const parallel = pool !== null && pool.helperCount > 0;
    const alloc = parallel ? pool.alloc : plainAlloc;
    // Every strip sets its rows to +Infinity before stamping: the cells need no filling first.
    const job = stripJob(this.grid, this.maxM, this.xs, this.ys, order.subarray(0, n), this.cells, alloc);
    if (parallel) pool.run(job, this.filler);
    else for (let st = 0, nStrips = stripCount(this.grid.rows); st < nStrips; st++) this.filler.fillStrip(job, st);
    this.filled = true;
  }

  /** Stamps the disc of `slot` into the whole grid. */
  private stamp(slot: number): void {
    this.stampBox(slot, 0, this.grid.cols - 1, 0, this.grid.rows - 1);
  }

  /** Stamps the disc of `slot` into the cells of columns [c0, c1] × rows [r0, r1] (see stripFill.ts). */
  private stampBox(slot: number, c0: number, c1: number, r0: number, r1: number): void {
    stampBox(this.dist, this.grid, this.maxM, this.xs[slot]!, this.ys[slot]!, this.dx2, c0, c1, r0, r1);
  }

  /**
   * After `slot` is unlinked: reset the cells it may have set and re-stamp its neighbours there.
   * Those are the cells within its radius whose distance is the one it stamps,
   * fround(√(dx² + dy²)) with the stamp's own doubles. A cell another site set to the same float32
   * is reset too and set again to the same value by that site (it lies within 2·maxM of `slot`, so
   * it is re-stamped): the field ends as a full recompute leaves it, to the bit.
   */
  private clearAndRefill(slot: number): void {
    const { cols, cellM } = this.grid;
    const sx = this.xs[slot]!;
    const sy = this.ys[slot]!;
    const box = this.discBox(slot);
    if (!box) return;
    const { c0, c1, r0, r1 } = box;
    // Within the radius and 1 cm (the stamp's span is found by a rounded square root): every site
    // that may stamp such a cell then lies within 2·maxM + 1 cm, inside the ±2 buckets searched below.
    const R2 = (this.maxM + EPS_M) * (this.maxM + EPS_M);
    const dist = this.dist;
    let any = false;
    for (let row = r0; row <= r1; row++) {
      const base = row * cols;
      const dy = (row + 0.5) * cellM - sy;
      const dy2 = dy * dy;
      for (let col = c0; col <= c1; col++) {
        const cur = dist[base + col]!;
        if (cur === Infinity) continue;
        const dx = (col + 0.5) * cellM - sx;
        const d2 = dx * dx + dy2;
        if (d2 <= R2 && Math.fround(Math.sqrt(d2)) === cur) {
          dist[base + col] = Infinity;
          any = true;
        }
      }
    }
    if (!any) return;
    // Every site whose disc reaches a cell of this disc lies within 2R of `slot`: ±2 buckets (side 1.05 R).
    const bx = Math.min(this.bCols - 1, Math.max(0, Math.floor(sx / this.bucketM)));
    const by = Math.min(this.bRows - 1, Math.max(0, Math.floor(sy / this.bucketM)));
    for (let y = Math.max(0, by - 2); y <= Math.min(this.bRows - 1, by + 2); y++) {
      for (let x = Math.max(0, bx - 2); x <= Math.min(this.bCols - 1, bx + 2); x++) {
        for (const other of this.buckets[y * this.bCols + x]!) this.stampBox(other, c0, c1, r0, r1);
      }
    }
  }

  /** Bytes of the typed arrays this field holds (the per-cell rasters, the site slots, scratch). */
  typedArrayBytes(): number {
    return [this.cells, this.xs, this.ys, this.alive, this.dx2].reduce((n, a) => n + a.byteLength, 0) + this.filler.typedArrayBytes();
  }

  /** Ids of the live sites (slot order). */
  siteIds(): string[] {
    return [...this.slotOf.keys()];
  }
}

/** Unshared arrays for a recompute on this thread alone. */
const plainAlloc = { f64: (n: number) => new Float64Array(n), i32: (n: number) => new Int32Array(n) };
