/**
 * The printable report's residents (src/ui/export/reportModel.ts): a service-radius row with residents
 * says their share and those not reached, as the scorecard does; the report names their ground; with
 * no residents layer it says nothing of them.
 */
import { describe, expect, it } from 'vitest';
import { reportModel } from '../../src/ui/export/reportModel';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { assumptionValues } from '../../src/domain/assumptions';
import { CENSUS_SPREAD_LABEL } from '../../src/domain/population';
import type { TargetCheck } from '../../src/domain/checker';

const plan = BUNDLED_PLANS.find((p) => p.targets.some((t) => t.metric === 'service-radius'))!;
const target = plan.targets.find((t) => t.metric === 'service-radius')!;
const residents = { share: 0.75, residents: 2_000_000, covered: 1_500_000, notReached: 500_000, inside: null, outside: null };
const check: TargetCheck = { targetId: target.id, metric: 'service-radius', status: 'short', current: 0.5, target: 1, unit: 'share', share: 0.5, ground: 'land', polygon: 0.5, residents };
const census = { kind: 'district-census' as const, name: 'census', year: 2020, label: { ...CENSUS_SPREAD_LABEL } };
const values = assumptionValues(BUNDLED_ASSUMPTIONS);

describe('the report’s residents', () => {
  it('a radius row carries them, and the report names their ground', () => {
    const zh = reportModel(plan, new Map([[target.id, check]]), 'zh', {}, BUNDLED_ASSUMPTIONS, values, { source: census, active: null });
    expect(zh.rows.find((r) => r.targetId === target.id)!.residents).toBe('人口覆盖 75.0% · 未覆盖 50.0 万 人');
    expect(zh.residentsGround).toBe(`人口口径：${CENSUS_SPREAD_LABEL.zh}`);
    const en = reportModel(plan, new Map([[target.id, check]]), 'en', {}, BUNDLED_ASSUMPTIONS, values, { source: census, active: null });
    expect(en.rows.find((r) => r.targetId === target.id)!.residents).toBe('residents 75.0% · 500,000 not reached');
    expect(en.residentsGround).toBe(`Residents: ${CENSUS_SPREAD_LABEL.en}`);
  });

  it('without a residents layer: none', () => {
    const bare: TargetCheck = { ...check };
    delete bare.residents;
    const m = reportModel(plan, new Map([[target.id, bare]]), 'zh', {}, BUNDLED_ASSUMPTIONS, values);
    expect(m.rows.every((r) => r.residents === null)).toBe(true);
    expect(m.residentsGround).toBeNull();
  });
});
