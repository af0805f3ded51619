/**
 * What the network worker holds: the coverage grid, the road network prepared on it, one
 * NetworkEngine, and the sites (kept so that a new road file measures them at once). Pure (no
 * worker API): the worker wraps it with Comlink, the tests drive it directly.
 */
import { buildGrid, type CoverageGrid, type GridSources } from '../coverage/grid';
import type { CellBox } from '../coverage/cellBox';
import type { CoverageRule, EngineSite } from '../coverage/engine';
import type { CoverageBreakdown } from '../domain/coverageResults';
import { contextOf } from '../network/context';
import { buildGraph } from '../network/graph';
import { NetworkEngine } from '../network/networkEngine';
import { checkRoadFileSize, readRoadFile, roadFormatOf } from '../network/readRoadFile';
import { RoadFileError } from '../network/roads';
import type { NetworkFieldPatch, NetworkPhase, RoadLoadError, RoadSummary } from './networkProtocol';

export interface LoadOptions {
  mode: 'walk' | 'drive';
  snapM?: number;
  maxDistanceM?: number;
  onProgress?: (phase: NetworkPhase, fraction: number) => void;
}

export class NetworkSession {
  readonly grid: CoverageGrid;
  private engine: NetworkEngine | null = null;
  private readonly sites = new Map<string, EngineSite>();

  constructor(sources: GridSources, cellM: number) {
    this.grid = buildGrid(sources, { cellM });
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
      const roads = readRoadFile(fileName, bytes, { onProgress: (f) => progress?.('parsing', f) });
      progress?.('graph', 0);
      const graph = buildGraph(roads, options.mode, this.grid.projection);
      if (graph.edgeCount === 0) throw new RoadFileError(fileName, 'no-highways', `no road in it is open to ${options.mode === 'walk' ? 'walking' : 'driving'}`);
      progress?.('graph', 0.5);
      const ctx = contextOf(this.grid, graph, options.snapM === undefined ? {} : { snapM: options.snapM });
      this.engine = new NetworkEngine(ctx, { maxDistanceM: options.maxDistanceM ?? 1500 });
      this.engine.setSites([...this.sites.values()]);
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
  }

  setSites(sites: readonly EngineSite[]): NetworkFieldPatch {
    const t0 = performance.now();
    this.sites.clear();
    for (const s of sites) this.sites.set(s.id, s);
    this.engine?.setSites(sites);
    return this.patch(t0);
  }

  editSites(upsert: readonly EngineSite[], remove: readonly string[]): NetworkFieldPatch {
    const t0 = performance.now();
    for (const id of remove) {
      this.sites.delete(id);
      this.engine?.removeSite(id);
    }
    for (const s of upsert) {
      const old = this.sites.get(s.id);
      this.sites.set(s.id, s);
      if (!this.engine) continue;
      if (old && old.radiusKm === s.radiusKm) this.engine.moveSite(s.id, s.lon, s.lat);
      else this.engine.addSite(s);
    }
    return this.patch(t0);
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
