import { useEffect, useRef, useState } from 'react';
import type { TargetCheck } from '../../domain/checker';
import type { Site } from '../../domain/site';
import type { AssumptionValues } from '../../domain/assumptions';
import type { Geodata } from '../../io/loadGeodata';
import type { CheckerRequest, CheckerResponse } from '../../worker/checkerProtocol';

export interface CheckerState {
  results: ReadonlyMap<string, TargetCheck> | null;
  millis: number | null;
  error: string | null;
}

/**
 * Evaluates every plan target in a Web Worker whenever the sites or assumptions change. Only the
 * newest request's answer is kept, so a slow answer never overwrites a newer one.
 */
export function useChecker(data: Geodata | null, sites: readonly Site[], assumptions: AssumptionValues): CheckerState {
  const workerRef = useRef<Worker | null>(null);
  const requestRef = useRef(0);
  const [state, setState] = useState<CheckerState>({ results: null, millis: null, error: null });

  useEffect(() => {
    if (!data?.districts) return;
    const worker = new Worker(new URL('../../worker/checker.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    worker.onmessage = (event: MessageEvent<CheckerResponse>) => {
      const m = event.data;
      if (m.requestId !== requestRef.current) return;
      if (m.kind === 'results') {
        setState({ results: new Map(m.results.map((r) => [r.targetId, r])), millis: m.millis, error: null });
      } else {
        setState((s) => ({ ...s, error: m.message }));
      }
    };
    worker.onerror = (e) => setState((s) => ({ ...s, error: e.message || 'checker worker failed' }));
    const init: CheckerRequest = {
      kind: 'init',
      sources: { districts: data.districts, zones: data.zones, outerRing: data.outerRingArea },
    };
    worker.postMessage(init);
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, [data]);

  useEffect(() => {
    const worker = workerRef.current;
    if (!worker) return;
    const requestId = ++requestRef.current;
    const message: CheckerRequest = { kind: 'evaluate', requestId, sites: [...sites], assumptions: { ...assumptions } };
    worker.postMessage(message);
  }, [data, sites, assumptions]);

  return state;
}
