/**
 * The largest gaps by residents (issue #15): the unserved patches of a region — connected areas of the
 * coverage picture's gap for one rule — ranked by the residents they hold that no site reaches.
 *
 * ## The model
 * - A **gap cell** is a cell of the region with land in a counted ring part whose centre is not
 *   covered there (the engine's own test, engine.ts `coveredAt`; the cell's part on each side of the
 *   Outer Ring takes that side's radius). A cell with any such part counts, so that the patches
 *   together hold every resident the coverage table reports as not reached in the region (and every
 *   km² of uncovered land), none twice.
 * - A **patch** is a 4-connected set of gap cells (cells touching only at a corner are two patches,
 *   as in the gap export, gapPolygons.ts).
 * - Its **residents** are the residents of its cells' uncovered parts (the population layer's, per
 *   cell and ring part: population.ts); its **km²** the uncovered land there (sub-samples, 1/16 of a
 *   cell each); its **district** the one holding most of that land; its **township** the township
 *   (from the township polygons on the grid) holding most land of its most populous cell.
 * - The outline is the patch's cells traced into a MultiPolygon (whole cells: a boundary cell counts
 *   whole in the outline, by its sub-samples in the figures).
 *
 * Patches are ranked by residents (then land, then position); the top `limit` get their outline and
 * where to look. The whole study area is measured district by district (its residents are the sum of
 * the districts'), so a patch across a district border is listed once per district.
 *
 * Pure: runs in the coverage worker and in unit tests.
 */
import type { MultiPolygon } from 'geojson';
import { cellCenterLonLat, COUNT_LAND_IN, COUNT_LAND_OUT, type CoverageGrid, type Region } from './grid';
import { coveredAt, type CoverTest } from './engine';
import { cellResidents, type PopulationLayer, type RegionResidents } from './population';
import { traceCells, tracedToLonLat } from './gapPolygons';
import { cellsBox } from './cellBox';

export interface GapPatch {
  /** Residents not reached in the patch. */
  residents: number;
  /** Its uncovered land, km². */
  landKm2: number;
  /** Cells the patch touches. */
  cells: number;
  /** Adcode of the district holding most of its uncovered land. */
  district: string;
  /** Code of the township of its most populous cell (null: no township polygon there). */
  township: string | null;
  /** [west, south, east, north] of its outline (WGS-84). */
  bbox: [number, number, number, number];
  /** Centre of its most populous cell. */
  center: [number, number];
  outline: MultiPolygon;
}

export interface GapPatchList {
  /** The largest patches by residents, largest first (at most the limit asked). */
  patches: GapPatch[];
  /** Patches found in all. */
  count: number;
  /** Residents not reached in the region (the sum over every patch). */
  residentsNotReached: number;
}

interface Found {
  residents: number;
  land: number;
  cells: number;
  /** The cell with the most uncovered residents. */
  top: number;
  district: string;
  /** Its cells (grid indices): listed for the patches kept only. */
  list: () => number[];
}

/** Binary search of a sorted list. */
function indexOf(list: Uint32Array, k: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === k) return mid;
    if (v < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Every patch of one region (unsorted), with its cells. */
function regionPatches(grid: CoverageGrid, test: CoverTest, region: Region, residents: RegionResidents): Found[] {
  const { cells, counts } = region;
  const { cols } = grid;
  const box = cellsBox(cols, cells);
  if (!box) return [];
  const { c0, c1, r0, r1 } = box;
  const w = c1 - c0 + 1;
  const h = r1 - r0 + 1;
  // Per window cell: 1 + the region index of a gap cell, 0 elsewhere.
  const at = new Int32Array(w * h);
  const people = new Float64Array(cells.length);
  const land = new Uint8Array(cells.length);
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const openIn = test.insideM >= 0 && COUNT_LAND_IN[counts[q]!]! > 0 && !coveredAt(test, k, true);
    const openOut = test.outsideM >= 0 && COUNT_LAND_OUT[counts[q]!]! > 0 && !coveredAt(test, k, false);
    if (!openIn && !openOut) continue;
    // A cell open on every side it has land keeps all its residents (no split lookup needed).
    if ((openIn || COUNT_LAND_IN[counts[q]!] === 0) && (openOut || COUNT_LAND_OUT[counts[q]!] === 0)) people[q] = residents.values[q]!;
    else {
      const [rIn, rOut] = cellResidents(region, residents, q);
      people[q] = openIn ? rIn : rOut;
    }
    land[q] = (openIn ? COUNT_LAND_IN[counts[q]!]! : 0) + (openOut ? COUNT_LAND_OUT[counts[q]!]! : 0);
    const col = k % cols;
    at[((k - col) / cols - r0) * w + (col - c0)] = q + 1;
  }
  const found: Found[] = [];
  const stack: number[] = [];
  /** Queues a gap cell not yet visited (visited: made negative; listed again: positive). */
  const visit = (u: number) => {
    if (at[u]! > 0) {
      at[u] = -at[u]!;
      stack.push(u);
    }
  };
  const unvisit = (u: number) => {
    if (at[u]! < 0) {
      at[u] = -at[u]!;
      stack.push(u);
    }
  };
  /** Flood fill from window cell `start`, calling `each` with every cell's window index. */
  const fill = (start: number, mark: (u: number) => void, each: (v: number) => void) => {
    mark(start);
    while (stack.length > 0) {
      const v = stack.pop()!;
      each(v);
      const x = v % w;
      if (x > 0) mark(v - 1);
      if (x < w - 1) mark(v + 1);
      if (v >= w) mark(v - w);
      if (v < w * (h - 1)) mark(v + w);
    }
  };
  const byDistrict = new Float64Array(grid.districtIds.length + 1);
  for (let start = 0; start < at.length; start++) {
    if (at[start]! <= 0) continue;
    byDistrict.fill(0);
    const patch: Found = {
      residents: 0,
      land: 0,
      cells: 0,
      top: -1,
      district: '',
      // The cells again, for a patch kept: the fill from the same start over the visited cells.
      list: () => {
        const out: number[] = [];
        fill(start, unvisit, (v) => out.push(cells[at[v]! - 1]!));
        return out;
      },
    };
    let topPeople = -1;
    fill(start, visit, (v) => {
      const q = -at[v]! - 1;
      const k = cells[q]!;
      patch.cells++;
      patch.residents += people[q]!;
      patch.land += land[q]!;
      byDistrict[grid.district[k]!]! += land[q]!;
      if (people[q]! > topPeople) {
        topPeople = people[q]!;
        patch.top = k;
      }
    });
    let bestD = 0;
    for (let d = 1; d < byDistrict.length; d++) if (byDistrict[d]! > byDistrict[bestD]!) bestD = d;
    patch.district = bestD > 0 ? grid.districtIds[bestD - 1]! : region.id;
    found.push(patch);
  }
  return found;
}

/** The township holding most land of cell k (null: none). */
function townshipAt(grid: CoverageGrid, k: number): string | null {
  let best: string | null = null;
  let bestLand = 0;
  for (const [code, t] of grid.townships) {
    const q = indexOf(t.cells, k);
    if (q < 0) continue;
    const l = COUNT_LAND_IN[t.counts[q]!]! + COUNT_LAND_OUT[t.counts[q]!]!;
    if (l > bestLand) {
      best = code;
      bestLand = l;
    }
  }
  return best;
}

/** The patch's cells traced into a MultiPolygon, and its box. */
function outlineOf(grid: CoverageGrid, cells: readonly number[]): { outline: MultiPolygon; bbox: [number, number, number, number] } {
  const { cols } = grid;
  const { c0, c1, r0, r1 } = cellsBox(cols, cells)!;
  const w = c1 - c0 + 1;
  const mask = new Uint8Array(w * (r1 - r0 + 1));
  for (const k of cells) {
    const col = k % cols;
    mask[((k - col) / cols - r0) * w + (col - c0)] = 1;
  }
  const outline = tracedToLonLat(grid, traceCells(mask, w, r1 - r0 + 1, 8), c0, r0);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of outline.coordinates) {
    for (const [x, y] of poly[0]!) {
      if (x! < bbox[0]) bbox[0] = x!;
      if (y! < bbox[1]) bbox[1] = y!;
      if (x! > bbox[2]) bbox[2] = x!;
      if (y! > bbox[3]) bbox[3] = y!;
    }
  }
  return { outline, bbox };
}

/**
 * The region's unserved patches, the largest by residents first.
 * @param region a district, zone or township of the grid, or the study area (measured district by district)
 * @param test the engine's test for the layer's sites and rule (`engine.coverTest(rule)`)
 */
export function gapPatches(grid: CoverageGrid, test: CoverTest, region: Region, population: PopulationLayer, limit = 10): GapPatchList {
  const parts = region === grid.study ? grid.districtIds.map((id) => grid.districts.get(id)!) : [region];
  const all: Found[] = [];
  for (const r of parts) {
    const res = population.regions.get(r);
    if (res) all.push(...regionPatches(grid, test, r, res));
  }
  all.sort((a, b) => b.residents - a.residents || b.land - a.land || a.top - b.top);
  const subKm2 = (grid.cellM * grid.cellM) / 16 / 1e6;
  const centre = [0, 0];
  const patches = all.slice(0, Math.max(0, limit)).map((p): GapPatch => {
    cellCenterLonLat(grid, p.top, centre);
    return {
      residents: p.residents,
      landKm2: p.land * subKm2,
      cells: p.cells,
      district: p.district,
      township: townshipAt(grid, p.top),
      center: [centre[0]!, centre[1]!],
      ...outlineOf(grid, p.list()),
    };
  });
  return { patches, count: all.length, residentsNotReached: all.reduce((s, p) => s + p.residents, 0) };
}
