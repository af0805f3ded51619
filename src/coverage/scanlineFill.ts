/**
 * The grid's scanline fill (issue #19): a polygon's sub-sample masks (bit 4·b + a for sub-sample
 * column a, row b of a cell, 4 × 4 a cell) by the even–odd rule, one cell row at a time. Pure, no
 * grid: the frame is the cell size, the south-west corner and the size in cells.
 *
 * A polygon is filled row by row into a buffer one frame row wide, and each row's touched cells are
 * handed to the caller before the next row (scanRows): the caller codes its cells as they come, with
 * no window over the polygon's box to allocate, scan for the cells it touches and copy out (most of
 * the grid's build at 25 m went to those passes and to a second pass over the cells, issue #19).
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
  /** xs[counts[J] .. counts[J + 1]) are the crossings of sub-row J (unsorted). */
  counts: Uint32Array;
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
  // Pass 1: count crossings per sub-row. Sub-row J samples y = y0 + (J + ½)·s.
  const counts = new Uint32Array(subRows + 1);
  const rowRange = (ya: number, yb: number): [number, number] => {
    // rows J with min(ya,yb) <= yJ < max(ya,yb) (half-open: each vertex counted once)
    const lo = Math.min(ya, yb);
    const hi = Math.max(ya, yb);
    const j0 = Math.max(0, Math.ceil((lo - fr.y0) / s - 0.5));
    const j1 = Math.min(subRows - 1, Math.ceil((hi - fr.y0) / s - 0.5) - 1);
    return [j0, j1];
  };
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const [j0, j1] = rowRange(r[i + 1]!, r[i + 3]!);
      for (let j = j0; j <= j1; j++) counts[j + 1]!++;
    }
  }
  for (let j = 0; j < subRows; j++) counts[j + 1]! += counts[j]!;
  const xs = new Float64Array(counts[subRows]!);
  const fill = counts.slice(0, subRows);
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const xa = r[i]!;
      const ya = r[i + 1]!;
      const xb = r[i + 2]!;
      const yb = r[i + 3]!;
      const [j0, j1] = rowRange(ya, yb);
      for (let j = j0; j <= j1; j++) {
        const y = fr.y0 + (j + 0.5) * s;
        xs[fill[j]!++] = xa + ((y - ya) * (xb - xa)) / (yb - ya);
      }
    }
  }
  let jMin = -1;
  let jMax = -1;
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let j = 0; j < subRows; j++) {
    if (counts[j + 1]! > counts[j]!) {
      if (jMin < 0) jMin = j;
      jMax = j;
    }
  }
  if (jMin < 0) return null;
  for (let i = counts[jMin]!; i < counts[jMax + 1]!; i++) {
    const x = xs[i]!;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
  }
  return { counts, xs, jMin, jMax, xMin, xMax };
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

/** Lists reused from row to row by {@link fillRow}. */
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
 * Cell row R of the scanline fill: ORs the sub-samples inside the polygon (even–odd, between pairs
 * of sorted crossings) into win[rowBase + col], sub-columns kept to [iLo, iHi], and sets st.lo / st.hi
 * to the columns touched. The row's four sub-rows are taken together: the cells whole in all four
 * (most of a polygon's inside) are set at once, the others sub-row by sub-row (a quarter of the
 * city's build at 25 m went to ORing whole cells four times, issue #19). `win32` views `win` (two
 * cells a word).
 */
export function fillRow(cr: Crossings, fr: Frame, R: number, win: Uint16Array, win32: Uint32Array, rowBase: number, iLo: number, iHi: number, st: RowScratch): void {
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
    const row = xs.subarray(counts[j]!, counts[j + 1]!).sort();
    for (let q = 0; q + 1 < row.length; q += 2) {
      // sub-columns I with xa <= x0 + (I + ½)s < xb (within [iLo, iHi])
      const i0 = Math.max(iLo, Math.ceil((row[q]! - fr.x0) / s - 0.5));
      const i1 = Math.min(iHi, Math.ceil((row[q + 1]! - fr.x0) / s - 0.5) - 1);
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

/** The columns of the frame a polygon's crossings span: the fill keeps its sub-columns to them. */
function windowCols(cr: Crossings, fr: Frame): [number, number] {
  const colMin = Math.max(0, Math.min(fr.cols - 1, Math.floor((cr.xMin - fr.x0) / fr.cellM)));
  const colMax = Math.max(colMin, Math.min(fr.cols - 1, Math.floor((cr.xMax - fr.x0) / fr.cellM)));
  return [colMin, colMax];
}

/** A buffer one frame row wide for {@link scanRows}, all zero between calls. */
export class RowBuffer {
  readonly row: Uint16Array;
  readonly row32: Uint32Array;
  readonly st = new RowScratch();
  constructor(cols: number) {
    this.row = new Uint16Array(cols + (cols & 1));
    this.row32 = new Uint32Array(this.row.buffer);
  }
}

/**
 * A polygon's masks a cell row at a time, rows ascending: each {@link next} fills the next row with a
 * touched cell into `buf.row` (absolute columns; a zero mask is a cell the polygon misses) and sets
 * R, lo and hi to the row and its first and last touched columns. The row buffer is zeroed again
 * by the next call (and so left zeroed once next gives false).
 */
export class RowScan {
  R = -1;
  lo = 0;
  hi = -1;
  private readonly cr: Crossings | null;
  private readonly rEnd: number;
  private readonly iLo: number;
  private readonly iHi: number;

  constructor(
    rings: Float64Array[],
    private readonly fr: Frame,
    private readonly buf: RowBuffer,
  ) {
    this.cr = crossingsOf(rings, fr);
    if (this.cr === null) {
      this.rEnd = -1;
      this.iLo = this.iHi = 0;
      return;
    }
    const [colMin, colMax] = windowCols(this.cr, fr);
    this.iLo = colMin * SUB;
    this.iHi = (colMax + 1) * SUB - 1;
    this.R = Math.floor(this.cr.jMin / SUB) - 1;
    this.rEnd = Math.floor(this.cr.jMax / SUB);
  }

  /** Fills the next row with a touched cell; false when there is none. */
  next(): boolean {
    const { row, row32, st } = this.buf;
    if (this.hi >= this.lo) row.fill(0, this.lo, this.hi + 1);
    this.hi = -1;
    while (this.R < this.rEnd) {
      this.R++;
      fillRow(this.cr!, this.fr, this.R, row, row32, 0, this.iLo, this.iHi, st);
      if (st.hi >= st.lo) {
        this.lo = st.lo;
        this.hi = st.hi;
        return true;
      }
    }
    return false;
  }
}

/**
 * Sub-sample masks of a polygon over the frame.
 * @returns the touched cells (ascending) and their masks.
 */
export function rasterise(rings: Float64Array[], fr: Frame): { cells: Uint32Array; masks: Uint16Array } {
  let cells = new Uint32Array(1024);
  let masks = new Uint16Array(1024);
  let n = 0;
  const buf = new RowBuffer(fr.cols);
  const row = buf.row;
  for (const scan = new RowScan(rings, fr, buf); scan.next(); ) {
    const { R, lo, hi } = scan;
    if (n + hi - lo + 1 > cells.length) {
      const cap = Math.max(2 * cells.length, n + hi - lo + 1);
      const c2 = new Uint32Array(cap);
      c2.set(cells.subarray(0, n));
      const m2 = new Uint16Array(cap);
      m2.set(masks.subarray(0, n));
      cells = c2;
      masks = m2;
    }
    const base = R * fr.cols;
    for (let c = lo; c <= hi; c++) {
      const m = row[c]!;
      if (m === 0) continue;
      cells[n] = base + c;
      masks[n++] = m;
    }
  }
  return { cells: cells.slice(0, n), masks: masks.slice(0, n) };
}

/**
 * ORs a polygon's sub-sample masks into a raster over the whole frame (the same fill as
 * {@link rasterise}). For the land layer, one polygon over the whole frame and beyond: no cell list
 * and second OR (a quarter of the city's build at 25 m, issue #19).
 */
export function rasteriseInto(rings: Float64Array[], fr: Frame, target: Uint16Array): void {
  const cr = crossingsOf(rings, fr);
  if (cr === null) return;
  const target32 = new Uint32Array(target.buffer, target.byteOffset, target.length >> 1);
  const st = new RowScratch();
  // Sub-columns kept to the frame's: those outside the polygon's columns are outside it.
  for (let R = Math.floor(cr.jMin / SUB), rEnd = Math.floor(cr.jMax / SUB); R <= rEnd; R++) fillRow(cr, fr, R, target, target32, R * fr.cols, 0, fr.cols * SUB - 1, st);
}
