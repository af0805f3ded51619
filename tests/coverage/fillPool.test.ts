/**
 * The full recompute with helper threads (src/coverage/fillPool.ts, real worker_threads) gives the
 * same field, to the bit, and the same breakdown as on one thread, at 25 m and 50 m; a pool without
 * helpers, or with a helper that never answers or answers late, changes nothing either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom, ruleFromParts } from '../../src/coverage/engine';
import { FillPool, helperFill, type FillMessage } from '../../src/coverage/fillPool';
import { StripFiller } from '../../src/coverage/stripFill';
import { startNodeFillPool, type NodeFillPool } from '../../src/worker/nodeFillPool';
import { data } from '../geodata/load';
import { withPool } from './withPool';

const all = data('districts.geojson') as never as { features: { properties: { adcode: string } }[] };
const two = { features: all.features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) };
const sources = gridSourcesFrom(two as never, undefined, data('outer-ring-area.geojson') as never);
const rule = ruleFromParts([{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }]);

let seed = 11;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
/** Sites at random over (and a little beyond) the two districts. */
const randomSites = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, lon: 121.2 + rnd() * 0.45, lat: 30.93 + rnd() * 0.32 }));

function differing(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) diff++;
  return diff;
}

/** An engine whose field is made while `pool` is set (so shared, and recomputed with it). */
function engineWith(pool: FillPool | null, grid: CoverageGrid): CoverageEngine {
  return withPool(pool, () => new CoverageEngine(grid, { maxDistanceM: 1500 }));
}

let helpers: NodeFillPool;
beforeAll(async () => {
  helpers = await startNodeFillPool(2);
}, 60_000);
afterAll(() => helpers?.close());

describe.each([50, 25])('full recompute with helper threads, %i m cells', (cellM) => {
  const grid = buildGrid(sources, { cellM });
  const single = new CoverageEngine(grid, { maxDistanceM: 1500 });

  it('the same field to the bit and the same breakdown, recompute after recompute', () => {
    const parallel = engineWith(helpers.pool, grid);
    expect(parallel.distanceField().buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(single.distanceField().buffer).not.toBeInstanceOf(SharedArrayBuffer);
    let joined = 0;
    // Fewer sites after more: every cell is set again, none is left from the recompute before.
    for (const n of [2000, 300, 2000, 0, 1200]) {
      const sites = randomSites(n);
      single.setSites(sites);
      parallel.setSites(sites);
      expect(differing(parallel.distanceField(), single.distanceField())).toBe(0);
      if (helpers.pool.lastThreads > 1) joined++;
    }
    expect(parallel.breakdown(rule)).toEqual(single.breakdown(rule));
    // Helpers join when they get the message before the caller has taken every strip: nearly always.
    expect(joined).toBeGreaterThan(0);
  });

  it('a pool without helpers, or with one that never answers, or answers late: the same field, no wait', () => {
    const sites = randomSites(1500);
    single.setSites(sites);
    const alone = engineWith(new FillPool(), grid);
    alone.setSites(sites);
    expect(differing(alone.distanceField(), single.distanceField())).toBe(0);

    const late: FillMessage[] = [];
    const pool = new FillPool();
    pool.addHelper({ post: () => {} }); // started, never answers
    pool.addHelper({ post: (m) => late.push(m as FillMessage) }); // answers after the recompute is over
    const lonely = engineWith(pool, grid);
    lonely.setSites(sites);
    expect(pool.lastThreads).toBe(1);
    expect(differing(lonely.distanceField(), single.distanceField())).toBe(0);
    // The late helper finds the recompute closed and writes nothing (were it to fill a strip, its
    // rows would be cleared to +Infinity first, against a field with sites all over).
    lonely.distanceField().fill(-1);
    expect(late).toHaveLength(1);
    helperFill(late[0]!, new StripFiller());
    expect(lonely.distanceField().every((d) => d === -1)).toBe(true);
  });
});
