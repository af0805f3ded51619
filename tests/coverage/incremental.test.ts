/** add / move / remove give exactly the distance field of a full recompute; gap mask and shares agree. */
import { describe, expect, it } from 'vitest';
import { buildGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom, ruleFromParts } from '../../src/coverage/engine';
import { data } from '../geodata/load';

const all = data('districts.geojson') as never as { features: { properties: { adcode: string } }[] };
const two = { features: all.features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) };
const grid = buildGrid(gridSourcesFrom(two as never, undefined, data('outer-ring-area.geojson') as never), { cellM: 100 });

let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const randomSite = (id: string) => ({ id, lon: 121.25 + rnd() * 0.35, lat: 30.98 + rnd() * 0.24 });

function sameField(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) diff++;
  return diff;
}

describe('incremental updates', () => {
  it('200 random add / move / remove steps leave the same field as a full recompute', () => {
    const sites = new Map<string, { id: string; lon: number; lat: number }>();
    for (let i = 0; i < 150; i++) sites.set(`s${i}`, randomSite(`s${i}`));
    const live = new CoverageEngine(grid, { maxDistanceM: 1500 });
    live.setSites([...sites.values()]);
    const fresh = new CoverageEngine(grid, { maxDistanceM: 1500 });
    let next = 150;
    for (let step = 0; step < 200; step++) {
      const ids = [...sites.keys()];
      const op = rnd();
      if (op < 0.3) {
        const s = randomSite(`s${next++}`);
        sites.set(s.id, s);
        live.addSite(s);
      } else if (op < 0.6 && ids.length > 0) {
        const id = ids[Math.floor(rnd() * ids.length)]!;
        sites.delete(id);
        expect(live.removeSite(id)).toBe(true);
      } else if (ids.length > 0) {
        const id = ids[Math.floor(rnd() * ids.length)]!;
        const old = sites.get(id)!;
        // small drags and long jumps
        const s = rnd() < 0.5 ? { id, lon: old.lon + (rnd() - 0.5) * 0.004, lat: old.lat + (rnd() - 0.5) * 0.004 } : randomSite(id);
        sites.set(id, s);
        expect(live.moveSite(id, s.lon, s.lat)).toBe(true);
      }
      if (step % 40 === 39) {
        fresh.setSites([...sites.values()]);
        expect(sameField(live.distanceField(), fresh.distanceField())).toBe(0);
      }
    }
    fresh.setSites([...sites.values()]);
    expect(sameField(live.distanceField(), fresh.distanceField())).toBe(0);
    const rule = ruleFromParts([{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }]);
    expect(live.coverage('all', rule)).toEqual(fresh.coverage('all', rule));
    expect(live.gapMask(rule)).toEqual(fresh.gapMask(rule));
  });

  it('a field never recomputed in full (its cells are filled on first read) reads +Infinity, and sites added one by one give the full recompute', () => {
    const empty = new CoverageEngine(grid, { maxDistanceM: 1500 });
    expect(empty.distanceField().every((d) => d === Infinity)).toBe(true);
    const list = Array.from({ length: 40 }, (_, i) => randomSite(`a${i}`));
    const added = new CoverageEngine(grid, { maxDistanceM: 1500 });
    for (const s of list) added.addSite(s);
    const full = new CoverageEngine(grid, { maxDistanceM: 1500 });
    full.setSites(list);
    expect(sameField(added.distanceField(), full.distanceField())).toBe(0);
    expect(added.distanceField().some((d) => d === Infinity)).toBe(true);
    expect(added.distanceField().some((d) => d < 1500)).toBe(true);
  });

  it('ties: removing one of several sites at the same distances leaves the others’ field (no per-cell nearest record)', () => {
    // Exact duplicates tie in every cell; mirror images across a cell-centre line tie on it.
    const base = [
      ...Array.from({ length: 4 }, (_, i) => ({ id: `d${i}`, lon: 121.4, lat: 31.1 })),
      { id: 'a', lon: 121.45, lat: 31.05 },
      { id: 'b', lon: 121.4503, lat: 31.05 },
      ...Array.from({ length: 40 }, (_, i) => randomSite(`t${i}`)),
    ];
    const live = new CoverageEngine(grid, { maxDistanceM: 1500 });
    live.setSites(base);
    const fresh = new CoverageEngine(grid, { maxDistanceM: 1500 });
    const left = new Map(base.map((s) => [s.id, s]));
    for (const id of ['d0', 'd1', 'a', 'd2', 't3', 'b', 'd3']) {
      expect(live.removeSite(id)).toBe(true);
      left.delete(id);
      fresh.setSites([...left.values()]);
      expect(sameField(live.distanceField(), fresh.distanceField())).toBe(0);
    }
  });

  it('removing the last site empties the field; unknown ids report false', () => {
    const e = new CoverageEngine(grid, { maxDistanceM: 1000 });
    e.setSites([{ id: 'a', lon: 121.4, lat: 31.1 }]);
    expect(e.distanceField().some((d) => d < Infinity)).toBe(true);
    expect(e.removeSite('a')).toBe(true);
    expect(e.distanceField().every((d) => d === Infinity)).toBe(true);
    expect(e.removeSite('a')).toBe(false);
    expect(e.moveSite('zz', 121.4, 31.1)).toBe(false);
  });

  it('distances are exact: the cell under a site is within half a cell diagonal, gaps are the complement', () => {
    const e = new CoverageEngine(grid, { maxDistanceM: 1500 });
    e.setSites([{ id: 'a', lon: 121.4, lat: 31.1 }]);
    const d = e.distanceField();
    const min = d.reduce((m, v) => Math.min(m, v), Infinity);
    expect(min).toBeLessThanOrEqual((100 * Math.SQRT2) / 2);
    const gaps = e.gapMask({ insideKm: 0.9, outsideKm: 0.9 });
    let covered = 0;
    for (const k of grid.study.cells) if (gaps[k] === 0) covered++;
    // a 0.9 km disc of 100 m cells holds ≈ π·9² ≈ 254 cell centres
    expect(covered).toBeGreaterThan(240);
    expect(covered).toBeLessThan(270);
    expect(() => e.coverage('all', { insideKm: 2, outsideKm: 2 })).toThrow(RangeError);
  });
});

describe('full recompute (block pruning) vs stamping every disc', () => {
  // addSite stamps one disc at a time (the plain method); setSites recomputes block by block with
  // candidate pruning (distance.ts, recomputeAll). The fields must agree to the bit.
  const grid50 = buildGrid(gridSourcesFrom(two as never, undefined, data('outer-ring-area.geojson') as never), { cellM: 50 });
  const cases: Record<string, () => { id: string; lon: number; lat: number }[]> = {
    random: () => Array.from({ length: 400 }, (_, i) => randomSite(`r${i}`)),
    // dense clusters: many candidates a block, heavy pruning, near-ties
    clustered: () =>
      Array.from({ length: 600 }, (_, i) => {
        const c = [[121.38, 31.11], [121.47, 31.19], [121.52, 31.05]][i % 3]!;
        return { id: `c${i}`, lon: c[0]! + (rnd() - 0.5) * 0.01, lat: c[1]! + (rnd() - 0.5) * 0.01 };
      }),
    // exact duplicates (ties), sites off the grid (west and south, some beyond the cap), a lone site
    awkward: () => [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `d${i}`, lon: 121.4, lat: 31.1 })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `o${i}`, lon: 121.2 + (rnd() - 0.5) * 0.08, lat: 30.9 + rnd() * 0.3 })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, lon: 121.3 + rnd() * 0.3, lat: 30.93 + (rnd() - 0.5) * 0.05 })),
      { id: 'lone', lon: 121.55, lat: 31.0 },
    ],
  };
  for (const [name, make] of Object.entries(cases)) {
    for (const [g, maxM] of [[grid, 1500], [grid50, 1500], [grid50, 777]] as const) {
      it(`${name}, ${g.cellM} m cells, cap ${maxM} m`, () => {
        const sites = make();
        const full = new CoverageEngine(g, { maxDistanceM: maxM });
        full.setSites(sites);
        const stamped = new CoverageEngine(g, { maxDistanceM: maxM });
        for (const s of sites) stamped.addSite(s);
        expect(sameField(full.distanceField(), stamped.distanceField())).toBe(0);
        const d = full.distanceField();
        let bad = 0;
        for (let k = 0; k < d.length; k++) if (d[k]! !== Infinity && !(d[k]! >= 0 && d[k]! <= maxM + 0.01)) bad++;
        expect(bad).toBe(0);
        expect(d.some((v) => v < Infinity)).toBe(true);
      });
    }
  }
});
