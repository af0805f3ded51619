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

/** A site position in lon/lat (WGS-84), with a stable id. */
export interface SitePoint {
  id: string;
  lon: number;
  lat: number;
}

/** Side (cells) of the blocks of the full recompute (10: 8 and 12 measured no faster). */
const BLOCK = 10;
/** Safety margin (m) of the full recompute's pruning; see recomputeAll. */
const EPS_M = 0.01;

export class DistanceField {
  readonly grid: CoverageGrid;
  readonly maxM: number;
  /**
   * Distance (m) from each cell centre to the nearest site, +Infinity beyond `maxM`. No per-cell
   * record of which site is the nearest is kept (4 bytes a cell, 88 MiB for the city at 25 m): a
   * removal finds the cells it may have set by their distance (see clearAndRefill).
   */
  readonly dist: Float32Array;

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
  // Scratch of the full recompute, grown to the most candidates a block has had.
  private cand = new Int32Array(0);
  private candMin2 = new Float64Array(0);
  private candMax2 = new Float64Array(0);
  private cover = new Int32Array(0);
  private coverKey = new Float64Array(0);
  private partial = new Int32Array(0);
  private coverDx2 = new Float64Array(0);
  private coverDy2 = new Float64Array(0);
  /** Cells changed since the last `takeDirty` (the pictures repaint only those). */
  private dirty: CellBox | null = null;

  constructor(grid: CoverageGrid, maxM: number) {
    if (!(maxM > 0)) throw new RangeError('maxM must be positive');
    this.grid = grid;
    this.maxM = maxM;
    const n = grid.cols * grid.rows;
    this.dist = new Float32Array(n).fill(Infinity);
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
    this.dist.fill(Infinity);
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
   * Full recompute (the cells are all +Infinity / −1 on entry), block by block instead of disc by
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
   */
  private recomputeAll(): void {
    const { cellM, cols, rows } = this.grid;
    const R = this.maxM;
    const xs = this.xs;
    const ys = this.ys;
    let n = 0;
    const order = new Int32Array(this.slots);
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot]) order[n++] = slot;
    const live = order.subarray(0, n).sort((a, b) => xs[a]! - xs[b]!);
    // Strips each site's stamp rows reach; then the per-strip lists (CSR), each in x order.
    const nStrips = Math.ceil(rows / BLOCK);
    const start = new Int32Array(nStrips + 1);
    const sLo = new Int32Array(n);
    const sHi = new Int32Array(n);
    for (let q = 0; q < n; q++) {
      const sy = ys[live[q]!]!;
      const rowLo = Math.max(0, Math.ceil((sy - R) / cellM - 0.5));
      const rowHi = Math.min(rows - 1, Math.floor((sy + R) / cellM - 0.5));
      if (!(rowLo <= rowHi)) {
        sLo[q] = 0;
        sHi[q] = -1;
        continue;
      }
      const lo = Math.floor(rowLo / BLOCK);
      const hi = Math.floor(rowHi / BLOCK);
      sLo[q] = lo;
      sHi[q] = hi;
      for (let st = lo; st <= hi; st++) start[st + 1]!++;
    }
    for (let st = 0; st < nStrips; st++) start[st + 1]! += start[st]!;
    const list = new Int32Array(start[nStrips]!);
    const next = start.slice(0, nStrips);
    for (let q = 0; q < n; q++) for (let st = sLo[q]!; st <= sHi[q]!; st++) list[next[st]!++] = live[q]!;
    for (let st = 0; st < nStrips; st++) {
      if (start[st] === start[st + 1]) continue;
      const r0 = st * BLOCK;
      this.recomputeStrip(list, start[st]!, start[st + 1]!, r0, Math.min(rows - 1, r0 + BLOCK - 1), cols);
    }
  }

  /** Grows the recompute's scratch arrays to hold `n` candidates. */
  private ensureScratch(n: number): void {
    if (this.cand.length >= n) return;
    const cap = Math.max(n, 2 * this.cand.length, 64);
    this.cand = new Int32Array(cap);
    this.candMin2 = new Float64Array(cap);
    this.candMax2 = new Float64Array(cap);
    this.cover = new Int32Array(cap);
    this.coverKey = new Float64Array(cap);
    this.partial = new Int32Array(cap);
    this.coverDx2 = new Float64Array(cap * BLOCK);
    this.coverDy2 = new Float64Array(cap * BLOCK);
  }

  /** The blocks of one strip (rows [r0, r1]), left to right; `list[a..b)`: its sites in x order. */
  private recomputeStrip(list: Int32Array, a: number, b: number, r0: number, r1: number, cols: number): void {
    const { cellM } = this.grid;
    const reach = this.maxM + EPS_M;
    const xs = this.xs;
    let lo = a;
    let hi = a;
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(cols - 1, c0 + BLOCK - 1);
      const xA = (c0 + 0.5) * cellM - reach;
      const xB = (c1 + 0.5) * cellM + reach;
      while (lo < b && xs[list[lo]!]! < xA) lo++;
      if (hi < lo) hi = lo;
      while (hi < b && xs[list[hi]!]! <= xB) hi++;
      if (lo < hi) this.recomputeBlock(list, lo, hi, c0, c1, r0, r1);
    }
  }

  /** One block (columns [c0, c1] × rows [r0, r1]) from its candidates `list[lo..hi)`. */
  private recomputeBlock(list: Int32Array, lo: number, hi: number, c0: number, c1: number, r0: number, r1: number): void {
    const { cellM } = this.grid;
    const R = this.maxM;
    const xs = this.xs;
    const ys = this.ys;
    if (hi - lo > this.cand.length) this.ensureScratch(hi - lo);
    const cand = this.cand;
    const min2 = this.candMin2;
    const max2 = this.candMax2;
    // Cell centres of the block span [xA, xB] × [yA, yB].
    const xA = (c0 + 0.5) * cellM;
    const xB = (c1 + 0.5) * cellM;
    const yA = (r0 + 0.5) * cellM;
    const yB = (r1 + 0.5) * cellM;
    const reach2 = (R + EPS_M) * (R + EPS_M);
    const cover2 = (R - EPS_M) * (R - EPS_M);
    let n = 0;
    let u2 = Infinity;
    let keepRun = reach2; // min2 bound from the covering candidates seen so far (looser than the final one)
    for (let q = lo; q < hi; q++) {
      const s = list[q]!;
      const sx = xs[s]!;
      const sy = ys[s]!;
      const ex = Math.max(xA - sx, sx - xB, 0);
      const ey = Math.max(yA - sy, sy - yB, 0);
      const mn2 = ex * ex + ey * ey;
      if (mn2 > keepRun) continue;
      const fx = Math.max(sx - xA, xB - sx);
      const fy = Math.max(sy - yA, yB - sy);
      const mx2 = fx * fx + fy * fy;
      if (mx2 < u2 && mx2 <= cover2) {
        u2 = mx2;
        const u = Math.sqrt(u2) + EPS_M;
        keepRun = u * u;
      }
      cand[n] = s;
      min2[n] = mn2;
      max2[n] = mx2;
      n++;
    }
    if (n === 0) return;
    let keep2 = Infinity;
    if (u2 !== Infinity) {
      const u = Math.sqrt(u2) + EPS_M;
      keep2 = u * u;
    }
    const cover = this.cover;
    const partial = this.partial;
    let nc = 0;
    let np = 0;
    // Covering candidates nearest the block centre first: the first is then the nearest site of
    // most cells, and the comparisons in fillBlock are predictable.
    const xc = (xA + xB) / 2;
    const yc = (yA + yB) / 2;
    const key = this.coverKey;
    for (let q = 0; q < n; q++) {
      if (min2[q]! > keep2) continue;
      const s = cand[q]!;
      if (max2[q]! <= cover2) {
        const dx = xs[s]! - xc;
        const dy = ys[s]! - yc;
        const k = dx * dx + dy * dy;
        let p = nc++;
        while (p > 0 && key[p - 1]! > k) {
          cover[p] = cover[p - 1]!;
          key[p] = key[p - 1]!;
          p--;
        }
        cover[p] = s;
        key[p] = k;
      } else partial[np++] = s;
    }
    if (nc > 0) this.fillBlock(nc, c0, c1, r0, r1);
    for (let q = 0; q < np; q++) this.stampBox(partial[q]!, c0, c1, r0, r1);
  }

  /** Sets every cell of the block to its nearest of the covering candidates `cover[0..nc)`. */
  private fillBlock(nc: number, c0: number, c1: number, r0: number, r1: number): void {
    const { cellM, cols } = this.grid;
    const cover = this.cover;
    const dx2 = this.coverDx2;
    const dy2 = this.coverDy2;
    const w = c1 - c0 + 1;
    const h = r1 - r0 + 1;
    for (let i = 0; i < nc; i++) {
      const s = cover[i]!;
      const sx = this.xs[s]!;
      const sy = this.ys[s]!;
      const o = i * BLOCK;
      for (let c = 0; c < w; c++) {
        const dx = (c0 + c + 0.5) * cellM - sx;
        dx2[o + c] = dx * dx;
      }
      for (let r = 0; r < h; r++) {
        const dy = (r0 + r + 0.5) * cellM - sy;
        dy2[o + r] = dy * dy;
      }
    }
    const dist = this.dist;
    for (let r = 0; r < h; r++) {
      const base = (r0 + r) * cols + c0;
      for (let c = 0; c < w; c++) {
        let best = dx2[c]! + dy2[r]!;
        for (let o = BLOCK, oEnd = nc * BLOCK; o < oEnd; o += BLOCK) {
          const d2 = dx2[o + c]! + dy2[o + r]!;
          if (d2 < best) best = d2;
        }
        dist[base + c] = Math.sqrt(best);
      }
    }
  }

  /** Stamps the disc of `slot` into the whole grid. */
  private stamp(slot: number): void {
    this.stampBox(slot, 0, this.grid.cols - 1, 0, this.grid.rows - 1);
  }

  /**
   * Stamps the disc of `slot` into the cells of columns [c0, c1] × rows [r0, r1].
   *
   * Hot loop of adding / moving a site (≈ 2,800 cells a disc at 50 m / 1.5 km); the full recompute
   * uses it for the discs that cross a block's edge. Every cell's candidate distance is
   * sqrt(dx² + dy²) with dx = (col + ½)·cellM − sx and dy = (row + ½)·cellM − sy; what is saved:
   * - dx² depends on the column only: computed once per disc (`dx2`), not once per cell;
   * - the comparison is done on squares: with D the stored float32 (D² is exact in a double, 24 + 24
   *   bits) and sqrt correctly rounded and monotone, sqrt(d²) < D implies d² < D², so the test
   *   d² < D² lets through every cell the old test `sqrt(d²) < D` let through, and only those are
   *   checked again with the sqrt — taken only for cells that may improve (a fraction of them).
   */
  private stampBox(slot: number, c0: number, c1: number, r0: number, r1: number): void {
    const { cellM, cols } = this.grid;
    const R = this.maxM;
    const R2 = R * R;
    const sx = this.xs[slot]!;
    const sy = this.ys[slot]!;
    const dist = this.dist;
    const rowLo = Math.max(r0, Math.ceil((sy - R) / cellM - 0.5));
    const rowHi = Math.min(r1, Math.floor((sy + R) / cellM - 0.5));
    if (rowLo > rowHi) return;
    // Columns of the whole disc (its widest row), clipped to the box: dx² for each.
    const cLo = Math.max(c0, Math.ceil((sx - R) / cellM - 0.5));
    const cHi = Math.min(c1, Math.floor((sx + R) / cellM - 0.5));
    if (cLo > cHi) return;
    const dx2 = this.dx2;
    for (let col = cLo; col <= cHi; col++) {
      const dx = (col + 0.5) * cellM - sx;
      dx2[col - cLo] = dx * dx;
    }
    for (let row = rowLo; row <= rowHi; row++) {
      const dy = (row + 0.5) * cellM - sy;
      const dy2 = dy * dy;
      const half = Math.sqrt(Math.max(0, R2 - dy2));
      const colLo = Math.max(cLo, Math.ceil((sx - half) / cellM - 0.5));
      const colHi = Math.min(cHi, Math.floor((sx + half) / cellM - 0.5));
      const off = row * cols + cLo; // cell (col, row) = off + (col − cLo)
      for (let j = colLo - cLo, jEnd = colHi - cLo; j <= jEnd; j++) {
        const d2 = dx2[j]! + dy2;
        const k = off + j;
        const cur = dist[k]!;
        if (d2 < cur * cur) {
          const d = Math.sqrt(d2);
          if (d < cur) dist[k] = d;
        }
      }
    }
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
    return [this.dist, this.xs, this.ys, this.alive, this.dx2, this.cand, this.candMin2, this.candMax2, this.cover, this.coverKey, this.partial, this.coverDx2, this.coverDy2]
      .reduce((n, a) => n + a.byteLength, 0);
  }

  /** Ids of the live sites (slot order). */
  siteIds(): string[] {
    return [...this.slotOf.keys()];
  }
}
