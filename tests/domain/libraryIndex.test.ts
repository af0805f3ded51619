/**
 * The scenario list as two tabs change it (src/domain/libraryIndex.ts): each tab's changes, taken
 * as operations against the list it read, are applied to the list as stored — nothing another tab
 * did is undone. Hand-worked cases.
 */
import { describe, expect, it } from 'vitest';
import { applyIndexOps, hasIndexOps, indexOps, sameIndex } from '../../src/domain/libraryIndex';

const list = (...ids: string[]) => ids.map((id) => ({ id, name: id.toUpperCase() }));

describe('scenario list operations', () => {
  it('reads added (with the one before it), removed and renamed from two lists', () => {
    const base = list('a', 'b', 'c');
    const now = [{ id: 'a', name: 'A' }, { id: 'n', name: 'N' }, { id: 'c', name: 'C renamed' }];
    expect(indexOps(base, now)).toEqual({ added: [{ id: 'n', name: 'N', after: 'a' }], removed: ['b'], renamed: [{ id: 'c', name: 'C renamed' }] });
    expect(hasIndexOps(indexOps(base, base))).toBe(false);
    expect(indexOps([], list('x')).added).toEqual([{ id: 'x', name: 'X', after: null }]);
  });

  it('two tabs each add a scenario: both survive, in the places their tabs put them', () => {
    const stored = list('a', 'b');
    const tabA = indexOps(stored, [...list('a'), { id: 'p', name: 'P' }, ...list('b')]);
    const tabB = indexOps(stored, [...list('a', 'b'), { id: 'q', name: 'Q' }]);
    const afterA = applyIndexOps(stored, tabA);
    const afterB = applyIndexOps(afterA, tabB);
    expect(afterB.map((e) => e.id)).toEqual(['a', 'p', 'b', 'q']);
  });

  it('a deletion in one tab and a rename of another scenario in the other both hold; a rename of a deleted one is dropped', () => {
    const stored = list('a', 'b', 'c');
    const del = indexOps(stored, list('a', 'c'));
    const ren = indexOps(stored, [...list('a'), { id: 'b', name: 'B2' }, { id: 'c', name: 'C2' }]);
    const merged = applyIndexOps(applyIndexOps(stored, del), ren);
    expect(merged).toEqual([{ id: 'a', name: 'A' }, { id: 'c', name: 'C2' }]);
  });

  it('an added scenario whose neighbour is gone goes last; a name taken meanwhile gets " (2)"', () => {
    const stored = list('a', 'b');
    const ops = indexOps(stored, [...list('a', 'b'), { id: 'n', name: 'Plan' }]);
    const storedNow = [{ id: 'a', name: 'A' }, { id: 'm', name: 'plan' }];
    const merged = applyIndexOps(storedNow, ops);
    expect(merged).toEqual([{ id: 'a', name: 'A' }, { id: 'm', name: 'plan' }, { id: 'n', name: 'Plan (2)' }]);
    expect(sameIndex(merged, merged.slice())).toBe(true);
    expect(sameIndex(merged, storedNow)).toBe(false);
  });

  it('applying a tab\'s operations to the list it read gives its list back', () => {
    const base = list('a', 'b', 'c', 'd');
    const now = [{ id: 'x', name: null }, { id: 'a', name: 'A' }, { id: 'c', name: 'see' }, { id: 'y', name: 'Y' }];
    expect(applyIndexOps(base, indexOps(base, now))).toEqual(now);
  });
});
