/**
 * The optimiser worker's API. One run per worker: the UI cancels by terminating the worker (HiGHS
 * blocks its thread while it solves, so a "stop" call could not be read until the solve ends) and
 * starts a fresh worker for the next run.
 */
import type { OptimizeInput, OptimizeProgress, OptimizeResult } from '../optimize/optimizer';
import type { Staging, StagingPlan } from '../optimize/staging';

export interface OptimizerApi {
  /** Runs the optimiser; progress at most every 100 ms (and at the end). */
  run(input: OptimizeInput, onProgress: (progress: OptimizeProgress) => void): Promise<OptimizeResult>;
  /** Stages a run's proposals by year (src/optimize/staging.ts) for the run's input. */
  stage(input: OptimizeInput, proposed: Array<{ lon: number; lat: number }>, plan: StagingPlan): Promise<Staging>;
}
