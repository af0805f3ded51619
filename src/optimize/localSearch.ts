/**
 * Local improvement of a greedy solution.
 *
 * - dropRedundant: close open sites whose unique cover is not needed to reach the target (cheapest
 *   first) — greedy often opens a site early that later ones make superfluous.
 * - Destroy and repair (an iterated local search): close a random open site and its open neighbours
 *   (those within twice the reach, the only ones sharing demand with it), re-cover the hole greedily
 *   from the candidates around it, drop what became redundant, and keep the move when it is no worse
 *   (fewer sites for close-the-gap; more covered weight for best-N). Moves that tie are kept too, so
 *   the search walks across plateaus. The best solution seen is returned.
 * Moves are local, so each costs the rows of a few dozen candidates, and thousands fit in a second.
 * The random stream is seeded: the same instance and settings give the same sites.
 */
import { CoverState } from './coverState';
import { lazyGreedy } from './greedy';
import type { CoverInstance } from './instance';

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Candidates by square buckets of side `reachM`, for "which candidates lie within d of here". */
export class CandidateIndex {
  private readonly side: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private readonly minX: number;
  private readonly minY: number;

  constructor(private readonly inst: CoverInstance) {
    const n = inst.nCand;
    this.side = Math.max(1, inst.reachM);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let j = 0; j < n; j++) {
      minX = Math.min(minX, inst.candX[j]!); maxX = Math.max(maxX, inst.candX[j]!);
      minY = Math.min(minY, inst.candY[j]!); maxY = Math.max(maxY, inst.candY[j]!);
    }
    if (n === 0) minX = minY = maxX = maxY = 0;
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor((maxX - minX) / this.side) + 1;
    this.rows = Math.floor((maxY - minY) / this.side) + 1;
    this.start = new Int32Array(this.cols * this.rows + 1);
    const b = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      b[j] = this.bucket(inst.candX[j]!, inst.candY[j]!);
      this.start[b[j]! + 1]!++;
    }
    for (let i = 0; i < this.cols * this.rows; i++) this.start[i + 1]! += this.start[i]!;
    const fill = this.start.slice(0, this.cols * this.rows);
    this.items = new Int32Array(n);
    for (let j = 0; j < n; j++) this.items[fill[b[j]!]!++] = j;
  }

  private bucket(x: number, y: number): number {
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.side)));
    const r = Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.side)));
    return r * this.cols + c;
  }

  /** Candidates within `d` metres of candidate j's position. */
  near(j: number, d: number, out: number[] = []): number[] {
    out.length = 0;
    const x = this.inst.candX[j]!;
    const y = this.inst.candY[j]!;
    const c0 = Math.max(0, Math.floor((x - d - this.minX) / this.side));
    const c1 = Math.min(this.cols - 1, Math.floor((x + d - this.minX) / this.side));
    const r0 = Math.max(0, Math.floor((y - d - this.minY) / this.side));
    const r1 = Math.min(this.rows - 1, Math.floor((y + d - this.minY) / this.side));
    const d2 = d * d;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const b = r * this.cols + c;
        for (let t = this.start[b]!; t < this.start[b + 1]!; t++) {
          const k = this.items[t]!;
          const dx = this.inst.candX[k]! - x;
          const dy = this.inst.candY[k]! - y;
          if (dx * dx + dy * dy <= d2) out.push(k);
        }
      }
    }
    return out;
  }
}

/**
 * Closes open sites not needed to keep `need` covered, cheapest unique cover first.
 * @param among only these open sites are considered (default: all open).
 */
export function dropRedundant(state: CoverState, need: number, among?: readonly number[]): number[] {
  const list = (among ?? state.openList()).filter((j) => state.open[j]);
  const loss = new Map(list.map((j) => [j, state.loss(j)]));
  list.sort((a, b) => loss.get(a)! - loss.get(b)! || a - b);
  const dropped: number[] = [];
  for (const j of list) {
    // Losses only grow as others close, so one pass in ascending order suffices.
    if (state.covered - state.loss(j) >= need) {
      state.remove(j);
      dropped.push(j);
    }
  }
  return dropped;
}

export interface SearchOptions {
  /** Wall-clock budget (ms) for destroy-and-repair moves. */
  timeMs: number;
  seed?: number;
  /** Clock (ms); performance.now by default. */
  now?: () => number;
  /** Called now and then with the fraction of the budget used. */
  onProgress?: (fraction: number) => void;
  /** Stop early after this many moves without improvement (default: only the clock stops). */
  maxStale?: number;
}

interface Move {
  closed: number[];
  opened: number[];
}

function undo(state: CoverState, move: Move): void {
  for (const j of move.opened) state.remove(j);
  for (const j of move.closed) state.add(j);
}

/** The open sites near open site s (within twice the reach: they share demand with it), s first, nearest first. */
function openNeighbours(state: CoverState, index: CandidateIndex, s: number, scratch: number[]): number[] {
  const inst = state.inst;
  const near = index.near(s, 2 * inst.reachM, scratch).filter((k) => state.open[k] && k !== s);
  const d2 = (k: number) => (inst.candX[k]! - inst.candX[s]!) ** 2 + (inst.candY[k]! - inst.candY[s]!) ** 2;
  near.sort((a, b) => d2(a) - d2(b) || a - b);
  return [s, ...near];
}

/**
 * Fewest sites covering at least `need`: improves the open set of `state` in place (it must cover
 * `need` on entry) and leaves the best solution found open.
 */
export function improveCover(state: CoverState, need: number, options: SearchOptions): void {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const random = rng(options.seed ?? 1);
  const index = new CandidateIndex(state.inst);
  dropRedundant(state, need);
  let best = state.openList();
  let bestCovered = state.covered;
  const scratch: number[] = [];
  const pool: number[] = [];
  let stale = 0;
  for (let iter = 0; ; iter++) {
    if ((iter & 15) === 0) {
      const used = now() - t0;
      if (used >= options.timeMs) break;
      options.onProgress?.(used / options.timeMs);
    }
    if (options.maxStale !== undefined && stale >= options.maxStale) break;
    const open = state.openList();
    if (open.length === 0) break;
    const s = open[Math.floor(random() * open.length)]!;
    const neighbours = openNeighbours(state, index, s, scratch);
    // Close 2–5 sites (fewer when fewer are near): enough to let a different arrangement in.
    const k = Math.min(neighbours.length, 2 + Math.floor(random() * 4));
    const before = state.size;
    const move: Move = { closed: neighbours.slice(0, k), opened: [] };
    for (const j of move.closed) state.remove(j);
    index.near(s, 3 * state.inst.reachM, pool);
    move.opened = lazyGreedy(state, { needWeight: need }, pool);
    const dropped = dropRedundant(state, need, [...move.opened, ...neighbours.slice(k)]);
    // A dropped neighbour that was open before counts as closed by this move; a dropped new one is just not opened.
    for (const j of dropped) {
      const i = move.opened.indexOf(j);
      if (i >= 0) move.opened.splice(i, 1);
      else move.closed.push(j);
    }
    if (state.covered >= need && (state.size < before || (state.size === before && state.covered >= bestCovered - 1e-9))) {
      if (state.size < best.length || (state.size === best.length && state.covered > bestCovered)) {
        best = state.openList();
        bestCovered = state.covered;
        stale = 0;
      } else stale++;
    } else {
      undo(state, move);
      stale++;
    }
  }
  for (const j of state.openList()) state.remove(j);
  for (const j of best) state.add(j);
}

/** Most weight with `n` sites: improves `state` (holding n open sites) in place. */
export function improveMaxCover(state: CoverState, options: SearchOptions): void {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const random = rng(options.seed ?? 1);
  const index = new CandidateIndex(state.inst);
  let best = state.openList();
  let bestCovered = state.covered;
  const scratch: number[] = [];
  const pool: number[] = [];
  let stale = 0;
  for (let iter = 0; ; iter++) {
    if ((iter & 15) === 0) {
      const used = now() - t0;
      if (used >= options.timeMs) break;
      options.onProgress?.(used / options.timeMs);
    }
    if (options.maxStale !== undefined && stale >= options.maxStale) break;
    const open = state.openList();
    if (open.length === 0) break;
    const s = open[Math.floor(random() * open.length)]!;
    const neighbours = openNeighbours(state, index, s, scratch);
    const k = Math.min(neighbours.length, 1 + Math.floor(random() * 3));
    const coveredBefore = state.covered;
    const move: Move = { closed: neighbours.slice(0, k), opened: [] };
    for (const j of move.closed) state.remove(j);
    index.near(s, 3 * state.inst.reachM, pool);
    move.opened = lazyGreedy(state, { maxOpen: k }, pool);
    // Fewer re-opened than closed (nothing left to gain nearby): fill up from anywhere.
    if (move.opened.length < k) move.opened.push(...lazyGreedy(state, { maxOpen: k - move.opened.length }));
    if (state.covered >= coveredBefore) {
      if (state.covered > bestCovered) {
        best = state.openList();
        bestCovered = state.covered;
        stale = 0;
      } else stale++;
    } else {
      undo(state, move);
      stale++;
    }
  }
  for (const j of state.openList()) state.remove(j);
  for (const j of best) state.add(j);
}
