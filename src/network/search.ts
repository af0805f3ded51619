/**
 * Capped Dijkstra from the sites' join points over the reverse adjacency: `dist[x]` is how far node
 * x is from the nearest seeded site (its access included), and `src[x]` that site's slot; nodes
 * farther than the cap are never labelled. The search may be kept to a box of the plane (the
 * removal of a site re-searches around the ground it freed, nothing else).
 *
 * Scratch is kept between searches and only the nodes a search labelled are reset, so a small
 * search on a city network costs what it touches, not the network's size. The heap holds
 * (distance, node) pairs in typed arrays with lazy deletion: a node pushed again with a smaller
 * distance leaves its old entry behind, skipped when popped.
 *
 * Exactness: with positive edge lengths and IEEE addition (monotone), the labels are the least
 * fixed point of dist[x] = min(seed[x], min over in-edges y → x of dist[y] + len) — the same
 * doubles whatever order ties pop in — and the labels of a search from several sites are the
 * minimum of the searches from each alone. The incremental updates rely on both.
 */
import type { RoadGraph } from './graph';

export class NodeSearch {
  readonly graph: RoadGraph;
  /** Distance from the nearest seeded site (m); +Infinity for nodes not labelled. */
  readonly dist: Float64Array;
  /** Slot of that site; meaningful where dist is finite. */
  readonly src: Int32Array;
  /**
   * The node each label came through (−1 for a seed), kept only when asked for (the hover's route:
   * src/network/route.ts); meaningful where dist is finite.
   */
  readonly pred: Int32Array | null;
  /** The nodes labelled by the last search (touched[0 .. touchedCount)). */
  touched: Int32Array;
  touchedCount = 0;
  private heapKey = new Float64Array(1024);
  private heapNode = new Int32Array(1024);
  private heapSize = 0;
  /** Each node's place in the heap, −1 when it is not there. */
  private readonly pos: Int32Array;

  constructor(graph: RoadGraph, options: { predecessors?: boolean } = {}) {
    this.graph = graph;
    this.pred = options.predecessors ? new Int32Array(graph.nodeCount).fill(-1) : null;
    this.dist = new Float64Array(graph.nodeCount).fill(Infinity);
    this.src = new Int32Array(graph.nodeCount).fill(-1);
    this.touched = new Int32Array(1024);
    this.pos = new Int32Array(graph.nodeCount).fill(-1);
  }

  /** Forgets the last search's labels. */
  reset(): void {
    const { dist, src, touched } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      dist[touched[i]!] = Infinity;
      src[touched[i]!] = -1;
    }
    this.touchedCount = 0;
    for (let i = 0; i < this.heapSize; i++) this.pos[this.heapNode[i]!] = -1;
    this.heapSize = 0;
  }

  /** Labels `node` with `d` from site `slot`, if that is better than what it has. */
  seed(node: number, d: number, slot: number): void {
    if (d < this.dist[node]!) this.label(node, d, slot, -1);
  }

  private label(node: number, d: number, slot: number, from: number): void {
    if (this.dist[node] === Infinity) {
      if (this.touchedCount === this.touched.length) {
        const t = new Int32Array(this.touched.length * 2);
        t.set(this.touched);
        this.touched = t;
      }
      this.touched[this.touchedCount++] = node;
    }
    this.dist[node] = d;
    this.src[node] = slot;
    if (this.pred !== null) this.pred[node] = from;
    this.push(d, node);
  }

  /**
   * Runs the search from the seeds: every node within `cap` of a seed ends with its distance. Seeds
   * over the cap are dropped.
   *
   * With a `box` of the plane (the ground a removal freed), only what can still serve that ground is
   * searched: a node is labelled only if its distance plus its straight distance to the box is
   * within `cap` + `margin`, since a cell in the box reached through that node is at least that far,
   * and so is every cell reached through the nodes beyond it (the straight line is never longer).
   * The nodes left unlabelled could give no cell of the box a distance within the cap.
   */
  run(cap: number, box: { x0: number; x1: number; y0: number; y1: number } | null = null, margin = 0): void {
    const { dist, src } = this;
    const { inStart, inNode, inLen, x, y } = this.graph;
    while (this.heapSize > 0) {
      const d = this.heapKey[0]!;
      if (d > cap) break;
      const node = this.pop();
      const slot = src[node]!;
      for (let q = inStart[node]!, end = inStart[node + 1]!; q < end; q++) {
        const nb = inNode[q]!;
        const nd = d + inLen[q]!;
        if (nd < dist[nb]! && nd <= cap) {
          if (box !== null) {
            const ex = Math.max(box.x0 - x[nb]!, x[nb]! - box.x1, 0);
            const ey = Math.max(box.y0 - y[nb]!, y[nb]! - box.y1, 0);
            if (nd + Math.sqrt(ex * ex + ey * ey) > cap + margin) continue;
          }
          this.label(nb, nd, slot, node);
        }
      }
    }
    for (let i = 0; i < this.heapSize; i++) this.pos[this.heapNode[i]!] = -1;
    this.heapSize = 0;
    // Seeds over the cap (a site whose access alone exceeds it) must not count.
    for (let i = 0; i < this.touchedCount; i++) {
      const n = this.touched[i]!;
      if (dist[n]! > cap) {
        dist[n] = Infinity;
        src[n] = -1;
      }
    }
  }

  /** Puts `node` in the heap with `key`, or lowers its key when it is there (a 4-ary heap indexed by node). */
  private push(key: number, node: number): void {
    let i = this.pos[node]!;
    if (i < 0) {
      if (this.heapSize === this.heapKey.length) {
        const k = new Float64Array(this.heapKey.length * 2);
        k.set(this.heapKey);
        const n = new Int32Array(this.heapNode.length * 2);
        n.set(this.heapNode);
        this.heapKey = k;
        this.heapNode = n;
      }
      i = this.heapSize++;
    }
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const pos = this.pos;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pk = keys[parent]!;
      if (pk <= key) break;
      keys[i] = pk;
      const pn = nodes[parent]!;
      nodes[i] = pn;
      pos[pn] = i;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
    pos[node] = i;
  }

  /** Removes the smallest entry and returns its node (read its key at heapKey[0] first). */
  private pop(): number {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const pos = this.pos;
    const top = nodes[0]!;
    pos[top] = -1;
    const n = --this.heapSize;
    if (n > 0) {
      const key = keys[n]!;
      const node = nodes[n]!;
      let i = 0;
      for (;;) {
        const c0 = 4 * i + 1;
        if (c0 >= n) break;
        let c = c0;
        let ck = keys[c0]!;
        const cEnd = c0 + 4 < n ? c0 + 4 : n;
        for (let q = c0 + 1; q < cEnd; q++) {
          const qk = keys[q]!;
          if (qk < ck) {
            ck = qk;
            c = q;
          }
        }
        if (ck >= key) break;
        keys[i] = ck;
        const cn = nodes[c]!;
        nodes[i] = cn;
        pos[cn] = i;
        i = c;
      }
      keys[i] = key;
      nodes[i] = node;
      pos[node] = i;
    }
    return top;
  }
}
