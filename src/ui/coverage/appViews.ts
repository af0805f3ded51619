import { coverageViews } from '../../domain/coverageViews';
import { allTargets } from '../../domain/plan';
import { BUNDLED_PLANS } from '../../domain/bundledPlans';

/** The app's coverage layers: one per facility family the bundled plans set targets for. */
export const COVERAGE_VIEWS = coverageViews(allTargets(BUNDLED_PLANS));
