/**
 * Where two scenarios' coverage differs: the area scenario A covers and B does not, and the reverse,
 * from two cover tests on the same grid under one rule, on land and on the whole polygon. Same
 * semantics as CoverageEngine.regionCoverage (sub-sample weights per ring part), so
 * coveredA − coveredB = onlyA − onlyB exactly, ground by ground.
 */
import type { CoverageGrid, Region } from './grid';
import { coveredAt, type CoverTest, type Ground } from './engine';

export interface DifferenceKm2 {
  /** km² covered by A and not by B. */
  onlyAKm2: number;
  /** km² covered by B and not by A. */
  onlyBKm2: number;
}

/** The difference on each ground. */
export type DifferenceArea = Record<Ground, DifferenceKm2>;

export interface DifferenceBreakdown {
  all: DifferenceArea;
  districts: Record<string, DifferenceArea>;
  zones: Record<string, DifferenceArea>;
}

export function regionDifference(grid: CoverageGrid, region: Region, a: CoverTest, b: CoverTest): DifferenceArea {
  const { cells, inside, outside, landInside, landOutside } = region;
  let onlyA = 0;
  let onlyB = 0;
  let landA = 0;
  let landB = 0;
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const aIn = coveredAt(a, k, true);
    const bIn = coveredAt(b, k, true);
    const aOut = coveredAt(a, k, false);
    const bOut = coveredAt(b, k, false);
    if (aIn && !bIn) {
      onlyA += inside[q]!;
      landA += landInside[q]!;
    } else if (bIn && !aIn) {
      onlyB += inside[q]!;
      landB += landInside[q]!;
    }
    if (aOut && !bOut) {
      onlyA += outside[q]!;
      landA += landOutside[q]!;
    } else if (bOut && !aOut) {
      onlyB += outside[q]!;
      landB += landOutside[q]!;
    }
  }
  const f = (grid.cellM * grid.cellM) / 1e6 / 16;
  return { land: { onlyAKm2: landA * f, onlyBKm2: landB * f }, polygon: { onlyAKm2: onlyA * f, onlyBKm2: onlyB * f } };
}

export function differenceBreakdown(grid: CoverageGrid, a: CoverTest, b: CoverTest): DifferenceBreakdown {
  const of = (r: Region) => regionDifference(grid, r, a, b);
  return {
    all: of(grid.study),
    districts: Object.fromEntries([...grid.districts].map(([id, r]) => [id, of(r)])),
    zones: Object.fromEntries([...grid.zones].map(([id, r]) => [id, of(r)])),
  };
}
