/**
 * The incremental filter (src/map/incrementalFilter.ts) gives exactly what filtering the whole list
 * gives, over random runs of slot replacements that move elements in and out of the kept set.
 */
import { describe, expect, it } from 'vitest';
import { filterAll, IncrementalFilter, IncrementalSum } from '../../src/domain/incrementalFilter';

interface Item {
  id: number;
  x: number;
}

describe('incremental filter', () => {
  it('equals a fresh filter after every edit, patched or not', () => {
    let seed = 9;
    const r = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let list: Item[] = Array.from({ length: 2_000 }, (_, id) => ({ id, x: r() }));
    const f = new IncrementalFilter<Item>();
    const keep = (t: Item) => t.x < 0.3;
    let patched = 0;
    for (let step = 0; step < 300; step++) {
      const next = list.slice();
      const edits = step % 50 === 49 ? 100 : 1 + Math.floor(r() * 4); // now and then more than the patch takes
      for (let k = 0; k < edits; k++) {
        const i = Math.floor(r() * next.length);
        next[i] = { id: next[i]!.id, x: r() };
      }
      const before = list;
      list = next;
      const got = f.apply(list, keep, 'box-1');
      expect(got).toEqual(list.filter(keep));
      if (edits <= 32) patched++;
      expect(before).not.toBe(list);
    }
    expect(patched).toBeGreaterThan(250);
  });

  it('keeps the source itself when all are kept, and starts afresh for another key or length', () => {
    const f = new IncrementalFilter<Item>();
    const a = [{ id: 1, x: 0.1 }, { id: 2, x: 0.2 }];
    expect(f.apply(a, () => true, 'k')).toBe(a);
    const b = [a[0]!, { id: 2, x: 0.25 }];
    expect(f.apply(b, () => true, 'k')).toBe(b);
    expect(f.apply(b, (t) => t.x < 0.2, 'other')).toEqual([a[0]]);
    const c = [...b, { id: 3, x: 0.05 }];
    expect(f.apply(c, (t) => t.x < 0.2, 'other')).toEqual([a[0], c[2]]);
    expect(filterAll(c, () => false)).toEqual([]);
  });
});

describe('incremental sum', () => {
  it('equals a fresh sum after every edit', () => {
    let seed = 3;
    const r = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let list: Item[] = Array.from({ length: 3_000 }, (_, id) => ({ id, x: r() }));
    const sum = new IncrementalSum<Item>(50);
    const value = (t: Item) => (t.x < 0.5 ? 1 : 0);
    for (let step = 0; step < 200; step++) {
      const next = list.slice();
      const edits = step % 40 === 39 ? 60 : 1 + Math.floor(r() * 3);
      for (let k = 0; k < edits; k++) {
        const i = Math.floor(r() * next.length);
        next[i] = { id: next[i]!.id, x: r() };
      }
      list = next;
      expect(sum.apply(list, value)).toBe(list.reduce((a, t) => a + value(t), 0));
    }
  });
});
