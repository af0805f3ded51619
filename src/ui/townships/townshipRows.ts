/**
 * The township table's rows: a district's townships with their figures from the coverage layer's
 * breakdown, sorted by a column. Pure, so the sort is unit-tested.
 */
import type { CapacityFigures, CoverageResult } from '../../domain/coverageResults';
import type { TownshipFeature } from '../../domain/townships';

export type TownshipSortKey = 'code' | 'name' | 'land' | 'uncovered' | 'area' | 'residents' | 'residentsShare' | 'perUnit';
export interface TownshipSort {
  key: TownshipSortKey;
  /** true: largest (or last in code / name order) first. */
  descending: boolean;
}

export interface TownshipRow {
  code: string;
  name: string;
  imported: boolean;
  /** Null while the breakdown has no figures for it. */
  result: CoverageResult | null;
  /** Residents per unit (2SFCA), when asked for. */
  capacity: CapacityFigures | null;
}

function value(row: TownshipRow, key: TownshipSortKey): number | string | null {
  const r = row.result;
  switch (key) {
    case 'code':
      return row.code;
    case 'name':
      return row.name;
    case 'land':
      return r ? r.land.share : null;
    case 'uncovered':
      return r ? r.land.uncoveredKm2 : null;
    case 'area':
      return r ? r.land.areaKm2 : null;
    case 'residents':
      return r?.residents ? r.residents.covered : null;
    case 'residentsShare':
      return r?.residents ? r.residents.share : null;
    case 'perUnit':
      // Nobody within reach of a unit is worse than any number (sorts as the most residents per unit).
      return row.capacity && row.capacity.residents > 0 ? (row.capacity.residentsPerUnit ?? Infinity) : null;
  }
}

/**
 * The rows of `townships` (one district's), sorted by `sort`; ties and rows without figures (always
 * last) in code order. Names sort by the Chinese collation (pinyin order).
 */
export function townshipRows(
  townships: readonly TownshipFeature[],
  figures: Readonly<Record<string, CoverageResult>> | undefined,
  sort: TownshipSort,
  capacity?: Readonly<Record<string, CapacityFigures>>,
): TownshipRow[] {
  const rows = townships.map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
    imported: f.properties.source === 'imported',
    result: figures?.[f.properties.code] ?? null,
    capacity: capacity?.[f.properties.code] ?? null,
  }));
  const sign = sort.descending ? -1 : 1;
  return rows.sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    if (va === null || vb === null) return va === vb ? a.code.localeCompare(b.code) : va === null ? 1 : -1;
    const c = typeof va === 'string' ? va.localeCompare(vb as string, 'zh-CN') : va === vb ? 0 : va < (vb as number) ? -1 : 1;
    return c !== 0 ? sign * c : a.code.localeCompare(b.code);
  });
}
