/**
 * A coverage engine that follows a site list by difference.
 *
 * The UI (and the checker in the worker) hands over the whole current list of sites of a type after
 * every edit; re-stamping 10,000 sites for one dragged site would cost ~100 ms, so `sync` compares
 * the list with what the engine holds and applies only the adds, moves, re-sizes and removes — each
 * touches only the cells within the cap of that site. When most of the list changed (a new file
 * loaded), a full recompute is cheaper than many local updates and is done instead.
 */
import type { CoverageGrid } from './grid';
import { CoverageEngine, type EngineSite } from './engine';

export interface SyncReport {
  added: number;
  moved: number;
  removed: number;
  /** True when the engine recomputed every cell instead of updating locally. */
  full: boolean;
}

/** Above this share of the list changed, one full recompute beats many local updates. */
const FULL_RECOMPUTE_SHARE = 0.2;

interface HeldSite {
  lon: number;
  lat: number;
  radiusKm: number | undefined;
}

const toSite = (id: string, p: HeldSite): EngineSite => ({ id, lon: p.lon, lat: p.lat, ...(p.radiusKm === undefined ? {} : { radiusKm: p.radiusKm }) });

export class SyncedEngine {
  readonly engine: CoverageEngine;
  private held = new Map<string, HeldSite>();
  /** The list of the last sync: the next one is often it with a slot or two replaced (a drag step). */
  private last: readonly EngineSite[] | null = null;

  constructor(grid: CoverageGrid, maxDistanceM: number, ownCapRatio = 1) {
    this.engine = new CoverageEngine(grid, { maxDistanceM, ownCapRatio });
  }

  get size(): number {
    return this.held.size;
  }

  /** Makes the engine hold exactly `sites` (ids unique; a repeated id: the last wins). */
  sync(sites: readonly EngineSite[]): SyncReport {
    const quick = this.syncSlots(sites);
    this.last = sites;
    if (quick) return quick;
    const next = new Map<string, HeldSite>();
    for (const s of sites) next.set(s.id, { lon: s.lon, lat: s.lat, radiusKm: s.radiusKm });

    const changed: EngineSite[] = [];
    const added: EngineSite[] = [];
    for (const [id, p] of next) {
      const old = this.held.get(id);
      if (!old) added.push(toSite(id, p));
      else if (old.lon !== p.lon || old.lat !== p.lat || old.radiusKm !== p.radiusKm) changed.push(toSite(id, p));
    }
    const removed: string[] = [];
    for (const id of this.held.keys()) if (!next.has(id)) removed.push(id);

    const edits = added.length + changed.length + removed.length;
    const report: SyncReport = { added: added.length, moved: changed.length, removed: removed.length, full: false };
    if (edits === 0) return report;
    if (edits > FULL_RECOMPUTE_SHARE * Math.max(next.size, this.held.size) && edits > 8) {
      this.engine.setSites([...next].map(([id, p]) => toSite(id, p)));
      report.full = true;
    } else {
      for (const id of removed) this.engine.removeSite(id);
      // addSite moves, re-sizes, or moves a site between the rule and own-radius fields.
      for (const s of changed) this.engine.addSite(s);
      for (const s of added) this.engine.addSite(s);
    }
    this.held = next;
    return report;
  }

  /**
   * The sync of a list that is the last one with at most a few slots replaced by sites of the same
   * ids: only those are compared and moved — no map of every site is made (at 200,000 sites that
   * cost ~250 ms and its garbage a drag step). Null when the lists differ otherwise.
   */
  private syncSlots(sites: readonly EngineSite[]): SyncReport | null {
    const last = this.last;
    if (!last || last.length !== sites.length || last.length !== this.held.size) return null;
    // The same list again (the checker's filtered lists are kept while nothing in them changed;
    // lists are never changed in place): nothing to do.
    if (last === sites) return { added: 0, moved: 0, removed: 0, full: false };
    const replaced: EngineSite[] = [];
    for (let i = 0; i < sites.length; i++) {
      const s = sites[i]!;
      if (s === last[i]) continue;
      if (s.id !== last[i]!.id || replaced.length >= 32) return null;
      replaced.push(s);
    }
    // Every id of the last list is held (same count, ids unique), so each replaced one is.
    const report: SyncReport = { added: 0, moved: 0, removed: 0, full: false };
    for (const s of replaced) {
      const old = this.held.get(s.id)!;
      if (old.lon === s.lon && old.lat === s.lat && old.radiusKm === s.radiusKm) continue;
      const p: HeldSite = { lon: s.lon, lat: s.lat, radiusKm: s.radiusKm };
      this.held.set(s.id, p);
      this.engine.addSite(toSite(s.id, p));
      report.moved++;
    }
    return report;
  }
}

/** What an engine must reach: the rule's largest radius (m) and how many radii the picture shades (1 or 2). */
export interface EngineNeed {
  radiusM: number;
  /** 1: coverage; 2: the distance picture shades to twice the radius. */
  factor: number;
}

/** The rule sites' cap for a need: `factor × radius`, rounded up to 0.5 km (so small rule changes keep the engine). */
export function capFor(need: EngineNeed): number {
  return Math.max(500, Math.ceil((need.factor * need.radiusM) / 500) * 500);
}

/**
 * One synced engine per facility-type set (sites of the charging types, of the 5G types, …), created
 * when first asked for. Each engine holds two 4-byte arrays per cell (~46 MB for the whole city at
 * 50 m), so a round of work (`beginRound` … `endRound`) releases what it did not use: engines of sets
 * that had no sites, and engines built with a larger cap than the round needed (after the distance
 * picture, whose cap is twice the radius, is switched off — a drag step costs ≈ 4× the cells at the
 * larger cap). A released engine is rebuilt at the right size when next asked for.
 */
export class EnginePool {
  private readonly engines = new Map<string, { synced: SyncedEngine; cap: number; ownCap: number }>();
  /** Per key, the largest cap and own-radius cap asked for in the current round. */
  private round: Map<string, { cap: number; ownCap: number }> | null = null;

  constructor(readonly grid: CoverageGrid) {}

  /** The engine for `key` holding `sites`, reaching at least `need`. */
  engineFor(key: string, sites: readonly EngineSite[], need: EngineNeed): CoverageEngine {
    const cap = capFor(need);
    const ownCap = Math.max(1, need.factor);
    if (this.round) {
      const seen = this.round.get(key);
      this.round.set(key, { cap: Math.max(cap, seen?.cap ?? 0), ownCap: Math.max(ownCap, seen?.ownCap ?? 0) });
    }
    let held = this.engines.get(key);
    if (!held || held.cap < cap || held.ownCap < ownCap) {
      const newCap = Math.max(cap, held?.cap ?? 0);
      const newOwn = Math.max(ownCap, held?.ownCap ?? 0);
      held = { synced: new SyncedEngine(this.grid, newCap, newOwn), cap: newCap, ownCap: newOwn };
      this.engines.set(key, held);
    }
    held.synced.sync(sites);
    return held.synced.engine;
  }

  /** Starts recording which engines a round of work uses. */
  beginRound(): void {
    this.round = new Map();
  }

  /** Releases the engines the round did not use, and those larger than the round needed. */
  endRound(): void {
    const used = this.round;
    this.round = null;
    if (!used) return;
    for (const [key, held] of [...this.engines]) {
      const need = used.get(key);
      if (!need || held.cap > need.cap || held.ownCap > need.ownCap) this.engines.delete(key);
    }
  }

  get keys(): string[] {
    return [...this.engines.keys()];
  }

  /** The cap (m) of the engine held for `key`, or undefined. */
  capOf(key: string): number | undefined {
    return this.engines.get(key)?.cap;
  }
}
