/**
 * Coverage views derived from the bundled plans: one per distinct (facility set, radius rule), every
 * service-radius target in exactly one. Expected rules are read here from the seed files themselves
 * (seeds/plans/*.json, seeds/assumptions.json), not from the parsed plans.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { allTargets, targetSchema, type Target } from '../../src/domain/plan';
import { assumptionValues } from '../../src/domain/assumptions';
import { coverageViews, resolveViewRule, type CoverageView } from '../../src/domain/coverageViews';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (rel: string): unknown => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));

interface RawPart {
  part: string;
  radiusKm?: number;
  radiusFrom?: string;
}
interface RawTarget {
  id: string;
  metric: string;
  facility: string;
  alsoCounts?: string[];
  goal: { rule?: RawPart[] };
}
const PLAN_FILES = readdirSync(new URL('../../seeds/plans/', import.meta.url)).filter((f) => f.endsWith('.json'));
const rawTargets = PLAN_FILES.flatMap((f) => (readJson(`seeds/plans/${f}`) as { targets: RawTarget[] }).targets);
const rawRadius = rawTargets.filter((t) => t.metric === 'service-radius');
const rawAssumptions = (readJson('seeds/assumptions.json') as { assumptions: { key: string; value: number }[] }).assumptions;

const targets: Target[] = allTargets(BUNDLED_PLANS);
const views: CoverageView[] = coverageViews(targets);

/** A rule as plain text, for comparing raw and derived rules. */
const ruleText = (rule: readonly RawPart[]) => rule.map((p) => `${p.part}=${p.radiusKm ?? p.radiusFrom}`).join(';');

describe('coverageViews on the bundled plans', () => {
  it('the seed files have service-radius targets of several facility sets (the test has something to check)', () => {
    expect(rawRadius.length).toBeGreaterThanOrEqual(10);
    expect(views.length).toBeGreaterThanOrEqual(3);
  });

  it('every service-radius target belongs to exactly one view; no other target belongs to any', () => {
    const count = new Map<string, number>();
    for (const v of views) for (const id of v.targetIds) count.set(id, (count.get(id) ?? 0) + 1);
    for (const t of rawRadius) expect(count.get(t.id), t.id).toBe(1);
    expect([...count.keys()].sort()).toEqual(rawRadius.map((t) => t.id).sort());
  });

  it('each view’s targets have exactly its facility set and rule (as written in the seed files)', () => {
    const byId = new Map(rawRadius.map((t) => [t.id, t]));
    for (const v of views) {
      for (const id of v.targetIds) {
        const t = byId.get(id)!;
        expect(v.facilities, `${v.id} / ${id}`).toEqual([...new Set([t.facility, ...(t.alsoCounts ?? [])])].sort());
        expect(ruleText(v.rule), `${v.id} / ${id}`).toBe(ruleText(t.goal.rule!));
      }
      expect(v.assumed).toBe(v.rule.some((p) => p.radiusFrom !== undefined));
    }
  });

  it('views are distinct (facility set, rule) pairs; the same facility set with different rules gives separate views', () => {
    const pairs = views.map((v) => `${v.facilities.join('+')}|${ruleText(v.rule)}`);
    expect(new Set(pairs).size).toBe(views.length);
    expect(new Set(views.map((v) => v.id)).size).toBe(views.length);
    // Expected from the seed files: the 5G set (5g-macro + 5g-pole) has the inside/outside macro rule
    // and the "all" deep-coverage rule.
    const rawPairs = new Set(rawRadius.map((t) => `${[...new Set([t.facility, ...(t.alsoCounts ?? [])])].sort().join('+')}|${ruleText(t.goal.rule!)}`));
    expect(views.length).toBe(rawPairs.size);
    const fiveG = views.filter((v) => v.facilities.join('+') === '5g-macro+5g-pole');
    expect(fiveG.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fiveG.map((v) => ruleText(v.rule))).size).toBe(fiveG.length);
  });

  it('the first view is charging, 0.9 km inside / 1.5 km outside the Outer Ring, from Minhang’s plan figures', () => {
    const minhang = (readJson('seeds/plans/minhang.json') as { targets: RawTarget[] }).targets;
    const charging = minhang.find((t) => t.metric === 'service-radius' && t.facility === 'ev-charging-pile')!;
    const inside = charging.goal.rule!.find((p) => p.part === 'inside')!;
    const outside = charging.goal.rule!.find((p) => p.part === 'outside')!;
    // The plan text's figures (闵行: 外环内 0.9 km, 郊区新城及其他区域 1.5 km).
    expect([inside.radiusKm, outside.radiusKm]).toEqual([0.9, 1.5]);

    const first = views[0]!;
    expect(first.primary).toBe('ev-charging-pile');
    expect(first.facilities).toContain('ev-charging-pile');
    expect(first.assumed).toBe(false);
    expect(first.targetIds).toContain(charging.id);
    expect(resolveViewRule(first, {})).toEqual({ insideKm: inside.radiusKm, outsideKm: outside.radiusKm });
  });

  it('with the shipped assumptions every view resolves, to the values in seeds/assumptions.json', () => {
    const values = assumptionValues(BUNDLED_ASSUMPTIONS);
    const rawValue = new Map(rawAssumptions.map((a) => [a.key, a.value]));
    for (const v of views) {
      const resolved = resolveViewRule(v, values);
      expect(resolved, v.id).not.toBeNull();
      for (const p of v.rule) {
        const want = p.radiusKm ?? rawValue.get(p.radiusFrom!.slice('assumption:'.length));
        expect(want, `${v.id} ${p.part}`).toBeDefined();
        if (p.part !== 'outside') expect(resolved!.insideKm, `${v.id} inside`).toBe(want);
        if (p.part !== 'inside') expect(resolved!.outsideKm, `${v.id} outside`).toBe(want);
      }
    }
  });

  // Regression: rule parts are a set; their order in a plan file does not make a second layer.
  it('the same rule with its parts in another order is the same view', () => {
    const make = (id: string, rule: RawPart[]): Target =>
      targetSchema.parse({
        id,
        district: '310112',
        facility: 'ev-charging-pile',
        metric: 'service-radius',
        goal: { rule, targetShare: 1 },
        scope: { kind: 'district' },
        deadline: 2022,
        status: 'plan-target',
        citation: { file: '000_71f8e23333d7bc4b.txt', clause: 'test', quote: 'test' },
        note_en: 'test target',
      });
    const a = make('order-a', [{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }]);
    const b = make('order-b', [{ part: 'outside', radiusKm: 1.5 }, { part: 'inside', radiusKm: 0.9 }]);
    const got = coverageViews([a, b]);
    expect(got.map((v) => v.targetIds)).toEqual([['order-a', 'order-b']]);
  });

  it('no targets → no views; targets of other metrics are ignored', () => {
    expect(coverageViews([])).toEqual([]);
    expect(coverageViews(targets.filter((t) => t.metric !== 'service-radius'))).toEqual([]);
  });
});

describe('resolveViewRule', () => {
  it('resolves assumption radii from the values object and keeps plan figures', () => {
    const view = {
      rule: [
        { part: 'inside' as const, radiusFrom: 'assumption:my-inside-radius' },
        { part: 'outside' as const, radiusKm: 2 },
      ],
    };
    expect(resolveViewRule(view, { 'my-inside-radius': 0.35 })).toEqual({ insideKm: 0.35, outsideKm: 2 });
    expect(resolveViewRule(view, { 'my-inside-radius': 0.7, other: 9 })).toEqual({ insideKm: 0.7, outsideKm: 2 });
  });

  it('returns null when an assumption key is missing or the reference is malformed', () => {
    const view = { rule: [{ part: 'all' as const, radiusFrom: 'assumption:missing-key' }] };
    expect(resolveViewRule(view, {})).toBeNull();
    expect(resolveViewRule(view, { 'other-key': 1 })).toBeNull();
    expect(resolveViewRule({ rule: [{ part: 'all', radiusFrom: 'missing-key' }] }, { 'missing-key': 1 })).toBeNull();
    // A part with neither a figure nor a reference cannot be resolved either.
    expect(resolveViewRule({ rule: [{ part: 'inside' }] }, {})).toBeNull();
  });

  it('an `all` part sets both sides; a one-sided rule leaves the other side null', () => {
    expect(resolveViewRule({ rule: [{ part: 'all', radiusKm: 0.5 }] }, {})).toEqual({ insideKm: 0.5, outsideKm: 0.5 });
    expect(resolveViewRule({ rule: [{ part: 'all', radiusFrom: 'assumption:k' }] }, { k: 0.2 })).toEqual({ insideKm: 0.2, outsideKm: 0.2 });
    expect(resolveViewRule({ rule: [{ part: 'inside', radiusKm: 0.3 }] }, {})).toEqual({ insideKm: 0.3, outsideKm: null });
    expect(resolveViewRule({ rule: [{ part: 'outside', radiusKm: 0.8 }] }, {})).toEqual({ insideKm: null, outsideKm: 0.8 });
  });
});
