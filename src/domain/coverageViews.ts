/**
 * The coverage layers the map can draw: one per distinct (facility types, radius rule) pair that the
 * plans' `service-radius` targets use — e.g. charging 0.9 km inside the Outer Ring / 1.5 km outside
 * (Minhang's plan figures), 5G basic coverage and 5G deep coverage (assumed radii). Derived from the
 * plan files, so a new rule in a plan file gets a layer without code.
 */
import { assumptionKeyOf, type AssumptionValues } from './assumptions';
import type { FacilityTypeId } from './facilityTypes';
import { targetFacilities, type RingPart, type Target } from './plan';

export interface CoverageViewPart {
  part: RingPart;
  radiusKm?: number;
  /** `assumption:<key>` when the radius is an assumption, not a plan figure. */
  radiusFrom?: string;
}

export interface CoverageView {
  id: string;
  /** The types whose sites cover (sorted). */
  facilities: FacilityTypeId[];
  /** The type named first by the targets (its label names the layer). */
  primary: FacilityTypeId;
  rule: CoverageViewPart[];
  /** True when any radius comes from an assumption. */
  assumed: boolean;
  targetIds: string[];
}

/** Radius per ring part in km, assumptions resolved; null when the rule leaves the part out. */
export interface ResolvedRule {
  insideKm: number | null;
  outsideKm: number | null;
}

function partKey(p: CoverageViewPart): string {
  return `${p.part}:${p.radiusKm ?? p.radiusFrom ?? '?'}`;
}

/** Charging first (the plans' only radius written as figures), then by first appearance. */
const ORDER: readonly FacilityTypeId[] = ['ev-charging-pile', '5g-macro', 'parcel-locker', 'iot-sensor'];

export function coverageViews(targets: readonly Target[]): CoverageView[] {
  const views = new Map<string, CoverageView>();
  for (const t of targets) {
    if (t.metric !== 'service-radius') continue;
    const facilities = [...new Set(targetFacilities(t))].sort();
    const rule = t.goal.rule.map((r) => ({
      part: r.part,
      ...(r.radiusKm === undefined ? {} : { radiusKm: r.radiusKm }),
      ...(r.radiusFrom === undefined ? {} : { radiusFrom: r.radiusFrom }),
    }));
    // Parts sorted: the same rule written in another order is the same layer.
    const id = `${facilities.join('+')}|${rule.map(partKey).sort().join(',')}`;
    const view = views.get(id);
    if (view) view.targetIds.push(t.id);
    else {
      views.set(id, {
        id,
        facilities,
        primary: t.facility,
        rule,
        assumed: rule.some((r) => r.radiusKm === undefined),
        targetIds: [t.id],
      });
    }
  }
  const rank = (v: CoverageView) => {
    const i = ORDER.indexOf(v.primary);
    return i < 0 ? ORDER.length : i;
  };
  return [...views.values()].map((v, i) => ({ v, i })).sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i).map(({ v }) => v);
}

/**
 * The rule with assumption radii looked up.
 * @returns null when an assumption has no value.
 */
export function resolveViewRule(view: Pick<CoverageView, 'rule'>, assumptions: AssumptionValues): ResolvedRule | null {
  const rule: ResolvedRule = { insideKm: null, outsideKm: null };
  for (const p of view.rule) {
    const km = p.radiusKm ?? (p.radiusFrom === undefined ? undefined : assumptions[assumptionKeyOf(p.radiusFrom) ?? '']);
    if (km === undefined) return null;
    if (p.part !== 'outside') rule.insideKm = km;
    if (p.part !== 'inside') rule.outsideKm = km;
  }
  return rule;
}
