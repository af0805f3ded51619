/**
 * Messages between the UI and the optimiser worker. One run per worker message; the UI cancels by
 * terminating the worker (HiGHS blocks its thread while it solves, so a "stop" message could not be
 * read until the solve ends) and starts a fresh worker for the next run.
 */
import type { OptimizeInput, OptimizeProgress, OptimizeResult } from '../optimize/optimizer';

export type OptimizerRequest = { kind: 'run'; id: number; input: OptimizeInput };

export type OptimizerResponse =
  | { kind: 'progress'; id: number; progress: OptimizeProgress }
  | { kind: 'result'; id: number; result: OptimizeResult }
  | { kind: 'error'; id: number; message: string };
