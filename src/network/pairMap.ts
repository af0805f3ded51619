/**
 * A hash map from a pair of 32-bit integers to a non-negative integer, in typed arrays (open
 * addressing, linear probing, load ≤ ½): vertex identity by quantised coordinate and OSM node ids
 * (split into two halves) — a million keys in ~24 MB and no object per key, where a `Map` of string
 * keys takes several times that.
 */
export class IntPairMap {
  /** Slot i holds key (table[3i], table[3i + 1]) and value table[3i + 2] (−1: empty), side by side so a probe reads one cache line. */
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.table = IntPairMap.empty(cap);
    this.mask = cap - 1;
  }

  private static empty(cap: number): Int32Array {
    const t = new Int32Array(cap * 3);
    for (let i = 2; i < t.length; i += 3) t[i] = -1;
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** The first slot to probe: both halves mixed, then murmur3's finaliser, so that the low bits (the mask) depend on every bit. */
  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0xcc9e2d51) ^ b;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The value stored for (a, b), or −1. */
  get(a: number, b: number): number {
    const { table, mask } = this;
    for (let i = this.slot(a, b); ; i = (i + 1) & mask) {
      const v = table[3 * i + 2]!;
      if (v < 0) return -1;
      if (table[3 * i] === a && table[3 * i + 1] === b) return v;
    }
  }

  /** The value stored for (a, b); stores `value` (≥ 0) first when there is none. */
  getOrSet(a: number, b: number, value: number): number {
    if (2 * (this.count + 1) > this.mask + 1) this.rehash();
    const { table, mask } = this;
    for (let i = this.slot(a, b); ; i = (i + 1) & mask) {
      const v = table[3 * i + 2]!;
      if (v < 0) {
        table[3 * i] = a;
        table[3 * i + 1] = b;
        table[3 * i + 2] = value;
        this.count++;
        return value;
      }
      if (table[3 * i] === a && table[3 * i + 1] === b) return v;
    }
  }

  private rehash(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = IntPairMap.empty(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 3) if (old[i + 2]! >= 0) this.getOrSet(old[i]!, old[i + 1]!, old[i + 2]!);
  }
}

/** An OSM id (an integer below 2^53) as the two 32-bit halves an {@link IntPairMap} takes. */
export function idHalves(id: number, out: Int32Array): void {
  const hi = Math.floor(id / 4294967296);
  out[0] = id - hi * 4294967296; // wraps to int32
  out[1] = hi;
}
