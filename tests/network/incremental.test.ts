/**
 * Adding, moving and removing sites one at a time leaves exactly (to the bit) the fields of a full
 * recompute: on the People's Square network, walking and driving, and on random small networks
 * (fast-check).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareNetwork, type NetworkContext } from '../../src/network/context';
import { NetworkEngine } from '../../src/network/networkEngine';
import { readRoadFile } from '../../src/network/readRoadFile';
import { boxGrid, ORIGIN, world, type Road } from './world';

type Site = { id: string; lon: number; lat: number; radiusKm?: number };

function differing(a: Float32Array | null, b: Float32Array | null): number {
  if (a === null || b === null) return a === b ? 0 : -1;
  let n = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) n++;
  return n;
}

/** Checks the live engine against a fresh one given the same sites. */
function expectSame(ctx: NetworkContext, live: NetworkEngine, sites: Map<string, Site>, maxM: number) {
  const fresh = new NetworkEngine(ctx, { maxDistanceM: maxM });
  fresh.setSites([...sites.values()]);
  expect(differing(live.distanceField(), fresh.distanceField())).toBe(0);
  expect(differing(live.ownRatioField(), fresh.ownRatioField())).toBe(0);
}

const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson', import.meta.url))));
const grid = boxGrid(-1000, -1300, 1700, 1400);

describe("incremental = full recompute on People's Square", () => {
  for (const mode of ['walk', 'drive'] as const) {
    it(`${mode}: 150 random adds, drags, jumps, removals and radius changes`, () => {
      const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', bytes), mode);
      let seed = mode === 'walk' ? 3 : 5;
      const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const at = (id: string): Site => {
        const p = grid.projection.inverse(ORIGIN.x - 900 + rnd() * 2500, ORIGIN.y - 1200 + rnd() * 2500, [0, 0]);
        return { id, lon: p[0]!, lat: p[1]! };
      };
      const sites = new Map<string, Site>();
      for (let i = 0; i < 12; i++) sites.set(`s${i}`, at(`s${i}`));
      const live = new NetworkEngine(ctx, { maxDistanceM: 900 });
      live.setSites([...sites.values()]);
      let next = 12;
      for (let step = 0; step < 150; step++) {
        const ids = [...sites.keys()];
        const op = rnd();
        const id = ids[Math.floor(rnd() * ids.length)];
        if (op < 0.2 || id === undefined) {
          const s = at(`s${next++}`);
          if (rnd() < 0.2) s.radiusKm = 0.3 + rnd();
          sites.set(s.id, s);
          live.addSite(s);
        } else if (op < 0.4) {
          sites.delete(id);
          expect(live.removeSite(id)).toBe(true);
        } else if (op < 0.5) {
          // Gains, loses or changes its own radius.
          const s = { ...sites.get(id)! };
          if (s.radiusKm === undefined || rnd() < 0.5) s.radiusKm = 0.2 + rnd();
          else delete s.radiusKm;
          sites.set(id, s);
          live.addSite(s);
        } else {
          const old = sites.get(id)!;
          // A drag step (≈ 20 m) or a jump.
          const s = rnd() < 0.7 ? { ...old, lon: old.lon + (rnd() - 0.5) * 0.0004, lat: old.lat + (rnd() - 0.5) * 0.0004 } : { ...at(id), ...(old.radiusKm === undefined ? {} : { radiusKm: old.radiusKm }) };
          sites.set(id, s);
          expect(live.moveSite(id, s.lon, s.lat)).toBe(true);
        }
        if (step % 10 === 9) expectSame(ctx, live, sites, 900);
      }
      expectSame(ctx, live, sites, 900);
      expect(live.removeSite('nobody')).toBe(false);
      expect(live.moveSite('nobody', 121.47, 31.23)).toBe(false);
    });
  }

  it('a drag of 60 small steps, checked at every step, then every site removed', () => {
    const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', bytes), 'walk');
    const sites = new Map<string, Site>();
    for (let i = 0; i < 6; i++) {
      const p = grid.projection.inverse(ORIGIN.x - 600 + 400 * i, ORIGIN.y - 500 + 300 * (i % 3), [0, 0]);
      sites.set(`s${i}`, { id: `s${i}`, lon: p[0]!, lat: p[1]! });
    }
    const live = new NetworkEngine(ctx, { maxDistanceM: 1500 });
    live.setSites([...sites.values()]);
    const s = sites.get('s2')!;
    for (let step = 0; step < 60; step++) {
      s.lon += 0.0002;
      s.lat += 0.0001;
      live.moveSite('s2', s.lon, s.lat);
      expectSame(ctx, live, sites, 1500);
    }
    for (const id of [...sites.keys()]) {
      sites.delete(id);
      live.removeSite(id);
      expectSame(ctx, live, sites, 1500);
    }
    expect(live.distanceField().every((v) => v === Infinity)).toBe(true);
  });
});

describe('incremental = full recompute on random networks', () => {
  // A 7 × 7 lattice of 150 m blocks with random streets missing, random one-way streets, and a
  // random elevated road crossing without vertices; sites anywhere, edits at random.
  const roadArb = fc.record({
    missing: fc.array(fc.boolean(), { minLength: 84, maxLength: 84 }),
    oneway: fc.array(fc.constantFrom('no', 'yes', '-1'), { minLength: 84, maxLength: 84 }),
    over: fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 900 })),
  });
  const pt = fc.tuple(fc.integer({ min: -100, max: 1000 }), fc.integer({ min: -100, max: 1000 }));
  const edit = fc.oneof(
    fc.record({ op: fc.constant('add' as const), at: pt, radius: fc.option(fc.integer({ min: 100, max: 700 }), { nil: undefined }) }),
    fc.record({ op: fc.constant('move' as const), pick: fc.nat(), at: pt }),
    fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  );

  function lattice(r: { missing: boolean[]; oneway: string[]; over: [number, number] }): Road[] {
    const roads: Road[] = [];
    let q = 0;
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 6; j++) {
        const h = q++;
        if (!r.missing[h]) roads.push({ pts: [[25 + 150 * j, 25 + 150 * i], [175 + 150 * j, 25 + 150 * i]], tags: { oneway: r.oneway[h]! } });
        const v = q++;
        if (!r.missing[v]) roads.push({ pts: [[25 + 150 * i, 25 + 150 * j], [25 + 150 * i, 175 + 150 * j]], tags: { oneway: r.oneway[v]! } });
      }
    }
    roads.push({ pts: [[r.over[0] - 37, -80], [r.over[1] + 61, 1010]], tags: { highway: 'primary', bridge: 'yes' } });
    return roads;
  }

  for (const mode of ['walk', 'drive'] as const) {
    it(`${mode}`, () => {
      fc.assert(
        fc.property(roadArb, fc.array(pt, { minLength: 1, maxLength: 5 }), fc.array(edit, { minLength: 1, maxLength: 25 }), (net, start, edits) => {
          const w = world(lattice(net), mode, [-150, -150, 1150, 1150]);
          const local = (id: string, [x, y]: [number, number], radius?: number): Site => {
            const p = w.grid.projection.inverse(ORIGIN.x + x, ORIGIN.y + y, [0, 0]);
            return radius === undefined ? { id, lon: p[0]!, lat: p[1]! } : { id, lon: p[0]!, lat: p[1]!, radiusKm: radius / 1000 };
          };
          const sites = new Map<string, Site>();
          start.forEach((p, i) => sites.set(`s${i}`, local(`s${i}`, p)));
          const live = new NetworkEngine(w.ctx, { maxDistanceM: 600 });
          live.setSites([...sites.values()]);
          let next = start.length;
          for (const e of edits) {
            const ids = [...sites.keys()];
            if (e.op === 'add' || ids.length === 0) {
              const s = local(`s${next++}`, e.op === 'remove' ? [0, 0] : e.at, e.op === 'add' ? e.radius : undefined);
              sites.set(s.id, s);
              live.addSite(s);
            } else if (e.op === 'move') {
              const old = sites.get(ids[e.pick % ids.length]!)!;
              const s = { ...local(old.id, e.at), ...(old.radiusKm === undefined ? {} : { radiusKm: old.radiusKm }) };
              sites.set(s.id, s);
              live.moveSite(s.id, s.lon, s.lat);
            } else {
              const id = ids[e.pick % ids.length]!;
              sites.delete(id);
              live.removeSite(id);
            }
          }
          expectSame(w.ctx, live, sites, 600);
        }),
        { numRuns: 40, seed: mode === 'walk' ? 16 : 61 },
      );
    });
  }
});
