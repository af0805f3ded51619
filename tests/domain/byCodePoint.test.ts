/**
 * byCodePoint replaces localeCompare where codes and file names are sorted on the start-up path: it
 * must be a consistent order, and must not move anything shipped (the plans' document order, the
 * township codes) — checked against the collator on the shipped files themselves.
 */
import { describe, expect, it } from 'vitest';
import { byCodePoint } from '../../src/domain/byCodePoint';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { PLAN_FILES } from '../../src/domain/planFiles';
import { data } from '../geodata/load';

function randomText(next: () => number): string {
  const alphabet = '0123456789_-.abcXYZ中文';
  return Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

describe('byCodePoint', () => {
  it('orders as < and > do: antisymmetric, zero only for equal strings, a sort agrees with pairwise order', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const texts = Array.from({ length: 400 }, () => randomText(next));
    for (let i = 0; i + 1 < texts.length; i++) {
      const [a, b] = [texts[i]!, texts[i + 1]!];
      expect(byCodePoint(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
      expect(byCodePoint(b, a)).toBe(-byCodePoint(a, b) || 0);
    }
    const sorted = [...texts].sort(byCodePoint);
    for (let i = 0; i + 1 < sorted.length; i++) expect(sorted[i]! <= sorted[i + 1]!).toBe(true);
  });

  it('leaves the shipped order as the collator gave it: the plans by document, the townships by code', () => {
    const files = BUNDLED_PLANS.map((p) => p.document.file);
    expect(files.length).toBe(Object.keys(PLAN_FILES).length);
    expect(files).toEqual([...files].sort((a, b) => a.localeCompare(b)));
    const codes = data<GeoJSON.Geometry, { code: string }>('townships.geojson').features.map((f) => f.properties.code);
    expect(codes.length).toBeGreaterThan(100);
    expect([...codes].sort(byCodePoint)).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
  });
});
