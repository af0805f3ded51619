/**
 * Residents on the coverage grid: how many people live in each cell of each district and zone, on
 * each side of the Outer Ring (the side decides the radius that serves them). Built once per
 * population input (src/domain/population.ts) and read by the engine in every breakdown.
 *
 * ## The model
 * Residents live on **land** (the grid's land ground). Every input is spread at the grid's own
 * resolution, the sub-sample (¼ of a cell side, 12.5 m at 50 m cells) — the resolution at which every
 * km² of the app is measured:
 * - **district census** (default): a district's residents are spread evenly over its land
 *   sub-samples.
 * - **raster**: a pixel's residents are first split between the districts (and the world outside
 *   them) by the area of the pixel in each — the sub-samples of the pixel in each district, against
 *   all its sub-samples, in the frame and (for pixels at the frame's edge) beyond it — then spread
 *   evenly over the pixel's land sub-samples in that district. Each district therefore receives
 *   exactly the residents of its area-weighted share of every pixel: district totals are preserved.
 * - **polygons**: the same with each polygon in place of a pixel; a point's residents go to the
 *   land of the cell under it.
 * A pixel's (or polygon's) part in a district with **no land under it** (the Huangpu, Dianshan Lake,
 * the sea inside a district polygon) would lose its residents: they are put instead on the nearest
 * land cell of the same district (Euclidean, cell centre to cell centre) and reported as `moved`.
 * Rasters whose pixels are smaller than 2.2 sub-samples are first summed into k × k blocks (the
 * detail lost is below the grid's resolution), so that no pixel falls between sub-sample centres;
 * so are windows over 5 million pixels (to hold the working arrays, 9 or 17 bytes a pixel).
 *
 * ## Layout and precision
 * Per district and zone, one Float32 per listed cell of its region (its residents there, both ring
 * parts), aligned with `Region.cells`, so the engine reads them in the loop it already runs for the
 * areas: a cell with land on one side of the ring only has its residents on that side; the few cells
 * with land on both sides (along the S20) keep their inside part in a short list of their own. ~4
 * bytes per region cell: 11.4 MiB for the city at 50 m (districts 2.85 M cells, zones 0.1 M), ~46 MiB
 * at 25 m. Two values per cell (inside, outside) would double that and the bytes every breakdown
 * reads (measured: the breakdown 41 % slower, not 15 %); a grid-wide array (5.7 M cells at 50 m)
 * would cost twice as much and could not split a border cell between two districts of different
 * density. The study area holds none: its residents are the sum of the districts'. Float32 keeps a
 * cell's count to 6·10⁻⁸ of itself; sums are taken in Float64, so a district's total carries no more
 * relative error than that (Minhang's census figure comes back within 0.07 of 2,653,489), where
 * Float64 storage would double the memory for nothing measurable.
 *
 * Zones and townships (any region cut across districts) take, in each cell and ring part, the share of each
 * district's residents that their land sub-samples hold there: exact for the census default; for a
 * raster or polygons it assumes an even density inside one cell's part of one district (a pixel edge
 * crossing a zone's edge inside one cell is the only error, below a cell).
 */
import type { PopulationFeature, PopulationInput, PopulationRaster, PopulationReport, PopulationSource } from '../domain/population';
import { PopulationProblemError } from '../domain/populationProblems';
import { COUNT_LAND_IN, COUNT_LAND_OUT, landMaskAt, lowerBoundOfCell, maskAt, MaskReader, POPCOUNT16, rasteriseOnGrid, ringMaskAt, type CoverageGrid, type Region } from './grid';
import { createPixelLattice, type PixelLattice } from './pixelLattice';

/**
 * Residents of one region, aligned with its cells: one Float32 per cell (both ring parts together),
 * and for the few cells with land on both sides of the Outer Ring, the residents of their inside
 * part. A cell with land on one side only has its residents on that side (they live on land).
 */
export interface RegionResidents {
  values: Float32Array;
  /** Region indices (ascending) of the cells with land inside and outside the ring, and their inside residents. */
  splitCells: Uint32Array;
  splitInside: Float32Array;
  inside: number;
  outside: number;
  total: number;
  /** Residents of the cells with land inside the ring only, and outside only (the rest are split cells'). */
  onlyInside: number;
  onlyOutside: number;
}

export interface PopulationLayer {
  grid: CoverageGrid;
  source: PopulationSource;
  report: PopulationReport;
  /** Every district's and zone's residents, by its region (the study area: the sum of the districts'). */
  regions: Map<Region, RegionResidents>;
  /** The districts' entries, in the grid's district order. */
  districts: RegionResidents[];
}

/** An input the grid cannot take (negative counts, nothing in Shanghai): the message says why. */
export class PopulationError extends PopulationProblemError {}


/** A (pixel, district) part with residents but no land: moved to the district's nearest land. */
interface Orphan {
  p: number;
  d: number;
  residents: number;
}

interface DistrictAcc {
  region: Region;
  values: Float32Array;
}

function districtList(grid: CoverageGrid): DistrictAcc[] {
  return grid.districtIds.map((id) => {
    const region = grid.districts.get(id)!;
    if (!region.partial) throw new Error(`grid district ${id} has no sub-sample masks`);
    return { region, values: new Float32Array(region.cells.length * 2) };
  });
}

/** How far (cells) the nearest land is looked for ring by ring, before the distance transform of the whole district. */
const RING_SEARCH = 12;

interface DistrictBox {
  c0: number;
  r0: number;
  w: number;
  h: number;
  /** Per cell of the district's cell box: the region index of the cell when it has land of the district, else −1. */
  land: Int32Array;
  /** Per cell of the box: the region index of its nearest land cell; built when a ring search first fails. */
  nearest: Int32Array | null;
}

/**
 * The land cell of a district nearest to a cell (centre to centre, Euclidean). Ring by ring up to
 * {@link RING_SEARCH} cells (most parts without land are river or shore pixels, a few cells from
 * land); beyond, an exact distance transform with nearest-site labels over the district's cell box
 * (Felzenszwalb & Huttenlocher's lower envelope of parabolas, along columns then rows), built once.
 */
class NearestLand {
  private readonly boxes = new Map<Region, DistrictBox | null>();
  constructor(private readonly grid: CoverageGrid) {}

  /**
   * Tells how many cells will be looked up in a district: when ring searches would cost more than
   * the distance transform of its box, the transform is made at once.
   */
  expect(region: Region, lookups: number): void {
    const box = this.boxOf(region);
    if (box && !box.nearest && lookups * (2 * RING_SEARCH + 1) ** 2 > 4 * box.w * box.h) box.nearest = this.transform(box);
  }

  private boxOf(region: Region): DistrictBox | null {
    let box = this.boxes.get(region);
    if (box === undefined) {
      box = this.build(region);
      this.boxes.set(region, box);
    }
    return box;
  }

  /** The index (in the district's region) of the land cell nearest to cell (col, row); −1 if the district has no land. */
  find(region: Region, col: number, row: number): number {
    const box = this.boxOf(region);
    if (!box) return -1;
    const { w, h, land } = box;
    const c = Math.min(w - 1, Math.max(0, col - box.c0));
    const r = Math.min(h - 1, Math.max(0, row - box.r0));
    if (box.nearest) return box.nearest[r * w + c]!;
    let best = -1;
    let bestD = Infinity;
    for (let ring = 0; ring <= RING_SEARCH && ring * ring <= bestD; ring++) {
      // The cells at chessboard distance `ring`: none nearer than `ring`, so once one at d² is found,
      // rings up to √d² can still hold a nearer one.
      for (let dr = -ring; dr <= ring; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= h) continue;
        const step = dr === -ring || dr === ring ? 1 : 2 * ring;
        for (let dc = -ring; dc <= ring; dc += step || 1) {
          const cc = c + dc;
          if (cc < 0 || cc >= w) continue;
          const q = land[rr * w + cc]!;
          const d2 = dr * dr + dc * dc;
          if (q >= 0 && d2 < bestD) {
            best = q;
            bestD = d2;
          }
        }
      }
    }
    if (best >= 0 && bestD <= RING_SEARCH * RING_SEARCH) return best;
    box.nearest = this.transform(box);
    return box.nearest[r * w + c]!;
  }

  private build(region: Region): DistrictBox | null {
    const { cols } = this.grid;
    const { cells, counts } = region;
    let c0 = Infinity;
    let c1 = -1;
    let r0 = Infinity;
    let r1 = -1;
    let any = false;
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      const c = k % cols;
      const r = (k - c) / cols;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (COUNT_LAND_IN[counts[q]!]! + COUNT_LAND_OUT[counts[q]!]! !== 0) any = true;
    }
    if (!any) return null;
    const w = c1 - c0 + 1;
    const h = r1 - r0 + 1;
    const land = new Int32Array(w * h).fill(-1);
    for (let q = 0; q < cells.length; q++) {
      if (COUNT_LAND_IN[counts[q]!]! + COUNT_LAND_OUT[counts[q]!]! === 0) continue;
      const k = cells[q]!;
      const c = k % cols;
      land[((k - c) / cols - r0) * w + (c - c0)] = q;
    }
    return { c0, r0, w, h, land, nearest: null };
  }

  /** Nearest land cell of every cell of the box (exact Euclidean distance transform with labels). */
  private transform(box: DistrictBox): Int32Array {
    const { w, h, land } = box;
    // Columns: the nearest land row in the same column (distance and the land cell's index).
    const INF = 1e20;
    const g = new Float64Array(w * h).fill(INF);
    const gl = new Int32Array(w * h).fill(-1);
    for (let c = 0; c < w; c++) {
      let last = -1;
      for (let r = 0; r < h; r++) {
        if (land[r * w + c]! >= 0) last = r;
        if (last >= 0) {
          g[r * w + c] = r - last;
          gl[r * w + c] = land[last * w + c]!;
        }
      }
      last = -1;
      for (let r = h - 1; r >= 0; r--) {
        if (land[r * w + c]! >= 0) last = r;
        if (last >= 0 && last - r < g[r * w + c]!) {
          g[r * w + c] = last - r;
          gl[r * w + c] = land[last * w + c]!;
        }
      }
    }
    // Rows: for each cell the column c' minimising g(c')² + (c − c')², by the lower envelope.
    const nearest = new Int32Array(w * h).fill(-1);
    const v = new Int32Array(w);
    const z = new Float64Array(w + 1);
    const f = new Float64Array(w);
    for (let r = 0; r < h; r++) {
      const base = r * w;
      for (let c = 0; c < w; c++) f[c] = g[base + c]! >= INF ? INF : g[base + c]! * g[base + c]!;
      let k = -1;
      for (let c = 0; c < w; c++) {
        if (f[c]! >= INF) continue;
        if (k < 0) {
          k = 0;
          v[0] = c;
          z[0] = -Infinity;
          z[1] = Infinity;
          continue;
        }
        let s = (f[c]! + c * c - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * c - 2 * v[k]!);
        while (s <= z[k]!) {
          k--;
          s = (f[c]! + c * c - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * c - 2 * v[k]!);
        }
        k++;
        v[k] = c;
        z[k] = s;
        z[k + 1] = Infinity;
      }
      if (k < 0) continue; // cannot happen: every column holding land reaches every row
      let j = 0;
      for (let c = 0; c < w; c++) {
        while (z[j + 1]! < c) j++;
        nearest[base + c] = gl[base + v[j]!]!;
      }
    }
    return nearest;
  }
}

/** Puts `residents` on the land sub-samples of region cell q, split by ring part. */
function spreadOnCell(grid: CoverageGrid, acc: DistrictAcc, q: number, residents: number): void {
  const lm = landMaskAt(acc.region, q);
  const n = POPCOUNT16[lm]!;
  if (n === 0) return;
  const inside = POPCOUNT16[lm & ringMaskAt(grid, acc.region.cells[q]!)]!;
  acc.values[2 * q]! += (residents * inside) / n;
  acc.values[2 * q + 1]! += (residents * (n - inside)) / n;
}

/** Index of cell k in a region's (ascending) cells, or −1. */
function indexOf(cells: Uint32Array, k: number): number {
  const i = lowerBoundOfCell(cells, k);
  return i < cells.length && cells[i] === k ? i : -1;
}

// ---------------------------------------------------------------------------------------------
// District census: a district's residents evenly over its land sub-samples.

function censusLayer(grid: CoverageGrid, districts: Readonly<Record<string, number>>, accs: DistrictAcc[]): Omit<PopulationReport, 'districts' | 'landWithoutData'> {
  let inputTotal = 0;
  let placed = 0;
  let outside = 0;
  for (const [id, n] of Object.entries(districts)) {
    if (!(n >= 0) || !Number.isFinite(n)) throw new PopulationError('gridDistrictNotCount', { district: id, value: n });
    inputTotal += n;
  }
  accs.forEach((acc) => {
    const { region, values } = acc;
    const n = districts[region.id] ?? 0;
    const { counts } = region;
    let landSubs = 0;
    for (let q = 0; q < counts.length; q++) landSubs += COUNT_LAND_IN[counts[q]!]! + COUNT_LAND_OUT[counts[q]!]!;
    if (n === 0) return;
    if (landSubs === 0) {
      outside += n; // a district without land on this grid (cannot happen with the shipped data)
      return;
    }
    const dens = n / landSubs;
    for (let q = 0; q < region.cells.length; q++) {
      values[2 * q] = dens * COUNT_LAND_IN[counts[q]!]!;
      values[2 * q + 1] = dens * COUNT_LAND_OUT[counts[q]!]!;
    }
    placed += n;
  });
  // Census rows of districts the grid does not hold are outside it.
  for (const [id, n] of Object.entries(districts)) if (!grid.districts.has(id)) outside += n;
  return { inputTotal, placed, outside, moved: 0, movedShare: 0 };
}

// ---------------------------------------------------------------------------------------------
// Raster: area-weighted split of each pixel between districts, then even over its land there.

/** Sums k × k blocks of pixels (NaN only where a whole block is nodata). */
function coarsen(r: PopulationRaster, k: number): PopulationRaster {
  const width = Math.ceil(r.width / k);
  const height = Math.ceil(r.height / k);
  const values = new Float32Array(width * height).fill(NaN);
  for (let y = 0; y < r.height; y++) {
    const row = Math.floor(y / k) * width;
    for (let x = 0; x < r.width; x++) {
      const v = r.values[y * r.width + x]!;
      if (Number.isNaN(v)) continue;
      const i = row + Math.floor(x / k);
      values[i] = Number.isNaN(values[i]!) ? v : values[i]! + v;
    }
  }
  return { width, height, west: r.west, north: r.north, dLon: r.dLon * k, dLat: r.dLat * k, values };
}

/** Area (m², on the grid's plane) of a lon/lat rectangle, and of its part inside the grid's frame. */
function rectAreas(grid: CoverageGrid, w: number, s: number, e: number, n: number): { area: number; inFrame: number } {
  const pts: number[][] = [];
  const p = new Float64Array(2);
  // Pixel edges are meridians and parallels: 4 points per edge are plenty at pixel sizes (< 0.1 mm of area).
  const steps = 4;
  const edge = (lon0: number, lat0: number, lon1: number, lat1: number) => {
    for (let i = 0; i < steps; i++) {
      grid.projection.forward(lon0 + ((lon1 - lon0) * i) / steps, lat0 + ((lat1 - lat0) * i) / steps, p);
      pts.push([p[0]!, p[1]!]);
    }
  };
  edge(w, s, e, s);
  edge(e, s, e, n);
  edge(e, n, w, n);
  edge(w, n, w, s);
  const shoelace = (ring: number[][]) => {
    let a = 0;
    for (let i = 0; i < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[(i + 1) % ring.length]!;
      a += x0! * y1! - x1! * y0!;
    }
    return Math.abs(a) / 2;
  };
  // Sutherland–Hodgman against the frame rectangle.
  const x0 = grid.x0;
  const y0 = grid.y0;
  const x1 = grid.x0 + grid.cols * grid.cellM;
  const y1 = grid.y0 + grid.rows * grid.cellM;
  let ring = pts;
  const clip = (inside: (q: number[]) => boolean, cut: (a: number[], b: number[]) => number[]) => {
    const out: number[][] = [];
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      if (inside(b)) {
        if (!inside(a)) out.push(cut(a, b));
        out.push(b);
      } else if (inside(a)) out.push(cut(a, b));
    }
    ring = out;
  };
  const atX = (x: number) => (a: number[], b: number[]) => [x, a[1]! + ((b[1]! - a[1]!) * (x - a[0]!)) / (b[0]! - a[0]!)];
  const atY = (y: number) => (a: number[], b: number[]) => [a[0]! + ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!), y];
  const area = shoelace(pts);
  clip((q) => q[0]! >= x0, atX(x0));
  clip((q) => q[0]! <= x1, atX(x1));
  clip((q) => q[1]! >= y0, atY(y0));
  clip((q) => q[1]! <= y1, atY(y1));
  return { area, inFrame: ring.length >= 3 ? shoelace(ring) : 0 };
}

/** Pixels the raster pass works on at most; larger rasters are summed in blocks first. */
export const MAX_WORKING_PIXELS = 5_000_000;

/**
 * The sub-samples of a cell at or beyond a raster edge (X ≥ edge, or Y ≥ edge), as a 16-bit mask. Along
 * a sub-row b the coordinate is V0 + b·vb + a·(va + b·vab), linear in a, so the sub-samples past the
 * edge are those with a on one side of (edge − start) / slope: one division a sub-row, not a
 * comparison per sub-sample.
 */
function beyondEdge(edge: number, v0: number, va: number, vb: number, vab: number): number {
  let mask = 0;
  for (let b = 0; b < 4; b++) {
    const start = v0 + b * vb;
    const slope = va + b * vab;
    const end = start + 3 * slope;
    let nib: number;
    // Linear along the sub-row: both ends on one side, all four are (no division).
    if (start >= edge && end >= edge) nib = 15;
    else if (start < edge && end < edge) nib = 0;
    else {
      const t = (edge - start) / slope; // the a at which the sub-row reaches the edge
      if (slope > 0) {
        const first = Math.ceil(t); // a ≥ t are past it
        nib = first <= 0 ? 15 : first >= 4 ? 0 : (15 << first) & 15;
      } else {
        const last = Math.floor(t); // a ≤ t are past it
        nib = last >= 3 ? 15 : last < 0 ? 0 : (1 << (last + 1)) - 1;
      }
    }
    mask |= nib << (4 * b);
  }
  return mask;
}

/**
 * The window of raster pixels one cell touches (see pixelLattice.ts), into `win`: [first pixel column,
 * first row, columns − 1, rows − 1, then the sub-samples past the window's first and second column
 * edges and first and second row edges]. A bilinear map takes its extremes over the cell at the
 * corners, so the corners give the window (a cell inside one pixel: spans 0, no edges); the pixel
 * edges inside it split the cell (at most two a side: pixels are at least two sub-samples wide after
 * summing, see rasterLayer). An edge the cell does not reach is past for none.
 */
export function pixelWindow(c: Float64Array, win: Int32Array): void {
  const x0 = c[0]!;
  const xa = c[1]!;
  const xb = c[2]!;
  const xab = c[3]!;
  const y0 = c[4]!;
  const ya = c[5]!;
  const yb = c[6]!;
  const yab = c[7]!;
  const xA = x0 + 3 * xa;
  const xB = x0 + 3 * xb;
  const xC = xA + 3 * xb + 9 * xab;
  const yA = y0 + 3 * ya;
  const yB = y0 + 3 * yb;
  const yC = yA + 3 * yb + 9 * yab;
  const cMin = Math.floor(Math.min(x0, xA, xB, xC));
  const cMax = Math.floor(Math.max(x0, xA, xB, xC));
  const rMin = Math.floor(Math.min(y0, yA, yB, yC));
  const rMax = Math.floor(Math.max(y0, yA, yB, yC));
  win[0] = cMin;
  win[1] = rMin;
  win[2] = cMax - cMin;
  win[3] = rMax - rMin;
  if (cMax - cMin > 2 || rMax - rMin > 2) throw new Error('pixel window larger than expected (pixels smaller than two sub-samples?)');
  win[4] = cMax > cMin ? beyondEdge(cMin + 1, x0, xa, xb, xab) : 0;
  win[5] = cMax > cMin + 1 ? beyondEdge(cMin + 2, x0, xa, xb, xab) : 0;
  win[6] = rMax > rMin ? beyondEdge(rMin + 1, y0, ya, yb, yab) : 0;
  win[7] = rMax > rMin + 1 ? beyondEdge(rMin + 2, y0, ya, yb, yab) : 0;
}

/**
 * Splits the sub-samples of mask `m` of one cell by the pixel of its window (`pixelWindow`) they fall
 * in: fills `gp` with pixel indices (−1: off the raster) and `gm` with each one's sub-samples, in
 * window rows then columns; returns how many. No closures in here: it runs millions of times.
 */
export function groupsOfWindow(win: Int32Array, m: number, W: number, H: number, gp: Int32Array, gm: Uint16Array): number {
  const cMin = win[0]!;
  const rMin = win[1]!;
  const cSpan = win[2]!;
  const rSpan = win[3]!;
  if (cSpan === 0 && rSpan === 0) {
    gp[0] = cMin >= 0 && cMin < W && rMin >= 0 && rMin < H ? rMin * W + cMin : -1;
    gm[0] = m;
    return 1;
  }
  const c1 = win[4]!;
  const c2 = win[5]!;
  const r1 = win[6]!;
  const r2 = win[7]!;
  let n = 0;
  for (let j = 0; j <= rSpan; j++) {
    const rowSel = j === 0 ? ~r1 : j === 1 ? r1 & ~r2 : r2;
    const row = rMin + j;
    for (let i = 0; i <= cSpan; i++) {
      const bits = m & rowSel & (i === 0 ? ~c1 : i === 1 ? c1 & ~c2 : c2) & 0xffff;
      if (bits === 0) continue;
      const col = cMin + i;
      gp[n] = col >= 0 && col < W && row >= 0 && row < H ? row * W + col : -1;
      gm[n++] = bits;
    }
  }
  return n;
}

const WINDOW = new Int32Array(8);

/**
 * Splits the sub-samples of mask `m` of one cell (coefficients `c`) by the raster pixel they fall in:
 * `pixelWindow`, then `groupsOfWindow`.
 */
export function groupByPixel(c: Float64Array, m: number, W: number, H: number, gp: Int32Array, gm: Uint16Array): number {
  pixelWindow(c, WINDOW);
  return groupsOfWindow(WINDOW, m, W, H, gp, gm);
}

/** Per-pixel counts of pass 1, and the parts of pixels in a second district. */
interface PartCounts {
  /** Per pixel: 1 + the index of the first district met, 0: none. */
  prim: Uint8Array;
  /**
   * Per pixel, interleaved (8 bytes a pixel when 16 bits hold its sub-samples, as for WorldPop's 3″ at
   * 50 m; else 16): sub-samples in its first district, of them on land, in the frame, and a spare slot
   * that aligns the densities written over them (`densitiesOverCounts`).
   */
  counts: Uint16Array | Uint32Array;
  /** Parts of pixels in other districts (pixels on a district border), by key p · 64 + d. */
  extra: Map<number, { c: number; l: number }>;
  /** Land sub-samples of the districts. */
  landSubs: number;
  /** Land sub-samples of the districts off the raster. */
  offRasterLand: number;
  /** District cells some district does not fill, as keys cell · 2¹⁶ + that district's mask (unsorted). */
  partial: number[];
  /** Full district cells within `reach` cells of the frame's edge. */
  edgeFull: number[];
}

/** Cache word of a cell whose window is not kept (see countParts): pass 2 computes its groups again. */
const AGAIN = -1;

/** Pass 1's count of one group: `c` sub-samples of district d in pixel p, `l` of them on land. */
function countGroup(parts: PartCounts, d: number, p: number, c: number, l: number): void {
  const { prim, counts } = parts;
  const o = 4 * p;
  counts[o + 2]! += c;
  const pd = prim[p]!;
  if (pd === 0 || pd === d + 1) {
    prim[p] = d + 1;
    counts[o]! += c;
    counts[o + 1]! += l;
  } else {
    const key = p * 64 + d;
    const e = parts.extra.get(key);
    if (e) {
      e.c += c;
      e.l += l;
    } else parts.extra.set(key, { c, l });
  }
}

/**
 * Pass 1 of the raster spread: each district cell's sub-samples grouped by pixel and counted per
 * (pixel, district), on land and in all. Pass 2 needs the same groups: a cell whose window is at most
 * 2 × 2 pixels, all on the raster (nearly all), keeps it in its own two slots of the district's
 * residents array, which pass 2 overwrites with the residents (an Int32 view: the first pixel, and
 * the column and row edge masks); the others are grouped again. Keeping the groups in memory of their
 * own took 43 MB of fresh pages a load at 50 m (~2.5 groups a cell), which cost more than computing
 * them twice (README, benchmark notes); these slots are already there.
 * Also lists the cells outside-of-district work needs (`partial`, `edgeFull`), so that no other pass
 * over every district cell is made.
 */
function countParts(accs: DistrictAcc[], lattice: PixelLattice, W: number, H: number, grid: CoverageGrid, reach: number, wide: boolean): PartCounts {
  const { cols, rows } = grid;
  const nPix = W * H;
  const parts: PartCounts = { prim: new Uint8Array(nPix), counts: wide ? new Uint32Array(nPix * 4) : new Uint16Array(nPix * 4), extra: new Map(), landSubs: 0, offRasterLand: 0, partial: [], edgeFull: [] };
  const { partial, edgeFull } = parts;
  const coef = new Float64Array(8);
  const win = new Int32Array(8);
  const gp = new Int32Array(16);
  const gm = new Uint16Array(16);
  let landSubs = 0;
  for (let d = 0; d < accs.length; d++) {
    const { region, values } = accs[d]!;
    const { cells } = region;
    const read = new MaskReader(region);
    const keep = new Int32Array(values.buffer, values.byteOffset, values.length);
    // The row of the (ascending) cells, by a division only where a new row starts.
    let row = 0;
    let rowStart = 0;
    let nextRow = 0;
    for (let q = 0; q < cells.length; q++) {
      const m = read.mask(q);
      const cell = cells[q]!;
      if (m !== 0xffff) partial.push(cell * 65536 + m);
      if (m === 0) continue;
      const lm = read.land(q);
      landSubs += POPCOUNT16[lm]!;
      if (cell >= nextRow) {
        row = Math.floor(cell / cols);
        rowStart = row * cols;
        nextRow = rowStart + cols;
      }
      const col = cell - rowStart;
      if (m === 0xffff && (col < reach || row < reach || col >= cols - reach || row >= rows - reach)) edgeFull.push(cell);
      lattice.cellCoefficients(col, row, coef);
      pixelWindow(coef, win);
      const c0 = win[0]!;
      const r0 = win[1]!;
      if (win[2]! <= 1 && win[3]! <= 1 && c0 >= 0 && r0 >= 0 && c0 + 1 < W && r0 + 1 < H) {
        // At most 2 × 2 pixels, all on the raster: kept for pass 2, and grouped here as
        // groupsOfWindow would (window rows, then columns; an edge the cell does not reach is 0).
        const p0 = r0 * W + c0;
        const c1 = win[4]!;
        const r1 = win[6]!;
        keep[2 * q] = p0;
        keep[2 * q + 1] = c1 | (r1 << 16);
        for (let j = 0; j < 2; j++) {
          const rowBits = m & (j === 0 ? ~r1 : r1);
          if (rowBits === 0) continue;
          for (let i = 0; i < 2; i++) {
            const bits = rowBits & (i === 0 ? ~c1 : c1) & 0xffff;
            if (bits !== 0) countGroup(parts, d, p0 + j * W + i, POPCOUNT16[bits]!, POPCOUNT16[bits & lm]!);
          }
        }
        continue;
      }
      keep[2 * q] = AGAIN;
      const n = groupsOfWindow(win, m, W, H, gp, gm);
      for (let g = 0; g < n; g++) {
        const p = gp[g]!;
        const bits = gm[g]!;
        if (p < 0) parts.offRasterLand += POPCOUNT16[bits & lm]!; // off the raster (nodata pixels are counted per pixel later)
        else countGroup(parts, d, p, POPCOUNT16[bits]!, POPCOUNT16[bits & lm]!);
      }
    }
  }
  parts.landSubs = landSubs;
  return parts;
}

/**
 * Pass 2 of the raster spread: every land sub-sample of a district cell takes its (pixel, district)
 * part's density, on its side of the Outer Ring. Reads each cell's window where pass 1 kept it (in
 * the slots it writes here). Returns the residents placed.
 */
function spreadParts(
  accs: DistrictAcc[],
  lattice: PixelLattice,
  W: number,
  H: number,
  grid: CoverageGrid,
  prim: Uint8Array,
  dens: Float64Array,
  extraDens: Map<number, number>,
): number {
  const { cols } = grid;
  const coef = new Float64Array(8);
  const gp = new Int32Array(16);
  const gm = new Uint16Array(16);
  let placed = 0;
  for (let d = 0; d < accs.length; d++) {
    const { region, values: out } = accs[d]!;
    const { cells } = region;
    const read = new MaskReader(region);
    const kept = new Int32Array(out.buffer, out.byteOffset, out.length);
    const own = d + 1;
    for (let q = 0; q < cells.length; q++) {
      const lm = read.land(q);
      if (lm === 0) {
        out[2 * q] = 0; // the slots held pass 1's window
        out[2 * q + 1] = 0;
        continue;
      }
      const cell = cells[q]!;
      const rm = ringMaskAt(grid, cell);
      const m = read.mask(q);
      const ml = m & lm;
      let rin = 0;
      let rout = 0;
      const p0 = kept[2 * q]!;
      if (p0 !== AGAIN) {
        // The groups of a window of at most 2 × 2 pixels, in the order groupsOfWindow gives them.
        const edges = kept[2 * q + 1]!;
        const c1 = edges & 0xffff;
        const r1 = edges >>> 16;
        for (let j = 0; j < 2; j++) {
          const rowLand = ml & (j === 0 ? ~r1 : r1);
          if (rowLand === 0) continue;
          for (let i = 0; i < 2; i++) {
            const land = rowLand & (i === 0 ? ~c1 : c1);
            if (land === 0) continue;
            const p = p0 + j * W + i;
            const v = prim[p] === own ? dens[p]! : (extraDens.get(p * 64 + d) ?? 0);
            if (v === 0) continue;
            const inside = POPCOUNT16[land & rm]!;
            rin += v * inside;
            rout += v * (POPCOUNT16[land]! - inside);
          }
        }
      } else {
        const col = cell % cols;
        lattice.cellCoefficients(col, (cell - col) / cols, coef);
        const n = groupByPixel(coef, m, W, H, gp, gm);
        for (let g = 0; g < n; g++) {
          const p = gp[g]!;
          if (p < 0) continue;
          const v = prim[p] === own ? dens[p]! : (extraDens.get(p * 64 + d) ?? 0);
          if (v === 0) continue;
          const land = gm[g]! & lm;
          const inside = POPCOUNT16[land & rm]!;
          rin += v * inside;
          rout += v * (POPCOUNT16[land]! - inside);
        }
      }
      out[2 * q] = rin;
      out[2 * q + 1] = rout;
      placed += rin + rout;
    }
  }
  return placed;
}

/**
 * Calls `fn` for every cell outside every district within `r` cells (square neighbourhood) of a
 * district cell, in ascending order: along each row a running count of the district cells within r
 * columns, and per column the last row (up to r rows ahead) where that count was not zero — a cell
 * is near when that row is at most r rows back. One row of memory, two passes a row.
 */
function forEachNearDistricts(grid: CoverageGrid, r: number, fn: (cell: number) => void): void {
  const { cols, rows, district } = grid;
  const last = new Int32Array(cols).fill(-r - 2);
  const rowPass = (row: number) => {
    const base = row * cols;
    let n = 0;
    for (let c = 0; c < Math.min(r, cols); c++) if (district[base + c] !== 0) n++;
    for (let c = 0; c < cols; c++) {
      if (c + r < cols && district[base + c + r] !== 0) n++;
      if (n > 0) last[c] = row;
      if (c - r >= 0 && district[base + c - r] !== 0) n--;
    }
  };
  for (let row = 0; row < Math.min(r, rows); row++) rowPass(row);
  for (let row = 0; row < rows; row++) {
    if (row + r < rows) rowPass(row + r);
    const base = row * cols;
    const from = row - r;
    for (let c = 0; c < cols; c++) if (last[c]! >= from && district[base + c] === 0) fn(base + c);
  }
}

/**
 * The raster's residents, nodata pixels and first bad value (negative or infinite; −1: none). A
 * function of its own, as are the other per-pixel loops: a loop in the one long call of rasterLayer
 * runs unoptimised until on-stack replacement; a small function is optimised from its second call.
 */
function scanValues(src: Float32Array): { inputTotal: number; nodataPixels: number; bad: number } {
  let inputTotal = 0;
  let nodataPixels = 0;
  let bad = -1;
  for (let p = 0; p < src.length; p++) {
    const v = src[p]!;
    if (v !== v) nodataPixels++;
    else if (v >= 0 && v !== Infinity) inputTotal += v;
    else if (bad < 0) bad = p;
  }
  return { inputTotal, nodataPixels, bad };
}

/**
 * Residents per land sub-sample of each pixel's part in its first district (0 where none), written
 * over the counts, in a Float64 view of their buffer (no fresh memory): pixel p's density takes bytes
 * 8p–8p+7, which hold the counts of pixel p (16-bit counts) or p / 2 (32-bit), already read. `scaled` (ascending) are the pixels reaching
 * past the frame, `scales` their share inside it. Parts with residents but no land go to `orphans`;
 * returns the land of nodata pixels.
 */
function densitiesOverCounts(prim: Uint8Array, counts: Uint16Array | Uint32Array, values: Float32Array, scaled: number[], scales: number[], orphans: Orphan[]): { dens: Float64Array; landNoData: number } {
  const nPix = prim.length;
  const dens = new Float64Array(counts.buffer, counts.byteOffset, nPix);
  let landNoData = 0;
  let next = 0;
  let nextScaled = scaled.length > 0 ? scaled[0]! : -1;
  for (let p = 0; p < nPix; p++) {
    let x = 0;
    const d1 = prim[p]!;
    if (d1 !== 0) {
      const v = values[p]!;
      const l = counts[4 * p + 1]!;
      if (v !== v) landNoData += l; // a nodata pixel's land
      if (v > 0) {
        const r = (v * counts[4 * p]!) / counts[4 * p + 2]!;
        if (l > 0) {
          x = r / l;
          if (p === nextScaled) x *= scales[next]!;
        } else orphans.push({ p, d: d1 - 1, residents: p === nextScaled ? r * scales[next]! : r });
      }
    }
    if (p === nextScaled) nextScaled = ++next < scaled.length ? scaled[next]! : -1;
    dens[p] = x;
  }
  return { dens, landNoData };
}

function rasterLayer(grid: CoverageGrid, input: PopulationRaster, accs: DistrictAcc[]): Omit<PopulationReport, 'districts'> {
  const subM = grid.cellM / 4;
  const subArea = subM * subM;
  const midLat = input.north - (input.height * input.dLat) / 2;
  const pixW = input.dLon * 111_320 * Math.cos((midLat * Math.PI) / 180);
  const pixH = input.dLat * 110_574;
  // Pixels smaller than two sub-samples a side: sum them in blocks first (see the module head).
  // Very large windows are summed too, to hold the per-pixel working arrays (9 or 17 bytes a pixel) under 100 MB.
  const k = Math.max(1, Math.ceil((2.2 * subM) / Math.min(pixW, pixH)), Math.ceil(Math.sqrt((input.width * input.height) / MAX_WORKING_PIXELS)));
  const src = input.values;
  const { inputTotal, nodataPixels, bad } = scanValues(src);
  if (bad >= 0) {
    const x = bad % input.width;
    const y = (bad - x) / input.width;
    throw new PopulationError('gridPixelNegative', { column: x, row: y, value: src[bad]! });
  }
  const raster = k > 1 ? coarsen(input, k) : input;
  const { width: W, height: H, values } = raster;
  const lattice = createPixelLattice(grid, raster);
  const coef = new Float64Array(8);
  const gp = new Int32Array(16);
  const gm = new Uint16Array(16);
  const { cols, rows } = grid;

  // The sub-samples of the frame outside every district, in the pixels that reach a district: those of
  // the cells outside every district within a pixel's size of one, and of the cells the districts
  // share with the world outside (their districts' masks do not fill them).
  const reach = Math.ceil(Math.max(pixW * k, pixH * k) / grid.cellM) + 1;
  // Sub-samples a pixel can hold, at most (its widest, at the equator, and tallest, at a pole; a
  // lattice in an a × b rectangle holds at most (a + 2)(b + 2) points; 1 % for the projection's scale).
  const most = ((raster.dLon * 111_320) / subM + 2) * ((raster.dLat * 111_700) / subM + 2) * 1.01;
  const wide = !(most < 60_000);

  // Pass 1 (countParts): sub-samples per (pixel, district), and of them on land; per pixel every
  // sub-sample of the frame.
  const { prim, counts, extra, landSubs, offRasterLand, partial, edgeFull } = countParts(accs, lattice, W, H, grid, reach, wide);
  let landNoData = offRasterLand;

  const edgePixels = new Set<number>();
  const outsideOf = (cell: number, out: number) => {
    const col = cell % cols;
    const row = (cell - col) / cols;
    const atEdge = col < reach || row < reach || col >= cols - reach || row >= rows - reach;
    if (out === 0 && !atEdge) return;
    lattice.cellCoefficients(col, row, coef);
    const n = groupByPixel(coef, 0xffff, W, H, gp, gm);
    for (let g = 0; g < n; g++) {
      const p = gp[g]!;
      if (p < 0) continue;
      if (atEdge) edgePixels.add(p);
      counts[4 * p + 2]! += POPCOUNT16[gm[g]! & out]!;
    }
  };
  forEachNearDistricts(grid, reach, (cell) => outsideOf(cell, 0xffff));
  // Cells some district does not fill: the union of their districts' masks (sorted keys cell · 2¹⁶ + mask).
  const keys = Float64Array.from(partial).sort();
  for (let i = 0; i < keys.length; ) {
    const cell = Math.floor(keys[i]! / 65536);
    let m = 0;
    for (; i < keys.length && Math.floor(keys[i]! / 65536) === cell; i++) m |= keys[i]! - cell * 65536;
    if (m !== 0xffff) outsideOf(cell, ~m & 0xffff);
  }
  // Full cells at the frame's edge: their pixels may reach past it.
  for (const cell of edgeFull) outsideOf(cell, 0);
  // Pixels reaching past the frame: their part beyond it, in sub-samples, from their projected area.
  const beyond = new Map<number, number>();
  for (const p of edgePixels) {
    if (prim[p] === 0) continue;
    const x = p % W;
    const y = (p - x) / W;
    const w = raster.west + x * raster.dLon;
    const n = raster.north - y * raster.dLat;
    const { area, inFrame } = rectAreas(grid, w, n - raster.dLat, w + raster.dLon, n);
    if (area - inFrame > 1e-6 * area) beyond.set(p, (area - inFrame) / subArea);
  }

  // Parts of pixels in a second district: read before the densities overwrite the counts.
  const extraDens = new Map<number, number>();
  const extraOrphans: Orphan[] = [];
  for (const [key, e] of extra) {
    const p = Math.floor(key / 64);
    const d = key - p * 64;
    const v = values[p]!;
    if (v !== v) landNoData += e.l;
    if (!(v > 0)) continue;
    const r = (v * e.c) / (counts[4 * p + 2]! + (beyond.get(p) ?? 0));
    if (e.l > 0) extraDens.set(key, r / e.l);
    else extraOrphans.push({ p, d, residents: r });
  }
  // The few pixels reaching past the frame (ascending): their share is of all their area, beyond included.
  const scaled = [...beyond.keys()].sort((a, b) => a - b);
  const scales = scaled.map((p) => counts[4 * p + 2]! / (counts[4 * p + 2]! + beyond.get(p)!));

  // Densities: residents per land sub-sample of each (pixel, district) part; parts without land are moved.
  const orphans: Orphan[] = [];
  const { dens, landNoData: nodataLand } = densitiesOverCounts(prim, counts, values, scaled, scales, orphans);
  landNoData += nodataLand;
  for (const o of extraOrphans) orphans.push(o);

  // Pass 2: every land sub-sample takes its part's density, on its side of the ring.
  let placed = spreadParts(accs, lattice, W, H, grid, prim, dens, extraDens);

  // Parts without land: onto the nearest land cell of their district.
  const nearest = new NearestLand(grid);
  const perDistrict = new Map<number, number>();
  for (const o of orphans) perDistrict.set(o.d, (perDistrict.get(o.d) ?? 0) + 1);
  for (const [d, n] of perDistrict) nearest.expect(accs[d]!.region, n);
  const xy = new Float64Array(2);
  let moved = 0;
  for (const o of orphans) {
    const x = o.p % W;
    const y = (o.p - x) / W;
    grid.projection.forward(raster.west + (x + 0.5) * raster.dLon, raster.north - (y + 0.5) * raster.dLat, xy);
    const col = Math.floor((xy[0]! - grid.x0) / grid.cellM);
    const row = Math.floor((xy[1]! - grid.y0) / grid.cellM);
    const acc = accs[o.d]!;
    const q = nearest.find(acc.region, col, row);
    if (q < 0) continue; // a district without land: its residents stay outside (cannot happen with the shipped data)
    spreadOnCell(grid, acc, q, o.residents);
    placed += o.residents;
    moved += o.residents;
  }
  return {
    inputTotal,
    placed,
    outside: Math.max(0, inputTotal - placed),
    moved,
    movedShare: placed > 0 ? moved / placed : 0,
    landWithoutData: landSubs > 0 ? landNoData / landSubs : 0,
    pixels: input.values.length,
    nodataPixels,
  };
}

// ---------------------------------------------------------------------------------------------
// Polygons (and points): each feature as one big pixel.

/** Projected area (m²) of a polygon geometry: shoelace over its rings, holes subtracted. */
function projectedArea(grid: CoverageGrid, g: Exclude<PopulationFeature['geometry'], { type: 'Point' }>): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const p = new Float64Array(2);
  let total = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      let a = 0;
      let px = 0;
      let py = 0;
      ring.forEach((pos, j) => {
        grid.projection.forward(pos[0]!, pos[1]!, p);
        if (j > 0) a += px * p[1]! - p[0]! * py;
        px = p[0]!;
        py = p[1]!;
      });
      total += (i === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  }
  return total;
}

function polygonsLayer(grid: CoverageGrid, features: readonly PopulationFeature[], accs: DistrictAcc[]): Omit<PopulationReport, 'districts' | 'landWithoutData'> {
  const subArea = (grid.cellM / 4) ** 2;
  const nearest = new NearestLand(grid);
  const xy = new Float64Array(2);
  // Cell ranges of the districts, to skip those a feature cannot touch.
  const ranges = accs.map(({ region }) => [region.cells[0] ?? Infinity, region.cells[region.cells.length - 1] ?? -1] as const);
  let inputTotal = 0;
  let placed = 0;
  let moved = 0;
  const frameW = grid.cols * grid.cellM;
  const frameH = grid.rows * grid.cellM;

  const placePoint = (lon: number, lat: number, residents: number) => {
    grid.projection.forward(lon, lat, xy);
    const fx = (xy[0]! - grid.x0) / grid.cellM;
    const fy = (xy[1]! - grid.y0) / grid.cellM;
    if (!(fx >= 0 && fy >= 0 && fx < grid.cols && fy < grid.rows)) return;
    const col = Math.floor(fx);
    const row = Math.floor(fy);
    const cell = row * grid.cols + col;
    const bit = 1 << (4 * Math.min(3, Math.floor((fy - row) * 4)) + Math.min(3, Math.floor((fx - col) * 4)));
    for (let d = 0; d < accs.length; d++) {
      const acc = accs[d]!;
      const q = indexOf(acc.region.cells, cell);
      if (q < 0 || !(maskAt(acc.region, q) & bit)) continue;
      let target = q;
      if (landMaskAt(acc.region, q) === 0) {
        target = nearest.find(acc.region, col, row);
        if (target < 0) return;
        moved += residents;
      }
      spreadOnCell(grid, acc, target, residents);
      placed += residents;
      return;
    }
  };

  features.forEach((f, i) => {
    const n = f.residents;
    if (!(n >= 0) || !Number.isFinite(n)) throw new PopulationError('gridFeatureNotCount', { n: i + 1, atName: f.name ?? '', value: n });
    inputTotal += n;
    if (n === 0) return;
    const g = f.geometry;
    if (g.type === 'Point') {
      placePoint(g.coordinates[0]!, g.coordinates[1]!, n);
      return;
    }
    const { cells, masks } = rasteriseOnGrid(grid, g);
    let inFrame = 0;
    for (let j = 0; j < masks.length; j++) inFrame += POPCOUNT16[masks[j]!]!;
    // The part beyond the frame (outside every district), from the polygon's area.
    let all = inFrame;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      for (const pos of poly[0]!) {
        grid.projection.forward(pos[0]!, pos[1]!, xy);
        minX = Math.min(minX, xy[0]! - grid.x0);
        maxX = Math.max(maxX, xy[0]! - grid.x0);
        minY = Math.min(minY, xy[1]! - grid.y0);
        maxY = Math.max(maxY, xy[1]! - grid.y0);
      }
    }
    if (minX < 0 || minY < 0 || maxX > frameW || maxY > frameH) all = Math.max(inFrame, projectedArea(grid, g) / subArea);
    if (inFrame === 0) {
      // Smaller than a sub-sample (or off the frame): its residents at its centre.
      if (minX >= 0 && minY >= 0 && maxX <= frameW && maxY <= frameH) {
        const ll = new Float64Array(2);
        grid.projection.inverse(grid.x0 + (minX + maxX) / 2, grid.y0 + (minY + maxY) / 2, ll);
        placePoint(ll[0]!, ll[1]!, n);
      }
      return;
    }
    const first = cells[0]!;
    const last = cells[cells.length - 1]!;
    for (let d = 0; d < accs.length; d++) {
      if (ranges[d]![1] < first || ranges[d]![0] > last) continue;
      const acc = accs[d]!;
      const dr = acc.region;
      const dc = dr.cells;
      // Merge the two ascending cell lists: the feature's part in the district, and its land.
      let c = 0;
      let l = 0;
      let anyCell = -1;
      const qs: number[] = [];
      const fs: number[] = [];
      let i = lowerBoundOfCell(dc, first);
      let j = 0;
      while (i < dc.length && j < cells.length) {
        const a = dc[i]!;
        const b = cells[j]!;
        if (a < b) i++;
        else if (a > b) j++;
        else {
          const part = masks[j]! & maskAt(dr, i);
          if (part !== 0) {
            c += POPCOUNT16[part]!;
            anyCell = a;
            const lp = part & landMaskAt(dr, i);
            if (lp !== 0) {
              l += POPCOUNT16[lp]!;
              qs.push(i);
              fs.push(lp);
            }
          }
          i++;
          j++;
        }
      }
      if (c === 0) continue;
      const residents = (n * c) / all;
      placed += residents;
      if (l === 0) {
        const col = anyCell % grid.cols;
        const q = nearest.find(acc.region, col, (anyCell - col) / grid.cols);
        if (q < 0) {
          placed -= residents;
          continue;
        }
        spreadOnCell(grid, acc, q, residents);
        moved += residents;
        continue;
      }
      const dens = residents / l;
      for (let t = 0; t < qs.length; t++) {
        const q = qs[t]!;
        const lp = fs[t]!;
        const inside = POPCOUNT16[lp & ringMaskAt(grid, dc[q]!)]!;
        acc.values[2 * q]! += dens * inside;
        acc.values[2 * q + 1]! += dens * (POPCOUNT16[lp]! - inside);
      }
    }
  });
  return { inputTotal, placed, outside: Math.max(0, inputTotal - placed), moved, movedShare: placed > 0 ? moved / placed : 0 };
}

// ---------------------------------------------------------------------------------------------

/** The compact form of per-cell residents given as pairs (inside, outside) for each cell of `region`. */
function compact(region: Region, pairs: Float32Array): RegionResidents {
  const n = region.cells.length;
  const values = new Float32Array(n);
  const split: number[] = [];
  const { counts } = region;
  for (let q = 0; q < n; q++) {
    values[q] = pairs[2 * q]! + pairs[2 * q + 1]!;
    if (COUNT_LAND_IN[counts[q]!] !== 0 && COUNT_LAND_OUT[counts[q]!] !== 0) split.push(q);
  }
  const splitCells = Uint32Array.from(split);
  const splitInside = new Float32Array(split.length);
  split.forEach((q, i) => (splitInside[i] = pairs[2 * q]!));
  // Totals from what is stored, so that every sum of the engine adds up to them.
  let onlyInside = 0;
  let onlyOutside = 0;
  for (let q = 0; q < n; q++) {
    if (COUNT_LAND_OUT[counts[q]!] === 0) onlyInside += values[q]!;
    else if (COUNT_LAND_IN[counts[q]!] === 0) onlyOutside += values[q]!;
  }
  let inside = onlyInside;
  let outside = onlyOutside;
  for (let i = 0; i < split.length; i++) {
    inside += splitInside[i]!;
    outside += values[split[i]!]! - splitInside[i]!;
  }
  return { values, splitCells, splitInside, inside, outside, total: inside + outside, onlyInside, onlyOutside };
}

/** Residents of region cell q inside and outside the Outer Ring. */
export function cellResidents(region: Region, res: RegionResidents, q: number): [number, number] {
  const v = res.values[q]!;
  const code = region.counts[q]!;
  if (COUNT_LAND_OUT[code] === 0) return [v, 0];
  if (COUNT_LAND_IN[code] === 0) return [0, v];
  const i = lowerBoundOfCell(res.splitCells, q);
  const inside = res.splitInside[i]!;
  return [inside, v - inside];
}

/**
 * Residents of a region cut across districts (a zone): in each cell and ring part, each district's
 * residents there times the share of its land sub-samples the region holds.
 */
function derivedResidents(grid: CoverageGrid, region: Region, districts: ReadonlyArray<{ region: Region; values: Float32Array }>): RegionResidents {
  const { cells } = region;
  if (!region.partial) throw new Error(`region ${region.id} has no sub-sample masks`);
  const out = new Float32Array(cells.length * 2);
  if (cells.length === 0) return compact(region, out);
  const first = cells[0]!;
  const last = cells[cells.length - 1]!;
  for (const { region: dr, values } of districts) {
    const dc = dr.cells;
    if (dc.length === 0 || dc[dc.length - 1]! < first || dc[0]! > last) continue;
    // Both lists are walked in ascending order, once per district.
    const district = new MaskReader(dr);
    const zone = new MaskReader(region);
    let i = lowerBoundOfCell(dc, first);
    let j = 0;
    while (i < dc.length && j < cells.length) {
      const a = dc[i]!;
      if (a > last) break;
      const b = cells[j]!;
      if (a < b) i++;
      else if (a > b) j++;
      else {
        const dl = district.land(i);
        const zl = dl & zone.mask(j);
        if (zl !== 0) {
          const ring = ringMaskAt(grid, a);
          const dIn = POPCOUNT16[dl & ring]!;
          const dOut = POPCOUNT16[dl & ~ring & 0xffff]!;
          const zIn = POPCOUNT16[zl & ring]!;
          const zOut = POPCOUNT16[zl & ~ring & 0xffff]!;
          if (zIn > 0) out[2 * j]! += (values[2 * i]! * zIn) / dIn;
          if (zOut > 0) out[2 * j + 1]! += (values[2 * i + 1]! * zOut) / dOut;
        }
        i++;
        j++;
      }
    }
  }
  return compact(region, out);
}

/**
 * Spreads a population input over the grid's districts and zones (see the module head).
 * @throws PopulationError for an input the grid cannot take (negative counts, nobody in the districts).
 */
export function buildPopulationLayer(grid: CoverageGrid, input: PopulationInput): PopulationLayer {
  const accs = districtList(grid);
  let partial: Omit<PopulationReport, 'districts' | 'landWithoutData'> & { landWithoutData?: number };
  if (input.kind === 'district-census') partial = censusLayer(grid, input.districts, accs);
  else if (input.kind === 'raster') partial = rasterLayer(grid, input.raster, accs);
  else partial = polygonsLayer(grid, input.features, accs);
  const regions = new Map<Region, RegionResidents>();
  const districts = accs.map((a) => {
    const r = compact(a.region, a.values);
    regions.set(a.region, r);
    return r;
  });
  const placed = districts.reduce((s, r) => s + r.total, 0);
  if (!(placed > 0)) {
    if (partial.inputTotal > 0) throw new PopulationError('gridNoneInShanghai', { total: Math.round(partial.inputTotal).toLocaleString('en') });
    throw new PopulationError('gridNoResidents', {});
  }
  for (const z of grid.zones.values()) regions.set(z, derivedResidents(grid, z, accs));
  for (const t of grid.townships.values()) regions.set(t, derivedResidents(grid, t, accs));
  // Totals from the stored values (what every result sums), the rest of the input outside.
  const report: PopulationReport = {
    ...partial,
    placed,
    outside: Math.max(0, partial.inputTotal - placed),
    movedShare: partial.moved / placed,
    landWithoutData: partial.landWithoutData ?? 0,
    districts: Object.fromEntries(accs.map((a, i) => [a.region.id, districts[i]!.total])),
  };
  return { grid, source: input.source, report, regions, districts };
}
