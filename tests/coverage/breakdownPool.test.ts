/**
 * The breakdown spread over helper threads (src/coverage/breakdownPool.ts, real worker_threads) gives
 * the same breakdown, to the bit, as on one thread: on the shipped city (16 districts, zones,
 * townships, land, the Outer Ring) at a coarse cell, with residents from a random raster (their
 * floating sums change bits when their order does), for rule sites, own-radius sites and both; and a
 * pool whose only helper never answers, or one without helpers, changes nothing; a grid read or
 * built onto shared memory is counted in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { deserialiseGrid, serialiseGrid } from '../../src/coverage/gridCodec';
import { breakdownOf, CoverageEngine, gridSourcesFrom, ruleFromParts, type EngineSite } from '../../src/coverage/engine';
import { FillPool } from '../../src/coverage/fillPool';
import { breakdownRegions, lastBreakdownSpread, pooledOn, pooledRegionCounts } from '../../src/coverage/breakdownPool';
import { buildPopulationLayer, type PopulationLayer } from '../../src/coverage/population';
import { fileSource } from '../../src/domain/population';
import { startNodeFillPool, type NodeFillPool } from '../../src/worker/nodeFillPool';
import { data } from '../geodata/load';
import { withPool } from './withPool';

const CELL_M = 200;
const rule = ruleFromParts([{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }]);

let seed = 5;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
/** Sites at random over the city; every third with its own radius when `own`. */
const randomSites = (n: number, own: boolean): EngineSite[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, lon: 120.9 + rnd() * 1.0, lat: 30.7 + rnd() * 1.1, ...(own && i % 3 === 0 ? { radiusKm: 0.3 + rnd() } : {}) }));

/** Residents from a raster of random counts over the whole city (fractions, so that sums round). */
function randomLayer(grid: CoverageGrid): PopulationLayer {
  const [W, H, west, north, d] = [130, 140, 120.85, 31.9, 0.01];
  const values = Float32Array.from({ length: W * H }, () => rnd() * 3000);
  return buildPopulationLayer(grid, { kind: 'raster', source: fileSource('raster', 'random.tif'), raster: { width: W, height: H, west, north, dLon: d, dLat: d, values } });
}

let helpers: NodeFillPool;
beforeAll(async () => {
  helpers = await startNodeFillPool(2);
  // This city at a coarse cell, so the tests are quick: pooled whatever its size (the last test: the default).
  helpers.pool.breakdownMinCells = 0;
}, 60_000);
afterAll(() => helpers?.close());

describe(`breakdown with helper threads, the city at ${CELL_M} m`, () => {
  const grid = buildGrid(
    gridSourcesFrom(data('districts.geojson') as never, data('zones.geojson') as never, data('outer-ring-area.geojson') as never, data('land.geojson') as never, data('townships.geojson') as never),
    { cellM: CELL_M },
  );
  const layer = randomLayer(grid);

  it.each([
    ['rule sites', false],
    ['rule and own-radius sites', true],
  ])('the same to the bit as on one thread: %s, with and without residents', (_, own) => {
    const engine = withPool(helpers.pool, () => {
      const e = new CoverageEngine(grid, { maxDistanceM: 1500 });
      e.setSites(randomSites(3000, own));
      return e;
    });
    expect(engine.distanceField().buffer).toBeInstanceOf(SharedArrayBuffer);
    if (own) expect(engine.ownRatioField()!.buffer).toBeInstanceOf(SharedArrayBuffer);
    const t = engine.coverTest(rule);
    const single = [breakdownOf(grid, rule, t), breakdownOf(grid, rule, t, layer)];
    let helped = 0;
    for (let round = 0; round < 4; round++) {
      const pooled = withPool(helpers.pool, () => [breakdownOf(grid, rule, t), breakdownOf(grid, rule, t, layer)]);
      expect(pooled).toEqual(single);
      if (lastBreakdownSpread()!.helperShare > 0) helped++;
    }
    // The counts did go through the pool, and helpers took regions (they join when they get the
    // message before the caller has taken every region: nearly always).
    expect(pooledRegionCounts(grid, t, layer, helpers.pool)).toHaveLength(breakdownRegions(grid).length);
    expect(helped).toBeGreaterThan(0);
    // Something to compare: residents reached and areas covered in the figures.
    expect(single[1]!.all.residents!.covered).toBeGreaterThan(0);
    expect(Object.keys(single[0]!.townships ?? {}).length).toBeGreaterThan(0);
  });

  it('a pool whose helper never answers, or without helpers: the same breakdown, no wait', () => {
    const engine = withPool(helpers.pool, () => new CoverageEngine(grid, { maxDistanceM: 1500 }));
    engine.setSites(randomSites(2000, false));
    const t = engine.coverTest(rule);
    const single = breakdownOf(grid, rule, t, layer);
    const silent = new FillPool();
    silent.breakdownMinCells = 0;
    silent.addHelper({ post: () => {} });
    expect(withPool(silent, () => breakdownOf(grid, rule, t, layer))).toEqual(single);
    expect(lastBreakdownSpread()!.threads).toBe(1);
    expect(pooledRegionCounts(grid, t, layer, new FillPool())).toBeNull();
  });

  it('a grid read onto shared memory (the cache, gridSupply.ts) is counted where it lies, not copied', () => {
    let asked = NaN;
    const back = deserialiseGrid(serialiseGrid(grid), { shared: (cells) => ((asked = cells), true) });
    expect(asked).toBe(grid.cols * grid.rows);
    const shared = back.study.cells.buffer;
    expect(shared).toBeInstanceOf(SharedArrayBuffer);
    const engine = withPool(helpers.pool, () => new CoverageEngine(back, { maxDistanceM: 1500 }));
    engine.setSites(randomSites(2000, false));
    const t = engine.coverTest(rule);
    const single = breakdownOf(back, rule, t);
    expect(withPool(helpers.pool, () => breakdownOf(back, rule, t))).toEqual(single);
    for (const r of breakdownRegions(back)) {
      expect(r.cells.buffer).toBe(shared);
      expect(r.counts.buffer).toBe(shared);
    }
  });

  it('a grid built onto shared memory (gridSupply.ts: where helpers count) is the same grid, counted where it lies', () => {
    const sources = gridSourcesFrom(data('districts.geojson') as never, data('zones.geojson') as never, data('outer-ring-area.geojson') as never, data('land.geojson') as never, data('townships.geojson') as never);
    let asked = NaN;
    const onShared = buildGrid(sources, { cellM: CELL_M, shared: (cells) => ((asked = cells), true) });
    expect(asked).toBe(grid.cols * grid.rows);
    // The same bytes as the plain build (the codec writes every array, and the study area's too).
    expect(new Uint8Array(serialiseGrid(onShared))).toEqual(new Uint8Array(serialiseGrid(grid)));
    const regions = breakdownRegions(onShared);
    const before = regions.map((r) => r.cells);
    for (const r of regions) {
      expect(r.cells.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(r.counts.buffer).toBe(r.cells.buffer);
    }
    const engine = withPool(helpers.pool, () => new CoverageEngine(onShared, { maxDistanceM: 1500 }));
    engine.setSites(randomSites(2000, true));
    const t = engine.coverTest(rule);
    const single = breakdownOf(onShared, rule, t);
    expect(withPool(helpers.pool, () => breakdownOf(onShared, rule, t))).toEqual(single);
    expect(lastBreakdownSpread()!.threads).toBeGreaterThan(1);
    // Not copied: the regions still hold the arrays the build wrote.
    regions.forEach((r, i) => expect(r.cells).toBe(before[i]));
  });

  it('a grid below the pool’s size for it (FillPool.breakdownMinCells: 50 m and coarser) is counted on the calling thread', () => {
    const engine = withPool(helpers.pool, () => new CoverageEngine(grid, { maxDistanceM: 1500 }));
    engine.setSites(randomSites(500, false));
    const t = engine.coverTest(rule);
    expect(pooledRegionCounts(grid, t, layer, helpers.pool)).not.toBeNull();
    helpers.pool.breakdownMinCells = grid.cols * grid.rows + 1;
    try {
      expect(pooledOn(grid, helpers.pool)).toBe(false);
      expect(pooledRegionCounts(grid, t, layer, helpers.pool)).toBeNull();
      // The default leaves the city at 50 m (5.7 M cells) on one thread and takes it at 25 m (23 M).
      const fresh = new FillPool();
      expect(2204 * 2608).toBeLessThan(fresh.breakdownMinCells);
      expect(4408 * 5216).toBeGreaterThanOrEqual(fresh.breakdownMinCells);
    } finally {
      helpers.pool.breakdownMinCells = 0;
    }
  });

  it('a test on unshared fields is counted on the calling thread', () => {
    const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
    engine.setSites(randomSites(500, false));
    expect(pooledRegionCounts(grid, engine.coverTest(rule), layer, helpers.pool)).toBeNull();
  });
});
