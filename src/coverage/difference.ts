/**
 * Where two scenarios' coverage differs: the area scenario A covers and B does not, and the reverse,
 * from two cover tests on the same grid under one rule, on land and on the whole polygon. Same
 * semantics as CoverageEngine.regionCoverage (sub-sample weights per ring part), so
 * coveredA − coveredB = onlyA − onlyB exactly, ground by ground.
 */
import { COUNT_IN, COUNT_LAND_IN, COUNT_LAND_OUT, COUNT_OUT, type CoverageGrid, type Region } from './grid';
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
  const { cells, counts } = region;
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
    const code = counts[q]!;
    if (aIn && !bIn) {
      onlyA += COUNT_IN[code]!;
      landA += COUNT_LAND_IN[code]!;
    } else if (bIn && !aIn) {
      onlyB += COUNT_IN[code]!;
      landB += COUNT_LAND_IN[code]!;
    }
    if (aOut && !bOut) {
      onlyA += COUNT_OUT[code]!;
      landA += COUNT_LAND_OUT[code]!;
    } else if (bOut && !aOut) {
      onlyB += COUNT_OUT[code]!;
      landB += COUNT_LAND_OUT[code]!;
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
