/**
 * The breakdown's region counts on the helper threads of the full recompute (fillPool.ts; issue #19:
 * the city at 25 m, recompute + breakdown ≤ 100 ms). The regions (districts, zones, townships) are
 * the parts: a thread takes one at a time, largest first, and counts it whole with the engine's own
 * loop (regionCounts.ts) into its row of a shared Float64Array; the caller reads the rows in the
 * grid's order. Each region is counted by one thread from start to end, in the same order as on one
 * thread, so the counts are the same to the bit — the residents' floating sums too (splitting a
 * region would change the order of their terms).
 *
 * What the counts read must be on shared memory: the cover test's fields (shared when made with the
 * pool, see DistanceField / OwnReachField), and the regions' cells, counts and runs and their
 * residents. On the first pooled breakdown of a grid (and of a population layer) those arrays that
 * are not shared yet are copied once onto one SharedArrayBuffer and the region (its runs, its
 * residents) is pointed at the copies, so nothing is held twice; a grid read into shared memory
 * (gridSupply.ts) is not copied at all. A message then names a few buffers and a table of
 * (buffer, offset, length) per region and array, not thousands of arrays.
 *
 * Pure, synchronous for the caller (it blocks in FillPool.runParts): the coverage worker's Web Worker
 * helpers and Node's worker_threads run {@link helperBreakdown}.
 */
import { fillPool, helperParts, type FillPool, type PartsMessage, type Spread } from './fillPool';
import type { CoverageGrid, Region } from './grid';
import type { CoverTest } from './engine';
import type { PopulationLayer, RegionResidents } from './population';
import { regionCounts, type RegionCounts, type ResidentsCells } from './regionCounts';
import { keepRegionRuns, regionRuns, type RegionRuns } from './regionRuns';

type Shareable = Uint32Array | Uint16Array | Int32Array | Float32Array;
type Maker<T extends Shareable> = new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => T;

/**
 * Typed arrays as rows (buffer index, byte offset, length), `slots` arrays per region, over a few
 * SharedArrayBuffers: what a message carries instead of the arrays themselves.
 */
interface SharedTable {
  buffers: SharedArrayBuffer[];
  rows: Int32Array;
  slots: number;
}

// The grid table's slots per region, and the residents table's.
const CELLS = 0;
const COUNTS = 1;
const RUNS = 2; // inStart, inLen, inQ, outStart, outLen, outQ, rest
const GRID_SLOTS = 9;
const VALUES = 0;
const SPLIT_CELLS = 1;
const SPLIT_INSIDE = 2;
const RES_SLOTS = 3;

/** Residents per region: the table, whether the region has any, and its (onlyInside, onlyOutside). */
interface SharedResidents extends SharedTable {
  has: Uint8Array;
  only: Float64Array;
}

/** A breakdown as posted to a helper: part p counts region order[p] into out[6·i …]. */
export interface BreakdownMessage extends PartsMessage {
  kind: 'breakdown';
  grid: SharedTable;
  residents: SharedResidents | null;
  order: Int32Array;
  dist: Float32Array | null;
  own: Float32Array | null;
  insideM: number;
  outsideM: number;
  out: Float64Array;
}

/** The regions a breakdown counts, in its order: districts, zones, townships. */
export function breakdownRegions(grid: CoverageGrid): Region[] {
  return [...grid.districts.values(), ...grid.zones.values(), ...grid.townships.values()];
}

const isShared = (a: Shareable | null): boolean => a === null || a.buffer instanceof SharedArrayBuffer;

/**
 * `arrays` (`slots` per region) as a table over shared memory: those already shared are kept where
 * they are, the others copied onto one new buffer. Returns the table and each array's shared view
 * (the array itself when it was shared), for the caller to point its owner at.
 */
function shareArrays(arrays: Shareable[], slots: number): { table: SharedTable; views: Shareable[] } {
  const buffers: SharedArrayBuffer[] = [];
  const index = new Map<SharedArrayBuffer, number>();
  const bufferIndex = (b: SharedArrayBuffer) => {
    let i = index.get(b);
    if (i === undefined) index.set(b, (i = buffers.push(b) - 1));
    return i;
  };
  let bytes = 0;
  for (const a of arrays) if (!isShared(a)) bytes = Math.ceil(bytes / 8) * 8 + a.byteLength;
  const fresh = new SharedArrayBuffer(Math.max(8, bytes));
  const rows = new Int32Array(arrays.length * 3);
  const views: Shareable[] = [];
  let at = 0;
  arrays.forEach((a, j) => {
    let v = a;
    if (!isShared(a)) {
      at = Math.ceil(at / 8) * 8;
      v = new (a.constructor as Maker<Shareable>)(fresh, at, a.length);
      v.set(a);
      at += a.byteLength;
    }
    views.push(v);
    rows[3 * j] = bufferIndex(v.buffer as SharedArrayBuffer);
    rows[3 * j + 1] = v.byteOffset;
    rows[3 * j + 2] = v.length;
  });
  return { table: { buffers, rows, slots }, views };
}

/** Array `slot` of region `i` in a table, as a view of type `make`. */
function viewAt<T extends Shareable>(t: SharedTable, i: number, slot: number, make: Maker<T>): T {
  const j = 3 * (i * t.slots + slot);
  return new make(t.buffers[t.rows[j]!]!, t.rows[j + 1]!, t.rows[j + 2]!);
}

/** A grid's regions on shared memory, and the order its parts are taken in. */
interface SharedGrid {
  table: SharedTable;
  order: Int32Array;
}

const sharedGrids = new WeakMap<CoverageGrid, SharedGrid>();

/** The grid's regions (cells, counts, runs) on shared memory, its regions pointed at them; once per grid. */
function sharedGrid(grid: CoverageGrid): SharedGrid {
  const held = sharedGrids.get(grid);
  if (held) return held;
  const regions = breakdownRegions(grid);
  const runs = regions.map((r) => regionRuns(r));
  const arrays = regions.flatMap((r, i) => {
    const u = runs[i]!;
    return [r.cells, r.counts, u.inStart, u.inLen, u.inQ, u.outStart, u.outLen, u.outQ, u.rest];
  });
  const { table, views } = shareArrays(arrays, GRID_SLOTS);
  regions.forEach((r, i) => {
    const v = (s: number) => views[i * GRID_SLOTS + s]!;
    r.cells = v(CELLS) as Uint32Array;
    r.counts = v(COUNTS) as Uint16Array;
    keepRegionRuns(r, runsAt(table, i));
  });
  // Largest first: the last parts taken are the small ones, so the threads end together.
  const order = Int32Array.from(regions.keys()).sort((a, b) => regions[b]!.cells.length - regions[a]!.cells.length || a - b);
  const shared = { table, order };
  sharedGrids.set(grid, shared);
  return shared;
}

/** The runs of region `i` of a grid table. */
function runsAt(t: SharedTable, i: number): RegionRuns {
  const r = (s: number) => viewAt(t, i, RUNS + s, Int32Array);
  return { inStart: r(0), inLen: r(1), inQ: r(2), outStart: r(3), outLen: r(4), outQ: r(5), rest: r(6) };
}

const sharedLayers = new WeakMap<PopulationLayer, SharedResidents>();

/** A population layer's residents of the breakdown's regions on shared memory, its entries pointed at them; once per layer. */
function sharedResidents(layer: PopulationLayer, regions: readonly Region[]): SharedResidents {
  const held = sharedLayers.get(layer);
  if (held) return held;
  const entries = regions.map((r) => layer.regions.get(r));
  const none = new Float32Array(0);
  const arrays = entries.flatMap((e) => (e ? [e.values, e.splitCells, e.splitInside] : [none, none, none]));
  const { table, views } = shareArrays(arrays, RES_SLOTS);
  const has = new Uint8Array(entries.length);
  const only = new Float64Array(2 * entries.length);
  entries.forEach((e: RegionResidents | undefined, i) => {
    if (!e) return;
    has[i] = 1;
    only[2 * i] = e.onlyInside;
    only[2 * i + 1] = e.onlyOutside;
    e.values = views[i * RES_SLOTS + VALUES] as Float32Array;
    e.splitCells = views[i * RES_SLOTS + SPLIT_CELLS] as Uint32Array;
    e.splitInside = views[i * RES_SLOTS + SPLIT_INSIDE] as Float32Array;
  });
  const shared = { ...table, has, only };
  sharedLayers.set(layer, shared);
  return shared;
}

/** Counts part `p` of a breakdown (the region order[p]) into its row of `out`: the same on every thread. */
function countPart(m: Omit<BreakdownMessage, 'control' | 'gen'>, p: number): void {
  const i = m.order[p]!;
  const region = { cells: viewAt(m.grid, i, CELLS, Uint32Array), counts: viewAt(m.grid, i, COUNTS, Uint16Array) };
  const runs = runsAt(m.grid, i);
  const r = m.residents;
  let res: ResidentsCells | undefined;
  if (r && r.has[i] === 1) {
    res = {
      values: viewAt(r, i, VALUES, Float32Array),
      splitCells: viewAt(r, i, SPLIT_CELLS, Uint32Array),
      splitInside: viewAt(r, i, SPLIT_INSIDE, Float32Array),
      onlyInside: r.only[2 * i]!,
      onlyOutside: r.only[2 * i + 1]!,
    };
  }
  const n = regionCounts(region, { dist: m.dist, own: m.own, insideM: m.insideM, outsideM: m.outsideM }, res, () => runs);
  m.out.set([n.covIn, n.covOut, n.landIn, n.landOut, n.resIn, n.resOut], 6 * i);
}

/** Whether `pool` counts the breakdowns of `grid` (large enough: FillPool.breakdownMinCells). */
export function pooledOn(grid: CoverageGrid, pool: FillPool | null = fillPool()): boolean {
  return pooledOnCells(grid.cols * grid.rows, pool);
}

/** {@link pooledOn} for a grid of `cells` cells (cols × rows), before the grid is read. */
export function pooledOnCells(cells: number, pool: FillPool | null = fillPool()): boolean {
  return pool !== null && cells >= pool.breakdownMinCells;
}

let lastSpread: Spread | null = null;

/** How the last pooled breakdown was spread over the threads (null: none yet). */
export function lastBreakdownSpread(): Spread | null {
  return lastSpread;
}

/**
 * Every region's counts under `t` ({@link breakdownRegions}' order), spread over `pool`'s helpers;
 * null when they cannot help (no pool or no helper yet, a grid too small to be worth it, or a field
 * of the test not on shared memory):
 * the caller then counts on its own thread.
 */
export function pooledRegionCounts(grid: CoverageGrid, t: CoverTest, population?: PopulationLayer | null, pool: FillPool | null = fillPool()): RegionCounts[] | null {
  if (!pool || pool.helperCount === 0 || !pooledOn(grid, pool) || !isShared(t.dist) || !isShared(t.own)) return null;
  const g = sharedGrid(grid);
  const n = g.order.length;
  const message: Omit<BreakdownMessage, 'control' | 'gen'> = {
    kind: 'breakdown',
    grid: g.table,
    residents: population ? sharedResidents(population, breakdownRegions(grid)) : null,
    order: g.order,
    dist: t.dist,
    own: t.own,
    insideM: t.insideM,
    outsideM: t.outsideM,
    out: new Float64Array(new SharedArrayBuffer(Math.max(8, 6 * n * 8))),
  };
  lastSpread = pool.runParts<BreakdownMessage>(message, n, (p) => countPart(message, p));
  const out = message.out;
  return Array.from({ length: n }, (_, i) => {
    const o = 6 * i;
    return { covIn: out[o]!, covOut: out[o + 1]!, landIn: out[o + 2]!, landOut: out[o + 3]!, resIn: out[o + 4]!, resOut: out[o + 5]! };
  });
}

/** A helper's side of a breakdown: count regions while there are any left in it. */
export function helperBreakdown(message: BreakdownMessage): void {
  helperParts(message, message.order.length, (p) => countPart(message, p));
}
