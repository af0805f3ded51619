/**
 * Where the coverage worker's grid comes from (issue #19): the grid kept from an earlier session in
 * this browser when one was built from the very same sources (src/coverage/gridKey.ts), else built
 * here — and then kept for the next start. Building the city at 50 m is most of the app's start on a
 * 2-core machine; reading it back is expanding a few MiB of runs (src/coverage/gridCodec.ts).
 *
 * The cache is a convenience, never a source of truth: a kept grid that does not read back (an older
 * format, damaged bytes) is dropped and the grid built; a browser without storage, a full disk or a
 * refused write leaves the grid built, with the reason given (`cacheProblem`) and nothing else lost.
 */
import { buildGrid, type CoverageGrid, type GridSources } from '../coverage/grid';
import { deserialiseGrid, GRID_CODEC_VERSION, serialiseGrid } from '../coverage/gridCodec';
import { gridKey } from '../coverage/gridKey';
import { dropCachedGrid, readCachedGrid, storeCachedGrid } from '../io/gridCache';
import { pooledOnCells } from '../coverage/breakdownPool';

export interface GridSupply {
  grid: CoverageGrid;
  /** `cache`: read back from an earlier session; `built`: built now (and worth keeping). */
  from: 'cache' | 'built';
  /** The cache key of these sources (null when it could not be computed). */
  key: string | null;
  /** Why the cache was not read (null: read, or simply empty). */
  cacheProblem: string | null;
  /** Where the time went (ms): hashing the sources, reading the kept grid (found or not), building. */
  timings: { keyMs: number; readMs: number; buildMs: number };
}

const why = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * The grid of `sources` at `cellM`: kept, or built. `factory`: the IndexedDB to use (none: build
 * only); `beforeRead`: awaited once the key is hashed, before the kept grid is read.
 */
export async function obtainGrid(sources: GridSources, cellM: number, factory: IDBFactory | null, beforeRead?: () => Promise<void>): Promise<GridSupply> {
  let key: string | null = null;
  let cacheProblem: string | null = null;
  const timings = { keyMs: 0, readMs: 0, buildMs: 0 };
  if (factory) {
    const t0 = performance.now();
    try {
      key = await gridKey(sources, cellM, GRID_CODEC_VERSION);
      const t1 = performance.now();
      timings.keyMs = t1 - t0;
      // `beforeRead`: what must go first in the same IndexedDB (the kept answer's look-up, coverage.worker.ts).
      await beforeRead?.();
      const kept = await readCachedGrid(key, factory);
      if (kept) {
        try {
          // Where the breakdown goes to helper threads (a large grid), read onto shared memory: they
          // read the regions' arrays where they are (src/coverage/breakdownPool.ts), not copies.
          const grid = deserialiseGrid(kept, { shared: (cells) => pooledOnCells(cells) });
          timings.readMs = performance.now() - t1;
          return { grid, from: 'cache', key, cacheProblem: null, timings };
        } catch (e) {
          cacheProblem = `kept grid unreadable, built again (${why(e)})`;
          await dropCachedGrid(key, factory).catch(() => undefined);
        }
      }
      timings.readMs = performance.now() - t1;
    } catch (e) {
      cacheProblem = `grid cache not read (${why(e)})`;
    }
  } else cacheProblem = 'no IndexedDB in this browser';
  const t2 = performance.now();
  // Where helper threads count the breakdown, the regions' lists are written on shared memory at once.
  const grid = buildGrid(sources, { cellM, shared: (cells) => pooledOnCells(cells) });
  timings.buildMs = performance.now() - t2;
  return { grid, from: 'built', key, cacheProblem, timings };
}

/** Keeps a built grid for the next start. Resolves to null when kept, else why not (the grid in use is unaffected). */
export async function keepGrid(supply: GridSupply, factory: IDBFactory | null): Promise<string | null> {
  if (supply.from !== 'built' || supply.key === null || !factory) return supply.from === 'built' ? (supply.cacheProblem ?? 'no cache key') : null;
  try {
    await storeCachedGrid(supply.key, serialiseGrid(supply.grid), factory);
    return null;
  } catch (e) {
    return `grid not kept (${why(e)})`;
  }
}
