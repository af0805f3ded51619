/**
 * What confirming an import does to the scenario (src/ui/import/mergeSites.ts), and the saved list of
 * problems (src/ui/import/problemsCsv.ts) a planner opens in Excel.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ScenarioMeta } from '../../src/domain/scenarioFile';
import type { Site } from '../../src/domain/site';
import { problem } from '../../src/io/rowProblems';
import { applyImport, withFreeIds } from '../../src/ui/import/mergeSites';
import { problemsCsv } from '../../src/ui/import/problemsCsv';

const site = (id: string, lon = 121.4): Site => ({ id, type: 'ev-charging-pile', lon, lat: 31.2, status: 'existing' });
const meta = (name: string): ScenarioMeta => ({ format: 'shanghai-siting-scenario', version: 1, name_zh: name, name_en: name, illustrative: false });

describe('applyImport', () => {
  const current = { meta: meta('current'), sites: [site('a'), site('b')] };

  it('add: keeps the scenario and its description, appends the sites, renaming ids already taken', () => {
    const next = applyImport(current, [site('b', 121.5), site('c'), site('b', 121.6)], 'add', 'file');
    expect(next.meta).toBe(current.meta);
    expect(next.sites.map((s) => s.id)).toEqual(['a', 'b', 'file:b', 'c', 'file:b-3']);
    expect(next.sites.slice(0, 2)).toEqual(current.sites);
    expect(current.sites.map((s) => s.id)).toEqual(['a', 'b']); // the old state is untouched (undo returns to it)
  });

  it('replace: only the file’s sites, with the file’s own description when it had one', () => {
    const fileMeta = meta('from file');
    expect(applyImport(current, [site('x')], 'replace', 'file', fileMeta)).toEqual({ meta: fileMeta, sites: [site('x')] });
    expect(applyImport(current, [site('x')], 'replace', 'file')).toEqual({ meta: null, sites: [site('x')] });
  });

  it('withFreeIds never gives two sites one id', () => {
    const out = withFreeIds([site('a'), site('file:a')], [site('a'), site('a'), site('a')], 'file');
    const ids = [...['a', 'file:a'], ...out.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('problemsCsv', () => {
  const rejected = [problem(3, 'type', 'unknownType', '=HYPERLINK("http://x","y")'), problem(4, 'lon', 'notNumber', 'east, "west"')];
  const suspicious = [problem(9, 'position', 'samePosition', '121.4, 31.2', { first: 2 })];

  it('starts with a BOM, lists every problem in order, and defuses formulas', () => {
    const csv = problemsCsv('en', rejected, suspicious);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['Kind', 'Row', 'Field', 'Reason', 'Value'],
      ['rejected', '3', 'type', 'unknown facility type "=HYPERLINK("http://x","y")"', `'=HYPERLINK("http://x","y")`],
      ['rejected', '4', 'lon', 'longitude is not a number', 'east, "west"'],
      ['check', '9', 'position', 'same position and type as row 2', '121.4, 31.2'],
    ]);
  });

  it('in Chinese too', () => {
    const rows = Papa.parse<string[]>(problemsCsv('zh', rejected, suspicious).slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['类别', '行', '字段', '原因', '内容']);
    expect(rows[2]).toEqual(['拒绝', '4', '经度', '经度不是数字', 'east, "west"']);
  });
});
