/**
 * The study area as a metric raster: built once (a few hundred ms for the whole city at 50 m), then
 * shared by every coverage engine.
 *
 * Layout: `cols × rows` square cells of `cellM` metres in the projected plane (see projection.ts);
 * cell k = row · cols + col, row 0 at the SOUTH edge (y grows north), col 0 at the west edge. Cell
 * (col, row) has its centre at x0 + (col + ½)·cellM, y0 + (row + ½)·cellM.
 *
 * Area weighting: each cell is supersampled 4 × 4; a polygon's membership in a cell is a 16-bit mask
 * of the sub-samples inside it (bit 4·b + a for sub-sample column a, row b). Shares are computed from
 * these masks, so boundary cells count by the fraction of their area inside (to 1/16 of a cell),
 * and the Outer Ring split inside a cell is exact at the same resolution (mask AND ring mask).
 *
 * Regions (the study area, each district, each zone) are sparse: the cells they touch
 * (`cells`, ascending), and per cell the number of sub-samples inside the region AND inside / outside
 * the Outer Ring, and of those on land, as one code (`counts`). Zones overlap, so each keeps its own list.
 *
 * Two grounds are counted for every region: the whole **polygon** (district polygons include river
 * and lake surface and tidal flats) and its **land** (the sub-samples also inside the land layer,
 * `public/data/land.geojson`). Without a land layer the land ground is the polygon.
 *
 * Districts, zones and townships also keep their sub-sample masks where the counts do not imply them
 * (`partial`: a few per cent of their cells, the edges, the ring's edge and the shores): the residents layer
 * (population.ts) spreads a pixel's or a polygon's residents over the land sub-samples it covers in
 * each district, which needs to know which sub-samples those are. Rasterising the districts and the
 * land again when a population file is loaded would cost the grid's build time (1.5–3 s for the city
 * on a 2-core machine); the study area keeps none (its mask is the union of the districts').
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { createProjection, WGS84, type Earth, type Projection } from './projection';

export type AreaGeometry = Polygon | MultiPolygon;

export interface Region {
  id: string;
  /** Cells the region touches, ascending. */
  cells: Uint32Array;
  /**
   * Per listed cell, the code of its four sub-sample counts (0..16 each): inside the region and
   * inside / outside the Outer Ring, and of those, on land (the polygon's counts when there is no
   * land layer). Read with COUNT_IN / COUNT_OUT / COUNT_LAND_IN / COUNT_LAND_OUT[code] (see
   * countsCode): 2 bytes a cell instead of four 1-byte arrays (issue #19).
   */
  counts: Uint16Array;
  /** Area inside / outside the ring and in all, km² (on the projected plane). */
  insideKm2: number;
  outsideKm2: number;
  areaKm2: number;
  landInsideKm2: number;
  landOutsideKm2: number;
  landKm2: number;
  /**
   * Districts, zones and townships: the sub-sample masks (bit 4·b + a) of the listed cells whose masks
   * the counts do not imply, by region index `q` (ascending): a cell with 16 sub-samples in the region
   * has the full mask, one with 16 or 0 on land the full or the empty land mask (most cells; issue
   * #19). Read with maskAt / landMaskAt. `landMasks` is `masks` when there is no land layer. Null for
   * the study area.
   */
  partial: { q: Uint32Array; masks: Uint16Array; landMasks: Uint16Array } | null;
}

/**
 * The tuples (inside, outside, land inside, land outside) a region cell can have: 0..16 each,
 * inside + outside ≤ 16, land inside ≤ inside, land outside ≤ outside — 4,845 of them, so a cell's
 * four counts fit one Uint16 code. Codes are the tuples' ranks in (i, o, li, lo) order.
 */
const COUNT_TUPLES = (() => {
  const code = new Uint16Array(17 * 17 * 17 * 17).fill(0xffff);
  const tuples: number[][] = [];
  for (let i = 0; i <= 16; i++)
    for (let o = 0; i + o <= 16; o++)
      for (let li = 0; li <= i; li++)
        for (let lo = 0; lo <= o; lo++) {
          code[((i * 17 + o) * 17 + li) * 17 + lo] = tuples.length;
          tuples.push([i, o, li, lo]);
        }
  const col = (j: number) => Uint8Array.from(tuples, (t) => t[j]!);
  return { code, inside: col(0), outside: col(1), landInside: col(2), landOutside: col(3) };
})();

/** Sub-samples of a cell inside the region and inside the Outer Ring, by the cell's counts code. */
export const COUNT_IN = COUNT_TUPLES.inside;
/** … and outside the Outer Ring. */
export const COUNT_OUT = COUNT_TUPLES.outside;
/** Of COUNT_IN, those on land. */
export const COUNT_LAND_IN = COUNT_TUPLES.landInside;
/** Of COUNT_OUT, those on land. */
export const COUNT_LAND_OUT = COUNT_TUPLES.landOutside;

/** The code of a cell's four counts (see {@link Region.counts}). */
export function countsCode(inside: number, outside: number, landInside: number, landOutside: number): number {
  const c = COUNT_TUPLES.code[((inside * 17 + outside) * 17 + landInside) * 17 + landOutside]!;
  if (c === 0xffff) throw new Error(`countsCode: no such counts (${inside}, ${outside}, ${landInside}, ${landOutside})`);
  return c;
}

/** Codes of a whole cell outside / inside the ring (+2), on water / land (+1). */
const WHOLE_CELL_CODES = [countsCode(0, 16, 0, 0), countsCode(0, 16, 0, 16), countsCode(16, 0, 0, 0), countsCode(16, 0, 16, 0)];

/** Per counts code, the masks the counts imply: 1 the full mask, 2 the full land mask, 4 no land. */
const IMPLIED = Uint8Array.from(COUNT_IN, (i, c) => {
  const land = COUNT_LAND_IN[c]! + COUNT_LAND_OUT[c]!;
  return (i + COUNT_OUT[c]! === 16 ? 1 : 0) | (land === 16 ? 2 : 0) | (land === 0 ? 4 : 0);
});

/** The sub-samples of region cell q inside the region (bit 4·b + a); districts, zones and townships only. */
export function maskAt(region: Region, q: number): number {
  if ((IMPLIED[region.counts[q]!]! & 1) !== 0) return 0xffff;
  const p = region.partial!;
  return p.masks[lowerBoundOfCell(p.q, q)]!;
}

/** Of {@link maskAt}, the sub-samples on land. */
export function landMaskAt(region: Region, q: number): number {
  const f = IMPLIED[region.counts[q]!]!;
  if ((f & 2) !== 0) return 0xffff;
  if ((f & 4) !== 0) return 0;
  const p = region.partial!;
  return p.landMasks[lowerBoundOfCell(p.q, q)]!;
}

/**
 * maskAt / landMaskAt for cells read in ascending order (q never decreasing): a cursor into the
 * partial list instead of a bisection a cell, for the residents layer's passes over every cell.
 */
export class MaskReader {
  private i = 0;
  constructor(private readonly region: Region) {}

  mask(q: number): number {
    if ((IMPLIED[this.region.counts[q]!]! & 1) !== 0) return 0xffff;
    return this.region.partial!.masks[this.seek(q)]!;
  }

  land(q: number): number {
    const f = IMPLIED[this.region.counts[q]!]!;
    if ((f & 2) !== 0) return 0xffff;
    if ((f & 4) !== 0) return 0;
    return this.region.partial!.landMasks[this.seek(q)]!;
  }

  private seek(q: number): number {
    const pq = this.region.partial!.q;
    let i = this.i;
    while (pq[i]! < q) i++;
    this.i = i;
    return i;
  }
}

export interface CoverageGrid {
  projection: Projection;
  cellM: number;
  cols: number;
  rows: number;
  /** South-west corner of the grid in projected metres. */
  x0: number;
  y0: number;
  /** District ids (adcodes) in input order; `district[k] − 1` indexes this list. */
  districtIds: string[];
  /** Per cell: 1 + index of the district holding most of its sub-samples, 0 outside every district. */
  district: Uint8Array;
  /**
   * Per cell, bits: CELL_INSIDE_RING when most of the cell is inside the Outer Ring; CELL_MOSTLY_LAND
   * when at least half of its sub-samples inside the study area are land (the pictures paint the land
   * ground with it; every study cell when there is no land layer); CELL_RING_SPLIT when the ring's
   * edge crosses it (its sub-samples inside the ring are in `ringSplit`). Read them with
   * insideRingAt / mostlyLandAt / ringMaskAt. One byte a cell instead of the 1 + 1 + 2 bytes of
   * separate arrays (88 of 110 MiB saved for the city at 25 m, issue #19).
   */
  cellFlags: Uint8Array;
  /** The cells the Outer Ring's edge crosses (some, not all, sub-samples inside), ascending, and their sub-samples inside the ring. */
  ringSplit: { cells: Uint32Array; masks: Uint16Array };
  /** True when a land layer was given (the land ground differs from the polygon). */
  hasLand: boolean;
  /** The union of the districts. */
  study: Region;
  districts: Map<string, Region>;
  zones: Map<string, Region>;
  /** Townships (街道 / 镇) by 9-digit code; empty when none were given. Like zones, with their masks. */
  townships: Map<string, Region>;
}

export interface GridSources {
  districts: ReadonlyArray<{ id: string; geometry: AreaGeometry }>;
  zones?: ReadonlyArray<{ id: string; geometry: AreaGeometry }>;
  /** Townships by code (optional: the shipped file covers 8 districts). */
  townships?: ReadonlyArray<{ id: string; geometry: AreaGeometry }>;
  /** The area inside the Outer Ring (one or more polygons). */
  outerRing?: ReadonlyArray<AreaGeometry>;
  /** Land polygons (without them the land ground is the whole polygon). */
  land?: ReadonlyArray<AreaGeometry>;
}

export interface GridOptions {
  /** Cell size in metres (default 50). */
  cellM?: number;
  /** Earth model of the projection (default WGS-84; `TURF_SPHERE` to compare with turf). */
  earth?: Earth;
}

const SUB = 4; // sub-samples per cell side

/** Bits of {@link CoverageGrid.cellFlags}. */
export const CELL_INSIDE_RING = 1;
export const CELL_MOSTLY_LAND = 2;
export const CELL_RING_SPLIT = 4;

/** Whether most of cell k is inside the Outer Ring. */
export function insideRingAt(grid: CoverageGrid, k: number): boolean {
  return (grid.cellFlags[k]! & CELL_INSIDE_RING) !== 0;
}

/** Whether at least half of cell k's study-area sub-samples are land (every study cell without a land layer). */
export function mostlyLandAt(grid: CoverageGrid, k: number): boolean {
  return (grid.cellFlags[k]! & CELL_MOSTLY_LAND) !== 0;
}

/** The sub-samples of cell k inside the Outer Ring (bit 4·b + a). */
export function ringMaskAt(grid: CoverageGrid, k: number): number {
  const f = grid.cellFlags[k]!;
  if ((f & CELL_RING_SPLIT) === 0) return (f & CELL_INSIDE_RING) !== 0 ? 0xffff : 0;
  return grid.ringSplit.masks[indexOfCell(grid.ringSplit.cells, k)]!;
}

/** The first index of an ascending cell list holding a cell ≥ k (bisection). */
export function lowerBoundOfCell(cells: Uint32Array, k: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cells[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of cell k in an ascending cell list that holds it. */
export function indexOfCell(cells: Uint32Array, k: number): number {
  return lowerBoundOfCell(cells, k);
}

/** Population count of 16-bit masks. */
export const POPCOUNT16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

/** Projected rings of a geometry as flat [x0, y0, x1, y1, …] arrays (closing vertex kept). */
function projectRings(g: AreaGeometry, proj: Projection): Float64Array[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Float64Array[] = [];
  const p = new Float64Array(2);
  for (const poly of polys) {
    for (const ring of poly) {
      const r = new Float64Array(ring.length * 2);
      ring.forEach((pos, i) => {
        proj.forward(pos[0]!, pos[1]!, p);
        r[2 * i] = p[0]!;
        r[2 * i + 1] = p[1]!;
      });
      out.push(r);
    }
  }
  return out;
}

interface Frame {
  x0: number;
  y0: number;
  cellM: number;
  cols: number;
  rows: number;
}

/** A polygon's edge crossings per sub-sample row (see {@link crossingsOf}). */
interface Crossings {
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
function crossingsOf(rings: Float64Array[], fr: Frame): Crossings | null {
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

/**
 * Pass 2 of the scanline fill: ORs the sub-samples inside the polygon (even–odd, between pairs of
 * sorted crossings) into `win`, a window of `w` cells a row whose first cell is (colMin, rowMin);
 * sub-columns are kept to the window's columns. A cell row's four sub-rows are taken together: the
 * cells whole in all four (most of a polygon's inside) are set at once, the others sub-row by
 * sub-row (a quarter of the city's build at 25 m went to ORing whole cells four times, issue #19).
 */
function fillSpans(cr: Crossings, fr: Frame, win: Uint16Array, rowMin: number, colMin: number, w: number): void {
  const s = fr.cellM / SUB;
  const { counts, xs } = cr;
  const win32 = new Uint32Array(win.buffer, win.byteOffset, win.length >> 1);
  const iLo = colMin * SUB;
  const iHi = (colMin + w) * SUB - 1;
  // Per sub-row of the cell row: its spans' sub-columns [i0, i1] (inclusive), and their whole cells [cA + 1, cB).
  const spans: number[][] = [[], [], [], []];
  const whole: number[][] = [[], [], [], []];
  const common: number[] = [];
  const scratch: number[] = [];
  for (let R = Math.floor(cr.jMin / SUB); R <= Math.floor(cr.jMax / SUB); R++) {
    const rowBase = (R - rowMin) * w - colMin;
    for (let b = 0; b < SUB; b++) {
      const j = R * SUB + b;
      const sp = spans[b]!;
      const wh = whole[b]!;
      sp.length = 0;
      wh.length = 0;
      if (j < cr.jMin || j > cr.jMax) continue;
      const row = xs.subarray(counts[j]!, counts[j + 1]!).sort();
      for (let q = 0; q + 1 < row.length; q += 2) {
        // sub-columns I with xa <= x0 + (I + ½)s < xb (within the window's columns)
        const i0 = Math.max(iLo, Math.ceil((row[q]! - fr.x0) / s - 0.5));
        const i1 = Math.min(iHi, Math.ceil((row[q + 1]! - fr.x0) / s - 0.5) - 1);
        if (i0 > i1) continue;
        sp.push(i0, i1);
        if ((i1 >> 2) - (i0 >> 2) > 1) wh.push((i0 >> 2) + 1, i1 >> 2);
      }
    }
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
        // The span's partial cells bit by bit, its whole cells four sub-samples at a time.
        const cA = i0 >> 2;
        const cB = i1 >> 2;
        if (cA === cB) {
          for (let I = i0; I <= i1; I++) win[rowBase + cA]! |= 1 << (bitRow + (I & 3));
          continue;
        }
        for (let I = i0; I < (cA + 1) * SUB; I++) win[rowBase + cA]! |= 1 << (bitRow + (I & 3));
        // Whole cells but those common to the four sub-rows (each common run lies in one span's).
        let c = cA + 1;
        while (p < common.length && common[p]! < cB) {
          orRun(win, win32, rowBase + c, rowBase + common[p]!, full);
          c = common[p + 1]!;
          p += 2;
        }
        orRun(win, win32, rowBase + c, rowBase + cB, full);
        for (let I = cB * SUB; I <= i1; I++) win[rowBase + cB]! |= 1 << (bitRow + (I & 3));
      }
    }
    for (let p = 0; p < common.length; p += 2) win.fill(0xffff, rowBase + common[p]!, rowBase + common[p + 1]!);
  }
}

/**
 * Sub-sample masks of a polygon over the grid: even–odd scanline fill at each sub-sample row, into a
 * window over the polygon's rows and columns.
 * @returns the touched cells (ascending) and their masks.
 */
function rasterise(rings: Float64Array[], fr: Frame): { cells: Uint32Array; masks: Uint16Array } {
  const cr = crossingsOf(rings, fr);
  if (cr === null) return { cells: new Uint32Array(0), masks: new Uint16Array(0) };
  const rowMin = Math.floor(cr.jMin / SUB);
  const rowMax = Math.floor(cr.jMax / SUB);
  const colMin = Math.max(0, Math.min(fr.cols - 1, Math.floor((cr.xMin - fr.x0) / fr.cellM)));
  const colMax = Math.max(colMin, Math.min(fr.cols - 1, Math.floor((cr.xMax - fr.x0) / fr.cellM)));
  const w = colMax - colMin + 1;
  const win = new Uint16Array((rowMax - rowMin + 1) * w);
  fillSpans(cr, fr, win, rowMin, colMin, w);
  let n = 0;
  for (let k = 0; k < win.length; k++) if (win[k] !== 0) n++;
  const cells = new Uint32Array(n);
  const masks = new Uint16Array(n);
  n = 0;
  for (let r = 0, k = 0; r <= rowMax - rowMin; r++) {
    const base = (rowMin + r) * fr.cols + colMin;
    for (let c = 0; c < w; c++, k++) {
      if (win[k] !== 0) {
        cells[n] = base + c;
        masks[n++] = win[k]!;
      }
    }
  }
  return { cells, masks };
}

/**
 * ORs a polygon's sub-sample masks into a raster over the whole frame (the same fill as
 * {@link rasterise}; the spans' sub-columns outside the polygon's columns are outside it, so kept to
 * the frame's they set the same bits). For the land layer, one polygon over the whole frame and beyond:
 * no window, cell list and second OR (a quarter of the city's build at 25 m, issue #19).
 */
function rasteriseInto(rings: Float64Array[], fr: Frame, target: Uint16Array): void {
  const cr = crossingsOf(rings, fr);
  if (cr !== null) fillSpans(cr, fr, target, 0, 0, fr.cols);
}

/**
 * The counts code of a cell from its mask in the region, its ring mask and its mask's land part,
 * with its counts added to `sums` (inside, outside, land inside, land outside; integers, so in any order).
 */
function codeCell(m: number, ring: number, lm: number, sums: Int32Array): number {
  if (m === 0xffff && (ring === 0 || ring === 0xffff) && (lm === 0 || lm === 0xffff)) {
    // A whole cell on one side of the ring, all land or all water (most cells): no counting.
    const side = ring !== 0 ? 0 : 1;
    sums[side]! += 16;
    if (lm !== 0) sums[2 + side]! += 16;
    return WHOLE_CELL_CODES[(ring !== 0 ? 2 : 0) + (lm !== 0 ? 1 : 0)]!;
  }
  const mi = m & ring;
  const a = POPCOUNT16[mi]!;
  const b = POPCOUNT16[m ^ mi]!;
  const la = POPCOUNT16[lm & ring]!;
  const lb = POPCOUNT16[lm & ~ring & 0xffff]!;
  sums[0]! += a;
  sums[1]! += b;
  sums[2]! += la;
  sums[3]! += lb;
  return COUNT_TUPLES.code[((a * 17 + b) * 17 + la) * 17 + lb]!;
}

/** A region from its coded cells and their summed counts (see codeCell). */
function regionFrom(id: string, cells: Uint32Array, counts: Uint16Array, sums: Int32Array, cellKm2: number, partial: Region['partial']): Region {
  const f = cellKm2 / (SUB * SUB);
  const [si, so, li, lo] = sums as unknown as [number, number, number, number];
  return {
    id,
    cells,
    counts,
    insideKm2: si * f,
    outsideKm2: so * f,
    areaKm2: (si + so) * f,
    landInsideKm2: li * f,
    landOutsideKm2: lo * f,
    landKm2: (li + lo) * f,
    partial,
  };
}

/** A district, zone or township from its cells and masks: their counts, and the masks the counts do not imply. */
function makeRegion(id: string, cells: Uint32Array, masks: Uint16Array, ringMask: Uint16Array, landMask: Uint16Array | null, cellKm2: number): Region {
  const counts = new Uint16Array(cells.length);
  const sums = new Int32Array(4);
  // The masks the counts do not imply (see Region.partial), gathered as they are met.
  const pq: number[] = [];
  const pm: number[] = [];
  const pl: number[] = [];
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const m = masks[q]!;
    // Without a land layer the land ground is the polygon.
    const lm = landMask === null ? m : m & landMask[k]!;
    counts[q] = codeCell(m, ringMask[k]!, lm, sums);
    if (m !== 0xffff || (lm !== 0 && lm !== 0xffff)) {
      pq.push(q);
      pm.push(m);
      pl.push(lm);
    }
  }
  const pMasks = Uint16Array.from(pm);
  return regionFrom(id, cells, counts, sums, cellKm2, { q: Uint32Array.from(pq), masks: pMasks, landMasks: landMask === null ? pMasks : Uint16Array.from(pl) });
}

/**
 * Rasterises districts, zones and the Outer Ring area.
 * @param sources polygons in WGS-84 lon/lat; ids are adcodes / zone ids.
 * @param options cell size (m) and earth model.
 */
export function buildGrid(sources: GridSources, options: GridOptions = {}): CoverageGrid {
  const cellM = options.cellM ?? 50;
  const projection = createProjection(options.earth ?? WGS84);
  const districtRings = sources.districts.map((d) => projectRings(d.geometry, projection));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of districtRings) {
    for (const r of rings) {
      for (let i = 0; i < r.length; i += 2) {
        minX = Math.min(minX, r[i]!);
        maxX = Math.max(maxX, r[i]!);
        minY = Math.min(minY, r[i + 1]!);
        maxY = Math.max(maxY, r[i + 1]!);
      }
    }
  }
  if (!Number.isFinite(minX)) throw new Error('buildGrid: no district polygons');
  // Snap the frame to multiples of the cell size, so grids of the same cell size line up.
  const x0 = Math.floor(minX / cellM) * cellM;
  const y0 = Math.floor(minY / cellM) * cellM;
  const cols = Math.ceil((maxX - x0) / cellM);
  const rows = Math.ceil((maxY - y0) / cellM);
  const fr: Frame = { x0, y0, cellM, cols, rows };
  const nCells = cols * rows;
  const cellKm2 = (cellM * cellM) / 1e6;

  const ringMask = new Uint16Array(nCells);
  const ringCells: Uint32Array[] = [];
  for (const g of sources.outerRing ?? []) {
    const { cells, masks } = rasterise(projectRings(g, projection), fr);
    for (let q = 0; q < cells.length; q++) ringMask[cells[q]!]! |= masks[q]!;
    ringCells.push(cells);
  }
  // The flags of the cells the ring touches (its polygons' cell lists, not the whole frame).
  const cellFlags = new Uint8Array(nCells);
  const split: number[] = [];
  for (const cells of ringCells) {
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      if (cellFlags[k] !== 0) continue; // listed by an earlier ring polygon
      const m = ringMask[k]!;
      if (m === 0xffff) cellFlags[k] = CELL_INSIDE_RING;
      else {
        split.push(k);
        cellFlags[k] = (POPCOUNT16[m]! >= 8 ? CELL_INSIDE_RING : 0) | CELL_RING_SPLIT;
      }
    }
  }
  const splitCells = Uint32Array.from(split).sort();
  const ringSplit = { cells: splitCells, masks: Uint16Array.from(splitCells, (k) => ringMask[k]!) };
  // Land: the sub-sample masks of the land polygons (dropped once the regions have their counts).
  let landMask: Uint16Array | null = null;
  if (sources.land) {
    landMask = new Uint16Array(nCells);
    for (const g of sources.land) rasteriseInto(projectRings(g, projection), fr, landMask);
  }

  const studyMask = new Uint16Array(nCells);
  const district = new Uint8Array(nCells);
  const best = new Uint8Array(nCells); // sub-samples of the district recorded in `district`
  const districts = new Map<string, Region>();
  let nStudy = 0;
  sources.districts.forEach((d, idx) => {
    const { cells, masks } = rasterise(districtRings[idx]!, fr);
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      if (studyMask[k] === 0) nStudy++;
      studyMask[k]! |= masks[q]!;
      const c = POPCOUNT16[masks[q]!]!;
      if (c > best[k]!) {
        best[k] = c;
        district[k] = idx + 1;
      }
    }
    districts.set(d.id, makeRegion(d.id, cells, masks, ringMask, landMask, cellKm2));
  });
  // The study area's cells, coded as they are listed (its masks are not kept).
  const sCells = new Uint32Array(nStudy);
  const sCounts = new Uint16Array(nStudy);
  const sSums = new Int32Array(4);
  for (let k = 0, n = 0; n < nStudy; k++) {
    const m = studyMask[k]!;
    if (m === 0) continue;
    const lm = landMask === null ? m : m & landMask[k]!;
    sCells[n] = k;
    sCounts[n++] = codeCell(m, ringMask[k]!, lm, sSums);
    if (2 * POPCOUNT16[lm]! >= POPCOUNT16[m]!) cellFlags[k]! |= CELL_MOSTLY_LAND;
  }
  const regionsOf = (list: GridSources['zones']) => {
    const out = new Map<string, Region>();
    for (const z of list ?? []) {
      const { cells, masks } = rasterise(projectRings(z.geometry, projection), fr);
      out.set(z.id, makeRegion(z.id, cells, masks, ringMask, landMask, cellKm2));
    }
    return out;
  };
  const zones = regionsOf(sources.zones);
  const townships = regionsOf(sources.townships);
  return {
    projection,
    cellM,
    cols,
    rows,
    x0,
    y0,
    districtIds: sources.districts.map((d) => d.id),
    district,
    cellFlags,
    ringSplit,
    hasLand: landMask !== null,
    study: regionFrom('all', sCells, sCounts, sSums, cellKm2, null),
    districts,
    zones,
    townships,
  };
}

/** Centre of cell k as [lon, lat]. */
export function cellCenterLonLat(grid: CoverageGrid, k: number, out: number[] = [0, 0]): number[] {
  const col = k % grid.cols;
  const row = (k - col) / grid.cols;
  grid.projection.inverse(grid.x0 + (col + 0.5) * grid.cellM, grid.y0 + (row + 0.5) * grid.cellM, out);
  return out;
}

/**
 * The sub-sample masks of a polygon over a grid's frame (the grid's own scanline fill): the cells
 * it touches, ascending, with the sub-samples inside it. Parts outside the frame are left out.
 */
export function rasteriseOnGrid(grid: CoverageGrid, geometry: AreaGeometry): { cells: Uint32Array; masks: Uint16Array } {
  return rasterise(projectRings(geometry, grid.projection), grid);
}
