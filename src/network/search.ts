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
  /** The nodes labelled by the last search (touched[0 .. touchedCount)). */
  touched: Int32Array;
  touchedCount = 0;
  private heapKey = new Float64Array(1024);
  private heapNode = new Int32Array(1024);
  private heapSize = 0;

  constructor(graph: RoadGraph) {
    this.graph = graph;
    this.dist = new Float64Array(graph.nodeCount).fill(Infinity);
    this.src = new Int32Array(graph.nodeCount).fill(-1);
    this.touched = new Int32Array(1024);
  }

  /** Forgets the last search's labels. */
  reset(): void {
    const { dist, src, touched } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      dist[touched[i]!] = Infinity;
      src[touched[i]!] = -1;
    }
    this.touchedCount = 0;
    this.heapSize = 0;
  }

  /** Labels `node` with `d` from site `slot`, if that is better than what it has. */
  seed(node: number, d: number, slot: number): void {
    if (d < this.dist[node]!) this.label(node, d, slot);
  }

  private label(node: number, d: number, slot: number): void {
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
      const node = this.pop();
      if (d > dist[node]!) continue; // stale entry
      if (d > cap) break;
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
          this.label(nb, nd, slot);
        }
      }
    }
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

  private push(key: number, node: number): void {
    if (this.heapSize === this.heapKey.length) {
      const k = new Float64Array(this.heapKey.length * 2);
      k.set(this.heapKey);
      const n = new Int32Array(this.heapNode.length * 2);
      n.set(this.heapNode);
      this.heapKey = k;
      this.heapNode = n;
    }
    const keys = this.heapKey;
    const nodes = this.heapNode;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      keys[i] = pk;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the smallest entry and returns its node (read its key at heapKey[0] first). */
  private pop(): number {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const top = nodes[0]!;
    const n = --this.heapSize;
    if (n > 0) {
      const key = keys[n]!;
      const node = nodes[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= key) break;
        keys[i] = keys[c]!;
        nodes[i] = nodes[c]!;
        i = c;
      }
      keys[i] = key;
      nodes[i] = node;
    }
    return top;
  }
}
