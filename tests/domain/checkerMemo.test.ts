/**
 * The checker with a memo (src/domain/checker.ts EvaluateOptions.memo, kept by the coverage worker
 * between edits) gives exactly what it gives without one, over a run of edits like a user's: sites
 * dragged across district and zone borders, statuses and types changed, capacities edited, sites
 * added and deleted — on the shipped districts, zones and Outer Ring with every bundled plan's
 * targets and the illustrative sample. The service-radius rows see, through a probe of what the
 * checker hands the engine, the same sites with and without the memo.
 */
import { describe, expect, it } from 'vitest';
import { CheckerMemo, evaluateTargets, type RadiusEvaluator } from '../../src/domain/checker';
import { allTargets } from '../../src/domain/plan';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { createScopeIndex } from '../../src/domain/scopes';
import { parseScenarioFile } from '../../src/domain/scenarioFile';
import type { Site, SiteStatus } from '../../src/domain/site';
import { data, dataText } from '../geodata/load';

/** What the engine would be handed: the count and a position checksum of the sites (order-free). */
const probe: RadiusEvaluator = ({ sites }) => {
  const sum = sites.reduce((a, s) => a + s.lon * 1e3 + s.lat, 0);
  return { land: sites.length / 1e6, polygon: sum % 1 };
};

describe('checker memo', () => {
  it('gives the same results as a fresh evaluation after every edit', () => {
    const scopes = createScopeIndex({ districts: data('districts.geojson') as never, zones: data('zones.geojson') as never, outerRing: data('outer-ring-area.geojson') as never });
    const targets = allTargets(BUNDLED_PLANS);
    let sites: Site[] = parseScenarioFile(JSON.parse(dataText('sample-scenario.geojson'))).sites;
    const memo = new CheckerMemo();
    const statuses: SiteStatus[] = ['existing', 'planned', 'candidate'];
    const types = [...new Set(sites.map((s) => s.type))];
    let seed = 17;
    const r = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const evaluate = (withMemo: boolean) => evaluateTargets(targets, sites, scopes, { radiusEvaluator: probe, ...(withMemo ? { memo } : {}) });
    expect(evaluate(true)).toEqual(evaluate(false));
    let counted = 0;
    for (let step = 0; step < 80; step++) {
      const next = sites.slice();
      const i = Math.floor(r() * next.length);
      const s = next[i]!;
      const kind = step % 8;
      if (kind < 4) {
        // A drag of 0.5–3 km: often across a district or zone border.
        next[i] = { ...s, lon: s.lon + (r() - 0.5) * 0.06, lat: s.lat + (r() - 0.5) * 0.05 };
      } else if (kind === 4) next[i] = { ...s, status: statuses[Math.floor(r() * 3)]! };
      else if (kind === 5) next[i] = { ...s, type: types[Math.floor(r() * types.length)]! };
      else if (kind === 6) next[i] = { ...s, capacity: 1 + Math.floor(r() * 20) };
      else if (r() < 0.5) next.splice(i, 1);
      else next.push({ ...s, id: `added-${step}`, lon: s.lon + 0.01 });
      sites = next;
      const fresh = evaluate(false);
      expect(evaluate(true)).toEqual(fresh);
      counted += fresh.filter((c) => c.metric === 'count').length;
    }
    expect(counted).toBeGreaterThan(80);
  });
});
