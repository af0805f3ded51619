/**
 * A hash map from a pair of 32-bit integers to a non-negative integer, in typed arrays (open
 * addressing, linear probing, load ≤ ½): vertex identity by quantised coordinate, segment identity
 * by node pair, OSM node ids (split into two halves) — a million keys in ~16 MB and no object per key,
 * where a `Map` of string keys takes several times that.
 */
export class IntPairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private vals: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keysA = new Int32Array(cap);
    this.keysB = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
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
    const { keysA, keysB, vals, mask } = this;
    for (let i = this.slot(a, b); ; i = (i + 1) & mask) {
      const v = vals[i]!;
      if (v < 0) return -1;
      if (keysA[i] === a && keysB[i] === b) return v;
    }
  }

  /** The value stored for (a, b); stores `value` (≥ 0) first when there is none. */
  getOrSet(a: number, b: number, value: number): number {
    if (2 * (this.count + 1) > this.vals.length) this.rehash();
    const { keysA, keysB, vals, mask } = this;
    for (let i = this.slot(a, b); ; i = (i + 1) & mask) {
      const v = vals[i]!;
      if (v < 0) {
        keysA[i] = a;
        keysB[i] = b;
        vals[i] = value;
        this.count++;
        return value;
      }
      if (keysA[i] === a && keysB[i] === b) return v;
    }
  }

  private rehash(): void {
    const { keysA, keysB, vals } = this;
    const cap = vals.length * 2;
    this.keysA = new Int32Array(cap);
    this.keysB = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < vals.length; i++) if (vals[i]! >= 0) this.getOrSet(keysA[i]!, keysB[i]!, vals[i]!);
  }
}

/** An OSM id (an integer below 2^53) as the two 32-bit halves an {@link IntPairMap} takes. */
export function idHalves(id: number, out: Int32Array): void {
  const hi = Math.floor(id / 4294967296);
  out[0] = id - hi * 4294967296; // wraps to int32
  out[1] = hi;
}
