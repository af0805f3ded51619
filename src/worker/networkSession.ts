/**
 * What the network worker holds: the coverage grid, the road network prepared on it, one
 * NetworkEngine, and the sites (kept so that a new road file measures them at once). Pure (no
 * worker API): the worker wraps it with Comlink, the tests drive it directly.
 */
import { buildGrid, COUNT_LAND_IN, COUNT_LAND_OUT, type CoverageGrid, type GridSources } from '../coverage/grid';
import { unionBox, type CellBox } from '../coverage/cellBox';
import { breakdownOf, CoverageEngine, regionCoverageOf, type CoverageRule, type CoverTest, type EngineSite } from '../coverage/engine';
import { regionAndRule } from '../coverage/radiusEvaluator';
import { pictureTiles, tilesInBox, type PictureTile } from '../coverage/picture';
import type { CoverageBreakdown } from '../domain/coverageResults';
import { ruleReachKm, type Ground } from '../domain/serviceRule';
import { contextOf, type NetworkContext } from '../network/context';
import { buildGraph } from '../network/graph';
import { NetworkEngine } from '../network/networkEngine';
import { isBlank, NETWORK_PICTURE_LAYERS, networkExtent, paintNetworkTile, tileMeetsBox } from '../network/networkPictures';
import { cellAt, routeFromCell } from '../network/route';
import { NodeSearch } from '../network/search';
import { checkRoadFileSize, readRoadFile, roadFormatOf } from '../network/readRoadFile';
import { RoadFileError } from '../network/roads';
import type { NetworkAnswer, NetworkChange, NetworkFieldPatch, NetworkHover, NetworkPhase, NetworkPictureUpdate, NetworkTarget, ProposalReach, RoadLoadError, RoadSummary } from './networkProtocol';
import { coveredAt } from '../coverage/engine';
import type { Crs } from '../io/crs';
import { convertRoads, roadCrsOf } from './roadCrs';

/** Cap (m) of the fields when no rule is set yet. */
const DEFAULT_CAP_M = 1500;

export interface LoadOptions {
  mode: 'walk' | 'drive';
  /** The file's coordinate system; 'auto' or absent: the file's `crs` member or a name hint, else WGS-84. */
  crs?: Crs | 'auto';
  snapM?: number;
  maxDistanceM?: number;
  onProgress?: (phase: NetworkPhase, fraction: number) => void;
}

export class NetworkSession {
  readonly grid: CoverageGrid;
  /** The coverage picture's tiles on this grid (the same layout as the coverage worker's). */
  readonly tiles: PictureTile[];
  private engine: NetworkEngine | null = null;
  /** The same sites by straight-line distance, for the picture of what the circle overstates. */
  private straight: CoverageEngine | null = null;
  private readonly sites = new Map<string, EngineSite>();
  private rule: CoverageRule | null = null;
  private ground: Ground = 'land';
  /** Ground the network reaches (computed once per road file). */
  private reached: CoverageBreakdown | null = null;
  private extent: CellBox | null = null;
  private routeSearch: NodeSearch | null = null;
  /** What the pictures last sent show; a change repaints them whole. */
  private pictureKey: string | null = null;
  /** The coverage layer's service-radius targets, measured by network distance in each answer. */
  private targets: NetworkTarget[] = [];
  /** The compared scenario's sites (null: no comparison) and their engine (built whole when they, the rule or the roads change). */
  private compareSites: EngineSite[] | null = null;
  private compareEngine: NetworkEngine | null = null;

  /** @param grid the grid of `sources` at `cellM` when already at hand (read back: src/worker/gridSupply.ts); else built here */
  constructor(sources: GridSources, cellM: number, grid?: CoverageGrid) {
    this.grid = grid ?? buildGrid(sources, { cellM });
    this.tiles = pictureTiles(this.grid);
  }

  /** The fields' cap: the rule's reach (the CLI's), or 1.5 km before a rule is set. */
  private capM(): number {
    return this.rule ? Math.max(1, ruleReachKm(this.rule) * 1000) : DEFAULT_CAP_M;
  }

  /** Refuses a file over its format's limit before it is read; null when it may be read. */
  static checkSize(fileName: string, bytes: number, head?: Uint8Array): RoadLoadError | null {
    const format = roadFormatOf(fileName, head);
    if (!format) return null; // the reader says what is wrong
    try {
      checkRoadFileSize(fileName, format, bytes);
      return null;
    } catch (e) {
      return asLoadError(e);
    }
  }

  /** Reads a road file's bytes, builds the graph, and measures the held sites on it. */
  load(fileName: string, bytes: Uint8Array, options: LoadOptions): { summary: RoadSummary } | { error: RoadLoadError } {
    const t0 = performance.now();
    const progress = options.onProgress;
    try {
      const read = readRoadFile(fileName, bytes, { onProgress: (f) => progress?.('parsing', f) });
      const crs = roadCrsOf(fileName, bytes, options.crs);
      const roads = convertRoads(read, crs.crs);
      progress?.('graph', 0);
      const graph = buildGraph(roads, options.mode, this.grid.projection);
      if (graph.edgeCount === 0) throw new RoadFileError(fileName, 'no-highways', `no road in it is open to ${options.mode === 'walk' ? 'walking' : 'driving'}`);
      progress?.('graph', 0.5);
      const ctx = contextOf(this.grid, graph, options.snapM === undefined ? {} : { snapM: options.snapM });
      this.startEngines(ctx, options.maxDistanceM ?? this.capM());
      this.reached = reachedBreakdown(ctx);
      this.extent = networkExtent(ctx);
      this.routeSearch = null;
      this.pictureKey = null;
      progress?.('graph', 1);
      let length = 0;
      for (const l of graph.edgeLen) length += l;
      return {
        summary: {
          fileName,
          bytes: bytes.length,
          mode: options.mode,
          ways: roads.wayStart.length - 1,
          nodes: graph.nodeCount,
          edges: graph.edgeCount,
          lengthKm: length / 1000,
          highwayCounts: roads.highwayCounts,
          joinedCells: ctx.joins.cell.length,
          studyCells: this.grid.study.cells.length,
          notes: roads.notes,
          buildMs: performance.now() - t0,
          crs: crs.crs,
          crsFrom: crs.from,
        },
      };
    } catch (e) {
      return { error: asLoadError(e) };
    }
  }

  get hasRoads(): boolean {
    return this.engine !== null;
  }

  clearRoads(): void {
    this.engine = null;
    this.straight = null;
    this.compareEngine = null;
    this.reached = null;
    this.extent = null;
    this.routeSearch = null;
    this.pictureKey = null;
  }

  /** Both engines on `ctx` with cap `capM`, measuring the sites held. */
  private startEngines(ctx: NetworkContext, capM: number): void {
    const list = [...this.sites.values()];
    this.engine = new NetworkEngine(ctx, { maxDistanceM: capM });
    this.engine.setSites(list);
    this.straight = new CoverageEngine(this.grid, { maxDistanceM: capM });
    this.straight.setSites(list);
    this.compareEngine = null;
  }

  /** The compared sites' engine on the roads in use (built whole on first need after a change). */
  private compared(): NetworkEngine | null {
    if (!this.engine || !this.compareSites) return null;
    if (!this.compareEngine) {
      this.compareEngine = new NetworkEngine(this.engine.ctx, { maxDistanceM: this.engine.maxDistanceM });
      this.compareEngine.setSites(this.compareSites);
    }
    return this.compareEngine;
  }

  /** Each target's land share covered by `engine`'s network distances (targets whose scope has no region on the grid are left out). */
  private targetShares(engine: NetworkEngine): Record<string, number> {
    const out: Record<string, number> = {};
    for (const spec of this.targets) {
      const found = regionAndRule(this.grid, spec);
      if (!found) continue;
      const reach = Math.max(found.rule.insideKm ?? 0, found.rule.outsideKm ?? 0) * 1000;
      if (reach > engine.maxDistanceM) continue; // beyond the fields' cap: not measured, not claimed
      out[spec.target.id] = regionCoverageOf(this.grid, found.region, found.rule, engine.coverTest(found.rule)).land.share;
    }
    return out;
  }

  setSites(sites: readonly EngineSite[]): NetworkFieldPatch {
    const t0 = performance.now();
    this.replaceSites(sites);
    return this.patch(t0);
  }

  editSites(upsert: readonly EngineSite[], remove: readonly string[]): NetworkFieldPatch {
    const t0 = performance.now();
    this.changeSites(upsert, remove);
    return this.patch(t0);
  }

  private replaceSites(sites: readonly EngineSite[]): void {
    this.sites.clear();
    for (const s of sites) this.sites.set(s.id, s);
    this.engine?.setSites(sites);
    this.straight?.setSites(sites);
  }

  /** Removals first, then upserts: a known id with the same radius moves (one site's search), else it is added. */
  private changeSites(upsert: readonly EngineSite[], remove: readonly string[]): void {
    for (const id of remove) {
      this.sites.delete(id);
      this.engine?.removeSite(id);
      this.straight?.removeSite(id);
    }
    for (const s of upsert) {
      const old = this.sites.get(s.id);
      this.sites.set(s.id, s);
      if (!this.engine || !this.straight) continue;
      if (old && old.radiusKm === s.radiusKm) {
        this.engine.moveSite(s.id, s.lon, s.lat);
        this.straight.moveSite(s.id, s.lon, s.lat);
      } else {
        this.engine.addSite(s);
        this.straight.addSite(s);
      }
    }
  }

  /**
   * Applies a change of sites, rule or ground and answers the figures and the pictures' changed
   * tiles. A rule with another reach restarts the engines at that cap (a full computation).
   */
  update(change: NetworkChange): NetworkAnswer {
    const t0 = performance.now();
    if (change.sites) {
      if ('replace' in change.sites) this.replaceSites(change.sites.replace);
      else this.changeSites(change.sites.upsert, change.sites.remove);
    }
    if (change.ground) this.ground = change.ground;
    if (change.targets) this.targets = change.targets;
    if (change.compare !== undefined) {
      this.compareSites = change.compare;
      this.compareEngine = null;
    }
    if (change.rule !== undefined) {
      this.rule = change.rule;
      if (this.engine && this.engine.maxDistanceM !== this.capM()) this.startEngines(this.engine.ctx, this.capM());
    }
    const engine = this.engine;
    const rule = this.rule;
    const breakdown = engine && rule ? breakdownOf(this.grid, rule, engine.coverTest(rule)) : null;
    const other = rule ? this.compared() : null;
    return {
      breakdown,
      reached: engine ? this.reached : null,
      picture: this.paint(),
      sites: this.sites.size,
      targets: engine && rule ? this.targetShares(engine) : null,
      compareTargets: other ? this.targetShares(other) : null,
      compareBreakdown: other && rule ? breakdownOf(this.grid, rule, other.coverTest(rule)) : null,
      ms: performance.now() - t0,
    };
  }

  /** The pictures' tiles that changed: every tile over the road file's extent when what they show changed, else those the edits touched. */
  private paint(): NetworkPictureUpdate | null {
    const engine = this.engine;
    const straight = this.straight;
    const dirty = unionBox(engine?.takeDirty() ?? null, straight?.takeDirty() ?? null);
    const key = JSON.stringify([engine ? engine.ctx.joins.snapM : null, engine?.maxDistanceM ?? null, this.rule, this.ground, this.extent]);
    const full = key !== this.pictureKey;
    this.pictureKey = key;
    if (!engine || !straight || !this.rule || !this.extent) return full ? { full: true, tiles: [] } : null;
    if (!full && !dirty) return null;
    const extent = this.extent;
    const network = engine.coverTest(this.rule);
    const line: CoverTest = straight.coverTest(this.rule);
    const todo = (full ? this.tiles : tilesInBox(this.tiles, dirty!)).filter((t) => tileMeetsBox(t, extent));
    const tiles: NetworkPictureUpdate['tiles'] = [];
    for (const tile of todo) {
      for (const layer of NETWORK_PICTURE_LAYERS) {
        const rgba = paintNetworkTile(this.grid, tile, layer, network, line, this.ground, extent);
        const blank = isBlank(rgba);
        if (blank && full) continue;
        tiles.push({ id: tile.id, layer, rgba: blank ? null : (rgba.buffer as ArrayBuffer) });
      }
    }
    return { full, tiles };
  }

  /**
   * The route from the cell under (lon, lat) to the site that serves it best along the network: the
   * nearest rule site (within the fields' cap) or the own-radius site with the least distance / its
   * radius (within its radius), whichever is nearer; null without roads.
   */
  route(lon: number, lat: number): NetworkHover | null {
    const engine = this.engine;
    if (!engine) return null;
    const ctx = engine.ctx;
    const k = cellAt(ctx, lon, lat);
    if (k < 0 || ctx.joins.joinOf[k]! < 0) return { kind: 'off-network', snapM: ctx.joins.snapM };
    this.routeSearch ??= new NodeSearch(ctx.graph, { predecessors: true });
    const found: Array<{ distanceM: number; siteId: string; path: Array<[number, number]>; ownRadiusM?: number }> = [];
    const ruleId = engine.nearestSiteOf(k);
    const ruleSite = ruleId === undefined ? undefined : this.sites.get(ruleId);
    if (ruleSite) {
      const r = routeFromCell(ctx, this.routeSearch, k, ruleSite, engine.maxDistanceM);
      // The figure the numbers count (the field's float32), and the line it was measured along.
      if (r) found.push({ distanceM: engine.distanceField()[k]!, siteId: r.siteId, path: r.path });
    }
    const own = engine.nearestOwnSiteOf(k);
    const ownSite = own ? this.sites.get(own.id) : undefined;
    if (own && ownSite) {
      const r = routeFromCell(ctx, this.routeSearch, k, ownSite, own.radiusM * engine.ownCapRatio);
      if (r) found.push({ distanceM: r.distanceM, siteId: r.siteId, path: r.path, ownRadiusM: own.radiusM });
    }
    if (found.length === 0) return { kind: 'beyond-cap', capM: engine.maxDistanceM };
    const best = found.reduce((a, b) => (b.distanceM < a.distanceM ? b : a));
    return { kind: 'route', ...best };
  }

  /**
   * What proposed sites add in one district: its covered land before and with them, by straight
   * line and by network distance (fresh engines with the held sites and the proposed ones, on the
   * same context and cap), and how much of the land they add by straight line is covered on the
   * network with them — cell by cell, weighted by each cell's land in the district, on the cell's
   * own side of the Outer Ring.
   */
  proposal(extra: ReadonlyArray<{ lon: number; lat: number }>, adcode: string): ProposalReach | null {
    const { engine, straight, rule } = this;
    const region = this.grid.districts.get(adcode);
    if (!engine || !straight || !rule || !region) return null;
    const sites = [...this.sites.values(), ...extra.map((p, i) => ({ id: `\u0000proposed-${i}`, lon: p.lon, lat: p.lat }))];
    const net = new NetworkEngine(engine.ctx, { maxDistanceM: engine.maxDistanceM });
    net.setSites(sites);
    const line = new CoverageEngine(this.grid, { maxDistanceM: engine.maxDistanceM });
    line.setSites(sites);
    const km2 = (t: CoverTest) => regionCoverageOf(this.grid, region, rule, t).land.coveredKm2;
    const [lineBefore, lineAfter, netAfter] = [straight.coverTest(rule), line.coverTest(rule), net.coverTest(rule)];
    // The land the proposal adds by straight line that the network covers with it: the region's cells
    // newly covered by the line and covered along the streets, each weighed by its land on its side.
    let reached = 0; // sub-samples of land (16 a cell)
    const { cells, counts } = region;
    for (let i = 0; i < cells.length; i++) {
      const k = cells[i]!;
      for (const inside of [true, false]) {
        if ((inside ? lineAfter.insideM : lineAfter.outsideM) < 0) continue; // a side the rule leaves out
        const land = (inside ? COUNT_LAND_IN : COUNT_LAND_OUT)[counts[i]!]!;
        if (!(land > 0)) continue;
        if (coveredAt(lineAfter, k, inside) && !coveredAt(lineBefore, k, inside) && coveredAt(netAfter, k, inside)) reached += land;
      }
    }
    return {
      straightBeforeKm2: km2(lineBefore),
      straightAfterKm2: km2(lineAfter),
      networkBeforeKm2: km2(engine.coverTest(rule)),
      networkAfterKm2: km2(netAfter),
      addedReachedKm2: (reached * this.grid.cellM * this.grid.cellM) / 1e6 / 16,
    };
  }

  breakdown(rule: CoverageRule): CoverageBreakdown | null {
    return this.engine?.breakdown(rule) ?? null;
  }

  /** The engine's field live (null without roads); for tests and for the worker's own reads. */
  get distanceField(): Float32Array | null {
    return this.engine?.distanceField() ?? null;
  }

  /** The cells changed since the last patch, copied out of the engine's fields. */
  private patch(t0: number): NetworkFieldPatch {
    const box = this.engine?.takeDirty() ?? null;
    if (!this.engine || !box) return { box: null, dist: null, own: null, ms: performance.now() - t0 };
    const own = this.engine.ownRatioField();
    return { box, dist: cut(this.engine.distanceField(), box, this.grid.cols), own: own ? cut(own, box, this.grid.cols) : null, ms: performance.now() - t0 };
  }
}

/**
 * The ground a network reaches: a breakdown whose "covered" is "within the snap distance of a road"
 * (every joined cell at distance 0, the others beyond any radius), counted like every other figure.
 */
export function reachedBreakdown(ctx: NetworkContext): CoverageBreakdown {
  const { grid, joins } = ctx;
  const dist = new Float32Array(grid.cols * grid.rows).fill(Infinity);
  for (let j = 0; j < joins.cell.length; j++) dist[joins.cell[j]!] = 0;
  return breakdownOf(grid, { insideKm: 1, outsideKm: 1 }, { dist, own: null, insideM: 0, outsideM: 0 });
}

/** The cells of `box` of a per-cell array, row by row. */
function cut(field: Float32Array, box: CellBox, cols: number): Float32Array {
  const w = box.c1 - box.c0 + 1;
  const out = new Float32Array(w * (box.r1 - box.r0 + 1));
  for (let r = box.r0; r <= box.r1; r++) out.set(field.subarray(r * cols + box.c0, r * cols + box.c1 + 1), (r - box.r0) * w);
  return out;
}

/** Writes a patch into a whole-grid array (the receiving side's copy). */
export function applyPatch(target: Float32Array, box: CellBox, values: Float32Array, cols: number): void {
  const w = box.c1 - box.c0 + 1;
  for (let r = box.r0; r <= box.r1; r++) target.set(values.subarray((r - box.r0) * w, (r - box.r0 + 1) * w), r * cols + box.c0);
}

function asLoadError(e: unknown): RoadLoadError {
  if (e instanceof RoadFileError) return { problem: e.problem, message: e.message };
  return { problem: 'unreadable', message: e instanceof Error ? e.message : String(e) };
}
