import { useCallback, useEffect, useRef } from 'react';
import type { OptimizeInput, OptimizeProgress, OptimizeResult } from '../../optimize/optimizer';
import type { Staging, StagingPlan } from '../../optimize/staging';
import { useAppStore } from '../state/appStore';
import type { OptimizerApi } from '../../worker/optimizerProtocol';
import { connectWorker, type WorkerHandle } from '../../worker/workerClient';

export interface OptimizerState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress: OptimizeProgress | null;
  result: OptimizeResult | null;
  /** What the run was asked (kept with its result: staging by year measures on the same input). */
  input: OptimizeInput | null;
  error: string | null;
}

export interface Optimizer {
  state: OptimizerState;
  run: (input: OptimizeInput) => void;
  cancel: () => void;
}

/**
 * Stages a result's proposals by year (src/optimize/staging.ts) in a worker of its own, ended when
 * it answers: it rebuilds the run's grid, so it is not done on the page's thread.
 */
export function stageInWorker(input: OptimizeInput, proposed: ReadonlyArray<{ lon: number; lat: number }>, plan: StagingPlan): Promise<Staging> {
  const worker = connectWorker<OptimizerApi>(new Worker(new URL('../../worker/optimizer.worker.ts', import.meta.url), { type: 'module' }), 'optimizer');
  const points = proposed.map((p) => ({ lon: p.lon, lat: p.lat }));
  const perYear = typeof plan.perYear === 'number' ? plan.perYear : [...plan.perYear];
  return worker.call(worker.api.stage(input, points, { startYear: plan.startYear, perYear })).finally(() => worker.terminate());
}

// The run's state lives in the app's store (the panel shows it, the map draws its proposals); the
// worker's callbacks write it there.
const setState = (f: (state: OptimizerState) => OptimizerState) => useAppStore.getState().setOptimizer(f);
const replace = (next: OptimizerState) => setState(() => next);

/**
 * Runs the optimiser in its own worker, one worker per run. Cancel terminates the worker: HiGHS
 * blocks the worker's thread while it solves, so no "stop" message could be read before it ends.
 */
export function useOptimizer(): Optimizer {
  const workerRef = useRef<WorkerHandle<OptimizerApi> | null>(null);
  const idRef = useRef(0);
  const state = useAppStore((s) => s.optimizer);

  const stop = () => {
    workerRef.current?.terminate();
    workerRef.current = null;
  };

  const run = useCallback((input: OptimizeInput) => {
    stop();
    const worker = connectWorker<OptimizerApi>(new Worker(new URL('../../worker/optimizer.worker.ts', import.meta.url), { type: 'module' }), 'optimizer');
    workerRef.current = worker;
    const id = ++idRef.current;
    const current = () => id === idRef.current;
    replace({ status: 'running', progress: null, result: null, input, error: null });
    worker
      .callWithProgress(
        (onProgress) => worker.api.run(input, onProgress),
        (progress: OptimizeProgress) => current() && setState((s) => ({ ...s, progress })),
      )
      .then(
        (result) => current() && replace({ status: 'done', progress: null, result, input, error: null }),
        (e: unknown) => current() && replace({ status: 'error', progress: null, result: null, input: null, error: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        if (current()) stop();
      });
  }, []);

  const cancel = useCallback(() => {
    idRef.current++;
    stop();
    setState((s) => (s.status === 'running' ? { status: 'cancelled', progress: null, result: null, input: null, error: null } : s));
  }, []);

  useEffect(() => stop, []);

  return { state, run, cancel };
}
