import { useEffect, useRef, useState } from 'react';
import type { Site } from '../../domain/site';
import type { AssumptionValues } from '../../domain/assumptions';
import type { Ground } from '../../domain/serviceRule';
import type { PictureTile } from '../../coverage/picture';
import type { Geodata } from '../../io/loadGeodata';
import type { CoverageMode, CoverageRequest, CoverageResponse } from '../../worker/coverageProtocol';
import { sameSlotOps, siteOps } from '../../worker/siteOps';
import { applyAnswer, INITIAL_COVERAGE, markSent, type CoverageState } from './coverageAnswers';

export type { CompareState, CoverageState } from './coverageAnswers';

/** Grid cell (m) of the numbers and the picture (one texel per cell). */
const CELL_M = 50;

const makeImage = (rgba: Uint8ClampedArray, width: number, height: number) => new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height);

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
  ground: Ground = 'land',
): CoverageState {
  const workerRef = useRef<Worker | null>(null);
  const revisionRef = useRef(0);
  const mirrorRef = useRef(new Map<string, Site>());
  /** The list last sent (its slots are compared with the next one's). */
  const sentRef = useRef<readonly Site[] | null>(null);
  const layoutRef = useRef(new Map<number, PictureTile>());
  const [state, setState] = useState<CoverageState>(INITIAL_COVERAGE);

  useEffect(() => {
    if (!data?.districts) return;
    const worker = new Worker(new URL('../../worker/coverage.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    mirrorRef.current = new Map();
    sentRef.current = null;
    layoutRef.current = new Map();
    worker.onmessage = (event: MessageEvent<CoverageResponse>) => {
      const m = event.data;
      if (m.kind === 'ready') {
        layoutRef.current = new Map(m.tiles.map((t) => [t.id, t]));
        return;
      }
      setState((s) => applyAnswer(s, m, revisionRef.current, layoutRef.current, makeImage));
    };
    worker.onerror = (e) => setState((s) => ({ ...s, error: e.message || 'coverage worker failed' }));
    const init: CoverageRequest = {
      kind: 'init',
      sources: { districts: data.districts, zones: data.zones, outerRing: data.outerRingArea, land: data.land },
      cellM: CELL_M,
    };
    worker.postMessage(init);
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, [data]);

  const post = (message: CoverageRequest) => {
    workerRef.current?.postMessage(message);
    setState(markSent);
  };

  useEffect(() => {
    if (!workerRef.current) return;
    // A drag step changes one slot of the list: found by comparing the arrays (cheap at 200,000 sites).
    const quick = sameSlotOps(sentRef.current, sites);
    const ops = quick === 'unknown' ? siteOps(mirrorRef.current, sites) : quick;
    sentRef.current = sites;
    if (!ops) return;
    // The mirror is this hook's own copy of what the worker holds: updated in place (copying a
    // 200,000-entry map on every drag step cost more than the step).
    const mirror = mirrorRef.current;
    if ('replace' in ops) mirror.clear();
    else for (const id of ops.remove) mirror.delete(id);
    for (const s of 'replace' in ops ? ops.replace : ops.upsert) mirror.set(s.id, s);
    post({ kind: 'sites', revision: ++revisionRef.current, ops });
  }, [data, sites]);

  useEffect(() => {
    post({ kind: 'assumptions', revision: ++revisionRef.current, values: { ...assumptions } });
  }, [data, assumptions]);

  useEffect(() => {
    post({ kind: 'view', revision: ++revisionRef.current, viewId, mode, ground });
  }, [data, viewId, mode, ground]);

  useEffect(() => {
    post({ kind: 'compare', revision: ++revisionRef.current, sites: compareSites ? [...compareSites] : null });
  }, [data, compareSites]);

  return state;
}
