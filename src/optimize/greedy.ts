/**
 * Lazy greedy: repeatedly open the candidate that adds the most uncovered weight. A candidate's gain
 * only shrinks as others open (submodularity), so a gain computed earlier is an upper bound: pop the
 * best bound, recompute it, and open it at once if it still beats the next bound — most candidates
 * are never re-evaluated. For maximal covering this is the classic (1 − 1/e) approximation; for set
 * covering the ln-factor greedy, which local search then improves.
 */
import { CoverState } from './coverState';

/** A max-heap of (key, candidate) in typed arrays. Ties go to the lower candidate index (deterministic). */
export class MaxHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  private above(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.ids[a]! < this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const i = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = i;
  }

  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const i = new Int32Array(this.size * 2);
      i.set(this.ids);
      this.keys = k;
      this.ids = i;
    }
    let c = this.size++;
    this.keys[c] = key;
    this.ids[c] = id;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (!this.above(c, parent)) break;
      this.swap(c, parent);
      c = parent;
    }
  }

  topKey(): number {
    return this.size > 0 ? this.keys[0]! : -Infinity;
  }

  topId(): number {
    return this.size > 0 ? this.ids[0]! : -1;
  }

  pop(): number {
    const id = this.ids[0]!;
    this.size--;
    if (this.size > 0) {
      this.keys[0] = this.keys[this.size]!;
      this.ids[0] = this.ids[this.size]!;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < this.size && this.above(l, m)) m = l;
        if (r < this.size && this.above(r, m)) m = r;
        if (m === c) break;
        this.swap(c, m);
        c = m;
      }
    }
    return id;
  }
}

export interface GreedyStop {
  /** Stop once this much weight is covered. */
  needWeight?: number;
  /** Stop after this many openings. */
  maxOpen?: number;
}

/**
 * Opens candidates greedily on `state` (which may already hold open ones) among `pool` (default:
 * all candidates) until a stop condition holds or no candidate adds anything.
 * @returns the candidates opened, in order.
 */
export function lazyGreedy(state: CoverState, stop: GreedyStop, pool?: ArrayLike<number>): number[] {
  const n = pool ? pool.length : state.inst.nCand;
  const heap = new MaxHeap(n);
  for (let t = 0; t < n; t++) {
    const j = pool ? pool[t]! : t;
    if (state.open[j]) continue;
    const g = state.gain(j);
    if (g > 0) heap.push(g, j);
  }
  const opened: number[] = [];
  const need = stop.needWeight ?? Infinity;
  const maxOpen = stop.maxOpen ?? Infinity;
  while (state.covered < need && opened.length < maxOpen && heap.size > 0) {
    const j = heap.pop();
    const g = state.gain(j);
    if (g <= 0) continue;
    // Open it when no other bound can beat it (ties: the lower index, as a plain greedy would).
    const top = heap.topKey();
    if (g > top || (g === top && j < heap.topId())) {
      state.add(j);
      opened.push(j);
    } else heap.push(g, j);
  }
  return opened;
}
