import { useEffect, useRef, useState } from 'react';
import type { Site } from '../../domain/site';
import type { AssumptionValues } from '../../domain/assumptions';
import type { Ground } from '../../domain/serviceRule';
import type { AreaSelector } from '../../coverage/engine';
import type { PictureTile } from '../../coverage/picture';
import type { Geodata } from '../../io/loadGeodata';
import type { TownshipSet } from '../../domain/townships';
import { PACK_SITES_ABOVE, type CoverageMode, type CoverageRequest, type CoverageResponse, type SessionRequest, type SiteOps } from '../../worker/coverageProtocol';
import { packSites } from '../../domain/packedSites';
import { sameSlotOps, siteOps } from '../../worker/siteOps';
import { applyAnswer, applyPictureAnswer, INITIAL_COVERAGE, markPopulationSent, markSent, type CoverageState } from './coverageAnswers';
import { populationInUse, type PopulationInput } from '../../domain/population';
import { DEFAULT_CELL_M } from '../../io/cellSizeSetting';
import { appRoot, newCoverageWorker, takeEarlyCoverage } from './earlyCoverage';
import { noteFirstNumbersComputed } from '../firstNumbers';
import { layerTextsOf } from '../../worker/layerSources';
import type { SessionSources } from '../../worker/coverageSession';

export type { CompareState, CoverageState } from './coverageAnswers';

const makeImage = (rgba: Uint8ClampedArray, width: number, height: number) => new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height);

/**
 * Runs the coverage worker: sends it every change of sites (as edits), assumptions and coverage
 * layer, and keeps its latest answer. Answers carry the revision they include, so the UI knows
 * whether it is looking at the newest state.
 */
/**
 * A list's sites by id (a repeated id: the last, as the worker keeps them), made once per list:
 * what the worker holds is the list last sent, so no copy of it is kept up to date by hand.
 */
const byIdOfList = new WeakMap<readonly Site[], Map<string, Site>>();
function sitesById(list: readonly Site[]): Map<string, Site> {
  let m = byIdOfList.get(list);
  if (!m) byIdOfList.set(list, (m = new Map(list.map((s) => [s.id, s]))));
  return m;
}

export interface CoverageInput {
  data: Geodata | null;
  sites: readonly Site[];
  assumptions: AssumptionValues;
  viewId: string | null;
  mode: CoverageMode;
  compareSites?: readonly Site[] | null;
  ground?: Ground;
  /** Townships for the grid (every breakdown then has them); a new set starts a new worker. */
  townships?: TownshipSet | null;
  /**
   * Residents: a file read by the import worker, or null / absent for the district census spread
   * evenly (the default; none when the census failed to load). Posted as a copy, not transferred:
   * the caller keeps it (a new worker for new geodata is sent it again).
   */
  population?: PopulationInput | null;
  /** Ask for residents per unit (2SFCA) with each answer: only while a panel shows them (it costs a few breakdowns). */
  capacity?: boolean;
  /** The as-of year: only the sites built by its end are measured (null / absent: every site). */
  asOf?: number | null;
  /** Where the worker ranks the layer's unserved patches by residents (null / absent: nowhere). */
  patchArea?: AreaSelector | null;
  /** Grid cell (m) of the numbers and the picture (one texel per cell); a new size starts a new worker. Default 50. */
  cellM?: number;
  /** The page the worker serves, for the answers the build shipped for its start (default: the main app). */
  page?: 'app' | 'embed';
}

/** Above this many sites, a new list is diffed and packed in tasks of their own (~150 ms per 100,000 sites). */
const DIFF_LATER_ABOVE = 20_000;

interface Batch {
  worker: Worker;
  messages: SessionRequest[];
}

/**
 * Sends a message to the worker with the others of the same commit: one batch, posted in a microtask
 * once every effect of the commit has run. The worker applies them all before it computes, instead of
 * computing the sites alone first (at the start they come with their settings).
 */
function enqueue(worker: Worker | null, batchRef: { current: Batch | null }, message: SessionRequest): void {
  if (!worker) return;
  let batch = batchRef.current;
  if (batch?.worker !== worker) {
    const made: Batch = { worker, messages: [] };
    batch = batchRef.current = made;
    queueMicrotask(() => {
      if (batchRef.current === made) batchRef.current = null;
      worker.postMessage(made.messages.length === 1 ? made.messages[0] : ({ kind: 'batch', messages: made.messages } satisfies CoverageRequest));
    });
  }
  batch.messages.push(message);
}

/** The coverage worker's state in the component that calls it (the embed; the app keeps it in its store: CoverageFeed). */
export function useCoverage(input: CoverageInput): CoverageState {
  const [state, setState] = useState<CoverageState>(INITIAL_COVERAGE);
  useCoverageWorker(input, setState);
  return state;
}

/** Runs the coverage worker for `input`; its answers go to `setState` (a React setter or a store's updater). */
export function useCoverageWorker(
  { data, sites, assumptions, viewId, mode, compareSites = null, ground = 'land', townships = null, population = null, capacity = false, asOf = null, patchArea = null, cellM = DEFAULT_CELL_M, page = 'app' }: CoverageInput,
  update: (f: (state: CoverageState) => CoverageState) => void,
): void {
  // The latest writer, read when an answer comes (the worker outlives renders).
  const updateRef = useRef(update);
  updateRef.current = update;
  const workerRef = useRef<Worker | null>(null);
  const revisionRef = useRef(0);
  /** The list last sent: what the worker holds (its slots are compared with the next one's). */
  const sentRef = useRef<readonly Site[] | null>(null);
  const layoutRef = useRef(new Map<number, PictureTile>());

  useEffect(() => {
    if (!data?.districts) return;
    const sources: SessionSources = { districts: data.districts, zones: data.zones, outerRing: data.outerRingArea, land: data.land, ...(townships ? { townships } : {}) };
    // As the texts the layers were validated from where they were read so (src/worker/layerSources.ts).
    const layerTexts = layerTextsOf(sources, data.townships);
    const init: CoverageRequest = { kind: 'init', ...(layerTexts ? { sources: null, layerTexts } : { sources }), cellM, appRoot: appRoot(), page };
    // The worker started before the page mounted, when it builds this same grid (src/ui/coverage/earlyCoverage.ts).
    const early = takeEarlyCoverage(sources, cellM);
    const worker = early?.worker ?? newCoverageWorker();
    workerRef.current = worker;
    sentRef.current = null;
    layoutRef.current = new Map();
    let answersMarked = 0;
    let computedMarked = false;
    worker.onmessage = (event: MessageEvent<CoverageResponse>) => {
      const m = event.data;
      if (m.kind === 'ready') {
        const { gridMs, cells, cellM, gridFrom, cacheProblem, gridTimings } = m;
        const initAt = m.initAt === undefined ? undefined : m.initAt - performance.timeOrigin;
        // Dated when the worker's grid was ready (the page may take the worker over later: once its scenario is in place).
        performance.mark('coverage:ready', { ...(initAt === undefined ? {} : { startTime: initAt + gridMs }), detail: { gridMs, cells, cellM, gridFrom, cacheProblem, gridTimings, initAt } });
        layoutRef.current = new Map(m.tiles.map((t) => [t.id, t]));
        return;
      }
      if (m.kind === 'patches') {
        updateRef.current((s) => ({ ...s, patches: m.patches }));
        return;
      }
      if (m.kind === 'computing') {
        performance.mark('coverage:computing');
        noteFirstNumbersComputed();
        return;
      }
      if (m.kind === 'gridKept') {
        // For the start-up bench and the browser test; a grid not kept only means the next start builds it.
        performance.mark('coverage:grid-kept', { detail: { problem: m.problem, cellM: m.cellM } });
        return;
      }
      if (m.kind === 'picture') {
        updateRef.current((s) => applyPictureAnswer(s, m, layoutRef.current, makeImage));
        return;
      }
      // Start-up marks (bench/startup.ts): the first answers until the scorecard's first numbers and the
      // first one computed here (numbers from a kept or shipped answer come before it), with their
      // timings (a few only: the embed has no scorecard mark, and marks are kept for the page's life).
      if (m.kind === 'update' && answersMarked < 8 && (!computedMarked || performance.getEntriesByName('scorecard:numbers').length === 0)) {
        answersMarked++;
        computedMarked ||= m.fromCache !== true;
        performance.mark('coverage:answer', { detail: { revision: m.revision, fromCache: m.fromCache === true, cachedFrom: m.cachedFrom, ...m.timings } });
      }
      updateRef.current((s) => applyAnswer(s, m, revisionRef.current, layoutRef.current, makeImage));
    };
    worker.onerror = (e) => updateRef.current((s) => ({ ...s, error: e.message || 'coverage worker failed' }));
    if (early) for (const e of early.buffered) (e instanceof MessageEvent ? worker.onmessage : worker.onerror)?.call(worker, e as never);
    else {
      worker.postMessage(init);
      performance.mark('coverage:init-sent');
    }
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, [data, townships, cellM, page]);

  const batchRef = useRef<Batch | null>(null);
  const post = (message: SessionRequest) => {
    enqueue(workerRef.current, batchRef, message);
    updateRef.current(markSent);
  };

  useEffect(() => {
    if (!workerRef.current) return;
    /** Sends the ops that turn the worker's copy into `sites`. */
    const send = (ops: SiteOps | null) => {
      sentRef.current = sites;
      if (!ops) return;
      // Start-up mark (bench/startup.ts): when the opened scenario's sites first went to the worker.
      if (sites.length > 0 && performance.getEntriesByName('coverage:sites-sent').length === 0) performance.mark('coverage:sites-sent');
      // A long list goes in columns: cloning 200,000 site objects for postMessage held the page ~400 ms.
      const posted = 'replace' in ops && ops.replace.length > PACK_SITES_ABOVE ? { replacePacked: packSites(sites) } : ops;
      post({ kind: 'sites', revision: ++revisionRef.current, ops: posted });
    };
    /** The ops from what the worker holds to `sites`, by id (a list over twice as long is new: replaced without a diff). */
    const opsById = (): SiteOps | null => {
      const sent = sentRef.current ?? [];
      return sites.length > 2 * sent.length + 32 ? { replace: [...sites] } : siteOps(sitesById(sent), sites);
    };
    // A drag step changes one slot of the list: found by comparing the arrays (cheap at 200,000 sites).
    const quick = sameSlotOps(sentRef.current, sites);
    if (quick !== 'unknown') return send(quick);
    // A list of a few thousand (the sample, a district's sites) is diffed and packed in a few ms: sent
    // now, as the start's first figures wait on it (deferring cost a frame of the map, 200–400 ms).
    if (sites.length <= DIFF_LATER_ABOVE) return send(opsById());
    // Another long list (an import): compared and sent in a task of its own, so the page draws the
    // change first (with 200,000 sites, diffing and packing them cost ~300 ms). Until then the
    // worker holds, and `sentRef` names, the list before.
    updateRef.current(markSent);
    let later = setTimeout(() => {
      const ops = opsById();
      if (ops && 'replace' in ops) packSites(sites); // packed in this task, posted in the next (each ~100 ms at 200,000)
      later = setTimeout(() => send(ops));
    });
    return () => clearTimeout(later);
  }, [data, townships, cellM, sites]);

  useEffect(() => {
    post({ kind: 'assumptions', revision: ++revisionRef.current, values: { ...assumptions } });
  }, [data, townships, cellM, assumptions]);

  useEffect(() => {
    post({ kind: 'asOf', revision: ++revisionRef.current, year: asOf });
  }, [data, townships, cellM, asOf]);

  useEffect(() => {
    post({ kind: 'view', revision: ++revisionRef.current, viewId, mode, ground, capacity });
  }, [data, townships, cellM, viewId, mode, ground, capacity]);

  useEffect(() => {
    if (!workerRef.current) return;
    const input = populationInUse(population, data?.population);
    const revision = ++revisionRef.current;
    enqueue(workerRef.current, batchRef, { kind: 'population', revision, input });
    updateRef.current((s) => markPopulationSent(s, revision));
  }, [data, townships, cellM, population]);

  // The area as a key: a new selector object for the same area sends nothing.
  const patchKey = patchArea === null ? null : JSON.stringify(patchArea);
  useEffect(() => {
    post({ kind: 'patches', revision: ++revisionRef.current, area: patchKey === null ? null : (JSON.parse(patchKey) as AreaSelector) });
  }, [data, townships, cellM, patchKey]);

  useEffect(() => {
    const sites = compareSites === null ? null : compareSites.length > PACK_SITES_ABOVE ? packSites(compareSites) : [...compareSites];
    post({ kind: 'compare', revision: ++revisionRef.current, sites });
  }, [data, townships, cellM, compareSites]);
}
