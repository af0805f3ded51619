/**
 * The selection with a township (src/ui/state/selection.ts): a township brings its district with it,
 * leaves with its district, and a share link's township is kept only inside the link's district.
 */
import { describe, expect, it } from 'vitest';
import { linkSelection, NO_SELECTION, selectOnMap, selectScope, selectTownship } from '../../src/ui/state/selection';
import { townshipRows } from '../../src/ui/townships/townshipRows';
import type { CoverageResult } from '../../src/domain/coverageResults';
import type { TownshipFeature } from '../../src/domain/townships';

describe('township selection', () => {
  it('choosing a township selects and shows its district; the zone stays only if it lies there', () => {
    const s = selectTownship({ district: '310112', zone: 'zizhu', township: null, shown: false }, '310106019');
    expect(s).toEqual({ district: '310106', zone: null, township: '310106019', shown: true });
    const inMinhang = selectTownship({ district: '310112', zone: 'zizhu', township: null, shown: true }, '310112102');
    expect(inMinhang.zone).toBe('zizhu');
    expect(selectTownship(s, null)).toEqual({ ...s, township: null });
  });

  it('a township leaves with its district, stays with it', () => {
    const s = selectTownship(NO_SELECTION, '310106019');
    expect(selectOnMap(s, '310106').township).toBe('310106019');
    expect(selectOnMap(s, '310110').township).toBeNull();
    expect(selectOnMap(s, null)).toEqual({ ...s, shown: false });
    expect(selectScope(s, '310106', null).township).toBe('310106019');
    expect(selectScope(s, null, null).township).toBeNull();
  });

  it('a link opens with its township when it lies in its district; older links have none', () => {
    expect(linkSelection({ district: '310106', zone: null }).township).toBeNull();
    expect(linkSelection({ district: '310106', zone: null, township: '310106019' }).township).toBe('310106019');
    expect(linkSelection({ district: '310110', zone: null, township: '310106019' }).township).toBeNull();
  });
});

describe('township table rows', () => {
  const result = (share: number, areaKm2: number): CoverageResult => {
    const ground = { share, areaKm2, coveredKm2: share * areaKm2, uncoveredKm2: (1 - share) * areaKm2, inside: null, outside: null };
    return { land: ground, polygon: ground };
  };
  const feature = (code: string, name: string): TownshipFeature => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [] },
    properties: { code, name, district: code.slice(0, 6), source: 'shipped' },
  });
  const list = [feature('310106003', '丙街道'), feature('310106001', '甲街道'), feature('310106002', '乙街道'), feature('310106004', '丁街道')];
  const figures = { '310106001': result(0.5, 2), '310106002': result(0.9, 1), '310106003': result(0.5, 4) };

  it('sort by share (ties in code order), rows without figures last either way', () => {
    expect(townshipRows(list, figures, { key: 'land', descending: true }).map((r) => r.code)).toEqual(['310106002', '310106001', '310106003', '310106004']);
    expect(townshipRows(list, figures, { key: 'land', descending: false }).map((r) => r.code)).toEqual(['310106001', '310106003', '310106002', '310106004']);
    expect(townshipRows(list, figures, { key: 'area', descending: true }).map((r) => r.code)).toEqual(['310106003', '310106001', '310106002', '310106004']);
    expect(townshipRows(list, figures, { key: 'code', descending: false }).map((r) => r.code)).toEqual(['310106001', '310106002', '310106003', '310106004']);
    expect(townshipRows(list, undefined, { key: 'land', descending: true }).every((r) => r.result === null)).toBe(true);
  });

  it('sort by residents per unit: a township no unit reaches counts as the most, one without residents goes last', () => {
    const perUnit = {
      '310106001': { residents: 100, residentsPerUnit: 50, notReached: 0 },
      '310106002': { residents: 100, residentsPerUnit: null, notReached: 100 },
      '310106003': { residents: 100, residentsPerUnit: 400, notReached: 10 },
      '310106004': { residents: 0, residentsPerUnit: null, notReached: 0 },
    };
    const order = (descending: boolean) => townshipRows(list, figures, { key: 'perUnit', descending }, perUnit).map((r) => r.code);
    expect(order(true)).toEqual(['310106002', '310106003', '310106001', '310106004']);
    expect(order(false)).toEqual(['310106001', '310106003', '310106002', '310106004']);
  });
});
