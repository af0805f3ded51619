/**
 * Capacity against residents: the two-step floating catchment (2SFCA, Luo & Wang 2003) on the
 * coverage grid, for facilities counted in units (piles per station, bays, channels).
 *
 * Reach is the coverage rule's: a site reaches the ground of a cell when the cell centre lies within
 * the site's own radius (`radiusKm`), or else within the rule's radius for the side of the Outer
 * Ring that ground lies on — the same test the straight-line engine applies. A side the rule leaves
 * out is neither demand nor served.
 *
 * 1. Each site's ratio R = units / residents it reaches (the residents who could use it).
 * 2. Each cell's access A = Σ R over the sites that reach it (units per resident).
 * An area's figure is its residents' mean access; its reciprocal is **residents per unit**, the
 * number a planner compares with a threshold (flag a township above N residents per pile). Residents
 * no site reaches have access 0 and are counted apart (`notReached`); an area where nobody is reached
 * has no residents-per-unit (null), which is worse than any number.
 *
 * Cost: two passes over each site's disc of cells (about (2r / cell)² cells a site: 3,600 at 1.5 km
 * and 50 m), then one pass over the districts' and townships' cells. The residents per cell and side
 * are laid out densely once per residents layer, the access in two arrays per grid kept between calls.
 */
import type { CoverageRule } from './engine';
import { COUNT_LAND_IN, COUNT_LAND_OUT, type CoverageGrid, type Region } from './grid';
import { cellResidents, type PopulationLayer } from './population';
import type { CapacityBreakdown, CapacityFigures } from '../domain/coverageResults';

export type { CapacityBreakdown, CapacityFigures } from '../domain/coverageResults';

export interface CapacitySite {
  lon: number;
  lat: number;
  /** Units at the site (1 when the site carries none: counted in `assumedUnits`). */
  capacity?: number | undefined;
  radiusKm?: number | undefined;
}

interface PerSide {
  inside: Float32Array;
  outside: Float32Array;
}

const denseByLayer = new WeakMap<PopulationLayer, PerSide>();
/** Per grid, access arrays kept zero between calls: a call adds into its sites' discs and clears them. */
const scratchByGrid = new WeakMap<CoverageGrid, PerSide>();

function scratchFor(grid: CoverageGrid): PerSide {
  let held = scratchByGrid.get(grid);
  if (!held) {
    const n = grid.cols * grid.rows;
    held = { inside: new Float32Array(n), outside: new Float32Array(n) };
    scratchByGrid.set(grid, held);
  }
  return held;
}

/** Residents per grid cell and side of the ring (summed over the districts a border cell is shared by). */
function denseResidents(layer: PopulationLayer): PerSide {
  const held = denseByLayer.get(layer);
  if (held) return held;
  const n = layer.grid.cols * layer.grid.rows;
  const dense = { inside: new Float32Array(n), outside: new Float32Array(n) };
  for (const region of layer.grid.districts.values()) {
    const res = layer.regions.get(region);
    if (!res) continue;
    for (let q = 0; q < region.cells.length; q++) {
      if (res.values[q] === 0) continue;
      const [a, b] = cellResidents(region, res, q);
      const k = region.cells[q]!;
      dense.inside[k]! += a;
      dense.outside[k]! += b;
    }
  }
  denseByLayer.set(layer, dense);
  return dense;
}

interface PlacedSite {
  x: number;
  y: number;
  /** Reach on each side of the ring in metres; −1: the side is left out. */
  rIn: number;
  rOut: number;
  units: number;
}

/** The rows of a site's disc and, per row, the columns whose centre may lie within it. */
function discRows(grid: CoverageGrid, s: PlacedSite, visit: (row: number, dy2: number, c0: number, c1: number) => void): void {
  const r = Math.max(s.rIn, s.rOut);
  if (r < 0) return;
  const { cellM, x0, y0, cols, rows } = grid;
  const r2 = r * r;
  const row0 = Math.max(0, Math.floor((s.y - r - y0) / cellM));
  const row1 = Math.min(rows - 1, Math.floor((s.y + r - y0) / cellM));
  for (let row = row0; row <= row1; row++) {
    const dy = y0 + (row + 0.5) * cellM - s.y;
    const dy2 = dy * dy;
    if (dy2 > r2) continue;
    const half = Math.sqrt(r2 - dy2);
    // One column either side of the exact span at most: the distance test in the loops decides.
    visit(row, dy2, Math.max(0, Math.floor((s.x - half - x0) / cellM)), Math.min(cols - 1, Math.floor((s.x + half - x0) / cellM)));
  }
}

/** Step 1: the residents a site reaches on the rule's sides. */
function residentsInReach(grid: CoverageGrid, s: PlacedSite, residents: PerSide): number {
  const { cellM, x0, cols } = grid;
  const in2 = s.rIn < 0 ? -1 : s.rIn * s.rIn;
  const out2 = s.rOut < 0 ? -1 : s.rOut * s.rOut;
  const pIn = residents.inside;
  const pOut = residents.outside;
  let sum = 0;
  discRows(grid, s, (row, dy2, c0, c1) => {
    const base = row * cols;
    let dx = x0 + (c0 + 0.5) * cellM - s.x;
    for (let k = base + c0; k <= base + c1; k++, dx += cellM) {
      const d2 = dx * dx + dy2;
      if (d2 <= in2) sum += pIn[k]!;
      if (d2 <= out2) sum += pOut[k]!;
    }
  });
  return sum;
}

/** Step 2: adds a site's ratio to the access of every cell side it reaches. */
function addAccess(grid: CoverageGrid, s: PlacedSite, access: PerSide, ratio: number): void {
  const { cellM, x0, cols } = grid;
  const in2 = s.rIn < 0 ? -1 : s.rIn * s.rIn;
  const out2 = s.rOut < 0 ? -1 : s.rOut * s.rOut;
  const aIn = access.inside;
  const aOut = access.outside;
  discRows(grid, s, (row, dy2, c0, c1) => {
    const base = row * cols;
    let dx = x0 + (c0 + 0.5) * cellM - s.x;
    for (let k = base + c0; k <= base + c1; k++, dx += cellM) {
      const d2 = dx * dx + dy2;
      if (d2 <= in2) aIn[k]! += ratio;
      if (d2 <= out2) aOut[k]! += ratio;
    }
  });
}

/** Zeroes the access over a site's disc. */
function clearDisc(grid: CoverageGrid, s: PlacedSite, access: PerSide): void {
  discRows(grid, s, (row, _dy2, c0, c1) => {
    access.inside.fill(0, row * grid.cols + c0, row * grid.cols + c1 + 1);
    access.outside.fill(0, row * grid.cols + c0, row * grid.cols + c1 + 1);
  });
}

/**
 * 2SFCA of the sites under a rule, per district and township (see the module head).
 * @param sites the sites of the facility types the rule serves
 */
export function capacityBreakdown(grid: CoverageGrid, layer: PopulationLayer, rule: CoverageRule, sites: readonly CapacitySite[]): CapacityBreakdown {
  const dense = denseResidents(layer);
  const p = new Float64Array(2);
  let units = 0;
  let assumedUnits = 0;
  const placed: PlacedSite[] = sites.map((site) => {
    grid.projection.forward(site.lon, site.lat, p);
    const own = site.radiusKm !== undefined && site.radiusKm > 0 ? site.radiusKm * 1000 : null;
    const side = (km: number | null) => (km === null ? -1 : (own ?? km * 1000));
    const u = site.capacity !== undefined && site.capacity > 0 ? site.capacity : 1;
    if (site.capacity === undefined) assumedUnits++;
    units += u;
    return { x: p[0]!, y: p[1]!, rIn: side(rule.insideKm), rOut: side(rule.outsideKm), units: u };
  });

  // Step 1: each site's units over the residents it reaches.
  const ratio = placed.map((s) => {
    const demand = residentsInReach(grid, s, dense);
    return demand > 0 ? s.units / demand : 0;
  });

  // Step 2: each cell's access, in the grid's scratch arrays (cleared again below, disc by disc).
  const access = scratchFor(grid);
  const { inside: accessIn, outside: accessOut } = access;
  placed.forEach((s, j) => {
    if (ratio[j]! > 0) addAccess(grid, s, access, ratio[j]!);
  });

  const figuresOf = (region: Region): CapacityFigures => {
    const res = layer.regions.get(region);
    let residents = 0;
    let served = 0; // Σ residents × access: the units these residents share
    let notReached = 0;
    const countIn = rule.insideKm !== null;
    const countOut = rule.outsideKm !== null;
    if (res) {
      const { values, splitCells, splitInside } = res;
      const { cells, counts } = region;
      let split = 0; // cursor in splitCells (ascending, like q)
      for (let q = 0; q < cells.length; q++) {
        const v = values[q]!;
        if (v === 0) continue;
        // The cell's residents on each side (see cellResidents), without an array per cell.
        let a = v;
        let b = 0;
        if (COUNT_LAND_IN[counts[q]!] === 0) [a, b] = [0, v];
        else if (COUNT_LAND_OUT[counts[q]!] !== 0) {
          while (splitCells[split]! < q) split++;
          a = splitInside[split]!;
          b = v - a;
        }
        const k = cells[q]!;
        if (countIn && a > 0) {
          residents += a;
          const acc = accessIn[k]!;
          if (acc > 0) served += a * acc;
          else notReached += a;
        }
        if (countOut && b > 0) {
          residents += b;
          const acc = accessOut[k]!;
          if (acc > 0) served += b * acc;
          else notReached += b;
        }
      }
    }
    return { residents, residentsPerUnit: served > 0 ? residents / served : null, notReached };
  };

  const districts: Record<string, CapacityFigures> = {};
  for (const [id, region] of grid.districts) districts[id] = figuresOf(region);
  const townships: Record<string, CapacityFigures> = {};
  for (const [code, region] of grid.townships) townships[code] = figuresOf(region);
  // Adding −ratio back would leave rounding dust; setting zero over each disc is exact.
  for (const s of placed) clearDisc(grid, s, access);
  return { districts, townships, sites: sites.length, units, assumedUnits };
}
