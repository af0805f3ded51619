/** Which travel modes a way is open to, by its tags (the model in src/network/roads.ts), hand-worked. */
import { describe, expect, it } from 'vitest';
import { DRIVE, modesOf, onewayOf, WALK } from '../../src/network/roads';

describe('modesOf', () => {
  it('walking leaves out the expressways, driving the footways; access=no and foot=no close them', () => {
    expect(modesOf({ highway: 'residential' })).toBe(WALK | DRIVE);
    expect(modesOf({ highway: 'trunk' })).toBe(DRIVE);
    expect(modesOf({ highway: 'motorway_link' })).toBe(DRIVE);
    expect(modesOf({ highway: 'footway' })).toBe(WALK);
    expect(modesOf({ highway: 'primary', foot: 'no' })).toBe(DRIVE);
    expect(modesOf({ highway: 'primary', access: 'no' })).toBe(0);
    expect(modesOf({})).toBe(0);
  });

  it('a road proposed, under construction, abandoned, disused or razed is no road yet (or any more)', () => {
    for (const highway of ['proposed', 'construction', 'abandoned', 'disused', 'razed']) expect(modesOf({ highway }), highway).toBe(0);
  });

  it('one-way in both spellings and against the drawing', () => {
    expect(onewayOf({ oneway: 'yes' })).toBe(1);
    expect(onewayOf({ oneway: '-1' })).toBe(-1);
    expect(onewayOf({ oneway: 'no' })).toBe(0);
  });
});
