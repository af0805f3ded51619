/**
 * The grid's scanline fill (issue #19 made it take a cell row's four sub-rows together, and ORs two
 * cells a word): every sub-sample mask it gives must be the even–odd rule evaluated apart at each
 * sub-sample centre — inside when an odd number of edge crossings of its sub-row lie at or west of
 * it — for polygons with holes, several parts, slivers narrower than a cell and parts beyond the frame.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon, MultiPolygon } from 'geojson';
import { buildGrid, rasteriseOnGrid } from '../../src/coverage/grid';
import { mergeRanges } from '../../src/coverage/scanlineFill';
import { evenOddMasks } from './evenOdd';

const box = (w: number, s: number, e: number, n: number): number[][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

/** A star of `k` points round (lon, lat), radii r1 / r2 degrees (not on the lattice: no ties). */
function star(lon: number, lat: number, r1: number, r2: number, k: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < 2 * k; i++) {
    const a = (Math.PI * i) / k + 0.0123;
    const r = i % 2 === 0 ? r1 : r2;
    ring.push([lon + r * Math.cos(a), lat + r * Math.sin(a) * 0.86]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('the scanline fill', () => {
  // The frame: a 4 × 3 km district; the shapes below reach beyond it on the west and north.
  const grid = buildGrid({ districts: [{ id: 'd', geometry: { type: 'Polygon', coordinates: [box(121.4, 31.2, 121.442, 31.227)] } }] }, { cellM: 50 });
  const shapes: Record<string, Polygon | MultiPolygon> = {
    'a star with a star-shaped hole': { type: 'Polygon', coordinates: [star(121.42, 31.213, 0.014, 0.006, 9), star(121.4203, 31.2131, 0.004, 0.0021, 5).reverse()] },
    'two parts, one over the frame’s north-west corner': {
      type: 'MultiPolygon',
      coordinates: [[star(121.401, 31.226, 0.006, 0.003, 7)], [box(121.4313, 31.2017, 121.4398, 31.2091)]],
    },
    'a sliver narrower than a cell, slanting across rows': {
      type: 'Polygon',
      coordinates: [[[121.4031, 31.2043], [121.4382, 31.2219], [121.4385, 31.2221], [121.4033, 31.2042], [121.4031, 31.2043]]],
    },
  };
  for (const [name, g] of Object.entries(shapes)) {
    it(`gives the even–odd rule at every sub-sample: ${name}`, () => {
      const { cells, masks } = rasteriseOnGrid(grid, g);
      const want = evenOddMasks(grid, g);
      expect(want.size).toBeGreaterThan(20);
      const got = new Map<number, number>();
      cells.forEach((k, q) => got.set(k, masks[q]!));
      const differ = [...new Set([...got.keys(), ...want.keys()])].filter((k) => got.get(k) !== want.get(k));
      expect(differ.slice(0, 5).map((k) => [k, got.get(k), want.get(k)])).toEqual([]);
      // Whole cells (but in the sliver) and partial ones occur: every path of the fill is held.
      expect([...got.values()].filter((m) => m === 0xffff).length > 0).toBe(!name.startsWith('a sliver'));
      expect([...got.values()].filter((m) => m !== 0xffff).length).toBeGreaterThan(0);
    });
  }
});

describe('merging a row’s cell ranges', () => {
  it('counts the cells of overlapping, nested, adjacent and repeated ranges once, and leaves them merged and ascending', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    for (let t = 0; t < 200; t++) {
      const out = [-1, -1]; // a range before `from`, left as it is
      const cells = new Set<number>();
      for (let i = rnd(12); i > 0; i--) {
        const a = rnd(60);
        const b = a + rnd(8);
        out.push(a, b);
        for (let c = a; c <= b; c++) cells.add(c);
      }
      expect(mergeRanges(out, 2)).toBe(cells.size);
      expect(out.slice(0, 2)).toEqual([-1, -1]);
      const merged = out.slice(2);
      for (let i = 2; i < merged.length; i += 2) expect(merged[i]!).toBeGreaterThan(merged[i - 1]!);
      expect(merged.reduce((n, _, i) => (i % 2 === 0 ? n + merged[i + 1]! - merged[i]! + 1 : n), 0)).toBe(cells.size);
    }
  });
});
