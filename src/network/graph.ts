/**
 * The road graph of one travel mode, in typed arrays (CSR).
 *
 * - Nodes: every distinct vertex (by quantised coordinate, 1e-7°) of the ways open to the mode,
 *   at its position on the coverage engine's plane (src/coverage/projection.ts).
 * - Edges: every pair of consecutive vertices of a way, of its length on that plane. Two ways meet
 *   only where they share a vertex; a way that crosses another between vertices (a bridge, a
 *   tunnel, an elevated road) does not join it. A segment given twice (two ways over the same two
 *   vertices; OSMnx writes a two-way street once in each direction) is one edge, open in each
 *   direction either allowed; segments of zero length (a repeated vertex) are dropped.
 * - Direction: walking opens every edge both ways; driving follows `oneway` (src/network/roads.ts).
 *   `dir` bit FWD: travel from `u` to `v` allowed; BWD: from `v` to `u`.
 *
 * The searches run from the sites towards the ground ("how far is this node from a site"), so the
 * adjacency held is the reverse one: `inStart/inNode/inLen` list, for each node x, the nodes y with
 * an edge y → x that may be travelled, and its length. `incStart/incEdge` list each node's edges
 * (either direction), for the cells that join the network on them.
 */
import type { Projection } from '../coverage/projection';
import { IntPairMap } from './pairMap';
import { COORD_SCALE, DRIVE, WALK, type RoadSet } from './roads';

export type TravelMode = 'walk' | 'drive';

export const FWD = 1;
export const BWD = 2;

export interface RoadGraph {
  mode: TravelMode;
  nodeCount: number;
  edgeCount: number;
  /** Node positions on the projected plane (m). */
  x: Float64Array;
  y: Float64Array;
  /** Node positions in 1e-7° (for drawing routes). */
  lonQ: Int32Array;
  latQ: Int32Array;
  edgeU: Int32Array;
  edgeV: Int32Array;
  edgeLen: Float64Array;
  /** FWD | BWD. */
  edgeDir: Uint8Array;
  /** Reverse adjacency (see the module head): node x's in-neighbours are inNode[inStart[x] .. inStart[x+1]). */
  inStart: Int32Array;
  inNode: Int32Array;
  inLen: Float64Array;
  /** Incidence: node x's edges are incEdge[incStart[x] .. incStart[x+1]). */
  incStart: Int32Array;
  incEdge: Int32Array;
}

/** Builds the graph of `mode` from the roads, on `projection`'s plane. */
export function buildGraph(roads: RoadSet, mode: TravelMode, projection: Projection): RoadGraph {
  const bit = mode === 'walk' ? WALK : DRIVE;
  const ways = roads.wayStart.length - 1;
  const nodeOf = new IntPairMap(roads.lonQ.length);
  let lonQ = new Int32Array(1024);
  let latQ = new Int32Array(1024);
  let nodes = 0;
  let eu = new Int32Array(1024);
  let ev = new Int32Array(1024);
  let ed = new Uint8Array(1024);
  let edges = 0;
  // Each node's edges so far, as linked lists in typed arrays (head per node, next per edge end):
  // a repeated segment is found by walking the few edges of one end, not by a second hash map.
  let head = new Int32Array(1024);
  let nextAtU = new Int32Array(1024);
  let nextAtV = new Int32Array(1024);
  const edgeBetween = (a: number, b: number): number => {
    for (let e = head[a]!; e >= 0; e = eu[e] === a ? nextAtU[e]! : nextAtV[e]!) {
      if ((eu[e] === a ? ev[e] : eu[e]) === b) return e;
    }
    return -1;
  };
  for (let w = 0; w < ways; w++) {
    if (!(roads.modes[w]! & bit)) continue;
    const one = mode === 'drive' ? roads.oneway[w]! : 0;
    const dirAlong = one === 0 ? FWD | BWD : one > 0 ? FWD : BWD; // relative to the way's order
    let prev = -1;
    for (let i = roads.wayStart[w]!; i < roads.wayStart[w + 1]!; i++) {
      const a = roads.lonQ[i]!;
      const b = roads.latQ[i]!;
      const node = nodeOf.getOrSet(a, b, nodes);
      if (node === nodes) {
        if (nodes === lonQ.length) {
          lonQ = grow32(lonQ);
          latQ = grow32(latQ);
          head = grow32(head);
        }
        lonQ[nodes] = a;
        latQ[nodes] = b;
        head[nodes++] = -1;
      }
      if (prev >= 0 && prev !== node) {
        // One edge per unordered node pair, kept in the orientation it was first met in.
        const e = edgeBetween(prev, node);
        if (e < 0) {
          if (edges === eu.length) {
            eu = grow32(eu);
            ev = grow32(ev);
            nextAtU = grow32(nextAtU);
            nextAtV = grow32(nextAtV);
            const d = new Uint8Array(ed.length * 2);
            d.set(ed);
            ed = d;
          }
          eu[edges] = prev;
          ev[edges] = node;
          ed[edges] = dirAlong;
          nextAtU[edges] = head[prev]!;
          head[prev] = edges;
          nextAtV[edges] = head[node]!;
          head[node] = edges++;
        } else {
          ed[e]! |= eu[e] === prev ? dirAlong : flip(dirAlong);
        }
      }
      prev = node;
    }
  }
  const x = new Float64Array(nodes);
  const y = new Float64Array(nodes);
  const p = new Float64Array(2);
  for (let i = 0; i < nodes; i++) {
    projection.forward(lonQ[i]! / COORD_SCALE, latQ[i]! / COORD_SCALE, p);
    x[i] = p[0]!;
    y[i] = p[1]!;
  }
  const edgeU = eu.slice(0, edges);
  const edgeV = ev.slice(0, edges);
  const edgeDir = ed.slice(0, edges);
  const edgeLen = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    const dx = x[edgeV[e]!]! - x[edgeU[e]!]!;
    const dy = y[edgeV[e]!]! - y[edgeU[e]!]!;
    edgeLen[e] = Math.sqrt(dx * dx + dy * dy);
  }
  // Reverse adjacency: an edge u → v that may be travelled makes u an in-neighbour of v.
  const inStart = new Int32Array(nodes + 1);
  const incStart = new Int32Array(nodes + 1);
  for (let e = 0; e < edges; e++) {
    if (edgeDir[e]! & FWD) inStart[edgeV[e]! + 1]!++;
    if (edgeDir[e]! & BWD) inStart[edgeU[e]! + 1]!++;
    incStart[edgeU[e]! + 1]!++;
    incStart[edgeV[e]! + 1]!++;
  }
  for (let i = 0; i < nodes; i++) {
    inStart[i + 1]! += inStart[i]!;
    incStart[i + 1]! += incStart[i]!;
  }
  const inNode = new Int32Array(inStart[nodes]!);
  const inLen = new Float64Array(inStart[nodes]!);
  const incEdge = new Int32Array(incStart[nodes]!);
  const inFill = inStart.slice(0, nodes);
  const incFill = incStart.slice(0, nodes);
  for (let e = 0; e < edges; e++) {
    const u = edgeU[e]!;
    const v = edgeV[e]!;
    if (edgeDir[e]! & FWD) {
      inNode[inFill[v]!] = u;
      inLen[inFill[v]!++] = edgeLen[e]!;
    }
    if (edgeDir[e]! & BWD) {
      inNode[inFill[u]!] = v;
      inLen[inFill[u]!++] = edgeLen[e]!;
    }
    incEdge[incFill[u]!++] = e;
    incEdge[incFill[v]!++] = e;
  }
  return {
    mode,
    nodeCount: nodes,
    edgeCount: edges,
    x,
    y,
    lonQ: lonQ.slice(0, nodes),
    latQ: latQ.slice(0, nodes),
    edgeU,
    edgeV,
    edgeLen,
    edgeDir,
    inStart,
    inNode,
    inLen,
    incStart,
    incEdge,
  };
}

function flip(dir: number): number {
  return ((dir & FWD) << 1) | ((dir & BWD) >> 1);
}

function grow32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Bytes of the typed arrays a graph holds. */
export function graphBytes(g: RoadGraph): number {
  return [g.x, g.y, g.lonQ, g.latQ, g.edgeU, g.edgeV, g.edgeLen, g.edgeDir, g.inStart, g.inNode, g.inLen, g.incStart, g.incEdge].reduce((n, a) => n + a.byteLength, 0);
}
