import { useEffect, useRef, useState } from 'react';
import type { TargetCheck } from '../../domain/checker';
import type { Site } from '../../domain/site';
import type { AssumptionValues } from '../../domain/assumptions';
import type { Geodata } from '../../io/loadGeodata';
import type {
  CompareCoverage,
  CoverageImage,
  CoverageMode,
  CoverageRequest,
  CoverageResponse,
  CoverageTimings,
  ViewCoverage,
} from '../../worker/coverageProtocol';
import { siteOps } from '../../worker/siteOps';

export interface CompareState {
  results: ReadonlyMap<string, TargetCheck>;
  view: ViewCoverage | null;
  difference: CompareCoverage['difference'];
}

export interface CoverageState {
  /** Plan targets checked against the current sites, by target id. */
  results: ReadonlyMap<string, TargetCheck> | null;
  view: ViewCoverage | null;
  image: CoverageImage | null;
  timings: CoverageTimings | null;
  /** The compared scenario's figures while comparing, else null. */
  compare: CompareState | null;
  /** True while an edit has been sent and its answer has not come back. */
  pending: boolean;
  error: string | null;
}

/** Grid cell (m) for the numbers and pixel (m) for the map picture. */
const CELL_M = 50;
const PIXEL_M = 75;

/**
 * Runs the coverage worker: sends it every change of sites (as edits), assumptions and coverage
 * layer, and keeps its latest answer. Answers carry the revision they include, so the UI knows
 * whether it is looking at the newest state.
 */
export function useCoverage(
  data: Geodata | null,
  sites: readonly Site[],
  assumptions: AssumptionValues,
  viewId: string | null,
  mode: CoverageMode,
  compareSites: readonly Site[] | null = null,
): CoverageState {
  const workerRef = useRef<Worker | null>(null);
  const revisionRef = useRef(0);
  const mirrorRef = useRef(new Map<string, Site>());
  const [state, setState] = useState<CoverageState>({
    results: null,
    view: null,
    image: null,
    timings: null,
    compare: null,
    pending: true,
    error: null,
  });

  useEffect(() => {
    if (!data?.districts) return;
    const worker = new Worker(new URL('../../worker/coverage.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    mirrorRef.current = new Map();
    worker.onmessage = (event: MessageEvent<CoverageResponse>) => {
      const m = event.data;
      if (m.kind === 'ready') return;
      if (m.kind === 'error') {
        setState((s) => ({ ...s, error: m.message, pending: m.revision < revisionRef.current }));
        return;
      }
      setState({
        results: new Map(m.results.map((r) => [r.targetId, r])),
        view: m.view,
        image: m.image,
        timings: m.timings,
        compare: m.compare
          ? { results: new Map(m.compare.results.map((r) => [r.targetId, r])), view: m.compare.view, difference: m.compare.difference }
          : null,
        pending: m.revision < revisionRef.current,
        error: null,
      });
    };
    worker.onerror = (e) => setState((s) => ({ ...s, error: e.message || 'coverage worker failed' }));
    const init: CoverageRequest = {
      kind: 'init',
      sources: { districts: data.districts, zones: data.zones, outerRing: data.outerRingArea },
      cellM: CELL_M,
      pixelM: PIXEL_M,
    };
    worker.postMessage(init);
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, [data]);

  const post = (message: CoverageRequest) => {
    workerRef.current?.postMessage(message);
    setState((s) => (s.pending ? s : { ...s, pending: true }));
  };

  useEffect(() => {
    if (!workerRef.current) return;
    const ops = siteOps(mirrorRef.current, sites);
    if (!ops) return;
    const mirror = new Map(mirrorRef.current);
    if ('replace' in ops) mirror.clear();
    else for (const id of ops.remove) mirror.delete(id);
    for (const s of 'replace' in ops ? ops.replace : ops.upsert) mirror.set(s.id, s);
    mirrorRef.current = mirror;
    post({ kind: 'sites', revision: ++revisionRef.current, ops });
  }, [data, sites]);

  useEffect(() => {
    post({ kind: 'assumptions', revision: ++revisionRef.current, values: { ...assumptions } });
  }, [data, assumptions]);

  useEffect(() => {
    post({ kind: 'view', revision: ++revisionRef.current, viewId, mode });
  }, [data, viewId, mode]);

  useEffect(() => {
    post({ kind: 'compare', revision: ++revisionRef.current, sites: compareSites ? [...compareSites] : null });
  }, [data, compareSites]);

  return state;
}
