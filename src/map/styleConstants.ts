/**
 * The districts with an action plan, as the base style highlights them: the `district` field of
 * every plan file, discovered like the plans (domain/planFolder.ts). The plans themselves
 * (domain/bundledPlans.ts) are validated with zod at start-up; the embed draws its first frame
 * before that code has loaded, so the style imports only this one field of each file (as modules of
 * their own: vite.planDistricts.ts). A unit test checks it against the bundled plans.
 */
import { byPlanFile } from '../domain/planFolder';

function planDistricts(): string[] {
  const byFile = byPlanFile<unknown>(
    () => import.meta.glob<unknown>('../../seeds/plans/*.json', { eager: true, query: '?district', import: 'default' }),
    (plan) => (plan as { district?: unknown }).district,
  );
  return Object.values(byFile).filter((d): d is string => typeof d === 'string');
}

export const STYLE_PLAN_DISTRICTS: readonly string[] = planDistricts();
