/**
 * The checker against hand-made fixtures (tests/fixtures/checker/, see its README for the geometry).
 * Every expected number below is counted or computed by hand from the fixture files.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, type RadiusEvaluator, type RadiusEvaluatorInput } from '../../src/domain/checker';
import type { Scope, Target } from '../../src/domain/plan';
import { createScopeIndex } from '../../src/domain/scopes';

import { districts, outerRing, scopes, sites, testTarget, zones } from '../fixtures/checker/load';

const A = '310112';
const B = '310110';

/*
 * Area of A by hand, on turf's sphere (R = 6371.0088 km → 1° = 111.195 km):
 *   height = 0.009°  × 111.195                    = 1.00076 km
 *   width  = 0.0105° × 111.195 × cos(31.1045°)   = 0.0105 × 111.195 × 0.85623 = 0.99969 km
 *   area   = 1.00076 × 0.99969                     ≈ 1.00044 km²
 * The outer ring cuts A at lon 121.40525, exactly half its width: ≈ 0.50022 km² on each side.
 */
const AREA_A_KM2 = 1.00044;
const HALF_A_KM2 = 0.50022;

const target = testTarget;

const count = (facility: string, goal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  target({ facility, metric: 'count', goal, ...extra });

function one(t: Target, options: Parameters<typeof evaluateTargets>[3] = {}) {
  const [r] = evaluateTargets([t], sites, scopes, options);
  if (!r) throw new Error('no result');
  return r;
}

describe('scopes', () => {
  it('district A has the hand-computed area (within 0.5%)', () => {
    const r = scopes.resolve(A, { kind: 'district' });
    expect(r.status).toBe('ok');
    if (r.status === 'ok') expect(Math.abs(r.areaKm2 - AREA_A_KM2) / AREA_A_KM2).toBeLessThan(0.005);
  });

  it('ring inside / outside split A in half and leave B wholly outside', () => {
    for (const ring of ['inside', 'outside'] as const) {
      const r = scopes.resolve(A, { kind: 'ring', ring });
      expect(r.status).toBe('ok');
      if (r.status === 'ok') expect(Math.abs(r.areaKm2 - HALF_A_KM2) / HALF_A_KM2).toBeLessThan(0.005);
    }
    expect(scopes.resolve(B, { kind: 'ring', ring: 'inside' }).status).toBe('empty');
    const outB = scopes.resolve(B, { kind: 'ring', ring: 'outside' });
    expect(outB.status).toBe('ok');
  });

  it('partProblem names the problem resolvePart would meet, without clipping, for every scope, part and missing file', () => {
    const all: Scope[] = [
      { kind: 'district' },
      { kind: 'ring', ring: 'inside' },
      { kind: 'ring', ring: 'outside' },
      { kind: 'zone', zone: 'maqiao-ai-zone' },
      { kind: 'zone', zone: 'no-such-zone' },
      { kind: 'place', name_zh: '某园', name_en: 'some park' },
    ];
    const indexes = [scopes, createScopeIndex({ districts }), createScopeIndex({ districts, zones }), createScopeIndex({ districts, outerRing })];
    let problems = 0;
    for (const index of indexes)
      for (const d of [A, B, '310000'])
        for (const scope of all)
          for (const part of ['all', 'inside', 'outside'] as const) {
            const resolved = index.resolvePart(d, scope, part);
            const expected = resolved.status === 'missing' || resolved.status === 'no-polygon' ? resolved : null;
            expect(index.partProblem(d, scope, part), `${d} ${JSON.stringify(scope)} ${part}`).toEqual(expected);
            if (expected) problems++;
          }
    expect(problems).toBeGreaterThan(20);
  });

  it('caches: the same scope resolves to the same object', () => {
    expect(scopes.resolve(A, { kind: 'ring', ring: 'inside' })).toBe(scopes.resolve(A, { kind: 'ring', ring: 'inside' }));
  });

  it('a place without polygon is no-polygon; a zone without zones data is missing', () => {
    expect(scopes.resolve(A, { kind: 'place', name_zh: '某园', name_en: 'some park' }).status).toBe('no-polygon');
    const bare = createScopeIndex({ districts });
    expect(bare.resolve(A, { kind: 'zone', zone: 'maqiao-ai-zone' }).status).toBe('missing');
    expect(bare.resolve(A, { kind: 'ring', ring: 'inside' }).status).toBe('missing');
  });
});

describe('count', () => {
  it('counts 5G sites of the type and its alsoCounts inside the district', () => {
    // A: m1, m2, m3 (on the border), p1 (pole) = 4
    const r = one(count('5g-macro', { value: 5, mode: 'cumulative' }, { alsoCounts: ['5g-pole'] }));
    expect(r).toMatchObject({ status: 'short', current: 4, target: 5, shortBy: 1, unit: 'units' });
    expect(r.share).toBeCloseTo(0.8, 10);
    // Without alsoCounts the pole site is not counted: m1, m2, m3 = 3
    expect(one(count('5g-macro', { value: 3, mode: 'cumulative' }))).toMatchObject({ status: 'met', current: 3, share: 1 });
  });

  it('a site exactly on the shared border counts for both districts', () => {
    const inA = one(count('5g-macro', { value: 1, mode: 'cumulative' }));
    const inB = one(count('5g-macro', { value: 1, mode: 'cumulative' }, { district: B }));
    expect(inA.current).toBe(3); // m1, m2, m3
    expect(inB.current).toBe(2); // m3, m4
    const onlyBorder = sites.filter((s) => s.id === 'm3');
    const [a, b] = evaluateTargets(
      [count('5g-macro', { value: 1, mode: 'cumulative' }), count('5g-macro', { value: 1, mode: 'cumulative' }, { district: B })],
      onlyBorder,
      scopes,
    );
    expect(a?.current).toBe(1);
    expect(b?.current).toBe(1);
  });

  it('sites outside every district are counted nowhere', () => {
    const outside = sites.filter((s) => s.id === 'm5' || s.id === 's7');
    const results = evaluateTargets(
      [
        count('5g-macro', { value: 1, mode: 'cumulative' }),
        count('5g-macro', { value: 1, mode: 'cumulative' }, { district: B }),
        count('iot-sensor', { value: 1, mode: 'cumulative' }),
        count('iot-sensor', { value: 1, mode: 'cumulative' }, { district: B }),
      ],
      outside,
      scopes,
    );
    expect(results.map((r) => r.current)).toEqual([0, 0, 0, 0]);
  });

  it('sums capacity for pile targets, stations included via alsoCounts, missing capacity = 1', () => {
    // A: e1 10 + e2 4 + e4 (station, 6 piles) = 20; B: e3 without capacity = 1
    const inA = one(count('ev-charging-pile', { value: 20, mode: 'cumulative' }, { alsoCounts: ['ev-charging-station'] }));
    expect(inA).toMatchObject({ status: 'met', current: 20 });
    const inB = one(count('ev-charging-pile', { value: 2, mode: 'cumulative' }, { district: B, alsoCounts: ['ev-charging-station'] }));
    expect(inB).toMatchObject({ status: 'short', current: 1, shortBy: 1 });
  });

  it('counts per site, not per capacity, for station-like types', () => {
    // A: e4 is one station whatever its capacity
    expect(one(count('ev-charging-station', { value: 1, mode: 'cumulative' })).current).toBe(1);
  });

  it('a ring scope counts only the part of the district inside / outside the ring', () => {
    const inside = one(count('ev-charging-pile', { value: 10, mode: 'cumulative' }, { scope: { kind: 'ring', ring: 'inside' }, alsoCounts: ['ev-charging-station'] }));
    const outside = one(count('ev-charging-pile', { value: 11, mode: 'cumulative' }, { scope: { kind: 'ring', ring: 'outside' }, alsoCounts: ['ev-charging-station'] }));
    expect(inside).toMatchObject({ status: 'met', current: 10 }); // e1
    expect(outside).toMatchObject({ status: 'short', current: 10, shortBy: 1 }); // e2 4 + e4 6
    // B has no area inside the ring: counted as 0, not an error
    expect(one(count('5g-macro', { value: 1, mode: 'cumulative' }, { district: B, scope: { kind: 'ring', ring: 'inside' } }))).toMatchObject({ status: 'short', current: 0 });
  });

  it('mode new counts only planned and candidate sites; the aim adds the baseline', () => {
    // A, 5G incl. poles: new = m3 (planned) + p1 (candidate) = 2; existing m1, m2 = 2
    const noBaseline = one(count('5g-macro', { value: 2, mode: 'new', aim: 4 }, { alsoCounts: ['5g-pole'] }));
    expect(noBaseline).toMatchObject({ status: 'met', current: 2, target: 2, aim: { target: 4, current: 4, met: true } });
    const withBaseline = one(count('5g-macro', { value: 3, mode: 'new', baseline: 10, aim: 13 }, { alsoCounts: ['5g-pole'] }));
    expect(withBaseline).toMatchObject({ status: 'short', current: 2, shortBy: 1, aim: { target: 13, current: 12, met: false } });
  });

  it('a reported-done new figure counts existing sites', () => {
    const r = one(count('5g-macro', { value: 2, mode: 'new' }, { status: 'reported-done', reported: { value: 2, year: 2020 } }));
    expect(r).toMatchObject({ status: 'met', current: 2, reported: { value: 2, year: 2020, qualifier: 'exact' } }); // m1, m2
  });

  it('the statuses option drops candidates', () => {
    const r = one(count('5g-macro', { value: 4, mode: 'cumulative' }, { alsoCounts: ['5g-pole'] }), { statuses: ['existing', 'planned'] });
    expect(r.current).toBe(3); // p1 is a candidate
  });

  it('a place scope is not checkable and a zone without data is not computed', () => {
    const place = one(count('5g-macro', { value: 1, mode: 'cumulative' }, { scope: { kind: 'place', name_zh: '某园', name_en: 'some park' } }));
    expect(place).toMatchObject({ status: 'not-checkable', current: null, share: 0 });
    const [zoneless] = evaluateTargets(
      [count('5g-macro', { value: 1, mode: 'cumulative' }, { scope: { kind: 'zone', zone: 'maqiao-ai-zone' } })],
      sites,
      createScopeIndex({ districts }),
    );
    expect(zoneless).toMatchObject({ status: 'not-computed', current: null });
  });
});

describe('density', () => {
  it('divides units by the scope area (hand computation within 0.5%)', () => {
    // A holds s1..s5 = 5 sensors; s6 is in B, s7 outside. 5 / 1.00044 km² = 4.99780 per km²
    const expected = 5 / AREA_A_KM2;
    const r = one(target({ facility: 'iot-sensor', metric: 'density', goal: { perKm2: 4.9 } }));
    expect(r.status).toBe('met');
    expect(r.unit).toBe('per-km2');
    expect(Math.abs((r.current ?? 0) - expected) / expected).toBeLessThan(0.005);
    const short = one(target({ facility: 'iot-sensor', metric: 'density', goal: { perKm2: 10 } }));
    expect(short.status).toBe('short');
    expect(short.shortBy).toBeCloseTo(10 - (short.current ?? 0), 10);
  });

  it('a density goal without a figure is not checkable but still reports the current density', () => {
    const r = one(target({ facility: 'iot-sensor', metric: 'density', goal: { perKm2: null, note_en: 'raise coverage' } }));
    expect(r.status).toBe('not-checkable');
    expect(r.target).toBeNull();
    expect(Math.abs((r.current ?? 0) - 5 / AREA_A_KM2) / (5 / AREA_A_KM2)).toBeLessThan(0.005);
  });

  it('per km² of land when the land area is known (hand computation), the polygon figure beside it', () => {
    // Say A's land is 0.8 km² (the rest water): 5 / 0.8 = 6.25 per km² of land.
    const landAreaKm2 = (_district: string, scope: { kind: string }) => (scope.kind === 'district' ? 0.8 : null);
    const r = one(target({ facility: 'iot-sensor', metric: 'density', goal: { perKm2: 6 } }), { landAreaKm2 });
    expect(r).toMatchObject({ status: 'met', ground: 'land' });
    expect(r.current).toBeCloseTo(6.25, 10);
    expect(Math.abs((r.polygon ?? 0) - 5 / AREA_A_KM2) / (5 / AREA_A_KM2)).toBeLessThan(0.005);
  });
});

describe('presence', () => {
  const bays = (minCount: number) =>
    target({ facility: 'bus-charging-bay', metric: 'presence', goal: { place: 'maqiao-ai-zone', minCount }, scope: { kind: 'zone', zone: 'maqiao-ai-zone' } });

  it('sums capacity in the zone polygon only', () => {
    // b1 100 + b2 80 = 180 in the zone; b3 (50) is in A but outside the zone
    expect(one(bays(180))).toMatchObject({ status: 'met', current: 180, target: 180, share: 1 });
    expect(one(bays(181))).toMatchObject({ status: 'short', current: 180, shortBy: 1 });
  });

  it('with existing sites only, the planned 80 bays are missing', () => {
    expect(one(bays(180), { statuses: ['existing'] })).toMatchObject({ status: 'short', current: 100, shortBy: 80 });
  });
});

describe('service-radius', () => {
  const charging = () =>
    target({
      facility: 'ev-charging-pile',
      metric: 'service-radius',
      alsoCounts: ['ev-charging-station'],
      goal: { rule: [{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }], targetShare: 1 },
    });
  const fiveG = () =>
    target({
      facility: '5g-macro',
      metric: 'service-radius',
      qualitative: true,
      goal: {
        rule: [
          { part: 'inside', radiusFrom: 'assumption:5g-macro-radius-inside-outer-ring' },
          { part: 'outside', radiusFrom: 'assumption:5g-macro-radius-outside-outer-ring' },
        ],
        targetShare: 1,
      },
    });

  it('is not-computed with current null when no coverage engine is plugged in', () => {
    expect(one(charging())).toMatchObject({ status: 'not-computed', current: null, target: 1, share: 0, unit: 'share' });
  });

  it('hands the engine the resolved radii, the ring parts and the matching sites', () => {
    let seen: RadiusEvaluatorInput | undefined;
    const engine: RadiusEvaluator = (input) => {
      seen = input;
      return { land: 0.95, polygon: 0.9 };
    };
    const r = one(charging(), { radiusEvaluator: engine });
    // Land decides: "full coverage" is about the land; the polygon's share rides beside it.
    expect(r).toMatchObject({ status: 'short', current: 0.95, target: 1, ground: 'land', polygon: 0.9 });
    expect(r.shortBy).toBeCloseTo(0.05, 10);
    expect(seen?.parts.map((p) => [p.part, p.radiusKm, p.assumed])).toEqual([
      ['inside', 0.9, false],
      ['outside', 1.5, false],
    ]);
    // piles e1, e2, e3 (B: sites outside the scope may still cover into it) and station e4
    expect(seen?.sites.map((s) => s.id).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(seen?.parts.every((p) => p.area !== null)).toBe(true);
  });

  it('resolves assumption radii from the values passed in, and is not-computed without them', () => {
    let radii: number[] = [];
    const engine: RadiusEvaluator = (input) => {
      radii = input.parts.map((p) => p.radiusKm);
      return { land: 1, polygon: 0.97 };
    };
    const assumptions = { '5g-macro-radius-inside-outer-ring': 0.3, '5g-macro-radius-outside-outer-ring': 0.8 };
    expect(one(fiveG(), { radiusEvaluator: engine, assumptions }).status).toBe('met');
    expect(radii).toEqual([0.3, 0.8]);
    expect(one(fiveG(), { radiusEvaluator: engine })).toMatchObject({ status: 'not-computed', current: null });
  });

  it('a goal without a share is not checkable but keeps the computed coverage', () => {
    const t = target({
      facility: 'parcel-locker',
      metric: 'service-radius',
      qualitative: true,
      goal: { rule: [{ part: 'all', radiusFrom: 'assumption:parcel-locker-radius' }], targetShare: null },
    });
    const r = one(t, { radiusEvaluator: () => ({ land: 0.4, polygon: 0.35 }), assumptions: { 'parcel-locker-radius': 0.5 } });
    expect(r).toMatchObject({ status: 'not-checkable', current: 0.4, target: null, ground: 'land', polygon: 0.35 });
  });

  it('met on land while short on the polygon: the land share decides', () => {
    const r = one(charging(), { radiusEvaluator: () => ({ land: 1, polygon: 0.93 }) });
    expect(r).toMatchObject({ status: 'met', current: 1, ground: 'land', polygon: 0.93 });
  });
});

it('returns one result per target, in order, and never invents a number', () => {
  const ts = [
    count('5g-macro', { value: 1, mode: 'cumulative' }),
    target({ facility: 'iot-sensor', metric: 'density', goal: { perKm2: null, note_en: 'raise' } }),
    target({ facility: 'hydrogen-station', metric: 'presence', goal: { place: 'x', minCount: 1 } }),
  ];
  const results = evaluateTargets(ts, [], scopes);
  expect(results.map((r) => r.targetId)).toEqual(ts.map((t) => t.id));
  expect(results.map((r) => r.current)).toEqual([0, 0, 0]);
  expect(results[2]).toMatchObject({ status: 'short', shortBy: 1 });
  // Without land areas a density names the polygon as its ground.
  expect(results[1]).toMatchObject({ ground: 'polygon' });
});
