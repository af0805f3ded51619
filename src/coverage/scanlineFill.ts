/**
 * The grid's scanline fill (issue #19): a polygon's sub-sample masks (bit 4·b + a for sub-sample
 * column a, row b of a cell, 4 × 4 a cell) by the even–odd rule, one cell row at a time. Pure, no
 * grid: the frame is the cell size, the south-west corner and the size in cells.
 *
 * A polygon's cell row is filled on demand (PolygonRows): first its spans, which alone tell which
 * cells it touches (so lists can be allocated at their size), then painted into a buffer one frame
 * row wide. The grid's build scans every layer row by row together this way (grid.ts): no window over
 * a polygon's box to allocate, scan for the cells it touches and copy out, and no raster over the
 * frame (issue #19).
 */

/** Sub-samples per cell side. */
export const SUB = 4;

export interface Frame {
  x0: number;
  y0: number;
  cellM: number;
  cols: number;
  rows: number;
}

/** A polygon's edge crossings per sub-sample row (see {@link crossingsOf}). */
export interface Crossings {
  /** xs[counts[J − jBase] .. counts[J − jBase + 1]) are the crossings of sub-row J (unsorted until filled). */
  counts: Uint32Array;
  jBase: number;
  xs: Float64Array;
  /** The first and last sub-rows with crossings, and the crossings' extent in x. */
  jMin: number;
  jMax: number;
  xMin: number;
  xMax: number;
}

/**
 * The crossings of a polygon's edges with the sub-sample rows of the frame. Edges are bucketed by
 * sub-sample row first (compressed rows), so the cost is O(edges' row crossings), not O(rows × edges).
 * Null when no edge crosses a sub-row of the frame.
 */
export function crossingsOf(rings: Float64Array[], fr: Frame): Crossings | null {
  const s = fr.cellM / SUB;
  const subRows = fr.rows * SUB;
  // rows J with min(ya,yb) <= yJ < max(ya,yb) (half-open: each vertex counted once), of the frame
  const firstRow = (lo: number) => Math.max(0, Math.ceil((lo - fr.y0) / s - 0.5));
  const lastRow = (hi: number) => Math.min(subRows - 1, Math.ceil((hi - fr.y0) / s - 0.5) - 1);
  // The sub-rows the polygon's extent in y reaches (each edge's lie within: the bounds are monotone),
  // so the per-row lists take the polygon's rows, not the frame's (a township's are a tenth of them).
  let minY = Infinity;
  let maxY = -Infinity;
  for (const r of rings) {
    for (let i = 1; i < r.length; i += 2) {
      if (r[i]! < minY) minY = r[i]!;
      if (r[i]! > maxY) maxY = r[i]!;
    }
  }
  const jBase = firstRow(minY);
  const jTop = lastRow(maxY);
  if (!(jTop >= jBase)) return null;
  const nRows = jTop - jBase + 1;
  // Pass 1: count crossings per sub-row. Sub-row J samples y = y0 + (J + ½)·s; it is counts[J − jBase].
  const counts = new Uint32Array(nRows + 1);
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const ya = r[i + 1]!;
      const yb = r[i + 3]!;
      const j1 = lastRow(Math.max(ya, yb));
      for (let j = firstRow(Math.min(ya, yb)); j <= j1; j++) counts[j - jBase + 1]!++;
    }
  }
  for (let j = 0; j < nRows; j++) counts[j + 1]! += counts[j]!;
  const xs = new Float64Array(counts[nRows]!);
  const fill = counts.slice(0, nRows);
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const xa = r[i]!;
      const ya = r[i + 1]!;
      const xb = r[i + 2]!;
      const yb = r[i + 3]!;
      const j1 = lastRow(Math.max(ya, yb));
      for (let j = firstRow(Math.min(ya, yb)); j <= j1; j++) {
        const y = fr.y0 + (j + 0.5) * s;
        xs[fill[j - jBase]!++] = xa + ((y - ya) * (xb - xa)) / (yb - ya);
      }
    }
  }
  let jMin = -1;
  let jMax = -1;
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let j = 0; j < nRows; j++) {
    if (counts[j + 1]! > counts[j]!) {
      if (jMin < 0) jMin = j + jBase;
      jMax = j + jBase;
    }
  }
  if (jMin < 0) return null;
  for (let i = counts[jMin - jBase]!; i < counts[jMax - jBase + 1]!; i++) {
    const x = xs[i]!;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
  }
  return { counts, jBase, xs, jMin, jMax, xMin, xMax };
}

/** Sorts xs[from, to) ascending: by insertion where few (most sub-rows cross a polygon a few times; no view to allocate). */
function sortRange(xs: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    xs.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = xs[i]!;
    let j = i - 1;
    for (; j >= from && xs[j]! > x; j--) xs[j + 1] = xs[j]!;
    xs[j + 1] = x;
  }
}

/** Intersection of two ascending lists of disjoint half-open intervals [a0, b0, a1, b1, …], into `out`. */
function intersectRuns(x: number[], y: number[], out: number[]): void {
  out.length = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = Math.max(x[i]!, y[j]!);
    const b = Math.min(x[i + 1]!, y[j + 1]!);
    if (a < b) out.push(a, b);
    if (x[i + 1]! < y[j + 1]!) i += 2;
    else j += 2;
  }
}

/** ORs `bits` into win[from, to): two cells a word where it can (the same bits in both halves: either byte order). */
function orRun(win: Uint16Array, win32: Uint32Array, from: number, to: number, bits: number): void {
  let i = from;
  if (i < to && (i & 1) !== 0) win[i++]! |= bits;
  for (const bits2 = bits * 0x10001; i + 1 < to; i += 2) win32[i >> 1]! |= bits2;
  if (i < to) win[i]! |= bits;
}

/** Lists reused from row to row by {@link spansOfRow} and {@link paintRow}. */
export class RowScratch {
  /** Per sub-row of the cell row: its spans' sub-columns [i0, i1] (inclusive), and their whole cells [cA + 1, cB). */
  readonly spans: number[][] = [[], [], [], []];
  readonly whole: number[][] = [[], [], [], []];
  readonly common: number[] = [];
  readonly scratch: number[] = [];
  /** The first and last column the last row filled touched (lo > hi: none). */
  lo = 0;
  hi = -1;
}

/**
 * Cell row R of the scanline fill, first half: the spans of its four sub-rows (sub-samples inside the
 * polygon by the even–odd rule, between pairs of sorted crossings), sub-columns kept to [iLo, iHi],
 * into `st`, with st.lo / st.hi the columns they touch (hi < lo: none) and the cells whole in all
 * four sub-rows. Every cell of lo..hi that a span reaches has a sub-sample inside: the spans alone
 * tell which cells the row touches (see {@link cellRanges}).
 */
export function spansOfRow(cr: Crossings, fr: Frame, R: number, iLo: number, iHi: number, st: RowScratch): void {
  const s = fr.cellM / SUB;
  const { counts, xs } = cr;
  const { spans, whole, common, scratch } = st;
  let lo = Infinity;
  let hi = -1;
  for (let b = 0; b < SUB; b++) {
    const j = R * SUB + b;
    const sp = spans[b]!;
    const wh = whole[b]!;
    sp.length = 0;
    wh.length = 0;
    if (j < cr.jMin || j > cr.jMax) continue;
    const from = counts[j - cr.jBase]!;
    const to = counts[j - cr.jBase + 1]!;
    sortRange(xs, from, to);
    for (let q = from; q + 1 < to; q += 2) {
      // sub-columns I with xa <= x0 + (I + ½)s < xb (within [iLo, iHi])
      const i0 = Math.max(iLo, Math.ceil((xs[q]! - fr.x0) / s - 0.5));
      const i1 = Math.min(iHi, Math.ceil((xs[q + 1]! - fr.x0) / s - 0.5) - 1);
      if (i0 > i1) continue;
      sp.push(i0, i1);
      if ((i1 >> 2) - (i0 >> 2) > 1) wh.push((i0 >> 2) + 1, i1 >> 2);
    }
    if (sp.length > 0) {
      if (sp[0]! >> 2 < lo) lo = sp[0]! >> 2;
      if (sp[sp.length - 1]! >> 2 > hi) hi = sp[sp.length - 1]! >> 2;
    }
  }
  st.lo = hi < 0 ? 0 : lo;
  st.hi = hi;
  if (hi < 0) return;
  // The whole cells common to the four sub-rows.
  intersectRuns(whole[0]!, whole[1]!, common);
  intersectRuns(common, whole[2]!, scratch);
  intersectRuns(scratch, whole[3]!, common);
}

/**
 * Second half: ORs the spans of `st` into win[rowBase + col]. The row's four sub-rows are taken
 * together: the cells whole in all four (most of a polygon's inside) are set at once, the others
 * sub-row by sub-row (a quarter of the city's build at 25 m went to ORing whole cells four times,
 * issue #19). `win32` views `win` (two cells a word).
 */
export function paintRow(st: RowScratch, win: Uint16Array, win32: Uint32Array, rowBase: number): void {
  const { spans, common } = st;
  for (let b = 0; b < SUB; b++) {
    const sp = spans[b]!;
    const bitRow = b * SUB;
    const full = 0xf << bitRow; // all four sub-samples of a cell in this sub-row
    let p = 0; // cursor in `common` (ascending, like the spans)
    for (let q = 0; q < sp.length; q += 2) {
      const i0 = sp[q]!;
      const i1 = sp[q + 1]!;
      // The span's partial cells by their sub-samples' bits at once, its whole cells four sub-samples at a time.
      const cA = i0 >> 2;
      const cB = i1 >> 2;
      if (cA === cB) {
        win[rowBase + cA]! |= ((0xf >> (3 - (i1 & 3))) & (0xf << (i0 & 3))) << bitRow;
        continue;
      }
      win[rowBase + cA]! |= ((0xf << (i0 & 3)) & 0xf) << bitRow;
      // Whole cells but those common to the four sub-rows (each common run lies in one span's).
      let c = cA + 1;
      while (p < common.length && common[p]! < cB) {
        orRun(win, win32, rowBase + c, rowBase + common[p]!, full);
        c = common[p + 1]!;
        p += 2;
      }
      orRun(win, win32, rowBase + c, rowBase + cB, full);
      win[rowBase + cB]! |= (0xf >> (3 - (i1 & 3))) << bitRow;
    }
  }
  for (let p = 0; p < common.length; p += 2) win.fill(0xffff, rowBase + common[p]!, rowBase + common[p + 1]!);
}

/**
 * Appends to `out` the cell ranges [c0, c1] (inclusive) the spans of `st` touch, merged and
 * ascending, and returns how many cells they hold: the row's touched cells, without painting it.
 */
export function cellRanges(st: RowScratch, out: number[]): number {
  const from = out.length;
  for (const sp of st.spans) for (let q = 0; q < sp.length; q += 2) out.push(sp[q]! >> 2, sp[q + 1]! >> 2);
  return mergeRanges(out, from);
}

/**
 * Sorts the ranges [c0, c1] in out[from..] by start and merges those that share a cell, in place;
 * returns how many cells they hold. A few ranges a row: an insertion sort.
 */
export function mergeRanges(out: number[], from: number): number {
  for (let i = from + 2; i < out.length; i += 2) {
    const a = out[i]!;
    const b = out[i + 1]!;
    let j = i - 2;
    for (; j >= from && out[j]! > a; j -= 2) {
      out[j + 2] = out[j]!;
      out[j + 3] = out[j + 1]!;
    }
    out[j + 2] = a;
    out[j + 3] = b;
  }
  let w = from;
  let n = 0;
  for (let i = from; i < out.length; i += 2) {
    if (w > from && out[i]! <= out[w - 1]!) {
      if (out[i + 1]! > out[w - 1]!) {
        n += out[i + 1]! - out[w - 1]!;
        out[w - 1] = out[i + 1]!;
      }
      continue;
    }
    out[w] = out[i]!;
    out[w + 1] = out[i + 1]!;
    n += out[i + 1]! - out[i]! + 1;
    w += 2;
  }
  out.length = w;
  return n;
}

/** The columns of the frame a polygon's crossings span: the fill keeps its sub-columns to them. */
function windowCols(cr: Crossings, fr: Frame): [number, number] {
  const colMin = Math.max(0, Math.min(fr.cols - 1, Math.floor((cr.xMin - fr.x0) / fr.cellM)));
  const colMax = Math.max(colMin, Math.min(fr.cols - 1, Math.floor((cr.xMax - fr.x0) / fr.cellM)));
  return [colMin, colMax];
}

/**
 * A polygon's cell rows on demand, for scanning several polygons row by row together: `spans(R)`, then
 * when it touches cells, {@link paintRow} (see {@link spansOfRow}).
 */
export class PolygonRows {
  /** The first and last cell row with crossings (last < first: none). */
  readonly first: number;
  readonly last: number;
  private readonly cr: Crossings | null;
  private readonly iLo: number;
  private readonly iHi: number;

  /**
   * @param wholeFrame keep the spans' sub-columns to the frame's instead of the polygon's columns (the
   *   same bits: those outside its columns are outside it; the land layer's fill always did)
   */
  constructor(
    rings: Float64Array[],
    private readonly fr: Frame,
    wholeFrame = false,
  ) {
    this.cr = crossingsOf(rings, fr);
    if (this.cr === null) {
      this.first = 0;
      this.last = -1;
      this.iLo = this.iHi = 0;
      return;
    }
    const [colMin, colMax] = wholeFrame ? [0, fr.cols - 1] : windowCols(this.cr, fr);
    this.iLo = colMin * SUB;
    this.iHi = (colMax + 1) * SUB - 1;
    this.first = Math.floor(this.cr.jMin / SUB);
    this.last = Math.floor(this.cr.jMax / SUB);
  }

  /** The spans of cell row R (first ≤ R ≤ last) into `st`; st.hi < st.lo when it touches no cell. */
  spans(R: number, st: RowScratch): void {
    spansOfRow(this.cr!, this.fr, R, this.iLo, this.iHi, st);
  }
}

/** A row buffer over the frame's columns (all zero), with its 32-bit view for {@link paintRow}. */
export function rowBuffer(cols: number): [Uint16Array, Uint32Array] {
  const row = new Uint16Array(cols + (cols & 1));
  return [row, new Uint32Array(row.buffer)];
}

/**
 * Sub-sample masks of a polygon over the frame.
 * @returns the touched cells (ascending) and their masks.
 */
export function rasterise(rings: Float64Array[], fr: Frame): { cells: Uint32Array; masks: Uint16Array } {
  const p = new PolygonRows(rings, fr);
  const st = new RowScratch();
  // The cells first (the spans alone), then the lists at their size.
  const ranges: number[] = [];
  let n = 0;
  for (let R = p.first; R <= p.last; R++) {
    p.spans(R, st);
    ranges.length = 0;
    if (st.hi >= st.lo) n += cellRanges(st, ranges);
  }
  const cells = new Uint32Array(n);
  const masks = new Uint16Array(n);
  const [row, row32] = rowBuffer(fr.cols);
  n = 0;
  for (let R = p.first; R <= p.last; R++) {
    p.spans(R, st);
    if (st.hi < st.lo) continue;
    paintRow(st, row, row32, 0);
    for (let c = st.lo, base = R * fr.cols; c <= st.hi; c++) {
      const m = row[c]!;
      if (m === 0) continue;
      cells[n] = base + c;
      masks[n++] = m;
    }
    row.fill(0, st.lo, st.hi + 1);
  }
  return { cells, masks };
}
