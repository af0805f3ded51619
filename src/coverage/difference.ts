/**
 * Where two scenarios' coverage differs: the area scenario A covers and B does not, and the reverse,
 * from two distance fields on the same grid under one rule. Same semantics as
 * CoverageEngine.regionCoverage (sub-sample weights per ring part), so
 * coveredA − coveredB = onlyA − onlyB exactly.
 */
import type { CoverageGrid, Region } from './grid';
import type { CoverageRule } from './engine';
import type { RasterFrame } from './raster';

export interface DifferenceArea {
  /** km² covered by A and not by B. */
  onlyAKm2: number;
  /** km² covered by B and not by A. */
  onlyBKm2: number;
}

export interface DifferenceBreakdown {
  all: DifferenceArea;
  districts: Record<string, DifferenceArea>;
  zones: Record<string, DifferenceArea>;
}

function radii(rule: CoverageRule): [number, number] {
  return [rule.insideKm === null ? -1 : rule.insideKm * 1000, rule.outsideKm === null ? -1 : rule.outsideKm * 1000];
}

export function regionDifference(grid: CoverageGrid, region: Region, distA: Float32Array, distB: Float32Array, rule: CoverageRule): DifferenceArea {
  const [rIn, rOut] = radii(rule);
  const { cells, inside, outside } = region;
  let onlyA = 0;
  let onlyB = 0;
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const a = distA[k]!;
    const b = distB[k]!;
    const aIn = a <= rIn, bIn = b <= rIn, aOut = a <= rOut, bOut = b <= rOut;
    if (aIn && !bIn) onlyA += inside[q]!;
    else if (bIn && !aIn) onlyB += inside[q]!;
    if (aOut && !bOut) onlyA += outside[q]!;
    else if (bOut && !aOut) onlyB += outside[q]!;
  }
  const f = (grid.cellM * grid.cellM) / 1e6 / 16;
  return { onlyAKm2: onlyA * f, onlyBKm2: onlyB * f };
}

export function differenceBreakdown(grid: CoverageGrid, distA: Float32Array, distB: Float32Array, rule: CoverageRule): DifferenceBreakdown {
  const of = (r: Region) => regionDifference(grid, r, distA, distB, rule);
  return {
    all: of(grid.study),
    districts: Object.fromEntries([...grid.districts].map(([id, r]) => [id, of(r)])),
    zones: Object.fromEntries([...grid.zones].map(([id, r]) => [id, of(r)])),
  };
}

type RGBA = readonly [number, number, number, number];

/**
 * Paints cells covered by A only with `onlyA`, by B only with `onlyB`, all else transparent. A cell's
 * radius is that of the ring part it mostly lies in (as the gap picture).
 */
export function paintDifference(
  frame: RasterFrame,
  grid: CoverageGrid,
  distA: Float32Array,
  distB: Float32Array,
  rule: CoverageRule,
  onlyA: RGBA,
  onlyB: RGBA,
  out = new Uint8ClampedArray(frame.width * frame.height * 4),
): Uint8ClampedArray {
  const [rIn, rOut] = radii(rule);
  out.fill(0);
  const { cellOf } = frame;
  const ring = grid.insideRing;
  for (let p = 0; p < cellOf.length; p++) {
    const k = cellOf[p]!;
    if (k < 0) continue;
    const r = ring[k] ? rIn : rOut;
    if (r < 0) continue;
    const a = distA[k]! <= r;
    const b = distB[k]! <= r;
    if (a && !b) out.set(onlyA, p * 4);
    else if (b && !a) out.set(onlyB, p * 4);
  }
  return out;
}
