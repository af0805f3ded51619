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
import { cellRanges, mergeRanges, paintRow, PolygonRows, rasterise, rowBuffer, RowScratch, SUB, type Frame } from './scanlineFill';

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
  // Written straight into the columns (built at every page's and worker's start: no array per tuple).
  const code = new Uint16Array(17 * 17 * 17 * 17).fill(0xffff);
  const columns = [0, 1, 2, 3].map(() => new Uint8Array(4845));
  let n = 0;
  for (let i = 0; i <= 16; i++)
    for (let o = 0; i + o <= 16; o++)
      for (let li = 0; li <= i; li++)
        for (let lo = 0; lo <= o; lo++) {
          code[((i * 17 + o) * 17 + li) * 17 + lo] = n;
          columns[0]![n] = i;
          columns[1]![n] = o;
          columns[2]![n] = li;
          columns[3]![n] = lo;
          n++;
        }
  if (n !== 4845) throw new Error(`COUNT_TUPLES: ${n} tuples, not 4,845`);
  const [inside, outside, landInside, landOutside] = columns as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  return { code, inside, outside, landInside, landOutside };
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
  /**
   * Whether to write the regions' cell lists and counts on shared memory, asked with the grid's cell
   * count (cols × rows): where helper threads count the breakdown (src/coverage/breakdownPool.ts)
   * they read them there, instead of a copy made at the first breakdown (~90 MB at 25 m).
   */
  shared?: (cells: number) => boolean;
}

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

/** A region being scanned: its polygon's rows, its lists (at their size), how many are filled, its sums. */
interface Scanned {
  id: string;
  /** 1 + its index among the districts; 0 for a zone or township. */
  districtNo: number;
  rows: PolygonRows;
  cells: Uint32Array;
  counts: Uint16Array;
  n: number;
  sums: Int32Array;
  /** The masks its counts do not imply (see Region.partial): region index, mask, land mask. */
  pq: number[];
  pm: number[];
  pl: number[];
}

/** The polygons of a build, projected, by layer. */
interface Layers {
  fr: Frame;
  /** Districts first (in their order), then zones and townships. */
  regions: ReadonlyArray<{ id: string; rings: Float64Array[]; district: boolean }>;
  outerRing: Float64Array[][];
  /** Null without a land layer (the land ground is the polygon). */
  land: Float64Array[][] | null;
}

/** What the scan gives besides the regions: the per-cell rasters, the ring's split cells, the study area. */
interface Scan {
  regions: Region[];
  study: Region;
  district: Uint8Array;
  cellFlags: Uint8Array;
  ringSplit: CoverageGrid['ringSplit'];
  hasLand: boolean;
}

/** Paints the rows R of polygons into `row` (all zero before); the columns touched, [lo, hi] (hi < lo: none). */
function paintRows(polys: PolygonRows[], R: number, st: RowScratch, row: Uint16Array, row32: Uint32Array): [number, number] {
  let lo = Infinity;
  let hi = -1;
  for (const p of polys) {
    if (R < p.first || R > p.last) continue;
    p.spans(R, st);
    if (st.hi < st.lo) continue;
    paintRow(st, row, row32, 0);
    if (st.lo < lo) lo = st.lo;
    if (st.hi > hi) hi = st.hi;
  }
  return [hi < 0 ? 0 : lo, hi];
}

/** The rows of pass 2 (see scanLayers): a region's masks, the ring's, the land's (null: no land layer), the study area's, the largest share of each cell so far; and the district raster. */
interface RowSet {
  row: Uint16Array;
  ringRow: Uint16Array;
  landRow: Uint16Array | null;
  studyRow: Uint16Array;
  bestRow: Uint8Array;
  district: Uint8Array;
}

/**
 * Codes a region's cells of one row, columns lo..hi of `rows.row` (base: the row's first cell), and
 * merges a district's into the study area's row.
 */
function codeRegionRow(g: Scanned, lo: number, hi: number, base: number, rows: RowSet): void {
  const { row, ringRow, landRow, studyRow, bestRow, district } = rows;
  const { cells, counts, sums, pq, pm, pl, districtNo } = g;
  let n = g.n;
  for (let c = lo; c <= hi; c++) {
    const m = row[c]!;
    if (m === 0) continue;
    const k = base + c;
    if (districtNo > 0) {
      studyRow[c]! |= m;
      const bits = POPCOUNT16[m]!;
      if (bits > bestRow[c]!) {
        bestRow[c] = bits;
        district[k] = districtNo;
      }
    }
    // Without a land layer the land ground is the polygon.
    const lm = landRow === null ? m : m & landRow[c]!;
    cells[n] = k;
    counts[n] = codeCell(m, ringRow[c]!, lm, sums);
    if (m !== 0xffff || (lm !== 0 && lm !== 0xffff)) {
      pq.push(n);
      pm.push(m);
      pl.push(lm);
    }
    n++;
  }
  g.n = n;
}

/** Codes the study area's cells of one row (columns lo..hi of `rows.studyRow`) from list index n on, and flags those mostly on land; the next index. */
function codeStudyRow(study: { cells: Uint32Array; counts: Uint16Array; sums: Int32Array }, n: number, lo: number, hi: number, base: number, rows: RowSet, cellFlags: Uint8Array): number {
  const { studyRow, ringRow, landRow } = rows;
  const { cells, counts, sums } = study;
  for (let c = lo; c <= hi; c++) {
    const m = studyRow[c]!;
    if (m === 0) continue;
    const k = base + c;
    const lm = landRow === null ? m : m & landRow[c]!;
    cells[n] = k;
    counts[n++] = codeCell(m, ringRow[c]!, lm, sums);
    if (2 * POPCOUNT16[lm]! >= POPCOUNT16[m]!) cellFlags[k]! |= CELL_MOSTLY_LAND;
  }
  return n;
}

/**
 * Every layer scanned a cell row at a time, all together (scanlineFill.ts), twice. First the regions'
 * spans alone: how many cells each region touches (and the study area: the districts' union), so that
 * every list is allocated at its size and written once. Then per row: the Outer Ring's and the land's
 * masks painted into a row each, the ring's cells flagged, each region's row painted and its cells
 * coded as they come (their counts, and their masks where the counts do not imply them), the
 * districts merged into the study area in their order, and the study area's cells coded. Nothing is
 * kept over the whole frame but the per-cell outputs: issue #19, the build was mostly the first
 * writes to frame-sized scratch rasters (ring, land, study area, shares) and to lists read and
 * copied again.
 */
function scanLayers(layers: Layers, cellKm2: number, shared: boolean): Scan {
  const { fr } = layers;
  const { cols } = fr;
  const st = new RowScratch();
  const regs: Scanned[] = [];
  let nDistricts = 0;
  for (const { id, rings, district } of layers.regions) {
    regs.push({ id, districtNo: district ? ++nDistricts : 0, rows: new PolygonRows(rings, fr), cells: new Uint32Array(0), counts: new Uint16Array(0), n: 0, sums: new Int32Array(4), pq: [], pm: [], pl: [] });
  }
  const ringRows = layers.outerRing.map((r) => new PolygonRows(r, fr));
  const landRows = layers.land?.map((r) => new PolygonRows(r, fr, true)) ?? null;
  let r0 = Infinity;
  let r1 = -1;
  for (const p of [...regs.map((g) => g.rows), ...ringRows]) {
    if (p.last < p.first) continue;
    r0 = Math.min(r0, p.first);
    r1 = Math.max(r1, p.last);
  }
  // Pass 1: the cells each region touches, and the districts' union.
  const ranges: number[] = [];
  const districtRanges: number[] = [];
  let nStudy = 0;
  for (let R = r0; R <= r1; R++) {
    districtRanges.length = 0;
    for (const g of regs) {
      const p = g.rows;
      if (R < p.first || R > p.last) continue;
      p.spans(R, st);
      if (st.hi < st.lo) continue;
      if (g.districtNo > 0) g.n += cellRanges(st, districtRanges);
      else {
        ranges.length = 0;
        g.n += cellRanges(st, ranges);
      }
    }
    if (districtRanges.length > 0) nStudy += mergeRanges(districtRanges, 0);
  }
  // On shared memory, every region's lists on one buffer (one handle for the helper threads).
  let bytes = 0;
  for (const g of regs) bytes += Math.ceil((g.n * 4) / 8) * 8 + Math.ceil((g.n * 2) / 8) * 8;
  const memory = shared ? new SharedArrayBuffer(Math.max(8, bytes)) : null;
  let at = 0;
  for (const g of regs) {
    if (memory) {
      g.cells = new Uint32Array(memory, at, g.n);
      at += Math.ceil((g.n * 4) / 8) * 8;
      g.counts = new Uint16Array(memory, at, g.n);
      at += Math.ceil((g.n * 2) / 8) * 8;
    } else {
      g.cells = new Uint32Array(g.n);
      g.counts = new Uint16Array(g.n);
    }
    g.n = 0;
  }
  // Pass 2. Rows: a region's masks, the ring's, the land's, the study area's, and the largest share of each cell so far.
  const [row, row32] = rowBuffer(cols);
  const [ringRow, ringRow32] = rowBuffer(cols);
  const [landRow, landRow32] = rowBuffer(cols);
  const studyRow = new Uint16Array(cols);
  const bestRow = new Uint8Array(cols);
  const district = new Uint8Array(fr.cols * fr.rows);
  const cellFlags = new Uint8Array(fr.cols * fr.rows);
  const splitCells: number[] = [];
  const splitMasks: number[] = [];
  const study = { cells: new Uint32Array(nStudy), counts: new Uint16Array(nStudy), sums: new Int32Array(4) };
  const rows: RowSet = { row, ringRow, landRow: landRows === null ? null : landRow, studyRow, bestRow, district };
  let ns = 0;
  for (let R = r0; R <= r1; R++) {
    const base = R * cols;
    // The cells the ring touches: their flags, and the split ones' masks (ascending, as they come).
    const [gLo, gHi] = paintRows(ringRows, R, st, ringRow, ringRow32);
    for (let c = gLo; c <= gHi; c++) {
      const m = ringRow[c]!;
      if (m === 0) continue;
      if (m === 0xffff) cellFlags[base + c] = CELL_INSIDE_RING;
      else {
        splitCells.push(base + c);
        splitMasks.push(m);
        cellFlags[base + c] = (POPCOUNT16[m]! >= 8 ? CELL_INSIDE_RING : 0) | CELL_RING_SPLIT;
      }
    }
    const [lLo, lHi] = landRows === null ? [0, -1] : paintRows(landRows, R, st, landRow, landRow32);
    let sLo = cols;
    let sHi = -1;
    for (const g of regs) {
      const p = g.rows;
      if (R < p.first || R > p.last) continue;
      p.spans(R, st);
      if (st.hi < st.lo) continue;
      paintRow(st, row, row32, 0);
      const { lo, hi } = st;
      codeRegionRow(g, lo, hi, base, rows);
      row.fill(0, lo, hi + 1);
      if (g.districtNo > 0) {
        if (lo < sLo) sLo = lo;
        if (hi > sHi) sHi = hi;
      }
    }
    // The study area's cells of the row, coded as they are listed (its masks are not kept).
    ns = codeStudyRow(study, ns, sLo, sHi, base, rows, cellFlags);
    if (sHi >= sLo) {
      studyRow.fill(0, sLo, sHi + 1);
      bestRow.fill(0, sLo, sHi + 1);
    }
    if (gHi >= gLo) ringRow.fill(0, gLo, gHi + 1);
    if (lHi >= lLo) landRow.fill(0, lLo, lHi + 1);
  }
  if (ns !== nStudy || regs.some((g) => g.n !== g.cells.length)) throw new Error('buildGrid: the cells counted and the cells scanned differ');
  const regions = regs.map((g) => {
    const masks = Uint16Array.from(g.pm);
    const partial = { q: Uint32Array.from(g.pq), masks, landMasks: landRows === null ? masks : Uint16Array.from(g.pl) };
    return regionFrom(g.id, g.cells, g.counts, g.sums, cellKm2, partial);
  });
  return { regions, study: regionFrom('all', study.cells, study.counts, study.sums, cellKm2, null), district, cellFlags, ringSplit: { cells: Uint32Array.from(splitCells), masks: Uint16Array.from(splitMasks) }, hasLand: landRows !== null };
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
  const cellKm2 = (cellM * cellM) / 1e6;

  const project = (list: GridSources['zones'], district: boolean) => (list ?? []).map((z) => ({ id: z.id, rings: projectRings(z.geometry, projection), district }));
  const regionList = [...sources.districts.map((d, i) => ({ id: d.id, rings: districtRings[i]!, district: true })), ...project(sources.zones, false), ...project(sources.townships, false)];
  const scan = scanLayers(
    {
      fr,
      regions: regionList,
      outerRing: (sources.outerRing ?? []).map((g) => projectRings(g, projection)),
      land: sources.land ? sources.land.map((g) => projectRings(g, projection)) : null,
    },
    cellKm2,
    options.shared?.(cols * rows) ?? false,
  );
  const { district, cellFlags, ringSplit } = scan;
  const nD = sources.districts.length;
  const nZ = sources.zones?.length ?? 0;
  const mapOf = (regions: Region[]) => new Map(regions.map((r) => [r.id, r]));
  const districts = mapOf(scan.regions.slice(0, nD));
  const zones = mapOf(scan.regions.slice(nD, nD + nZ));
  const townships = mapOf(scan.regions.slice(nD + nZ));
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
    hasLand: scan.hasLand,
    study: scan.study,
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
