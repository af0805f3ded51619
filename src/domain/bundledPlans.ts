/**
 * The plans and assumptions shipped with the app (bundled JSON), validated once on import.
 * A broken seed file fails here with every problem listed, which the unit tests catch first.
 */
import { loadAssumptions, type Assumption } from './assumptions';
import { loadPlans, type Plan } from './plan';

export const BUNDLED_ASSUMPTIONS: readonly Assumption[] = loadAssumptions();
export const BUNDLED_PLANS: readonly Plan[] = loadPlans(BUNDLED_ASSUMPTIONS.map((a) => a.key));
