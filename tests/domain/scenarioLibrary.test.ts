import { describe, expect, it } from 'vitest';
import {
  addScenario,
  createLibrary,
  currentEntry,
  deleteScenario,
  displayName,
  duplicateScenario,
  nameProblem,
  renameScenario,
  selectScenario,
  uniqueName,
  updateCurrent,
  type ScenarioLibrary,
} from '../../src/domain/scenarioLibrary';
import { diffSites, targetDeltas } from '../../src/domain/scenarioDiff';
import type { Site } from '../../src/domain/site';
import type { TargetCheck } from '../../src/domain/checker';
import type { ScenarioMeta } from '../../src/domain/scenarioFile';

const site = (id: string, lon = 121.4, lat = 31.1, extra: Partial<Site> = {}): Site => ({ id, type: 'ev-charging-station', lon, lat, status: 'planned', ...extra });
const sampleMeta: ScenarioMeta = { format: 'shanghai-siting-scenario', version: 1, name_zh: '示例情景', name_en: 'Sample scenario', illustrative: true };

function lib3(): ScenarioLibrary {
  let lib = createLibrary({ name: null, meta: sampleMeta, sites: [site('a')] });
  lib = addScenario(lib, { name: 'baseline', meta: null, sites: [] });
  lib = addScenario(lib, { name: '2022 plan', meta: null, sites: [site('b')] });
  return lib;
}

describe('scenario library', () => {
  it('adds after the current one, makes it current, keeps ids stable', () => {
    const lib = lib3();
    expect(lib.entries.map((e) => e.id)).toEqual(['scenario-1', 'scenario-2', 'scenario-3']);
    expect(lib.currentId).toBe('scenario-3');
    const back = selectScenario(lib, 'scenario-1');
    const added = addScenario(back, { name: 'what-if A', meta: null, sites: [] });
    expect(added.entries.map((e) => e.name)).toEqual([null, 'what-if A', 'baseline', '2022 plan']);
    expect(currentEntry(added).name).toBe('what-if A');
    expect(currentEntry(added).id).toBe('scenario-4');
  });

  it('shows the file name in the language when the user gave none', () => {
    const lib = lib3();
    expect(displayName(lib.entries[0]!, 'zh')).toBe('示例情景');
    expect(displayName(lib.entries[0]!, 'en')).toBe('Sample scenario');
    expect(displayName(lib.entries[1]!, 'zh')).toBe('baseline');
  });

  it('refuses empty, over-long and taken names, in any case and either language', () => {
    const lib = lib3();
    expect(nameProblem(lib, '   ')).toBe('empty');
    expect(nameProblem(lib, 'x'.repeat(81))).toBe('too-long');
    expect(nameProblem(lib, 'BASELINE')).toBe('taken');
    expect(nameProblem(lib, 'sample scenario')).toBe('taken');
    expect(nameProblem(lib, '示例情景')).toBe('taken');
    expect(nameProblem(lib, 'baseline', 'scenario-2')).toBeNull(); // its own name
    const r = renameScenario(lib, 'scenario-3', ' Baseline ');
    expect(r).toEqual({ problem: 'taken' });
    const ok = renameScenario(lib, 'scenario-3', '  2023 plan ');
    expect('problem' in ok).toBe(false);
    expect((ok as ScenarioLibrary).entries[2]!.name).toBe('2023 plan');
  });

  it('numbers copies: base, base (2), base (3)', () => {
    let lib = lib3();
    expect(uniqueName(lib, 'fresh')).toBe('fresh');
    expect(uniqueName(lib, 'baseline')).toBe('baseline (2)');
    lib = duplicateScenario(lib, 'scenario-2', 'baseline');
    lib = duplicateScenario(lib, 'scenario-2', 'baseline');
    expect(lib.entries.map((e) => e.name)).toEqual([null, 'baseline', 'baseline (3)', 'baseline (2)', '2022 plan']);
    expect(currentEntry(lib).name).toBe('baseline (3)');
  });

  it('a duplicate shares the sites and is independent after an edit', () => {
    let lib = lib3();
    lib = duplicateScenario(lib, 'scenario-3', 'copy');
    const copy = currentEntry(lib);
    const original = lib.entries.find((e) => e.id === 'scenario-3')!;
    expect(copy.sites).toBe(original.sites);
    lib = updateCurrent(lib, { meta: copy.meta, sites: [...copy.sites, site('c')] });
    expect(currentEntry(lib).sites.map((s) => s.id)).toEqual(['b', 'c']);
    expect(lib.entries.find((e) => e.id === 'scenario-3')!.sites!.map((s) => s.id)).toEqual(['b']);
  });

  it('updateCurrent returns the same library when nothing changed', () => {
    const lib = lib3();
    const cur = currentEntry(lib);
    expect(updateCurrent(lib, { meta: cur.meta, sites: cur.sites })).toBe(lib);
  });

  it('deleting moves to the neighbour; the last scenario cannot go', () => {
    let lib = selectScenario(lib3(), 'scenario-2');
    const r = deleteScenario(lib, 'scenario-2');
    expect('problem' in r).toBe(false);
    lib = r as ScenarioLibrary;
    expect(lib.entries.map((e) => e.id)).toEqual(['scenario-1', 'scenario-3']);
    expect(lib.currentId).toBe('scenario-3');
    lib = deleteScenario(lib, 'scenario-3') as ScenarioLibrary;
    expect(lib.currentId).toBe('scenario-1');
    expect(deleteScenario(lib, 'scenario-1')).toEqual({ problem: 'last' });
    // Deleting another one keeps the current.
    const two = addScenario(lib, { name: 'x', meta: null, sites: [] });
    expect((deleteScenario(two, 'scenario-1') as ScenarioLibrary).currentId).toBe(two.currentId);
  });
});

describe('scenario diff', () => {
  it('sorts sites into only-in-A, only-in-B, moved (with distance), changed, same', () => {
    // 0.01° of latitude = 1,111.95 m on turf's sphere (hand-worked: 6371.0088 km × π/180 × 0.01).
    const a = [site('s1'), site('s2', 121.4, 31.11), site('s3', 121.4, 31.1, { capacity: 8 }), site('s4'), site('only-a')];
    const b = [site('s1'), site('s2'), site('s3', 121.4, 31.1, { capacity: 4 }), site('s4'), site('only-b')];
    const d = diffSites(a, b);
    expect(d.onlyInA.map((s) => s.id)).toEqual(['only-a']);
    expect(d.onlyInB.map((s) => s.id)).toEqual(['only-b']);
    expect(d.moved.map((m) => m.id)).toEqual(['s2']);
    expect(d.moved[0]!.distanceM).toBeCloseTo(1111.95, 0);
    expect(d.changed.map((s) => s.id)).toEqual(['s3']);
    expect(d.same).toBe(2);
  });

  it('a property present in one only counts as a change', () => {
    const d = diffSites([site('x', 121.4, 31.1, { name: 'A' })], [site('x')]);
    expect(d.changed.map((s) => s.id)).toEqual(['x']);
  });

  it('target deltas are a − b, with status changes, for targets of either side', () => {
    const check = (id: string, current: number | null, status: TargetCheck['status']): TargetCheck => ({
      targetId: id, metric: 'service-radius' as TargetCheck['metric'], status, current, target: 1, unit: 'share', share: current ?? 0,
    });
    const a = new Map([['t1', check('t1', 0.8, 'short')], ['t2', check('t2', 1, 'met')], ['t3', check('t3', null, 'not-computed')]]);
    const b = new Map([['t1', check('t1', 0.75, 'short')], ['t2', check('t2', 0.9, 'short')], ['t4', check('t4', 0.5, 'short')]]);
    const rows = targetDeltas(a, b);
    expect(rows.map((r) => r.targetId)).toEqual(['t1', 't2', 't3', 't4']);
    expect(rows[0]!.delta).toBeCloseTo(0.05, 12);
    expect(rows[0]!.statusChange).toBeNull();
    expect(rows[1]!.delta).toBeCloseTo(0.1, 12);
    expect(rows[1]!.statusChange).toEqual({ a: 'met', b: 'short' });
    expect(rows[2]!.delta).toBeNull();
    expect(rows[3]!.a).toBeNull();
    expect(rows[3]!.delta).toBeNull();
  });
});
