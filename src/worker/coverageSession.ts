/**
 * The coverage worker's state and its compute step, as a plain class (no postMessage), so that the
 * step is unit-tested and the CLI can measure exactly what the app's coverage table shows.
 *
 * It mirrors the UI's sites (applied as edits), keeps one distance field per facility-type set up to
 * date by local updates (an {@link EnginePool}, released per round when not needed), evaluates every
 * plan target, measures the chosen coverage layer on land and on the polygon for every district and
 * zone, and paints the tiles of its picture that changed since the last answer.
 *
 * Residents (issue #15): `setPopulation` spreads a population input (the district census by default,
 * or a loaded raster / polygons) over the grid once; every breakdown then carries the residents each
 * rule reaches. The layer is built here because the grid is here; a drag re-reads it, never rebuilds it.
 */
import { CheckerMemo, evaluateTargets, type LandAreaOf, type TargetCheck } from '../domain/checker';
import { allTargets, planPeriods, type Target } from '../domain/plan';
import { periodYears, sitesAsOf, type Period } from '../domain/siteYear';
import { BUNDLED_PLANS } from '../domain/bundledPlans';
import { coverageViews, resolveViewRule, type CoverageView } from '../domain/coverageViews';
import { createScopeIndex, type ScopeIndex, type ScopeSources } from '../domain/scopes';
import type { Site } from '../domain/site';
import { ruleReachKm } from '../domain/serviceRule';
import { buildGrid, type AreaGeometry, type CoverageGrid, type GridSources } from '../coverage/grid';
import { breakdownOf, gridSourcesFrom, regionOf, type CoverTest, type CoverageEngine } from '../coverage/engine';
import { createRadiusEvaluator, facilityKey, type RadiusEvaluatorWithPool } from '../coverage/radiusEvaluator';
import { differenceBreakdown } from '../coverage/difference';
import { isBlank, paintTile, pictureTiles, tilesInBox, type Painter, type PictureTile } from '../coverage/picture';
import { DISTANCE_RAMP, GAP_RGBA, ONLY_A_RGBA, ONLY_B_RGBA } from '../coverage/pictureColours';
import { groundRadiusM } from '../domain/serviceRule';
import { buildPopulationLayer, PopulationError, type PopulationLayer } from '../coverage/population';
import { capacityBreakdown } from '../coverage/capacity';
import type { PopulationInput } from '../domain/population';
import type { CompareCoverage, GapPatchesAnswer, PictureUpdate, PopulationStatus, TargetTimeline, ViewCoverage } from './coverageProtocol';
import { gapPatches } from '../coverage/gapPatches';
import { SessionInputs } from './sessionInputs';

export interface SessionSources extends ScopeSources {
  /** The land layer: shares on land count only ground inside it. */
  land?: { features: ReadonlyArray<{ geometry: AreaGeometry }> };
  /** Townships (public/data/townships.geojson or a user's file): every breakdown then has them too. */
  townships?: { features: ReadonlyArray<{ geometry: AreaGeometry; properties: { code: string } }> };
}

export interface SessionUpdate {
  results: TargetCheck[];
  view: ViewCoverage | null;
  /** What changed in the picture since the last update (null: nothing). */
  picture: PictureUpdate | null;
  compare: CompareCoverage | null;
  /** The residents layer the figures use (null: none set), or why the last one asked for could not be set. */
  population: PopulationStatus | null;
  /** Each count target's value at the end of each year of its plan's period; null when no site has a year. */
  timeline: TargetTimeline[] | null;
  timings: { syncMs: number; checkerMs: number; paintMs: number; totalMs: number };
  /** True when the picture of this update is painted apart, by `paintDeferred` (see `compute`). */
  pictureFollows: boolean;
}

interface ViewField {
  test: CoverTest;
  sites: number;
  /** The layer's sites (those of its facility types). */
  list: readonly Site[];
  /** The engine holding the sites (null for a layer with no sites: nothing is held). */
  engine: CoverageEngine | null;
}

/** What the session's grid is built from. */
export function sessionGridSources(sources: SessionSources): GridSources {
  return gridSourcesFrom(sources.districts, sources.zones, sources.outerRing, sources.land, sources.townships);
}

/** The land area of a target's scope from the grid's regions (null for places without a polygon). */
function landAreaFrom(grid: CoverageGrid): LandAreaOf {
  return (district, scope) => {
    if (scope.kind === 'place') return null;
    const region = scope.kind === 'zone' ? grid.zones.get(scope.zone) : grid.districts.get(district);
    if (!region) return null;
    if (scope.kind === 'ring') return scope.ring === 'inside' ? region.landInsideKm2 : region.landOutsideKm2;
    return region.landKm2;
  };
}

export class CoverageSession extends SessionInputs {
  readonly grid: CoverageGrid;
  readonly tiles: PictureTile[];
  readonly targets: Target[];
  readonly views: ReadonlyMap<string, CoverageView>;
  private readonly scopes: ScopeIndex;
  private readonly evaluator: RadiusEvaluatorWithPool;
  private readonly landArea: LandAreaOf;
  private compareEvaluator: RadiusEvaluatorWithPool | null = null;
  /** The checker's lists and counts from the last computation, patched by the next (see EvaluateOptions.memo). */
  private readonly checkerMemo = new CheckerMemo();
  private compareMemo: CheckerMemo | null = null;
  /** What the picture last sent shows; a change of any part repaints every tile. */
  private pictureKey: string | null = null;
  private pictureEngines: [CoverageEngine | null, CoverageEngine | null] = [null, null];
  private compareVersion = 0;
  private population: PopulationLayer | null = null;
  private populationStatus: PopulationStatus | null = null;
  /** How many of `populationAsked` are spread; which of them is the held layer's (null: none). */
  private populationSpread = 0;
  private populationTaken: number | null = null;
  /** Each plan's period by district, for "new" counts and the timeline. */
  private readonly periods: ReadonlyMap<string, Period>;
  /** The coverage layer's field in the last `compute` (what `patches` measures). */
  private lastField: { viewId: string; field: ViewField } | null = null;
  /** Whether a picture with something on it has gone out (until then a whole picture may come apart). */
  private pictureDrawn = false;
  /** The whole picture `compute` left to `paintDeferred` (null: none left). */
  private deferredPaint: { todo: PictureTile[]; painter: Painter; head: Omit<PictureUpdate, 'tiles'> } | null = null;

  /**
   * @param options.grid the grid of `sessionGridSources(sources)` at `cellM`, already built or read
   *   back (src/worker/gridSupply.ts); without it the session builds it
   * @param options.inputs what was asked before the session was made (taken over; spread later)
   */
  constructor(sources: SessionSources, options: { cellM: number; grid?: CoverageGrid; targets?: Target[]; periods?: ReadonlyMap<string, Period>; inputs?: SessionInputs }) {
    super();
    if (options.inputs) this.takeInputs(options.inputs);
    this.grid = options.grid ?? buildGrid(sessionGridSources(sources), { cellM: options.cellM });
    this.tiles = pictureTiles(this.grid);
    this.targets = options.targets ?? allTargets(BUNDLED_PLANS);
    this.periods = options.periods ?? planPeriods(BUNDLED_PLANS);
    this.views = new Map(coverageViews(this.targets).map((v) => [v.id, v]));
    this.scopes = createScopeIndex(sources);
    this.evaluator = createRadiusEvaluator(this.grid, undefined, () => this.population);
    this.landArea = landAreaFrom(this.grid);
  }

  /** Compare with another scenario's sites (null ends the comparison and releases its fields). */
  override setCompare(sites: readonly Site[] | null): void {
    super.setCompare(sites);
    this.compareVersion++;
  }

  /**
   * Residents for every figure from now on: the input spread over this grid (null: none). An input
   * the grid cannot take (negative counts, nobody in the districts) keeps the layer held before and
   * says why in the status.
   * @returns the status the next updates carry
   */
  setPopulation(input: PopulationInput | null): PopulationStatus | null {
    this.askPopulation(input);
    this.spreadAskedPopulation();
    return this.populationStatus;
  }

  /**
   * As setPopulation, but the input is spread by the next `compute` (or read of the layer): the
   * worker looks up a kept answer first (a city census spread takes a fifth of a second).
   */
  override askPopulation(input: PopulationInput | null): void {
    super.askPopulation(input);
    if (input === null) {
      this.population = null;
      this.populationStatus = null;
      this.populationSpread = 0;
      this.populationTaken = null;
    }
  }

  /** Spreads the inputs asked and not yet spread, in order (the last taken is the layer, the last asked gives the status). */
  private spreadAskedPopulation(): void {
    while (this.populationSpread < this.populationAsked.length) {
      const input = this.populationAsked[this.populationSpread]!;
      const t0 = performance.now();
      try {
        this.population = buildPopulationLayer(this.grid, input);
        this.populationStatus = { source: input.source, report: this.population.report, error: null, problem: null, buildMs: performance.now() - t0 };
        // What came before no longer counts: the layer and the status are this input's.
        this.populationAsked.splice(0, this.populationSpread);
        this.populationTaken = 0;
        this.populationSpread = 1;
      } catch (e) {
        if (!(e instanceof PopulationError)) throw e;
        this.populationStatus = { source: input.source, report: null, error: e.message, problem: e.problem, buildMs: performance.now() - t0 };
        // The layer stays the one taken before; of the refused, only this last one's status counts.
        const kept = this.populationTaken === null ? [] : [this.populationAsked[this.populationTaken]!];
        this.populationAsked.splice(0, this.populationSpread + 1, ...kept, input);
        this.populationTaken = kept.length > 0 ? 0 : null;
        this.populationSpread = kept.length + 1;
      }
    }
  }

  /** The residents layer in use (null: none). */
  get populationLayer(): PopulationLayer | null {
    this.spreadAskedPopulation();
    return this.population;
  }

  /** The engines held now (key and cap, m): what the session costs in memory, for the tests and a status line. */
  heldEngines(): Array<{ key: string; capM: number }> {
    const pool = this.evaluator.pool;
    return pool.keys.map((key) => ({ key, capM: pool.capOf(key)! }));
  }

  /** The layer's cover test for one site list, from its pool (no engine for a layer without sites). */
  private viewField(evaluator: RadiusEvaluatorWithPool, list: readonly Site[], view: CoverageView, rule: NonNullable<ReturnType<typeof resolveViewRule>>): ViewField {
    const types = new Set<string>(view.facilities);
    const own = list.filter((site) => types.has(site.type));
    if (own.length === 0) {
      return { test: { dist: null, own: null, insideM: groundRadiusM(rule, 'inside'), outsideM: groundRadiusM(rule, 'outside') }, sites: 0, list: own, engine: null };
    }
    // The distance picture shades to twice the radius, so its field reaches that far.
    const factor = this.mode === 'distance' && evaluator === this.evaluator ? 2 : 1;
    const engine = evaluator.pool.engineFor(facilityKey(view.facilities), own, { radiusM: ruleReachKm(rule) * 1000, factor });
    return { test: engine.coverTest(rule), sites: own.length, list: own, engine };
  }

  /**
   * The figures, and the picture's changed tiles.
   * @param computeOptions.firstPictureApart the first whole picture (nothing drawn yet: the app's start) is
   *   left to `paintDeferred`, so the figures go out first: painting every tile of the city takes as
   *   long as the first check. Later pictures ride with their figures, so what the map draws is what
   *   the panels count. A picture left unpainted when the next `compute` comes is painted by that one.
   */
  compute(computeOptions: { firstPictureApart?: boolean } = {}): SessionUpdate {
    const t0 = performance.now();
    this.spreadAskedPopulation();
    if (this.deferredPaint) {
      // Left unpainted (a newer computation came first): this one paints the whole picture.
      this.deferredPaint = null;
      this.pictureKey = null;
    }
    const all = [...this.sites.values()];
    const list = sitesAsOf(all, this.asOf);
    const view = this.viewId === null ? undefined : this.views.get(this.viewId);
    const rule = view ? resolveViewRule(view, this.assumptions) : null;
    this.evaluator.pool.beginRound();
    // The view's field first, so the checker's service-radius rows find it already synced.
    const field = view && rule ? this.viewField(this.evaluator, list, view, rule) : null;
    const t1 = performance.now();
    const options = { assumptions: this.assumptions, landAreaKm2: this.landArea, periods: this.periods, asOf: this.asOf };
    const results = evaluateTargets(this.targets, list, this.scopes, { ...options, radiusEvaluator: this.evaluator, memo: this.checkerMemo });
    this.evaluator.pool.endRound();
    const t2 = performance.now();

    // The compared scenario: its own pool of fields on the same grid, so both are measured alike.
    let compare: CompareCoverage | null = null;
    let fieldB: ViewField | null = null;
    if (this.compareSites) {
      this.compareEvaluator ??= createRadiusEvaluator(this.grid, undefined, () => this.population);
      const listB = sitesAsOf([...this.compareSites.values()], this.asOf);
      this.compareEvaluator.pool.beginRound();
      fieldB = view && rule ? this.viewField(this.compareEvaluator, listB, view, rule) : null;
      this.compareMemo ??= new CheckerMemo();
      const resultsB = evaluateTargets(this.targets, listB, this.scopes, { ...options, radiusEvaluator: this.compareEvaluator, memo: this.compareMemo });
      this.compareEvaluator.pool.endRound();
      compare = {
        results: resultsB,
        view: view && rule && fieldB ? this.viewCoverage(view.id, rule, fieldB) : null,
        difference: rule && field && fieldB ? differenceBreakdown(this.grid, field.test, fieldB.test) : null,
      };
    } else {
      this.compareEvaluator = null; // release the compared scenario's fields
      this.compareMemo = null;
    }

    const viewCoverage: ViewCoverage | null = view && rule && field ? this.viewCoverage(view.id, rule, field) : null;
    const apart = computeOptions.firstPictureApart === true && !this.pictureDrawn;
    const picture = this.paint(view ?? null, rule, field, fieldB, apart);
    this.lastField = view && field ? { viewId: view.id, field } : null;
    const t3 = performance.now();
    return {
      results,
      view: viewCoverage,
      picture,
      compare,
      population: this.populationStatus,
      timeline: this.timeline(all),
      timings: { syncMs: t1 - t0, checkerMs: t2 - t1, paintMs: t3 - t2, totalMs: t3 - t0 },
      pictureFollows: this.deferredPaint !== null,
    };
  }

  /** The whole picture the last `compute` left apart (null when it left none); call before the next `compute`. */
  paintDeferred(): PictureUpdate | null {
    const deferred = this.deferredPaint;
    this.deferredPaint = null;
    if (!deferred) return null;
    this.pictureDrawn = true;
    return { ...deferred.head, tiles: this.paintTiles(deferred.todo, deferred.painter, true) };
  }

  /**
   * Each count target's value as of the end of each year of its plan's period (the as-of control
   * aside): the sites built by then, counted as the scorecard counts them. Null when no site has a
   * year — then every year would show today's figure.
   */
  private timeline(all: readonly Site[]): TargetTimeline[] | null {
    if (!all.some((s) => s.year !== undefined)) return null;
    const counts = this.targets.filter((t) => t.metric === 'count' && this.periods.has(t.district));
    const years = [...new Set(counts.flatMap((t) => periodYears(this.periods.get(t.district)!)))].sort((a, b) => a - b);
    const byYear = new Map(years.map((y) => [y, evaluateTargets(counts, sitesAsOf(all, y), this.scopes, { periods: this.periods, asOf: y })]));
    return counts.map((t, i) => ({
      targetId: t.id,
      points: periodYears(this.periods.get(t.district)!).map((year) => {
        const r = byYear.get(year)![i]!;
        return { year, current: r.current, status: r.status };
      }),
    }));
  }

  /**
   * The layer's unserved patches by residents in the area asked (src/coverage/gapPatches.ts), for the
   * sites of the last `compute` (null: no area asked, no layer, or no residents layer). Apart from
   * `compute`, so the worker can send it once edits pause: a big area takes a second. `limit`: how
   * many patches are listed (the app's list: 10; the CLI's --gaps).
   */
  patches(limit = 10): GapPatchesAnswer | null {
    const last = this.lastField;
    if (!last) return null;
    const { viewId, field } = last;
    const area = this.patchArea;
    const region = area ? regionOf(this.grid, area) : undefined;
    if (!area || !region || !this.population) return null;
    const t0 = performance.now();
    const list = gapPatches(this.grid, field.test, region, this.population, limit);
    return { viewId, area, list, ms: performance.now() - t0 };
  }

  /** The layer's figures for one field: its breakdown, with residents when a layer is set. */
  private viewCoverage(viewId: string, rule: NonNullable<ReturnType<typeof resolveViewRule>>, field: ViewField): ViewCoverage {
    const layer = this.population;
    return {
      viewId,
      rule,
      sites: field.sites,
      breakdown: breakdownOf(this.grid, rule, field.test, layer),
      ...(layer ? { population: { source: layer.source, report: layer.report } } : {}),
      // Units against residents only where the sites say how many units they hold.
      ...(this.capacity && layer && field.list.some((s) => s.capacity !== undefined) ? { capacity: capacityBreakdown(this.grid, layer, rule, field.list) } : {}),
    };
  }

  /** The picture's changed tiles: all of them when what it shows changed, else those the edits touched. */
  private paint(view: CoverageView | null, rule: ReturnType<typeof resolveViewRule>, field: ViewField | null, fieldB: ViewField | null, apart = false): PictureUpdate | null {
    const engines: [CoverageEngine | null, CoverageEngine | null] = [field?.engine ?? null, fieldB?.engine ?? null];
    // Take the engines' dirty boxes every round, so that a later partial repaint sees only new edits.
    const dirtyA = engines[0]?.takeDirty() ?? null;
    const dirtyB = engines[1]?.takeDirty() ?? null;
    const showing = view && rule && field && this.mode !== 'none';
    const mode = !showing ? 'none' : fieldB ? 'difference' : this.mode;
    const key = JSON.stringify([view?.id ?? null, mode, this.ground, rule, fieldB ? this.compareVersion : null]);
    const full = key !== this.pictureKey || engines[0] !== this.pictureEngines[0] || engines[1] !== this.pictureEngines[1];
    this.pictureKey = key;
    this.pictureEngines = engines;
    if (!showing || mode === 'none') {
      return full ? { viewId: view?.id ?? null, mode: 'none', ground: this.ground, full: true, tiles: [] } : null;
    }
    let painter: Painter;
    if (mode === 'difference') painter = { mode, ground: this.ground, a: field.test, b: fieldB!.test, onlyA: ONLY_A_RGBA, onlyB: ONLY_B_RGBA };
    else if (mode === 'distance') painter = { mode, ground: this.ground, test: field.test, ramp: DISTANCE_RAMP };
    else painter = { mode: 'gaps', ground: this.ground, test: field.test, colour: GAP_RGBA };
    let todo: PictureTile[];
    if (full) todo = this.tiles;
    else {
      const boxes = [dirtyA, dirtyB].filter((b) => b !== null);
      if (boxes.length === 0) return null;
      const seen = new Set<number>();
      todo = boxes.flatMap((b) => tilesInBox(this.tiles, b)).filter((t) => !seen.has(t.id) && (seen.add(t.id), true));
    }
    const head: Omit<PictureUpdate, 'tiles'> = { viewId: view.id, mode, ground: this.ground, full };
    if (apart && full) {
      this.deferredPaint = { todo, painter, head };
      return null;
    }
    this.pictureDrawn = true;
    return { ...head, tiles: this.paintTiles(todo, painter, full) };
  }

  private paintTiles(todo: readonly PictureTile[], painter: Painter, full: boolean): PictureUpdate['tiles'] {
    const tiles: PictureUpdate['tiles'] = [];
    for (const tile of todo) {
      const rgba = paintTile(this.grid, tile, painter);
      const blank = isBlank(rgba);
      // A full picture lists only tiles with something to show; a partial one also clears tiles gone blank.
      if (blank && full) continue;
      tiles.push({ id: tile.id, rgba: blank ? null : (rgba.buffer as ArrayBuffer) });
    }
    return tiles;
  }
}
