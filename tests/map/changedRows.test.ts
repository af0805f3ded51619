import { describe, expect, it } from 'vitest';
import { changedRows } from '../../src/map/changedRows';

describe('changedRows', () => {
  const a = { id: 'a' }, b = { id: 'b' }, c = { id: 'c' }, d = { id: 'd' };
  it('ranges of replaced objects, merged when adjacent; null when the length changes or nothing is known', () => {
    expect(changedRows([a, b, c, d], [a, b, c, d])).toEqual([]);
    expect(changedRows([a, b, c, d], [a, { id: 'b' }, c, d])).toEqual([{ startRow: 1, endRow: 2 }]);
    expect(changedRows([a, b, c, d], [{ ...a }, { ...b }, c, { ...d }])).toEqual([
      { startRow: 0, endRow: 2 },
      { startRow: 3, endRow: 4 },
    ]);
    expect(changedRows([a, b], [a, b, c])).toBeNull();
    expect(changedRows(null, [a])).toBeNull();
  });
  it('gives up (null: update everything) beyond 64 separate ranges', () => {
    const prev = Array.from({ length: 200 }, (_, i) => ({ i }));
    const next = prev.map((x, i) => (i % 2 ? { ...x } : x));
    expect(changedRows(prev, next)).toBeNull();
    const few = prev.map((x, i) => (i % 50 === 0 ? { ...x } : x));
    expect(changedRows(prev, few)).toHaveLength(4);
  });
});
