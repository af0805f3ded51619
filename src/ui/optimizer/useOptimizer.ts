import { useCallback, useEffect, useRef, useState } from 'react';
import type { OptimizeInput, OptimizeProgress, OptimizeResult } from '../../optimize/optimizer';
import type { OptimizerRequest, OptimizerResponse } from '../../worker/optimizerProtocol';

export interface OptimizerState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress: OptimizeProgress | null;
  result: OptimizeResult | null;
  error: string | null;
}

export interface Optimizer {
  state: OptimizerState;
  run: (input: OptimizeInput) => void;
  cancel: () => void;
}

/**
 * Runs the optimiser in its own worker, one worker per run. Cancel terminates the worker: HiGHS
 * blocks the worker's thread while it solves, so no "stop" message could be read before it ends.
 */
export function useOptimizer(): Optimizer {
  const workerRef = useRef<Worker | null>(null);
  const idRef = useRef(0);
  const [state, setState] = useState<OptimizerState>({ status: 'idle', progress: null, result: null, error: null });

  const stop = () => {
    workerRef.current?.terminate();
    workerRef.current = null;
  };

  const run = useCallback((input: OptimizeInput) => {
    stop();
    const worker = new Worker(new URL('../../worker/optimizer.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    const id = ++idRef.current;
    worker.onmessage = (event: MessageEvent<OptimizerResponse>) => {
      const m = event.data;
      if (m.id !== idRef.current) return;
      if (m.kind === 'progress') setState((s) => ({ ...s, progress: m.progress }));
      else {
        if (m.kind === 'result') setState({ status: 'done', progress: null, result: m.result, error: null });
        else setState({ status: 'error', progress: null, result: null, error: m.message });
        stop();
      }
    };
    worker.onerror = (e) => {
      if (id !== idRef.current) return;
      setState({ status: 'error', progress: null, result: null, error: e.message || 'optimizer worker failed' });
      stop();
    };
    setState({ status: 'running', progress: null, result: null, error: null });
    const request: OptimizerRequest = { kind: 'run', id, input };
    worker.postMessage(request);
  }, []);

  const cancel = useCallback(() => {
    idRef.current++;
    stop();
    setState((s) => (s.status === 'running' ? { status: 'cancelled', progress: null, result: null, error: null } : s));
  }, []);

  useEffect(() => stop, []);

  return { state, run, cancel };
}
