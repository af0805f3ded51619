/**
 * SyncedEngine follows a site list by difference: after any sequence of edits handed over as whole
 * lists, its distance field must be bit-identical to a fresh full recompute of the same list, and its
 * report must count what the test changed — with sites that carry their own radius too, and the
 * engine's dirty box holding every changed cell. EnginePool: one engine per key, rebuilt when a larger
 * cap is needed, released by a round that did not use it or needed less. Runs on the hand-made area in tests/fixtures/coverage/small-area.geojson (50 m cells).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildGrid } from '../../src/coverage/grid';
import { CoverageEngine, type EngineSite } from '../../src/coverage/engine';
import type { SitePoint } from '../../src/coverage/distance';
import { EnginePool, SyncedEngine } from '../../src/coverage/syncedEngine';

const area = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/coverage/small-area.geojson', import.meta.url)), 'utf8'),
) as FeatureCollection<Polygon, { role: string; adcode?: string }>;
const grid = buildGrid(
  {
    districts: area.features.filter((f) => f.properties.role === 'district').map((f) => ({ id: f.properties.adcode!, geometry: f.geometry })),
    outerRing: area.features.filter((f) => f.properties.role === 'outer-ring').map((f) => f.geometry),
  },
  { cellM: 50 },
);

/** Park–Miller PRNG, so every run walks the same sequence. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Fisher–Yates, in place. */
function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Sites over the fixture area and up to ~2 km beyond it (some discs reach in from off the grid). */
const randomPoint = (rnd: () => number) => ({ lon: 121.38 + rnd() * 0.12, lat: 31.08 + rnd() * 0.09 });

function fresh(list: readonly SitePoint[], maxDistanceM: number): Float32Array {
  const e = new CoverageEngine(grid, { maxDistanceM });
  e.setSites(list);
  return e.distanceField();
}

/** Cells whose values differ (Object.is: bit-level for floats, Infinity included). */
function differingCells(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) n++;
  return n;
}

describe('SyncedEngine.sync', () => {
  it('the grid is the small fixture, and a field with sites is neither empty nor full', () => {
    // Guards the test setup: a field that were all Infinity (or all finite) would make equality trivial.
    expect(grid.cols * grid.rows).toBeLessThan(40_000);
    const d = fresh([{ id: 'a', lon: 121.43, lat: 31.12 }], 1500);
    expect(d.some((v) => v < Infinity)).toBe(true);
    expect(d.some((v) => v === Infinity)).toBe(true);
  });

  for (const [seed, cap] of [[11, 1500], [2024, 1000], [777, 500]] as const) {
    it(`seed ${seed}, cap ${cap} m: 120 random edit rounds stay bit-identical to a fresh setSites, with honest counts`, () => {
      const rnd = prng(seed);
      const synced = new SyncedEngine(grid, cap);
      const sites = new Map<string, SitePoint>();
      let nextId = 0;
      const newSite = (): SitePoint => ({ id: `s${nextId++}`, ...randomPoint(rnd) });
      let sawLocal = false;
      let sawFull = false;

      for (let round = 0; round < 120; round++) {
        let added = 0;
        let moved = 0;
        let removed = 0;
        const kind = rnd();
        if (round === 0 || kind < 0.08) {
          // Batch replacement: a new file loaded — most ids new, a few kept (some of them moved).
          const keep = [...sites.values()].filter(() => rnd() < 0.2);
          const before = new Set(sites.keys());
          sites.clear();
          for (const s of keep) {
            if (rnd() < 0.5) {
              sites.set(s.id, { id: s.id, ...randomPoint(rnd) });
              moved++;
            } else sites.set(s.id, { ...s }); // a new object with the same position is no change
          }
          const n = 30 + Math.floor(rnd() * 40);
          for (let i = 0; i < n; i++) {
            const s = newSite();
            sites.set(s.id, s);
            added++;
          }
          removed = [...before].filter((id) => !sites.has(id)).length;
        } else {
          // A few local edits on distinct ids: adds, drags (small and long), removes.
          const edits = 1 + Math.floor(rnd() * 4);
          const touched = new Set<string>();
          for (let e = 0; e < edits; e++) {
            const ids = [...sites.keys()].filter((id) => !touched.has(id));
            const op = rnd();
            if (op < 0.35 || ids.length === 0) {
              const s = newSite();
              sites.set(s.id, s);
              touched.add(s.id);
              added++;
            } else if (op < 0.65) {
              const id = ids[Math.floor(rnd() * ids.length)]!;
              sites.delete(id);
              touched.add(id);
              removed++;
            } else {
              const id = ids[Math.floor(rnd() * ids.length)]!;
              const old = sites.get(id)!;
              const s =
                rnd() < 0.5
                  ? { id, lon: old.lon + (rnd() - 0.5) * 0.003, lat: old.lat + (rnd() - 0.5) * 0.003 }
                  : { id, ...randomPoint(rnd) };
              sites.set(id, s);
              touched.add(id);
              moved++;
            }
          }
        }
        // The list is handed over in a shuffled order each time: order must not matter.
        const list = shuffle([...sites.values()], rnd);
        const report = synced.sync(list);
        expect({ added: report.added, moved: report.moved, removed: report.removed }).toEqual({ added, moved, removed });
        expect(synced.size).toBe(sites.size);
        if (report.full) sawFull = true;
        else sawLocal = true;
        expect(differingCells(synced.engine.distanceField(), fresh(list, cap)), `round ${round}`).toBe(0);
      }
      // Both paths were exercised.
      expect(sawLocal).toBe(true);
      expect(sawFull).toBe(true);
    });
  }

  it('own radii: 150 random rounds of adds, drags, removes, radius changes and radius toggles stay bit-identical to a fresh engine; every changed cell lies in the dirty box', () => {
    const rnd = prng(4242);
    const synced = new SyncedEngine(grid, 1500, 2);
    const sites = new Map<string, EngineSite>();
    let nextId = 0;
    const radius = () => (rnd() < 0.5 ? undefined : Math.round((0.2 + rnd() * 1.6) * 1000) / 1000);
    const newSite = (): EngineSite => {
      const r = radius();
      return { id: `m${nextId++}`, ...randomPoint(rnd), ...(r === undefined ? {} : { radiusKm: r }) };
    };
    const snapshot = () => {
      const e = synced.engine;
      return { dist: e.distanceField().slice(), own: e.ownRatioField()?.slice() ?? null };
    };
    synced.engine.takeDirty();
    let before = snapshot();
    let sawOwn = false;
    let sawToggle = false;
    for (let round = 0; round < 150; round++) {
      const ids = [...sites.keys()];
      const op = rnd();
      if (op < 0.35 || ids.length < 3) {
        const s = newSite();
        sites.set(s.id, s);
      } else if (op < 0.5) sites.delete(ids[Math.floor(rnd() * ids.length)]!);
      else if (op < 0.75) {
        const id = ids[Math.floor(rnd() * ids.length)]!;
        const old = sites.get(id)!;
        sites.set(id, { ...old, lon: old.lon + (rnd() - 0.5) * 0.01, lat: old.lat + (rnd() - 0.5) * 0.01 });
      } else {
        // The radius changes, comes or goes (the site moves between the rule and own-radius fields).
        const id = ids[Math.floor(rnd() * ids.length)]!;
        const { radiusKm, ...rest } = sites.get(id)!;
        const r = radius();
        if ((radiusKm === undefined) !== (r === undefined)) sawToggle = true;
        sites.set(id, { ...rest, ...(r === undefined ? {} : { radiusKm: r }) });
      }
      const list = shuffle([...sites.values()], rnd);
      synced.sync(list);
      const e = new CoverageEngine(grid, { maxDistanceM: 1500, ownCapRatio: 2 });
      e.setSites(list);
      expect(differingCells(synced.engine.distanceField(), e.distanceField()), `round ${round} rule field`).toBe(0);
      const own = synced.engine.ownRatioField();
      expect(own === null, `round ${round}: own field held exactly while own-radius sites exist`).toBe(e.ownRatioField() === null);
      if (own) {
        sawOwn = true;
        expect(differingCells(own, e.ownRatioField()!), `round ${round} own field`).toBe(0);
      }
      // Dirty box: cells outside it did not change (the pictures repaint only its tiles).
      const after = snapshot();
      const box = synced.engine.takeDirty();
      const ownAfter = after.own ?? new Float32Array(after.dist.length).fill(Infinity);
      const ownBefore = before.own ?? new Float32Array(after.dist.length).fill(Infinity);
      for (let k = 0; k < after.dist.length; k++) {
        if (Object.is(after.dist[k], before.dist[k]) && Object.is(ownAfter[k], ownBefore[k])) continue;
        const col = k % grid.cols;
        const row = (k - col) / grid.cols;
        expect(box !== null && col >= box.c0 && col <= box.c1 && row >= box.r0 && row <= box.r1, `round ${round}: cell ${k} changed outside the dirty box`).toBe(true);
      }
      before = after;
    }
    expect(sawOwn).toBe(true);
    expect(sawToggle).toBe(true);
  });

  it('an unchanged list (even as new objects) is no edit and leaves the field alone', () => {
    const rnd = prng(5);
    const list = Array.from({ length: 20 }, (_, i) => ({ id: `u${i}`, ...randomPoint(rnd) }));
    const synced = new SyncedEngine(grid, 1500);
    synced.sync(list);
    const before = synced.engine.distanceField().slice();
    expect(synced.sync(list.map((s) => ({ ...s })))).toEqual({ added: 0, moved: 0, removed: 0, full: false });
    expect(differingCells(synced.engine.distanceField(), before)).toBe(0);
  });

  it('a one-site drag in a list of 40 is local; replacing the whole list takes the full path', () => {
    const rnd = prng(9);
    const list = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, ...randomPoint(rnd) }));
    const synced = new SyncedEngine(grid, 1500);
    expect(synced.sync(list)).toEqual({ added: 40, moved: 0, removed: 0, full: true });

    const dragged = list.map((s, i) => (i === 7 ? { ...s, lon: s.lon + 0.001 } : s));
    expect(synced.sync(dragged)).toEqual({ added: 0, moved: 1, removed: 0, full: false });
    expect(differingCells(synced.engine.distanceField(), fresh(dragged, 1500))).toBe(0);

    const other = Array.from({ length: 35 }, (_, i) => ({ id: `e${i}`, ...randomPoint(rnd) }));
    expect(synced.sync(other)).toEqual({ added: 35, moved: 0, removed: 40, full: true });
    expect(differingCells(synced.engine.distanceField(), fresh(other, 1500))).toBe(0);

    // Emptying the list: every cell back to Infinity.
    expect(synced.sync([])).toEqual({ added: 0, moved: 0, removed: 35, full: true });
    expect(synced.engine.distanceField().every((d) => d === Infinity)).toBe(true);
  });

  it('drag steps as new lists with one slot replaced (the quick path) stay bit-identical; the same list again is no edit', () => {
    const rnd = prng(21);
    let list = Array.from({ length: 300 }, (_, i) => ({ id: `q${i}`, ...randomPoint(rnd) }));
    const synced = new SyncedEngine(grid, 1500);
    synced.sync(list);
    for (let step = 1; step <= 10; step++) {
      const k = step % 3 === 0 ? 200 : 17;
      list = list.map((s, i) => (i === k ? { ...s, lon: s.lon + 0.0007, lat: s.lat - 0.0004 } : s));
      expect(synced.sync(list)).toEqual({ added: 0, moved: 1, removed: 0, full: false });
      expect(differingCells(synced.engine.distanceField(), fresh(list, 1500))).toBe(0);
    }
    expect(synced.sync(list)).toEqual({ added: 0, moved: 0, removed: 0, full: false });
    expect(differingCells(synced.engine.distanceField(), fresh(list, 1500))).toBe(0);
  });

  it('a handful of edits on a tiny list stays local even when it is most of the list', () => {
    const synced = new SyncedEngine(grid, 1000);
    const a = [
      { id: 'a', lon: 121.41, lat: 31.105 },
      { id: 'b', lon: 121.44, lat: 31.13 },
      { id: 'c', lon: 121.46, lat: 31.11 },
    ];
    synced.sync(a);
    const b = [
      { id: 'a', lon: 121.415, lat: 31.106 },
      { id: 'd', lon: 121.405, lat: 31.14 },
    ];
    expect(synced.sync(b)).toEqual({ added: 1, moved: 1, removed: 2, full: false });
    expect(differingCells(synced.engine.distanceField(), fresh(b, 1000))).toBe(0);
  });

  it('a repeated id: the last position wins, as in a fresh setSites', () => {
    const synced = new SyncedEngine(grid, 1500);
    const list = [
      { id: 'x', lon: 121.41, lat: 31.105 },
      { id: 'y', lon: 121.46, lat: 31.11 },
      { id: 'x', lon: 121.44, lat: 31.13 },
    ];
    expect(synced.sync(list)).toMatchObject({ added: 2 });
    expect(synced.size).toBe(2);
    expect(differingCells(synced.engine.distanceField(), fresh([list[1]!, list[2]!], 1500))).toBe(0);
  });
});

describe('EnginePool', () => {
  const sitesA = [
    { id: 'a1', lon: 121.41, lat: 31.105 },
    { id: 'a2', lon: 121.455, lat: 31.115 },
  ];
  const need = (radiusM: number, factor = 1) => ({ radiusM, factor });

  it('rounds the cap up to 0.5 km, keeps the engine while it suffices, rebuilds a larger one when needed', () => {
    const pool = new EnginePool(grid);
    const e900 = pool.engineFor('charging', sitesA, need(900));
    expect(e900.maxDistanceM).toBe(1000);
    expect(differingCells(e900.distanceField(), fresh(sitesA, 1000))).toBe(0);

    // Same or smaller need: the very same engine, synced to the new list.
    const moved = [sitesA[0]!, { ...sitesA[1]!, lat: 31.12 }];
    expect(pool.engineFor('charging', moved, need(1000))).toBe(e900);
    expect(pool.engineFor('charging', moved, need(200))).toBe(e900);
    expect(differingCells(e900.distanceField(), fresh(moved, 1000))).toBe(0);

    // A longer radius: a new engine with a larger cap, holding the sites it is given.
    const e1200 = pool.engineFor('charging', moved, need(1200));
    expect(e1200).not.toBe(e900);
    expect(e1200.maxDistanceM).toBe(1500);
    expect(differingCells(e1200.distanceField(), fresh(moved, 1500))).toBe(0);
    // …and it stays while it suffices.
    expect(pool.engineFor('charging', sitesA, need(900))).toBe(e1200);
    expect(differingCells(e1200.distanceField(), fresh(sitesA, 1500))).toBe(0);
    // The distance picture's twice-the-radius need.
    expect(pool.engineFor('charging', sitesA, need(900, 2)).maxDistanceM).toBe(2000);

    // The smallest cap is 0.5 km.
    expect(pool.engineFor('tiny', sitesA, need(100)).maxDistanceM).toBe(500);
    expect(pool.engineFor('tiny', sitesA, need(0)).maxDistanceM).toBe(500);
  });

  it('a round releases the engines it did not use, and those larger than it needed (after the distance picture)', () => {
    const pool = new EnginePool(grid);
    const sitesB = [{ id: 'b1', lon: 121.43, lat: 31.14 }];
    pool.beginRound();
    const a = pool.engineFor('a', sitesA, need(800));
    const b = pool.engineFor('b', sitesB, need(800));
    // The distance picture asks for twice the radius; the checker then for once: one engine, the larger.
    const c2 = pool.engineFor('c', sitesB, need(900, 2));
    expect(pool.engineFor('c', sitesB, need(900))).toBe(c2);
    pool.endRound();
    expect(new Set([a, b, c2]).size).toBe(3);
    expect(pool.keys.sort()).toEqual(['a', 'b', 'c']);
    expect(pool.capOf('c')).toBe(2000);

    // Next round: 'b' has no sites any more (not asked for), 'c' is back to gaps (once the radius).
    pool.beginRound();
    expect(pool.engineFor('a', sitesA, need(800))).toBe(a);
    expect(pool.engineFor('c', sitesB, need(900))).toBe(c2); // still served by the larger engine this round…
    pool.endRound();
    expect(pool.keys.sort()).toEqual(['a']); // …then released: 'b' unused, 'c' larger than needed

    pool.beginRound();
    const c1 = pool.engineFor('c', sitesB, need(900));
    expect(pool.engineFor('a', sitesA, need(800))).toBe(a);
    pool.endRound();
    expect(c1).not.toBe(c2);
    expect(c1.maxDistanceM).toBe(1000);
    expect(differingCells(c1.distanceField(), fresh(sitesB, 1000))).toBe(0);
    expect(pool.keys.sort()).toEqual(['a', 'c']);
    // Outside a round nothing is released.
    pool.engineFor('z', sitesB, need(300));
    expect(pool.keys.sort()).toEqual(['a', 'c', 'z']);
  });
});
