/**
 * The full recompute's work on one strip of BLOCK rows (see DistanceField.recomputeAll), apart from
 * the field so that helper threads can run it too: a strip reads the sorted site positions and its
 * own list of sites, and writes only its own rows of the field. Strips are therefore independent,
 * and the field is the same to the bit whichever thread fills which strip.
 */

/** Side (cells) of the blocks of the full recompute (10: 8 and 12 measured no faster). */
export const BLOCK = 10;
/** Safety margin (m) of the full recompute's pruning; see DistanceField.recomputeAll. */
export const EPS_M = 0.01;

/**
 * One full recompute: the live sites sorted by x (grid metres from the south-west corner), the
 * per-strip lists of indices into them (CSR: strip st holds list[start[st]..start[st + 1]), in x
 * order) and the field to fill. The arrays may live in SharedArrayBuffers (a parallel recompute).
 */
export interface StripJob {
  px: Float64Array;
  py: Float64Array;
  list: Int32Array;
  start: Int32Array;
  dist: Float32Array;
  cols: number;
  rows: number;
  cellM: number;
  maxM: number;
}

/** Strips of the grid (BLOCK rows each, the last may be shorter). */
export const stripCount = (rows: number): number => Math.ceil(rows / BLOCK);

/**
 * The sites sorted by x and their per-strip lists, in arrays from `alloc` (shared ones for helper
 * threads). `xs`, `ys`: positions of the slots `slots` (the live ones).
 */
export function stripJob(
  grid: { cols: number; rows: number; cellM: number },
  maxM: number,
  xs: Float64Array,
  ys: Float64Array,
  slots: Int32Array,
  dist: Float32Array,
  alloc: { f64: (n: number) => Float64Array; i32: (n: number) => Int32Array },
): StripJob {
  const { cellM, cols, rows } = grid;
  const R = maxM;
  const n = slots.length;
  slots.sort((a, b) => xs[a]! - xs[b]!);
  const px = alloc.f64(n);
  const py = alloc.f64(n);
  for (let q = 0; q < n; q++) {
    px[q] = xs[slots[q]!]!;
    py[q] = ys[slots[q]!]!;
  }
  // Strips each site's stamp rows reach; then the per-strip lists (CSR), each in x order.
  const nStrips = stripCount(rows);
  const start = alloc.i32(nStrips + 1);
  const sLo = new Int32Array(n);
  const sHi = new Int32Array(n);
  for (let q = 0; q < n; q++) {
    const sy = py[q]!;
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
  const list = alloc.i32(start[nStrips]!);
  const next = start.slice(0, nStrips);
  for (let q = 0; q < n; q++) for (let st = sLo[q]!; st <= sHi[q]!; st++) list[next[st]!++] = q;
  return { px, py, list, start, dist, cols, rows, cellM, maxM };
}

/**
 * Stamps the disc of radius R around (sx, sy) into `dist`, in the cells of columns [c0, c1] × rows
 * [r0, r1]; `dx2` is scratch of at least 2·⌈R / cellM⌉ + 3 doubles.
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
export function stampBox(
  dist: Float32Array,
  grid: { cols: number; cellM: number },
  R: number,
  sx: number,
  sy: number,
  dx2: Float64Array,
  c0: number,
  c1: number,
  r0: number,
  r1: number,
): void {
  const { cellM, cols } = grid;
  const R2 = R * R;
  const rowLo = Math.max(r0, Math.ceil((sy - R) / cellM - 0.5));
  const rowHi = Math.min(r1, Math.floor((sy + R) / cellM - 0.5));
  if (rowLo > rowHi) return;
  // Columns of the whole disc (its widest row), clipped to the box: dx² for each.
  const cLo = Math.max(c0, Math.ceil((sx - R) / cellM - 0.5));
  const cHi = Math.min(c1, Math.floor((sx + R) / cellM - 0.5));
  if (cLo > cHi) return;
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

/** Fills strips of a {@link StripJob}; holds the scratch (one per thread), grown to the most candidates a block has had. */
export class StripFiller {
  private cand = new Int32Array(0);
  private candMin2 = new Float64Array(0);
  private candMax2 = new Float64Array(0);
  private cover = new Int32Array(0);
  private coverKey = new Float64Array(0);
  private partial = new Int32Array(0);
  private coverDx2 = new Float64Array(0);
  private coverDy2 = new Float64Array(0);
  private dx2 = new Float64Array(0);
  // The job being filled, held in fields as the field's own arrays were (measured faster than passing it).
  private px: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private py: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private list: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private dist: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private job: StripJob | null = null;
  private cellM = 1;
  private cols = 0;
  private R = 0;

  /** Bytes of the scratch arrays. */
  typedArrayBytes(): number {
    return [this.cand, this.candMin2, this.candMax2, this.cover, this.coverKey, this.partial, this.coverDx2, this.coverDy2, this.dx2].reduce((n, a) => n + a.byteLength, 0);
  }

  /**
   * Strip `st`: its rows are set to +Infinity (here rather than in one pass over the field, so the
   * clearing is shared out with the strips and the rows are in cache when filled), then its blocks,
   * left to right.
   */
  fillStrip(job: StripJob, st: number): void {
    const { cols, rows, cellM, px, list, start } = job;
    this.job = job;
    this.px = px;
    this.py = job.py;
    this.list = list;
    this.dist = job.dist;
    this.cellM = cellM;
    this.cols = cols;
    this.R = job.maxM;
    const r0 = st * BLOCK;
    const r1 = Math.min(rows - 1, r0 + BLOCK - 1);
    job.dist.fill(Infinity, r0 * cols, (r1 + 1) * cols);
    const a = start[st]!;
    const b = start[st + 1]!;
    if (a === b) return;
    const need = 2 * Math.ceil(job.maxM / cellM) + 3;
    if (this.dx2.length < need) this.dx2 = new Float64Array(need);
    const reach = job.maxM + EPS_M;
    let lo = a;
    let hi = a;
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(cols - 1, c0 + BLOCK - 1);
      const xA = (c0 + 0.5) * cellM - reach;
      const xB = (c1 + 0.5) * cellM + reach;
      while (lo < b && px[list[lo]!]! < xA) lo++;
      if (hi < lo) hi = lo;
      while (hi < b && px[list[hi]!]! <= xB) hi++;
      if (lo < hi) this.block(lo, hi, c0, c1, r0, r1);
    }
  }

  /**
   * Lets go of the last job's arrays (a helper calls it after each recompute: it would otherwise keep
   * a field that its engine has dropped — 88 MiB at 25 m — alive until the next recompute).
   */
  release(): void {
    this.job = null;
    this.px = new Float64Array(0);
    this.py = new Float64Array(0);
    this.list = new Int32Array(0);
    this.dist = new Float32Array(0);
  }

  /** Grows the scratch arrays to hold `n` candidates. */
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

  /** One block (columns [c0, c1] × rows [r0, r1]) from its candidates `list[lo..hi)`. */
  private block(lo: number, hi: number, c0: number, c1: number, r0: number, r1: number): void {
    const cellM = this.cellM;
    const xs = this.px;
    const ys = this.py;
    const list = this.list;
    const R = this.R;
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
    for (let q = 0; q < np; q++) stampBox(this.dist, this.job!, R, xs[partial[q]!]!, ys[partial[q]!]!, this.dx2, c0, c1, r0, r1);
  }

  /** Sets every cell of the block to its nearest of the covering candidates `cover[0..nc)`. */
  private fillBlock(nc: number, c0: number, c1: number, r0: number, r1: number): void {
    const cellM = this.cellM;
    const cols = this.cols;
    const px = this.px;
    const py = this.py;
    const dist = this.dist;
    const cover = this.cover;
    const dx2 = this.coverDx2;
    const dy2 = this.coverDy2;
    const w = c1 - c0 + 1;
    const h = r1 - r0 + 1;
    for (let i = 0; i < nc; i++) {
      const s = cover[i]!;
      const sx = px[s]!;
      const sy = py[s]!;
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
}
