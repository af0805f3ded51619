/**
 * A coverage engine that follows a site list by difference.
 *
 * The UI (and the checker in the worker) hands over the whole current list of sites of a type after
 * every edit; re-stamping 10,000 sites for one dragged site would cost ~100 ms, so `sync` compares
 * the list with what the engine holds and applies only the adds, moves and removes — each touches
 * only the cells within the cap of that site. When most of the list changed (a new file loaded), a
 * full recompute is cheaper than many local updates and is done instead.
 */
import type { SitePoint } from './distance';
import type { CoverageGrid } from './grid';
import { CoverageEngine } from './engine';

export interface SyncReport {
  added: number;
  moved: number;
  removed: number;
  /** True when the engine recomputed every cell instead of updating locally. */
  full: boolean;
}

/** Above this share of the list changed, one full recompute beats many local updates. */
const FULL_RECOMPUTE_SHARE = 0.2;

export class SyncedEngine {
  readonly engine: CoverageEngine;
  private held = new Map<string, { lon: number; lat: number }>();

  constructor(grid: CoverageGrid, maxDistanceM: number) {
    this.engine = new CoverageEngine(grid, { maxDistanceM });
  }

  get size(): number {
    return this.held.size;
  }

  /** Makes the engine hold exactly `sites` (ids unique; a repeated id: the last wins). */
  sync(sites: readonly SitePoint[]): SyncReport {
    const next = new Map<string, { lon: number; lat: number }>();
    for (const s of sites) next.set(s.id, { lon: s.lon, lat: s.lat });

    const changed: SitePoint[] = [];
    const added: SitePoint[] = [];
    for (const [id, p] of next) {
      const old = this.held.get(id);
      if (!old) added.push({ id, ...p });
      else if (old.lon !== p.lon || old.lat !== p.lat) changed.push({ id, ...p });
    }
    const removed: string[] = [];
    for (const id of this.held.keys()) if (!next.has(id)) removed.push(id);

    const edits = added.length + changed.length + removed.length;
    const report: SyncReport = { added: added.length, moved: changed.length, removed: removed.length, full: false };
    if (edits === 0) return report;
    if (edits > FULL_RECOMPUTE_SHARE * Math.max(next.size, this.held.size) && edits > 8) {
      this.engine.setSites([...next].map(([id, p]) => ({ id, ...p })));
      report.full = true;
    } else {
      for (const id of removed) this.engine.removeSite(id);
      for (const s of changed) this.engine.moveSite(s.id, s.lon, s.lat);
      for (const s of added) this.engine.addSite(s);
    }
    this.held = next;
    return report;
  }
}

/**
 * One synced engine per facility-type set (sites of the charging types, of the 5G types, …), created
 * when first asked for and rebuilt with a larger cap when a rule needs a longer radius. Each engine
 * holds two 4-byte arrays per cell (~56 MB for the whole city at 50 m), so sets without sites get none.
 */
export class EnginePool {
  private readonly engines = new Map<string, SyncedEngine>();

  constructor(readonly grid: CoverageGrid) {}

  /** The engine for `key` holding `sites`, with a cap of at least `needM` metres (rounded up to 0.5 km). */
  engineFor(key: string, sites: readonly SitePoint[], needM: number): CoverageEngine {
    const capM = Math.max(500, Math.ceil(needM / 500) * 500);
    let synced = this.engines.get(key);
    if (!synced || synced.engine.maxDistanceM < capM) {
      synced = new SyncedEngine(this.grid, capM);
      this.engines.set(key, synced);
    }
    synced.sync(sites);
    return synced.engine;
  }

  /** Drops engines whose key is not in `keep` (frees their memory). */
  retain(keep: ReadonlySet<string>): void {
    for (const key of [...this.engines.keys()]) if (!keep.has(key)) this.engines.delete(key);
  }

  get keys(): string[] {
    return [...this.engines.keys()];
  }
}
