/**
 * The app's coverage worker, started before React mounts (src/main.tsx) and sent its grid's sources
 * as soon as the shipped files are validated (App's loadGeodata), so the grid — the longest part of
 * the start — is built while the page renders, draws the map and reads the saved scenarios.
 *
 * The grid it starts on is the shipped one: districts, zones, Outer Ring, land and townships as
 * shipped, at the cell size of the setting. useCoverageWorker takes this worker over only when what it
 * needs is that same grid (the same validated objects: no kept zone boundaries or township file, the
 * same cell); otherwise the early worker is ended and a new one starts as before. Answers that came
 * before the takeover (the grid's `ready`, the first answer) are kept and handed over in order.
 */
import type { Geodata } from '../../io/loadGeodata';
import { mergeTownships } from '../../domain/townships';
import type { CoverageRequest, CoverageResponse } from '../../worker/coverageProtocol';
import type { SessionSources } from '../../worker/coverageSession';
import { layerTextsOf } from '../../worker/layerSources';

type InitSources = SessionSources;

interface Early {
  worker: Worker;
  /** Messages and errors that came before the takeover, in order. */
  buffered: Array<MessageEvent<CoverageResponse> | ErrorEvent>;
  sources: InitSources | null;
  cellM: number | null;
}

let early: Early | null = null;

export function newCoverageWorker(): Worker {
  return new Worker(new URL('../../worker/coverage.worker.ts', import.meta.url), { type: 'module' });
}

/** Starts the worker (its script loads and compiles while the page's own start goes on). */
export function prestartCoverageWorker(): void {
  if (early || typeof Worker === 'undefined') return;
  const worker = newCoverageWorker();
  const buffered: Early['buffered'] = [];
  worker.onmessage = (e: MessageEvent<CoverageResponse>) => buffered.push(e);
  worker.onerror = (e) => buffered.push(e);
  early = { worker, buffered, sources: null, cellM: null };
}

/** The grid's sources of the shipped files (the townships merged with no file, as useTownshipFile does). */
export function shippedSources(data: Geodata): InitSources | null {
  if (!data.districts) return null;
  const townships = data.townships ? mergeTownships(data.townships.features, []) : null;
  return { districts: data.districts, zones: data.zones, outerRing: data.outerRingArea, land: data.land, ...(townships ? { townships } : {}) };
}

/** The app's folder as an absolute URL (the worker reads the build's shipped answers from it). */
export const appRoot = (): string => new URL(import.meta.env.BASE_URL, window.location.href).href;

/** Sends the early worker the shipped grid's sources (once; nothing when none was started). */
export function initEarlyCoverage(data: Geodata, cellM: number): void {
  if (!early || early.sources) return;
  const sources = shippedSources(data);
  if (!sources) return;
  // As the texts the layers were validated from where they were read so (src/worker/layerSources.ts).
  const layerTexts = layerTextsOf(sources, data.townships);
  early.worker.postMessage({ kind: 'init', ...(layerTexts ? { sources: null, layerTexts } : { sources }), cellM, appRoot: appRoot(), page: 'app' } satisfies CoverageRequest);
  early.sources = sources;
  early.cellM = cellM;
  performance.mark('coverage:init-sent');
}

const sameTownships = (a: InitSources['townships'], b: InitSources['townships']) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.features.length === b.features.length &&
    a.features.every((f, i) => f.geometry === b.features[i]!.geometry && f.properties.code === b.features[i]!.properties.code));

/** Whether two inits build the same grid: the same validated objects, the same townships' polygons, the same cell. */
export function sameGrid(a: InitSources, aCell: number, b: InitSources, bCell: number): boolean {
  return aCell === bCell && a.districts === b.districts && a.zones === b.zones && a.outerRing === b.outerRing && a.land === b.land && sameTownships(a.townships, b.townships);
}

/**
 * The early worker when it builds the grid of `sources` at `cellM`, with what it answered so far;
 * else null (an early worker of another grid is ended). Taken once.
 */
export function takeEarlyCoverage(sources: InitSources, cellM: number): { worker: Worker; buffered: Early['buffered'] } | null {
  const e = early;
  early = null;
  if (!e) return null;
  if (e.sources && e.cellM !== null && sameGrid(e.sources, e.cellM, sources, cellM)) return { worker: e.worker, buffered: e.buffered };
  e.worker.terminate();
  return null;
}
