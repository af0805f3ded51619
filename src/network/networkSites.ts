/**
 * The sites a network field holds: slot per id, each site's join, the sites on each edge (for
 * ground on the same edge) and a bucket grid of positions (for the sites near ground a removal
 * freed). Slots are reused after removal.
 */
import type { SiteJoin } from './context';

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Straight distance from (x, y) to a box (0 inside). */
export function distanceToBox(x: number, y: number, b: Box): number {
  const dx = Math.max(b.x0 - x, x - b.x1, 0);
  const dy = Math.max(b.y0 - y, y - b.y1, 0);
  return Math.hypot(dx, dy);
}

const OFFSET = 1 << 20;

export class NetworkSites {
  private joins: Array<SiteJoin | null> = [];
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private free: number[] = [];
  private readonly onEdge = new Map<number, number[]>();
  private readonly buckets = new Map<number, number[]>();

  /** Live sites per edge: most edges have none, and a typed array answers that without a hash lookup. */
  private readonly countOnEdge: Uint16Array;

  /**
   * @param bucketM side of the position buckets (m): the reach the `near` queries ask for is a good choice.
   * @param edgeCount edges of the network the sites join.
   */
  constructor(
    readonly bucketM: number,
    edgeCount: number,
  ) {
    this.countOnEdge = new Uint16Array(edgeCount);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** One past the highest slot in use so far. */
  get slotCount(): number {
    return this.joins.length;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  slot(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  /** The join of a live slot (null for a free one). */
  join(slot: number): SiteJoin | null {
    return this.joins[slot] ?? null;
  }

  idOf(slot: number): string | undefined {
    return this.joins[slot] ? this.ids[slot] : undefined;
  }

  /** Live slots on edge `e`. */
  onEdgeOf(e: number): readonly number[] | undefined {
    return this.countOnEdge[e] === 0 ? undefined : this.onEdge.get(e);
  }

  private bucketKey(x: number, y: number): number {
    return (Math.floor(x / this.bucketM) + OFFSET) * 2 * OFFSET + Math.floor(y / this.bucketM) + OFFSET;
  }

  /** Holds a site (its id must not be held). */
  add(id: string, join: SiteJoin): number {
    const slot = this.free.pop() ?? this.joins.length;
    this.joins[slot] = join;
    this.ids[slot] = id;
    this.slotOf.set(id, slot);
    if (join.edge >= 0) {
      listAdd(this.onEdge, join.edge, slot);
      this.countOnEdge[join.edge] = Math.min(65535, this.onEdge.get(join.edge)!.length);
    }
    listAdd(this.buckets, this.bucketKey(join.x, join.y), slot);
    return slot;
  }

  /** Lets a site go; its slot, or −1 when the id is unknown. */
  remove(id: string): number {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return -1;
    const join = this.joins[slot]!;
    if (join.edge >= 0) {
      listRemove(this.onEdge, join.edge, slot);
      this.countOnEdge[join.edge] = Math.min(65535, this.onEdge.get(join.edge)?.length ?? 0);
    }
    listRemove(this.buckets, this.bucketKey(join.x, join.y), slot);
    this.slotOf.delete(id);
    this.joins[slot] = null;
    this.free.push(slot);
    return slot;
  }

  clear(): void {
    this.joins = [];
    this.ids = [];
    this.slotOf.clear();
    this.free = [];
    this.onEdge.clear();
    this.countOnEdge.fill(0);
    this.buckets.clear();
  }

  /** Calls `fn` with each live slot whose position lies within `reach` of `box`. */
  near(box: Box, reach: number, fn: (slot: number) => void): void {
    const B = this.bucketM;
    const bx0 = Math.floor((box.x0 - reach) / B);
    const bx1 = Math.floor((box.x1 + reach) / B);
    const by0 = Math.floor((box.y0 - reach) / B);
    const by1 = Math.floor((box.y1 + reach) / B);
    if ((bx1 - bx0 + 1) * (by1 - by0 + 1) > this.buckets.size) {
      // Fewer buckets in use than in the box: walk those.
      for (const list of this.buckets.values()) for (const s of list) this.within(s, box, reach, fn);
      return;
    }
    for (let bx = bx0; bx <= bx1; bx++) {
      for (let by = by0; by <= by1; by++) {
        const list = this.buckets.get((bx + OFFSET) * 2 * OFFSET + by + OFFSET);
        if (list) for (const s of list) this.within(s, box, reach, fn);
      }
    }
  }

  private within(slot: number, box: Box, reach: number, fn: (slot: number) => void): void {
    const j = this.joins[slot]!;
    if (distanceToBox(j.x, j.y, box) <= reach) fn(slot);
  }

  /** Live slots. */
  *slots(): IterableIterator<number> {
    yield* this.slotOf.values();
  }
}

function listAdd(m: Map<number, number[]>, key: number, v: number): void {
  const l = m.get(key);
  if (l) l.push(v);
  else m.set(key, [v]);
}

function listRemove(m: Map<number, number[]>, key: number, v: number): void {
  const l = m.get(key);
  if (!l) return;
  const i = l.indexOf(v);
  if (i >= 0) {
    l[i] = l[l.length - 1]!;
    l.pop();
  }
  if (l.length === 0) m.delete(key);
}
