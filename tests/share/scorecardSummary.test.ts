/** The embed's scorecard numbers, from a hand-made set of checker results. */
import { describe, expect, it } from 'vitest';
import type { TargetCheck } from '../../src/domain/checker';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { scorecardSummary } from '../../src/share/scorecardSummary';
import { scorecardSummarySchema } from '../../src/share/hostApi';
import type { ViewCoverage } from '../../src/worker/coverageProtocol';

const minhang = BUNDLED_PLANS.find((p) => p.district === '310112')!;
const check = (targetId: string, status: TargetCheck['status'], current: number | null): TargetCheck => ({
  targetId,
  metric: 'count',
  status,
  current,
  target: 10,
  unit: 'units',
  share: 0,
});

describe('scorecard summary', () => {
  // Minhang's first three targets met, short, not checkable; the rest have no result yet.
  const [a, b, c] = minhang.targets;
  const results = new Map([
    [a!.id, check(a!.id, 'met', 12)],
    [b!.id, check(b!.id, 'short', 3)],
    [c!.id, check(c!.id, 'not-checkable', null)],
  ]);
  const coverage = {
    viewId: 'v',
    rule: { insideKm: 0.9, outsideKm: 1.5 },
    sites: 5,
    breakdown: {
      all: { land: { share: 0.25 }, polygon: { share: 0.2 } },
      districts: { '310112': { land: { share: 0.5 }, polygon: { share: 0.45 } } },
      zones: {},
    },
  } as unknown as ViewCoverage;

  it('counts each district’s targets by status, and gives the covered share on land and on the polygon', () => {
    const s = scorecardSummary({ plans: BUNDLED_PLANS, results, coverage, mode: 'gaps', district: null, zone: null, illustrative: true });
    expect(scorecardSummarySchema.safeParse(s).success).toBe(true);
    const row = s.districts.find((d) => d.adcode === '310112')!;
    expect(row).toMatchObject({ targets: minhang.targets.length, met: 1, short: 1, notCheckable: 1, notComputed: minhang.targets.length - 3, coveredShare: 0.5, coveredSharePolygon: 0.45 });
    const yangpu = s.districts.find((d) => d.adcode === '310110')!;
    expect(yangpu.met + yangpu.short + yangpu.notCheckable).toBe(0);
    expect(yangpu.coveredShare).toBeNull();
    expect(yangpu.coveredSharePolygon).toBeNull();
    expect(s.targets).toEqual([]);
    expect(s.coverage).toEqual({ viewId: 'v', mode: 'gaps', ground: 'land', cityShare: 0.25, citySharePolygon: 0.2 });
    expect(s.districts).toHaveLength(BUNDLED_PLANS.length);
  });

  it('lists the selected district’s targets, or its zone’s', () => {
    const s = scorecardSummary({ plans: BUNDLED_PLANS, results, coverage: null, mode: 'gaps', district: '310112', zone: null, illustrative: false });
    expect(s.targets.map((t) => t.id)).toEqual(minhang.targets.map((t) => t.id));
    expect(s.targets[0]).toMatchObject({ id: a!.id, status: 'met', current: 12, target: 10 });
    expect(s.targets[3]).toMatchObject({ status: 'not-computed', current: null });
    const zoneTarget = minhang.targets.find((t) => t.scope.kind === 'zone')!;
    const zone = zoneTarget.scope.kind === 'zone' ? zoneTarget.scope.zone : '';
    const z = scorecardSummary({ plans: BUNDLED_PLANS, results, coverage: null, mode: 'gaps', district: '310112', zone, illustrative: false });
    expect(z.targets.length).toBe(minhang.targets.filter((t) => t.scope.kind === 'zone' && t.scope.zone === zone).length);
    expect(z.targets.every((t) => t.zone === zone)).toBe(true);
    expect(z.coverage).toBeNull();
  });
});
