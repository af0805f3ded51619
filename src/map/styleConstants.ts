/**
 * The five districts with an action plan, as the base style highlights them. The plans themselves
 * (domain/bundledPlans.ts) are validated with zod at start-up; the embed draws its first frame
 * before that code has loaded, so the style takes the list from here. A unit test checks it
 * against the bundled plans, so the two cannot drift apart.
 */
export const STYLE_PLAN_DISTRICTS: readonly string[] = ['310112', '310110', '310151', '310120', '310106'];
