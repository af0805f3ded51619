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
