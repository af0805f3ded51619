/**
 * A region keeps its four sub-sample counts a cell as one Uint16 code, and only the masks the counts
 * do not imply (issue #19): read back, the counts and the masks must be those the grid's own
 * scanline fill gives — the region's mask, its land part (read one by one and in order), each split by the ring's mask — at every
 * listed cell, for districts, zones and townships, with land and without, on a frame the districts
 * reach the edges of.
 */
import { describe, expect, it } from 'vitest';
import {
  buildGrid,
  COUNT_IN,
  COUNT_LAND_IN,
  COUNT_LAND_OUT,
  COUNT_OUT,
  countsCode,
  landMaskAt,
  maskAt,
  MaskReader,
  POPCOUNT16,
  rasteriseOnGrid,
  ringMaskAt,
  type AreaGeometry,
  type CoverageGrid,
  type Region,
} from '../../src/coverage/grid';
import { gridSourcesFrom } from '../../src/coverage/engine';
import { data } from '../geodata/load';
import { land, maskOf, ring, two } from './frameMasks';

type Areas<P> = { features: { properties: P; geometry: AreaGeometry }[] };
const zones = data('zones.geojson') as never as Areas<{ id: string }>;
const townships = data('townships.geojson') as never as Areas<{ code: string }>;

/** Cells of a region whose counts or masks differ from those of its polygon rasterised apart (first few described). */
function mismatches(grid: CoverageGrid, region: Region, geometry: AreaGeometry, landMask: Uint16Array | null): string[] {
  const { cells, masks } = rasteriseOnGrid(grid, geometry);
  const bad: string[] = [];
  const [even, odd] = [new MaskReader(region), new MaskReader(region)];
  if (cells.length !== region.cells.length || cells.some((k, q) => region.cells[q] !== k)) return [`${region.id}: cell lists differ`];
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const m = masks[q]!;
    const lm = landMask ? m & landMask[k]! : m;
    const r = ringMaskAt(grid, k);
    const c = region.counts[q]!;
    const want = [POPCOUNT16[m & r]!, POPCOUNT16[m & ~r & 0xffff]!, POPCOUNT16[lm & r]!, POPCOUNT16[lm & ~r & 0xffff]!];
    const got = [COUNT_IN[c]!, COUNT_OUT[c]!, COUNT_LAND_IN[c]!, COUNT_LAND_OUT[c]!];
    const read = q % 2 === 0 ? even : odd; // two cursors, each reading every other cell in order
    if (got.some((x, i) => x !== want[i]) || maskAt(region, q) !== m || landMaskAt(region, q) !== lm || read.mask(q) !== m || read.land(q) !== lm) {
      if (bad.length < 5) bad.push(`${region.id} cell ${k}: counts ${got} masks ${maskAt(region, q)}/${landMaskAt(region, q)}, want ${want} ${m}/${lm}`);
    }
  }
  return bad;
}

describe('region counts codes and partial masks', () => {
  it('code every possible tuple of counts once, and refuse impossible ones', () => {
    const seen = new Set<number>();
    for (let i = 0; i <= 16; i++)
      for (let o = 0; i + o <= 16; o++)
        for (let li = 0; li <= i; li++)
          for (let lo = 0; lo <= o; lo++) {
            const c = countsCode(i, o, li, lo);
            expect(seen.has(c)).toBe(false);
            seen.add(c);
            expect([COUNT_IN[c], COUNT_OUT[c], COUNT_LAND_IN[c], COUNT_LAND_OUT[c]]).toEqual([i, o, li, lo]);
          }
    expect(seen.size).toBe(4845);
    expect(() => countsCode(9, 8, 0, 0)).toThrow(); // more than 16 sub-samples
    expect(() => countsCode(4, 4, 5, 0)).toThrow(); // more land than polygon
  });

  for (const withLand of [true, false]) {
    it(`read back every district's, zone's and township's counts and masks cell by cell (${withLand ? 'with' : 'without'} land)`, () => {
      const mine = { features: townships.features.filter((f) => f.properties.code.startsWith('310104') || f.properties.code.startsWith('310112')) };
      const sources = gridSourcesFrom(two as never, zones as never, ring as never, withLand ? (land as never) : undefined, mine as never);
      const grid = buildGrid(sources, { cellM: 100 });
      const landMask = withLand ? maskOf(grid, land.features.map((f) => f.geometry)) : null;
      const regions: [Region, AreaGeometry][] = [
        ...sources.districts.map((d) => [grid.districts.get(d.id)!, d.geometry] as [Region, AreaGeometry]),
        ...(sources.zones ?? []).map((z) => [grid.zones.get(z.id)!, z.geometry] as [Region, AreaGeometry]),
        ...(sources.townships ?? []).map((t) => [grid.townships.get(t.id)!, t.geometry] as [Region, AreaGeometry]),
      ];
      expect(mine.features.length).toBeGreaterThan(10);
      let partial = 0;
      let listed = 0;
      for (const [region, geometry] of regions) {
        expect(mismatches(grid, region, geometry, landMask)).toEqual([]);
        partial += region.partial!.q.length;
        listed += region.cells.length;
      }
      // Only the masks the counts leave open are kept: a few per cent of the cells, some of them.
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(0.2 * listed);
      // The districts reach every edge of the frame (to its last row but one: the frame is snapped
      // to whole cells, and its top row may hold no sub-sample centre): the masks there are read back too.
      const edges = { w: false, e: false, s: false, n: false };
      for (const d of grid.districts.values()) {
        for (const k of d.cells) {
          const col = k % grid.cols;
          const row = (k - col) / grid.cols;
          if (col === 0) edges.w = true;
          if (col === grid.cols - 1) edges.e = true;
          if (row === 0) edges.s = true;
          if (row >= grid.rows - 2) edges.n = true;
        }
      }
      expect(edges).toEqual({ w: true, e: true, s: true, n: true });
      // The study area's counts: its districts' masks ORed, split the same way.
      const study = maskOf(grid, two.features.map((f) => f.geometry));
      let bad = 0;
      grid.study.cells.forEach((k, q) => {
        const m = study[k]!;
        const lm = landMask ? m & landMask[k]! : m;
        const r = ringMaskAt(grid, k);
        if (grid.study.counts[q] !== countsCode(POPCOUNT16[m & r]!, POPCOUNT16[m & ~r & 0xffff]!, POPCOUNT16[lm & r]!, POPCOUNT16[lm & ~r & 0xffff]!)) bad++;
      });
      expect(bad).toBe(0);
      expect(grid.study.partial).toBeNull();
    });
  }
});
