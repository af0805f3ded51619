/**
 * The model of issue #16 on small networks worked out by hand (local metres; see world.ts). Each
 * expected distance is written as its parts: ground access + along the network + site access.
 * Vertices are quantised to 1e-7° (≈ 1 cm), so distances are checked to 5 cm.
 */
import { describe, expect, it } from 'vitest';
import { NetworkEngine } from '../../src/network/networkEngine';
import { cellAt, siteAt, world, type Pt, type Road } from './world';

const CM5 = 0.05;

function distances(roads: Road[], mode: 'walk' | 'drive', sites: Array<{ at: Pt; radiusKm?: number }>, ground: Pt[], opts: { snapM?: number; maxM?: number } = {}) {
  const w = world(roads, mode, [-600, -600, 2200, 900], opts.snapM);
  const engine = new NetworkEngine(w.ctx, { maxDistanceM: opts.maxM ?? 1500 });
  engine.setSites(sites.map((s, i) => siteAt(`s${i}`, s.at, s.radiusKm)));
  return ground.map((p) => engine.distanceField()[cellAt(w.grid, p)]!);
}

describe('a river with one bridge', () => {
  // Streets along both banks (y = 25 and y = 225), the bridge at x = 525 joining them at shared vertices.
  const roads: Road[] = [
    { pts: [[25, 25], [525, 25], [1025, 25]] },
    { pts: [[25, 225], [525, 225], [1025, 225]] },
    { pts: [[525, 25], [525, 225]], tags: { highway: 'primary', bridge: 'yes' } },
  ];
  const site = { at: [125, 15] as Pt }; // 10 m south of the south street

  it('the far bank is reached over the bridge', () => {
    const [north, northOff, south, river] = distances(roads, 'walk', [site], [[125, 225], [125, 175], [125, 75], [1025, 125]]);
    expect(north).toBeCloseTo(0 + (400 + 200 + 400) + 10, 1); // 1010 m where the straight line says 210
    expect(Math.abs(north! - 1010)).toBeLessThan(CM5);
    expect(Math.abs(northOff! - (50 + 1010))).toBeLessThan(CM5); // 50 m off the north street
    expect(Math.abs(south! - (50 + 0 + 10))).toBeLessThan(CM5); // same edge as the site, same point on it
    // (1025, 125): 100 m from both streets' ends; either way the same distance: 100 + 900 + 10.
    expect(Math.abs(river! - (100 + 900 + 10))).toBeLessThan(CM5);
  });

  it('beyond the cap nothing is reached', () => {
    const [north, south] = distances(roads, 'walk', [site], [[125, 225], [125, 75]], { maxM: 1000 });
    expect(north).toBe(Infinity);
    expect(Math.abs(south! - 60)).toBeLessThan(CM5);
  });
});

describe('a crossing without a shared vertex', () => {
  // A street east–west at y = 25; an elevated road north–south at x = 525 passing over it.
  const street: Road = { pts: [[25, 25], [1025, 25]] };
  const over: Road = { pts: [[525, -475], [525, 525]], tags: { highway: 'primary', bridge: 'yes', layer: '1' } };
  const site = { at: [525, 425] as Pt }; // on the elevated road

  it('does not join: the street below is not reached from the elevated road', () => {
    const [streetCell, overCell] = distances([street, over], 'walk', [site], [[125, 25], [525, 125]]);
    expect(streetCell).toBe(Infinity);
    expect(Math.abs(overCell! - 300)).toBeLessThan(CM5);
  });

  it('joins when both have the vertex: 400 along the elevated road, 400 along the street', () => {
    const joined: Road[] = [
      { pts: [[25, 25], [525, 25], [1025, 25]] },
      { pts: [[525, -475], [525, 25], [525, 525]], tags: { highway: 'primary' } },
    ];
    const [streetCell] = distances(joined, 'walk', [site], [[125, 25]]);
    expect(Math.abs(streetCell! - 800)).toBeLessThan(CM5);
  });
});

describe('a site on the same edge as the ground', () => {
  // One 1 km edge, no other road: through its ends the ground would pay a detour.
  const roads: Road[] = [{ pts: [[25, 25], [1025, 25]] }];
  const site = { at: [125, 35] as Pt }; // 10 m north of the edge, 100 m from its west end

  it('is reached along the edge, not through its ends', () => {
    const [on, off, west] = distances(roads, 'walk', [site], [[425, 25], [425, 75], [25, 25]]);
    expect(Math.abs(on! - (0 + 300 + 10))).toBeLessThan(CM5);
    expect(Math.abs(off! - (50 + 300 + 10))).toBeLessThan(CM5);
    expect(Math.abs(west! - (0 + 100 + 10))).toBeLessThan(CM5);
  });
});

describe('ground beyond the snap distance', () => {
  const roads: Road[] = [{ pts: [[25, 25], [1025, 25]] }];
  const site = { at: [125, 25] as Pt };

  it('is not reached at the default 200 m, and is at a larger snap distance', () => {
    const [near, far] = distances(roads, 'walk', [site], [[125, 175], [125, 275]]);
    expect(Math.abs(near! - 150)).toBeLessThan(CM5);
    expect(far).toBe(Infinity); // 250 m from the road (the site is 250 m away in a straight line)
    const [far300] = distances(roads, 'walk', [site], [[125, 275]], { snapM: 300 });
    expect(Math.abs(far300! - 250)).toBeLessThan(CM5);
  });
});

describe('walking leaves out motorways, trunks and closed ways', () => {
  // Street A, then a motorway, then street B, end to end.
  const roads = (middle: Record<string, string>): Road[] => [
    { pts: [[25, 25], [525, 25]] },
    { pts: [[525, 25], [1025, 25]], tags: middle },
    { pts: [[1025, 25], [1525, 25]] },
  ];
  const site = { at: [125, 25] as Pt };
  const ground: Pt[] = [[1225, 25], [775, 75]];

  it('motorway: street B and the ground beside the motorway are not reached on foot; by car they are', () => {
    const [b, beside] = distances(roads({ highway: 'motorway' }), 'walk', [site], ground);
    expect(b).toBe(Infinity);
    expect(beside).toBe(Infinity); // 255 m from the nearest walkable edge: beyond the snap distance
    const [bCar, besideCar] = distances(roads({ highway: 'motorway' }), 'drive', [site], ground);
    expect(Math.abs(bCar! - 1100)).toBeLessThan(CM5);
    expect(Math.abs(besideCar! - (50 + 650))).toBeLessThan(CM5);
  });

  const closed: Array<Record<string, string>> = [{ highway: 'trunk' }, { highway: 'trunk_link' }, { highway: 'motorway_link' }, { highway: 'footway', foot: 'no' }, { highway: 'residential', access: 'no' }];
  for (const tags of closed) {
    it(`${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(' ')} is left out on foot`, () => {
      expect(distances(roads(tags), 'walk', [site], ground)).toEqual([Infinity, Infinity]);
    });
  }

  it('a footway is walked, and left out by car', () => {
    const [b] = distances(roads({ highway: 'footway' }), 'walk', [site], ground);
    expect(Math.abs(b! - 1100)).toBeLessThan(CM5);
    expect(distances(roads({ highway: 'footway' }), 'drive', [site], ground)[0]).toBe(Infinity);
  });
});

describe('oneway in driving mode (distance from the ground to the site)', () => {
  // A one-way street eastwards along y = 25, and a two-way loop back through the north.
  const loop = (oneway: Road): Road[] => [oneway, { pts: [[1025, 25], [1025, 225], [25, 225], [25, 25]] }];
  const east: Road = { pts: [[25, 25], [1025, 25]], tags: { oneway: 'yes' } };
  const westReversed: Road = { pts: [[1025, 25], [25, 25]], tags: { oneway: '-1' } }; // the same street, drawn the other way
  const site = { at: [825, 25] as Pt };
  const ground: Pt[] = [[425, 25], [925, 25]];

  for (const [name, street] of [['oneway=yes', east], ['oneway=-1 drawn backwards', westReversed]] as const) {
    it(`${name}: upstream drives straight there, downstream goes round the loop`, () => {
      const [up, down] = distances(loop(street), 'drive', [site], ground, { maxM: 3000 });
      expect(Math.abs(up! - 400)).toBeLessThan(CM5);
      expect(Math.abs(down! - (100 + 200 + 1000 + 200 + 800))).toBeLessThan(CM5); // 2300
      const [upWalk, downWalk] = distances(loop(street), 'walk', [site], ground, { maxM: 3000 });
      expect(Math.abs(upWalk! - 400)).toBeLessThan(CM5);
      expect(Math.abs(downWalk! - 100)).toBeLessThan(CM5);
    });
  }

  it('a site downstream of the ground on a one-way edge with no way round is not reached', () => {
    const [up, down] = distances([east], 'drive', [site], ground, { maxM: 3000 });
    expect(Math.abs(up! - 400)).toBeLessThan(CM5);
    expect(down).toBe(Infinity);
  });
});

describe('own radius and the nearest of several sites', () => {
  const roads: Road[] = [{ pts: [[25, 25], [2025, 25]] }];

  it('two sites: each cell takes the nearer along the road', () => {
    const [a, mid, b] = distances(roads, 'walk', [{ at: [125, 25] }, { at: [1125, 25] }], [[425, 25], [675, 25], [1025, 25]]);
    expect(Math.abs(a! - 300)).toBeLessThan(CM5);
    expect(Math.abs(mid! - 450)).toBeLessThan(CM5);
    expect(Math.abs(b! - 100)).toBeLessThan(CM5);
  });

  it('a site with its own radius gives d / r in the own field', () => {
    const w = world(roads, 'walk', [-600, -600, 2200, 900]);
    const engine = new NetworkEngine(w.ctx, { maxDistanceM: 1500 });
    engine.setSites([siteAt('hub', [125, 25], 2)]);
    expect(engine.distanceField()[cellAt(w.grid, [1625, 25])]).toBe(Infinity);
    expect(Math.abs(engine.ownRatioField()![cellAt(w.grid, [1625, 25])]! - 1500 / 2000)).toBeLessThan(CM5 / 2000);
    expect(engine.ownRatioField()![cellAt(w.grid, [1625, 275])]).toBe(Infinity); // off the network
  });
});
