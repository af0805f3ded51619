/**
 * The People's Square fixture against an independent computation of the model, at every cell.
 *
 * The reference below shares nothing with src/network but the projection (the model measures on
 * the coverage engine's plane): it reads the GeoJSON with JSON.parse, names vertices by their
 * coordinates' text to 7 decimals, keeps edges in a Map by node pair, snaps every point by trying
 * every edge, and runs one plain O(n²) Dijkstra per site (no heap, no multi-source search), taking
 * the minimum over sites at the end.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import { CoverageEngine, regionCoverageOf, type CoverageRule } from '../../src/coverage/engine';
import { prepareNetwork } from '../../src/network/context';
import { NetworkEngine } from '../../src/network/networkEngine';
import { readRoadFile } from '../../src/network/readRoadFile';
import { boxGrid, ORIGIN } from './world';

const path = fileURLToPath(new URL('../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson', import.meta.url));
const bytes = new Uint8Array(readFileSync(path));
const fc = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection<LineString, Record<string, string>>;

// The fixture's box in local metres (world.ts): about −850…1550 east, −1150…1250 north.
const grid = boxGrid(-1000, -1300, 1700, 1400);
const proj = grid.projection;

interface RefEdge {
  a: number;
  b: number;
  len: number;
  ab: boolean; // may be travelled from a to b
  ba: boolean;
}

/** The model's graph, built again from the words. */
function referenceGraph(mode: 'walk' | 'drive') {
  const nodeId = new Map<string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const edges = new Map<string, RefEdge>();
  const noWalk = ['motorway', 'motorway_link', 'trunk', 'trunk_link'];
  const noDrive = ['footway', 'path', 'pedestrian', 'steps', 'cycleway'];
  for (const f of fc.features) {
    const p = f.properties;
    if (p.access === 'no') continue;
    if (mode === 'walk' && (noWalk.includes(p.highway!) || p.foot === 'no')) continue;
    if (mode === 'drive' && noDrive.includes(p.highway!)) continue;
    let along = true;
    let against = true;
    if (mode === 'drive' && ['yes', '1', 'true'].includes(p.oneway!)) against = false;
    if (mode === 'drive' && p.oneway === '-1') along = false;
    const ids = f.geometry.coordinates.map(([lon, lat]) => {
      const key = `${lon!.toFixed(7)} ${lat!.toFixed(7)}`;
      if (!nodeId.has(key)) {
        const q = proj.forward(lon!, lat!, [0, 0]);
        nodeId.set(key, xs.length);
        xs.push(q[0]!);
        ys.push(q[1]!);
      }
      return nodeId.get(key)!;
    });
    for (let i = 1; i < ids.length; i++) {
      const [s, t] = [ids[i - 1]!, ids[i]!];
      if (s === t) continue;
      const key = s < t ? `${s}-${t}` : `${t}-${s}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { a: s, b: t, len: Math.hypot(xs[t]! - xs[s]!, ys[t]! - ys[s]!), ab: false, ba: false }));
      const forward = e.a === s; // this way runs a → b
      if ((along && forward) || (against && !forward)) e.ab = true;
      if ((along && !forward) || (against && forward)) e.ba = true;
    }
  }
  return { xs, ys, edges: [...edges.values()] };
}

type Ref = ReturnType<typeof referenceGraph>;

/** Nearest point on the nearest edge by trying them all. */
function snap(g: Ref, px: number, py: number) {
  let best = { edge: -1, access: Infinity, toA: 0, toB: 0 };
  g.edges.forEach((e, i) => {
    const dx = g.xs[e.b]! - g.xs[e.a]!;
    const dy = g.ys[e.b]! - g.ys[e.a]!;
    const t = Math.max(0, Math.min(1, ((px - g.xs[e.a]!) * dx + (py - g.ys[e.a]!) * dy) / (dx * dx + dy * dy)));
    const d = Math.hypot(px - g.xs[e.a]! - t * dx, py - g.ys[e.a]! - t * dy);
    if (d < best.access) best = { edge: i, access: d, toA: t * e.len, toB: (1 - t) * e.len };
  });
  return best;
}

/** Distance from every node to the site (travelling towards it), by O(n²) Dijkstra; cap applied after. */
function towards(g: Ref, site: ReturnType<typeof snap>): number[] {
  const n = g.xs.length;
  const d = new Array<number>(n).fill(Infinity);
  const e = g.edges[site.edge]!;
  if (e.ab || site.toA === 0) d[e.a] = site.access + site.toA;
  if (e.ba || site.toB === 0) d[e.b] = Math.min(d[e.b]!, site.access + site.toB);
  const done = new Array<boolean>(n).fill(false);
  for (;;) {
    let x = -1;
    for (let i = 0; i < n; i++) if (!done[i] && d[i]! < Infinity && (x < 0 || d[i]! < d[x]!)) x = i;
    if (x < 0) break;
    done[x] = true;
    for (const f of g.edges) {
      if (f.b === x && f.ab && d[x]! + f.len < d[f.a]!) d[f.a] = d[x]! + f.len;
      if (f.a === x && f.ba && d[x]! + f.len < d[f.b]!) d[f.b] = d[x]! + f.len;
    }
  }
  return d;
}

interface RefSite {
  lon: number;
  lat: number;
  radiusKm?: number;
}

/** Per study cell: the least network distance over `sites` (or d / r for own-radius sites), capped. */
function referenceField(g: Ref, sites: RefSite[], capOf: (s: RefSite) => number, unitOf: (s: RefSite) => number, snapM = 200): Float64Array {
  const out = new Float64Array(grid.cols * grid.rows).fill(Infinity);
  const joined = sites.map((s) => {
    const q = proj.forward(s.lon, s.lat, [0, 0]);
    const j = snap(g, q[0]!, q[1]!);
    return { s, j, d: towards(g, j) };
  });
  for (const k of grid.study.cells) {
    const col = k % grid.cols;
    const row = (k - col) / grid.cols;
    const c = snap(g, grid.x0 + (col + 0.5) * grid.cellM, grid.y0 + (row + 0.5) * grid.cellM);
    if (c.access > snapM) continue;
    const e = g.edges[c.edge]!;
    for (const { s, j, d } of joined) {
      let m = Infinity;
      if (e.ba || c.toA === 0) m = Math.min(m, c.toA + d[e.a]!);
      if (e.ab || c.toB === 0) m = Math.min(m, c.toB + d[e.b]!);
      if (j.edge === c.edge) {
        // Along the shared edge, from the cell's point towards the site's, if that way is open.
        const ahead = j.toA - c.toA; // > 0: the site lies towards b
        if (ahead === 0 || (ahead > 0 ? e.ab : e.ba)) m = Math.min(m, Math.abs(ahead) + j.access);
      }
      const total = c.access + m;
      if (total <= capOf(s)) out[k] = Math.min(out[k]!, total / unitOf(s));
    }
  }
  return out;
}

let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const local = (x: number, y: number) => {
  const p = proj.inverse(ORIGIN.x + x, ORIGIN.y + y, [0, 0]);
  return { lon: p[0]!, lat: p[1]! };
};
const ruleSites = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, ...local(-800 + rnd() * 2300, -1100 + rnd() * 2300) }));
const ownSites = [
  { id: 'own0', ...local(200, 100), radiusKm: 0.6 },
  { id: 'own1', ...local(-500, 900), radiusKm: 1.1 },
];

function compare(engineField: Float32Array, ref: Float64Array, tol: number) {
  let reached = 0;
  let worst = 0;
  const mismatched: number[] = [];
  for (const k of grid.study.cells) {
    const a = engineField[k]!;
    const b = ref[k]!;
    if (a === Infinity || b === Infinity) {
      if (a !== b) mismatched.push(k);
      continue;
    }
    reached++;
    worst = Math.max(worst, Math.abs(a - b));
  }
  expect(mismatched).toEqual([]);
  expect(worst).toBeLessThan(tol);
  return reached;
}

describe("People's Square: engine = independent reference at every cell", () => {
  for (const mode of ['walk', 'drive'] as const) {
    it(`${mode}: rule sites (1.5 km cap) and own-radius sites`, () => {
      const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', bytes), mode);
      const engine = new NetworkEngine(ctx, { maxDistanceM: 1500 });
      engine.setSites([...ruleSites, ...ownSites]);
      const g = referenceGraph(mode);
      expect([ctx.graph.nodeCount, ctx.graph.edgeCount]).toEqual([g.xs.length, g.edges.length]);
      const rule = referenceField(g, ruleSites, () => 1500, () => 1);
      const reached = compare(engine.distanceField(), rule, 2e-3);
      expect(reached).toBeGreaterThan(grid.study.cells.length * (mode === 'walk' ? 0.5 : 0.2));
      const own = referenceField(g, ownSites, (s) => s.radiusKm! * 1000, (s) => s.radiusKm! * 1000);
      compare(engine.ownRatioField()!, own, 2e-6);

      // The shares computed from the reference distances with the straight-line engine's counting agree.
      const r: CoverageRule = { insideKm: 0.9, outsideKm: 0.9 };
      const t = engine.coverTest(r);
      const fromRef = regionCoverageOf(grid, grid.study, r, { ...t, dist: Float32Array.from(rule), own: Float32Array.from(own) });
      expect(engine.coverage('all', r).land.share).toBeCloseTo(fromRef.land.share, 6);
    });
  }

  it('no network distance is shorter than the straight line', () => {
    const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', bytes), 'walk');
    const net = new NetworkEngine(ctx, { maxDistanceM: 1500 });
    const straight = new CoverageEngine(grid, { maxDistanceM: 1500 });
    net.setSites(ruleSites);
    straight.setSites(ruleSites);
    let shorter = 0;
    let longer = 0;
    for (const k of grid.study.cells) {
      const n = net.distanceField()[k]!;
      const s = straight.distanceField()[k]!;
      if (n < s - 0.02) shorter++;
      if (n > s * 1.2) longer++;
    }
    expect(shorter).toBe(0);
    expect(longer).toBeGreaterThan(0);
    const rule: CoverageRule = { insideKm: 0.9, outsideKm: 0.9 };
    expect(net.coverage('all', rule).land.share).toBeLessThan(straight.coverage('all', rule).land.share);
  });
});
