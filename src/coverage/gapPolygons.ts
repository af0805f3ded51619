/**
 * The gap layer as vector polygons: the cells of a region that no site reaches under a coverage
 * rule, traced into GeoJSON (Multi)Polygons in WGS-84 lon/lat — for GIS, not for the screen (the map
 * paints the same cells as a raster, src/coverage/raster.ts).
 *
 * Which cells: a cell is a gap cell of the region when at least half of it (8 of its 16 sub-samples,
 * see grid.ts) lies in the region's counted ring parts on the counted ground (land by default) AND is
 * uncovered there — the cell centre farther from every site than the radius that serves the ring
 * part each sub-sample lies in (the engine's own test, engine.ts `coveredAt`). Rounding boundary cells at one half keeps the drawn area unbiased against the
 * engine's sub-sample-weighted `uncoveredKm2`; a cell split exactly 8/8 between two districts goes to
 * the district the grid assigns it (grid.district), so neighbouring districts' exports do not overlap.
 *
 * How: the outline of the union of the cells is traced on the grid's vertices (every boundary edge
 * oriented with the gap on its left; at a vertex where two gap cells touch only diagonally the walk
 * turns left, so such cells stay apart), a walk is cut into simple loops wherever it revisits a vertex
 * (cutting a closed path at a self-touch keeps every point's winding number, so the union is unchanged),
 * and loops are grouped by the 4-connected component of cells on their left: the counter-clockwise
 * loop is the shell, clockwise loops are holes (RFC 7946 orientation). A hole may touch its shell at a
 * single vertex, which OGC simple features allow. No rectangle merging is needed: the outline has one
 * vertex per corner, so the whole city at 50 m stays a few MB.
 *
 * Straight outline runs are broken every `maxRunCells` cells: a grid line (straight on the transverse
 * Mercator plane) is slightly curved in lon/lat, so a long lon/lat chord would stray from it (≈ 1 m over
 * 10 km); at 8 cells (400 m) the chord is within 2 mm of the grid line.
 *
 * Pure: no DOM; runs in the export worker and in unit tests.
 */
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson';
import { COUNT_IN, COUNT_LAND_IN, COUNT_LAND_OUT, COUNT_OUT, type CoverageGrid, type Region } from './grid';
import { coveredAt, type CoverTest, type Ground } from './engine';
import { ringSide } from '../domain/pointInArea';
import { cellsBox } from './cellBox';

/** A traced polygon in window vertex coordinates: [shell, ...holes], each ring closed. */
export type TracedPolygon = Array<Array<[number, number]>>;

// Directions: 0 east, 1 north, 2 west, 3 south (y grows north, as on the grid).
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

/** Twice the signed area of a closed vertex loop (positive: counter-clockwise). */
function doubleArea(xs: readonly number[], ys: readonly number[]): number {
  let a = 0;
  for (let m = 0, n = xs.length; m < n; m++) {
    const p = (m + 1) % n;
    a += xs[m]! * ys[p]! - xs[p]! * ys[m]!;
  }
  return a;
}

/** Point in a closed loop's vertices (src/domain/pointInArea.ts; the probe, a cell centre, never lies on an edge). */
const flatOf = new WeakMap<readonly number[], Float64Array>();
function ringContains(xs: readonly number[], ys: readonly number[], px: number, py: number): boolean {
  let flat = flatOf.get(xs);
  if (!flat) {
    flat = new Float64Array(xs.length * 2);
    for (let i = 0; i < xs.length; i++) {
      flat[2 * i] = xs[i]!;
      flat[2 * i + 1] = ys[i]!;
    }
    flatOf.set(xs, flat);
  }
  return ringSide(flat, px, py) >= 0;
}

interface Loop {
  xs: number[];
  ys: number[];
  /** Direction of the edge leaving each vertex. */
  ds: number[];
  area2: number;
}

/**
 * Outlines of the set cells of a binary mask (row-major, row 0 at the south) as polygons with holes.
 * @param maxRunCells break straight runs longer than this with extra vertices (Infinity: corners only).
 * @returns polygons in vertex coordinates: vertex (i, j) is the south-west corner of cell (i, j).
 */
export function traceCells(mask: Uint8Array, cols: number, rows: number, maxRunCells = Infinity): TracedPolygon[] {
  const W = cols + 1;
  const set = (i: number, j: number): boolean => i >= 0 && j >= 0 && i < cols && j < rows && mask[j * cols + i] !== 0;
  // Outgoing boundary edges per vertex, one bit per direction (at most two: a diagonal touch).
  const out = new Uint8Array(W * (rows + 1));
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      if (mask[j * cols + i] === 0) continue;
      if (!set(i, j - 1)) out[j * W + i]! |= 1; // bottom side, heading east
      if (!set(i + 1, j)) out[j * W + i + 1]! |= 2; // right side, heading north
      if (!set(i, j + 1)) out[(j + 1) * W + i + 1]! |= 4; // top side, heading west
      if (!set(i - 1, j)) out[(j + 1) * W + i]! |= 8; // left side, heading south
    }
  }
  const label = labelComponents(mask, cols, rows);
  const loopsOf = new Map<number, Loop[]>();

  // The cell on the left of the edge leaving vertex (i, j) in direction d.
  const leftCell = (i: number, j: number, d: number): number => {
    const ci = d === 0 || d === 3 ? i : i - 1;
    const cj = d === 0 || d === 1 ? j : j - 1;
    return cj * cols + ci;
  };

  const path: number[] = [];
  const dirs: number[] = [];
  const pos = new Map<number, number>();
  const emit = (from: number, component: number) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let m = from; m < path.length; m++) {
      xs.push(path[m]! % W);
      ys.push(Math.floor(path[m]! / W));
    }
    const loop: Loop = { xs, ys, ds: dirs.slice(from), area2: doubleArea(xs, ys) };
    const list = loopsOf.get(component);
    if (list) list.push(loop);
    else loopsOf.set(component, [loop]);
  };

  for (let v0 = 0; v0 < out.length; v0++) {
    while (out[v0] !== 0) {
      let d = 31 - Math.clz32(out[v0]! & -out[v0]!); // lowest set bit
      const component = label[leftCell(v0 % W, Math.floor(v0 / W), d)]!;
      let v = v0;
      path.length = 0;
      dirs.length = 0;
      pos.clear();
      path.push(v);
      pos.set(v, 0);
      for (;;) {
        out[v]! &= ~(1 << d);
        dirs.push(d);
        v += DX[d]! + DY[d]! * W;
        const seen = pos.get(v);
        if (seen !== undefined) {
          // Back at a vertex of the current walk: the stretch since then is a simple loop.
          emit(seen, component);
          for (let m = seen + 1; m < path.length; m++) pos.delete(path[m]!);
          path.length = seen + 1;
          dirs.length = seen;
        } else {
          path.push(v);
          pos.set(v, path.length - 1);
        }
        const bits = out[v]!;
        if (bits === 0) break; // only at the start vertex with the walk used up
        const left = (d + 1) & 3;
        const right = (d + 3) & 3;
        d = bits & (1 << left) ? left : bits & (1 << d) ? d : right;
      }
    }
  }

  const polygons: TracedPolygon[] = [];
  for (const loops of loopsOf.values()) {
    const shells = loops.filter((l) => l.area2 > 0);
    const holes = loops.filter((l) => l.area2 < 0);
    const groups = shells.map((s) => ({ shell: s, holes: [] as Loop[] }));
    for (const h of holes) {
      // Normally a component has one shell; if not, a probe just inside the hole (right of its
      // first edge) picks the smallest shell around it.
      let best = groups[0]!;
      if (groups.length > 1) {
        const d = h.ds[0]!;
        const px = h.xs[0]! + DX[d]! * 0.5 + DY[d]! * 0.25;
        const py = h.ys[0]! + DY[d]! * 0.5 - DX[d]! * 0.25;
        let bestArea = Infinity;
        for (const g of groups) {
          if (g.shell.area2 < bestArea && ringContains(g.shell.xs, g.shell.ys, px, py)) {
            best = g;
            bestArea = g.shell.area2;
          }
        }
      }
      best.holes.push(h);
    }
    for (const g of groups) polygons.push([g.shell, ...g.holes].map((l) => ringPoints(l, maxRunCells)));
  }
  return polygons;
}

/** 4-connected components of the set cells (−1 for unset cells). */
function labelComponents(mask: Uint8Array, cols: number, rows: number): Int32Array {
  const label = new Int32Array(cols * rows).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let k = 0; k < mask.length; k++) {
    if (mask[k] === 0 || label[k] !== -1) continue;
    label[k] = next;
    stack.push(k);
    while (stack.length > 0) {
      const c = stack.pop()!;
      const i = c % cols;
      const visit = (n: number) => {
        if (mask[n] !== 0 && label[n] === -1) {
          label[n] = next;
          stack.push(n);
        }
      };
      if (i > 0) visit(c - 1);
      if (i < cols - 1) visit(c + 1);
      if (c >= cols) visit(c - cols);
      if (c < mask.length - cols) visit(c + cols);
    }
    next++;
  }
  return label;
}

/** The loop's corners (plus a vertex every `maxRun` cells on long runs), closed. */
function ringPoints(loop: Loop, maxRun: number): Array<[number, number]> {
  const { xs, ys, ds } = loop;
  const n = xs.length;
  // Start at a corner (a closed rectilinear loop has at least four).
  let start = 0;
  while (ds[(start + n - 1) % n] === ds[start]) start++;
  const pts: Array<[number, number]> = [];
  let run = 0;
  for (let s = 0; s < n; s++) {
    const m = (start + s) % n;
    const corner = ds[(m + n - 1) % n] !== ds[m];
    if (corner || run >= maxRun) {
      pts.push([xs[m]!, ys[m]!]);
      run = 0;
    }
    run++;
  }
  pts.push(pts[0]!);
  return pts;
}

/**
 * Traced polygons of a window whose south-west cell is (c0, r0) as a MultiPolygon in WGS-84; corners
 * are rounded to 1e-7° (≈ 1 cm), so the same grid corner always has the same position.
 */
export function tracedToLonLat(grid: CoverageGrid, traced: readonly TracedPolygon[], c0: number, r0: number): MultiPolygon {
  const ll = [0, 0];
  const toLonLat = ([i, j]: [number, number]): Position => {
    grid.projection.inverse(grid.x0 + (c0 + i) * grid.cellM, grid.y0 + (r0 + j) * grid.cellM, ll);
    return [Math.round(ll[0]! * 1e7) / 1e7, Math.round(ll[1]! * 1e7) / 1e7];
  };
  return { type: 'MultiPolygon', coordinates: traced.map((poly) => poly.map((ring) => ring.map(toLonLat))) };
}

/** Options of {@link gapPolygons}. */
export interface GapPolygonOptions {
  /** The adcode the grid assigns exactly-half cells to (a district export); omitted: half counts. */
  district?: string;
  /** See the module comment (default 8). */
  maxRunCells?: number;
  /** Which ground's sub-samples count (default land: water and flats in the polygon are not gaps). */
  ground?: Ground;
}

export interface GapPolygonResult {
  geometry: MultiPolygon;
  /** Gap cells drawn. */
  cells: number;
  /** Their area on the grid's plane (cells × cell area), km². */
  areaKm2: number;
}

/**
 * The uncovered cells of `region` under a cover test as a MultiPolygon in WGS-84.
 * @param test the engine's test for the sites and rule (`engine.coverTest(rule)`).
 */
export function gapPolygons(grid: CoverageGrid, test: CoverTest, region: Region, options: GapPolygonOptions = {}): GapPolygonResult {
  const tieIndex = options.district === undefined ? -1 : grid.districtIds.indexOf(options.district) + 1;
  const land = (options.ground ?? 'land') === 'land';
  const { cells, counts } = region;
  const inside = land ? COUNT_LAND_IN : COUNT_IN;
  const outside = land ? COUNT_LAND_OUT : COUNT_OUT;
  // The window: the region's cell box.
  const box = cellsBox(grid.cols, cells);
  if (!box) return { geometry: { type: 'MultiPolygon', coordinates: [] }, cells: 0, areaKm2: 0 };
  const { c0, c1, r0, r1 } = box;
  const w = c1 - c0 + 1;
  const h = r1 - r0 + 1;
  const mask = new Uint8Array(w * h);
  let n = 0;
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const u = (test.insideM >= 0 && !coveredAt(test, k, true) ? inside[counts[q]!]! : 0) + (test.outsideM >= 0 && !coveredAt(test, k, false) ? outside[counts[q]!]! : 0);
    if (u > 8 || (u === 8 && (tieIndex < 0 || grid.district[k] === tieIndex))) {
      const col = k % grid.cols;
      mask[((k - col) / grid.cols - r0) * w + (col - c0)] = 1;
      n++;
    }
  }
  const traced = traceCells(mask, w, h, options.maxRunCells ?? 8);
  return {
    geometry: tracedToLonLat(grid, traced, c0, r0),
    cells: n,
    areaKm2: (n * grid.cellM * grid.cellM) / 1e6,
  };
}

/** Properties of one exported gap feature (flat, so GIS tools show them as columns). */
export interface GapFeatureProperties {
  /** Adcode of the district, or `all` for the study area. */
  area_id: string;
  area_name: string;
  area_name_en: string;
  /** The coverage layer (src/domain/coverageViews.ts id) and the facility types whose sites cover. */
  layer: string;
  facilities: string;
  radius_inside_km: number | null;
  radius_outside_km: number | null;
  /** True when a radius is the tool's assumption, not a plan figure. */
  radius_assumed: boolean;
  /** The rule in words, e.g. "0.9 km inside the Outer Ring / 1.5 km outside". */
  rule: string;
  /** Area of the drawn cells (km², on the grid plane). */
  area_km2: number;
  /** The engine's uncovered area of the same region (km²) on the same ground — the figure the app shows. */
  uncovered_km2: number;
  /** `land`: only land in the area counts (water and tidal flats in the polygon are not gaps); `polygon`: all of it. */
  ground: Ground;
  cell_m: number;
  scenario: string;
  scenario_en: string;
  /** True when the scenario's sites are made up: these gaps then describe no real network. */
  illustrative: boolean;
  crs: 'WGS-84 (EPSG:4326)';
  generated: string;
  method: string;
}

export const GAP_METHOD =
  'Cells of the coverage grid whose centre is farther from every site of the layer than the radius that serves the ground there (the rule radius of its side of the Outer Ring, or a site\'s own radius); a boundary cell is drawn when at least half of it lies in the area on the counted ground.';

export function gapFeatureCollection(
  parts: ReadonlyArray<{ result: GapPolygonResult; properties: Omit<GapFeatureProperties, 'area_km2' | 'cell_m' | 'crs' | 'method'> }>,
  cellM: number,
): FeatureCollection<MultiPolygon, GapFeatureProperties> {
  return {
    type: 'FeatureCollection',
    features: parts.map(
      ({ result, properties }): Feature<MultiPolygon, GapFeatureProperties> => ({
        type: 'Feature',
        properties: {
          ...properties,
          area_km2: Math.round(result.areaKm2 * 1e4) / 1e4,
          cell_m: cellM,
          crs: 'WGS-84 (EPSG:4326)',
          method: GAP_METHOD,
        },
        geometry: result.geometry,
      }),
    ),
  };
}
