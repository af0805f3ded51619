/// <reference lib="webworker" />
/**
 * The coverage worker: mirrors the UI's sites, keeps one distance field per facility-type set up to
 * date by local updates, evaluates every plan target, and paints the gap / distance picture of the
 * chosen coverage layer.
 *
 * Bursts of edits (a drag sends one move per frame) are coalesced: each message only updates state
 * and schedules one computation after the queue drains, so a slow frame never builds a backlog.
 */
import { evaluateTargets } from '../domain/checker';
import { allTargets } from '../domain/plan';
import { BUNDLED_PLANS } from '../domain/bundledPlans';
import { coverageViews, resolveViewRule, type CoverageView, type ResolvedRule } from '../domain/coverageViews';
import { createScopeIndex, type ScopeIndex } from '../domain/scopes';
import type { Site } from '../domain/site';
import { buildGrid, type CoverageGrid, type Region } from '../coverage/grid';
import { gridSourcesFrom, type CoverageBreakdown, type CoverageResult } from '../coverage/engine';
import { createRadiusEvaluator, facilityKey, type RadiusEvaluatorWithPool } from '../coverage/radiusEvaluator';
import { buildRasterFrame, paintDistance, paintGaps, type RasterFrame } from '../coverage/raster';
import { DISTANCE_RAMP, GAP_RGBA, ONLY_A_RGBA, ONLY_B_RGBA } from '../map/coverageColours';
import { differenceBreakdown, paintDifference } from '../coverage/difference';
import type { CompareCoverage, CoverageImage, CoverageMode, CoverageRequest, CoverageResponse, ViewCoverage } from './coverageProtocol';

const targets = allTargets(BUNDLED_PLANS);
const views = new Map<string, CoverageView>(coverageViews(targets).map((v) => [v.id, v]));

interface State {
  scopes: ScopeIndex;
  grid: CoverageGrid;
  frame: RasterFrame;
  evaluator: RadiusEvaluatorWithPool;
  /** An all-+Infinity field for a layer with no sites (every cell a gap). */
  noSites: Float32Array | null;
  /** Fields of the compared scenario; null when not comparing. */
  compareEvaluator: RadiusEvaluatorWithPool | null;
}
let state: State | null = null;
const sites = new Map<string, Site>();
/** The compared scenario's sites (sent whole: it is not edited while compared). */
let compareSites: Map<string, Site> | null = null;
let assumptions: Record<string, number> = {};
let viewId: string | null = null;
let mode: CoverageMode = 'gaps';
let revision = 0;
let scheduled = false;

function reply(message: CoverageResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

function schedule() {
  if (scheduled || !state) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    try {
      compute(state!);
    } catch (e) {
      reply({ kind: 'error', revision, message: (e as Error).message });
    }
  }, 0);
}

interface ViewField {
  dist: Float32Array;
  breakdown: () => CoverageBreakdown;
  sites: number;
}

/** The distance field of the view's facility types for one site list (a pool per scenario). */
function viewField(s: State, evaluator: RadiusEvaluatorWithPool, list: readonly Site[], view: CoverageView, rule: ResolvedRule, needM: number): ViewField {
  const types = new Set<string>(view.facilities);
  const own = list.filter((site) => types.has(site.type));
  if (own.length === 0) {
    s.noSites ??= new Float32Array(s.grid.cols * s.grid.rows).fill(Infinity);
    return { dist: s.noSites, breakdown: () => uncoveredBreakdown(s.grid, rule), sites: 0 };
  }
  const engine = evaluator.pool.engineFor(facilityKey(view.facilities), own, needM);
  return { dist: engine.distanceField(), breakdown: () => engine.breakdown(rule), sites: own.length };
}

function compute(s: State) {
  const t0 = performance.now();
  const list = [...sites.values()];
  // The view's field first, so the checker's service-radius rows find it already synced.
  const view = viewId === null ? undefined : views.get(viewId);
  const rule = view ? resolveViewRule(view, assumptions) : null;
  const radiusM = rule ? Math.max(rule.insideKm ?? 0, rule.outsideKm ?? 0) * 1000 : 0;
  // The distance picture shades up to twice the radius, so its field reaches that far.
  const field = view && rule ? viewField(s, s.evaluator, list, view, rule, (mode === 'distance' ? 2 : 1) * radiusM) : null;
  const t1 = performance.now();
  const results = evaluateTargets(targets, list, s.scopes, { assumptions, radiusEvaluator: s.evaluator });
  const t2 = performance.now();

  // The compared scenario: its own pool of fields on the same grid, so both are measured alike.
  let compare: CompareCoverage | null = null;
  let fieldB: ViewField | null = null;
  if (compareSites) {
    s.compareEvaluator ??= createRadiusEvaluator(s.grid);
    const listB = [...compareSites.values()];
    fieldB = view && rule ? viewField(s, s.compareEvaluator, listB, view, rule, radiusM) : null;
    const resultsB = evaluateTargets(targets, listB, s.scopes, { assumptions, radiusEvaluator: s.compareEvaluator });
    compare = {
      results: resultsB,
      view: view && rule && fieldB ? { viewId: view.id, rule, sites: fieldB.sites, breakdown: fieldB.breakdown() } : null,
      difference: rule && field && fieldB ? differenceBreakdown(s.grid, field.dist, fieldB.dist, rule) : null,
    };
  } else {
    s.compareEvaluator = null; // release the compared scenario's fields
  }

  let viewCoverage: ViewCoverage | null = null;
  let image: CoverageImage | null = null;
  if (view && rule && field) {
    viewCoverage = { viewId: view.id, rule, sites: field.sites, breakdown: field.breakdown() };
    if (mode !== 'none') {
      const radii = { insideM: rule.insideKm === null ? -1 : rule.insideKm * 1000, outsideM: rule.outsideKm === null ? -1 : rule.outsideKm * 1000 };
      const { width, height, bounds } = s.frame;
      if (fieldB) {
        const rgba = paintDifference(s.frame, s.grid, field.dist, fieldB.dist, rule, ONLY_A_RGBA, ONLY_B_RGBA);
        image = { viewId: view.id, mode: 'difference', width, height, bounds, rgba: rgba.buffer as ArrayBuffer };
      } else {
        const rgba =
          mode === 'gaps'
            ? paintGaps(s.frame, s.grid, field.dist, radii, GAP_RGBA)
            : paintDistance(s.frame, s.grid, field.dist, radii, DISTANCE_RAMP);
        image = { viewId: view.id, mode, width, height, bounds, rgba: rgba.buffer as ArrayBuffer };
      }
    }
  }
  const t3 = performance.now();
  reply(
    {
      kind: 'update',
      revision,
      results,
      view: viewCoverage,
      image,
      compare,
      timings: { syncMs: t1 - t0, checkerMs: t2 - t1, paintMs: t3 - t2, totalMs: t3 - t0 },
    },
    image ? [image.rgba] : [],
  );
}

/** With no sites every cell is a gap: the areas come straight from the grid. */
function uncoveredBreakdown(grid: CoverageGrid, rule: ResolvedRule): CoverageBreakdown {
  const of = (r: Region): CoverageResult => {
    const inside = rule.insideKm === null ? null : { areaKm2: r.insideKm2, coveredKm2: 0, share: 0 };
    const outside = rule.outsideKm === null ? null : { areaKm2: r.outsideKm2, coveredKm2: 0, share: 0 };
    const areaKm2 = (inside?.areaKm2 ?? 0) + (outside?.areaKm2 ?? 0);
    return { share: 0, areaKm2, coveredKm2: 0, uncoveredKm2: areaKm2, inside, outside };
  };
  return {
    all: of(grid.study),
    districts: Object.fromEntries([...grid.districts].map(([id, r]) => [id, of(r)])),
    zones: Object.fromEntries([...grid.zones].map(([id, r]) => [id, of(r)])),
  };
}

self.onmessage = (event: MessageEvent<CoverageRequest>) => {
  const m = event.data;
  switch (m.kind) {
    case 'init': {
      const t0 = performance.now();
      const { districts, zones, outerRing } = m.sources;
      const grid = buildGrid(gridSourcesFrom(districts, zones, outerRing), { cellM: m.cellM });
      state = {
        scopes: createScopeIndex(m.sources),
        grid,
        frame: buildRasterFrame(grid, m.pixelM),
        evaluator: createRadiusEvaluator(grid),
        noSites: null,
        compareEvaluator: null,
      };
      reply({ kind: 'ready', gridMs: performance.now() - t0, cells: grid.cols * grid.rows, cellM: grid.cellM });
      break;
    }
    case 'sites':
      if ('replace' in m.ops) {
        sites.clear();
        for (const site of m.ops.replace) sites.set(site.id, site);
      } else {
        for (const id of m.ops.remove) sites.delete(id);
        for (const site of m.ops.upsert) sites.set(site.id, site);
      }
      revision = m.revision;
      break;
    case 'assumptions':
      assumptions = m.values;
      revision = m.revision;
      break;
    case 'view':
      viewId = m.viewId;
      mode = m.mode;
      revision = m.revision;
      break;
    case 'compare':
      compareSites = m.sites ? new Map(m.sites.map((site) => [site.id, site])) : null;
      revision = m.revision;
      break;
  }
  schedule();
};
