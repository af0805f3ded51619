/**
 * Child process of the coverage benchmark's peak-memory figure (spawned by bench/coverage.ts):
 *   node --import tsx bench/coverageMemory.ts <baseline|grid|city> [cellM]
 * Every mode loads the same modules and data and draws the same 10,000 city sites; then
 * - baseline: nothing more (what the process needs without the engine);
 * - grid: builds the whole-city grid (16 districts, 18 zones, the Outer Ring; cells of `cellM`
 *   metres, default 50);
 * - city: builds the grid and runs the whole-city case as the benchmark does: engine, full
 *   recompute of the 10,000 sites (5 times), breakdown, 200 single-site moves;
 * - app: builds the grid the app's coverage worker builds (with the shipped land layer and
 *   townships, issue #19), timing the build, and one engine with the 10,000 sites on it;
 * - app-build: the same grid build alone (its time, as the worker's first visit builds it), then the
 *   grid written as the cache keeps it and read back (as the next visit's worker reads it).
 * It prints one JSON line: its peak resident set (VmHWM; see peakRssBytes) and,
 * in grid / city / app mode, the typed-array bytes the grid and the engine hold at the end (app:
 * and the build's CPU time, in a fresh process as the worker's is).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoverageEngine, gridSourcesFrom } from '../src/coverage/engine';
import { buildGrid, type CoverageGrid, type Region } from '../src/coverage/grid';
import { regionRunsBytes } from '../src/coverage/regionRuns';
import { deserialiseGrid, serialiseGrid } from '../src/coverage/gridCodec';
import { loadAppLayers, loadCoverageData, randomSitesIn } from './coverageSites';

export const CITY_SITES = 10_000;
export const CITY_SEED = 42;

/**
 * Bytes of the typed arrays a grid holds (per-cell rasters and every region's cell lists), with the
 * breakdown's runs of each region once they are built (src/coverage/regionRuns.ts).
 */
export function gridBytes(grid: CoverageGrid): number {
  // The sub-sample masks districts, zones and townships keep for the residents layer count too.
  const masks = (r: Region) => {
    const p = r.partial;
    return p ? p.q.byteLength + p.masks.byteLength + (p.landMasks !== p.masks ? p.landMasks.byteLength : 0) : 0;
  };
  const region = (r: Region) => r.cells.byteLength + r.counts.byteLength + masks(r) + regionRunsBytes(r);
  let n = grid.district.byteLength + grid.cellFlags.byteLength + grid.ringSplit.cells.byteLength + grid.ringSplit.masks.byteLength + region(grid.study);
  for (const r of grid.districts.values()) n += region(r);
  for (const r of grid.zones.values()) n += region(r);
  for (const r of grid.townships.values()) n += region(r);
  return n;
}

export interface MemoryReport {
  mode: string;
  peakRssBytes: number;
  gridBytes: number;
  engineBytes: number;
  /** app and app-build modes: the grid build's CPU time (ms, user + system) and wall time. */
  buildCpuMs?: number;
  buildMs?: number;
  /** app-build mode: the grid kept between sessions (src/coverage/gridCodec.ts): its bytes, and reading it back (wall, CPU ms). */
  keptBytes?: number;
  readBackMs?: number;
  readBackCpuMs?: number;
}

/** Runs bench/coverageMemory.ts in a fresh Node process (cells of `cellM` metres); its JSON report. */
export function memoryChild(mode: string, cellM = 50): MemoryReport {
  const script = fileURLToPath(new URL('./coverageMemory.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, mode, String(cellM)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory child (${mode}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as MemoryReport;
}

function main(mode: string, cellM: number): MemoryReport {
  const { districts, zones, ring } = loadCoverageData();
  const sites = randomSitesIn(districts.features, CITY_SITES, CITY_SEED);
  let gBytes = 0;
  let eBytes = 0;
  if (mode === 'grid' || mode === 'city') {
    const grid = buildGrid(gridSourcesFrom(districts, zones, ring), { cellM });
    gBytes = gridBytes(grid);
    if (mode === 'city') {
      const rule = { insideKm: 0.9, outsideKm: 1.5 };
      const city = new CoverageEngine(grid, { maxDistanceM: 1500 });
      for (let i = 0; i < 5; i++) city.setSites(sites);
      city.breakdown(rule);
      for (let i = 0; i < 200; i++) {
        const s = sites[i]!;
        city.moveSite(s.id, s.lon + 0.001, s.lat + 0.0005);
        city.coverage({ district: '310112' }, rule);
      }
      eBytes = city.field.typedArrayBytes();
    }
  } else if (mode === 'app' || mode === 'app-build') {
    const { land, townships } = loadAppLayers();
    const sources = gridSourcesFrom(districts, zones, ring, land, townships);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const grid = buildGrid(sources, { cellM });
    const buildMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (mode === 'app-build') {
      // What the next session does instead of building (src/worker/gridSupply.ts): the kept bytes read back.
      const kept = serialiseGrid(grid);
      const r0 = process.cpuUsage();
      const t1 = performance.now();
      deserialiseGrid(kept);
      const readBackMs = performance.now() - t1;
      const r = process.cpuUsage(r0);
      return { mode, peakRssBytes: peakRssBytes(), gridBytes: gridBytes(grid), engineBytes: 0, buildCpuMs: (c.user + c.system) / 1000, buildMs, keptBytes: kept.byteLength, readBackMs, readBackCpuMs: (r.user + r.system) / 1000 };
    }
    const city = new CoverageEngine(grid, { maxDistanceM: 1500 });
    city.setSites(sites);
    return { mode, peakRssBytes: peakRssBytes(), gridBytes: gridBytes(grid), engineBytes: city.field.typedArrayBytes(), buildCpuMs: (c.user + c.system) / 1000, buildMs };
  } else if (mode !== 'baseline') {
    throw new Error(`unknown mode ${mode}`);
  }
  return { mode, peakRssBytes: peakRssBytes(), gridBytes: gBytes, engineBytes: eBytes };
}

/**
 * This process's peak resident set. On Linux from /proc/self/status VmHWM: process.resourceUsage()
 * .maxRSS (getrusage) is NOT usable in a spawned child there, as the kernel carries the parent's
 * peak over the fork and exec (a child of a 300 MiB process reads ≥ 300 MiB, whatever it does).
 * VmHWM is the high-water mark of this program's own address space. Elsewhere: maxRSS.
 */
function peakRssBytes(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

// Run only as the child (not when bench/coverage.ts imports the helpers above).
if (process.argv[1] && /coverageMemory\.ts$/.test(process.argv[1])) {
  console.log(JSON.stringify(main(process.argv[2] ?? 'baseline', Number(process.argv[3] ?? 50))));
}
