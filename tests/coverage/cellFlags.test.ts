/**
 * The grid keeps one byte of flags a cell and the ring's split cells (issue #19) in place of three
 * per-cell rasters: they must read back the rasters the grid's own scanline fill gives — the ring's
 * sub-samples per cell, "most of the cell inside the ring", "at least half of its study sub-samples
 * on land" — at every cell of the frame, on the shipped ring and land.
 */
import { describe, expect, it } from 'vitest';
import { buildGrid, CELL_RING_SPLIT, insideRingAt, mostlyLandAt, POPCOUNT16, ringMaskAt } from '../../src/coverage/grid';
import { gridSourcesFrom } from '../../src/coverage/engine';
import { land, maskOf, ring, two } from './frameMasks';

describe('cell flags and the ring split cells', () => {
  for (const withLand of [true, false]) {
    it(`read back the ring mask, the ring side and the land side of every cell (${withLand ? 'with' : 'without'} land)`, () => {
      const grid = buildGrid(gridSourcesFrom(two as never, undefined, ring as never, withLand ? (land as never) : undefined), { cellM: 100 });
      const ringMask = maskOf(grid, ring.features.map((f) => f.geometry));
      const study = maskOf(grid, two.features.map((f) => f.geometry));
      const landMask = withLand ? maskOf(grid, land.features.map((f) => f.geometry)) : null;
      let split = 0;
      let mostlyWater = 0;
      for (let k = 0; k < grid.cols * grid.rows; k++) {
        const m = ringMask[k]!;
        expect(ringMaskAt(grid, k)).toBe(m);
        expect(insideRingAt(grid, k)).toBe(POPCOUNT16[m]! >= 8);
        if ((grid.cellFlags[k]! & CELL_RING_SPLIT) !== 0) split++;
        const s = study[k]!;
        const want = s !== 0 && (landMask === null || 2 * POPCOUNT16[s & landMask[k]!]! >= POPCOUNT16[s]!);
        expect(mostlyLandAt(grid, k)).toBe(want);
        if (s !== 0 && !want) mostlyWater++;
      }
      // The ring's edge crosses Minhang: there are split cells, and only they are listed.
      expect(split).toBeGreaterThan(50);
      expect(grid.ringSplit.cells.length).toBe(split);
      if (withLand) expect(mostlyWater).toBeGreaterThan(10); // the Huangpu
      else expect(mostlyWater).toBe(0);
    });
  }
});
