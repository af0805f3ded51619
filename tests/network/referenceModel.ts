/**
 * An independent computation of the network model (README "Walking distance"), for the tests that
 * hold the engine to it. It shares nothing with src/network but the projection (the model measures
 * on the coverage engine's plane): it reads GeoJSON features as they are, names vertices by their
 * coordinates' text to 7 decimals, keeps edges in a Map by node pair, snaps every point by trying
 * every edge, and runs one plain O(n²) Dijkstra per site (no heap, no multi-source search), taking
 * the minimum over sites at the end.
 */
import { expect } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import type { CoverageGrid } from '../../src/coverage/grid';

type Projection = CoverageGrid['projection'];

interface RefEdge {
  a: number;
  b: number;
  len: number;
  ab: boolean; // may be travelled from a to b
  ba: boolean;
}

/** The model's graph, built again from the words. */
export function referenceGraph(fc: FeatureCollection<LineString, Record<string, string>>, proj: Projection, mode: 'walk' | 'drive') {
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

export type Ref = ReturnType<typeof referenceGraph>;

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

export interface RefSite {
  lon: number;
  lat: number;
  radiusKm?: number;
}

/** Per study cell: the least network distance over `sites` (or d / r for own-radius sites), capped. */
export function referenceField(grid: CoverageGrid, g: Ref, sites: RefSite[], capOf: (s: RefSite) => number, unitOf: (s: RefSite) => number, snapM = 200): Float64Array {
  const proj = grid.projection;
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

/** Engine and reference agree at every study cell (both unreached, or within `tol` m); how many are reached. */
export function compare(grid: CoverageGrid, engineField: Float32Array, ref: Float64Array, tol: number) {
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

