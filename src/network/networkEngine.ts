/**
 * Coverage by network distance for one set of sites (one facility layer): the same questions as the
 * straight-line CoverageEngine (src/coverage/engine.ts) — covered share of the study area, each
 * district and zone, inside and outside the Outer Ring, on land and on the polygon; the gap mask —
 * answered with the same functions (regionCoverageOf, breakdownOf, gapMaskOf) from a CoverTest whose
 * distances are network distances. So the two figures are counted the same way cell by cell and
 * differ only by the distance: a cell is covered when its network distance to a site is within the
 * radius that serves its side of the Outer Ring (the rule's radius there, or a site's own radius on
 * either side).
 *
 *   const ctx = prepareNetwork(grid, readRoadFile(name, bytes), 'walk');   // once per road file
 *   const walk = new NetworkEngine(ctx, { maxDistanceM: 1500 });
 *   walk.setSites(sites);
 *   walk.moveSite('s1', lon, lat);                                          // one site's reach
 *   walk.coverage({ district: '310101' }, { insideKm: 0.9, outsideKm: 1.5 }).land.share;
 */
import { breakdownOf, gapMaskOf, regionCoverageOf, regionOf, type AreaSelector, type CoverageRule, type CoverTest, type EngineSite } from '../coverage/engine';
import { unionBox, type CellBox } from '../coverage/cellBox';
import type { Region } from '../coverage/grid';
import { groundRadiusM, type Ground } from '../domain/serviceRule';
import type { CoverageBreakdown, CoverageResult } from '../domain/coverageResults';
import type { NetworkContext } from './context';
import { NetworkDistanceField, NetworkOwnReach } from './networkField';
import { NodeSearch } from './search';

export interface NetworkEngineOptions {
  /** Rule sites' network distances are exact up to this (m) and +Infinity beyond; rules may not exceed it. Default 1500. */
  maxDistanceM?: number;
  /** Own-radius sites' d/r is kept up to this many radii. Default 1. */
  ownCapRatio?: number;
}

export class NetworkEngine {
  readonly ctx: NetworkContext;
  readonly field: NetworkDistanceField;
  readonly ownCapRatio: number;
  private own: NetworkOwnReach | null = null;
  private ownDropped: CellBox | null = null;
  private readonly search: NodeSearch;

  constructor(ctx: NetworkContext, options: NetworkEngineOptions = {}) {
    this.ctx = ctx;
    this.search = new NodeSearch(ctx.graph);
    this.field = new NetworkDistanceField(ctx, options.maxDistanceM ?? 1500, this.search);
    this.ownCapRatio = options.ownCapRatio ?? 1;
  }

  get maxDistanceM(): number {
    return this.field.maxM;
  }

  get size(): number {
    return this.field.size + (this.own?.size ?? 0);
  }

  private ownField(): NetworkOwnReach {
    return (this.own ??= new NetworkOwnReach(this.ctx, this.ownCapRatio, this.search));
  }

  setSites(sites: readonly EngineSite[]): void {
    const last = new Map<string, EngineSite>();
    for (const s of sites) last.set(s.id, s);
    const rule = [...last.values()].filter((s) => s.radiusKm === undefined);
    const own = [...last.values()].filter((s) => s.radiusKm !== undefined).map((s) => ({ id: s.id, lon: s.lon, lat: s.lat, radiusM: s.radiusKm! * 1000 }));
    this.field.setSites(rule);
    if (own.length > 0) this.ownField().setSites(own);
    else this.dropOwn();
  }

  /** Adds a site, or moves / re-sizes it when the id is held (it changes kind when its own radius comes or goes). */
  addSite(site: EngineSite): void {
    if (site.radiusKm !== undefined) {
      this.field.removeSite(site.id);
      this.ownField().add({ id: site.id, lon: site.lon, lat: site.lat, radiusM: site.radiusKm * 1000 });
    } else {
      if (this.own?.remove(site.id) && this.own.size === 0) this.dropOwn();
      this.field.addSite(site);
    }
  }

  /** Moves a site, keeping its radius; false when the id is unknown. */
  moveSite(id: string, lon: number, lat: number): boolean {
    if (this.field.has(id)) return this.field.moveSite(id, lon, lat);
    const r = this.own?.get(id);
    if (!r) return false;
    this.own!.add({ id, lon, lat, radiusM: r.radiusM });
    return true;
  }

  removeSite(id: string): boolean {
    if (this.field.removeSite(id)) return true;
    if (!this.own?.remove(id)) return false;
    if (this.own.size === 0) this.dropOwn();
    return true;
  }

  /** Lets the own-radius field go (its array is not held while no site has its own radius); its last changes stay dirty. */
  private dropOwn(): void {
    if (!this.own) return;
    this.ownDropped = unionBox(this.ownDropped, this.own.takeDirty());
    this.own = null;
  }

  /** Network distance (m) from each cell centre to the nearest rule site; +Infinity beyond `maxDistanceM`. Live view: do not write. */
  distanceField(): Float32Array {
    return this.field.dist;
  }

  /** Network d / r to the nearest own-radius site per cell, or null when no site has its own radius. Live view. */
  ownRatioField(): Float32Array | null {
    return this.own?.ratio ?? null;
  }

  /** The cells whose coverage may have changed since the last call (null: none). */
  takeDirty(): CellBox | null {
    const box = unionBox(unionBox(this.field.takeDirty(), this.own?.takeDirty() ?? null), this.ownDropped);
    this.ownDropped = null;
    return box;
  }

  /** The id of the rule site nearest to cell k along the network, if one is within `maxDistanceM`. */
  nearestSiteOf(k: number): string | undefined {
    return this.field.nearestSiteOf(k);
  }

  /** The own-radius site with the least network d / r at cell k (within its radius × `ownCapRatio`), and that radius (m). */
  nearestOwnSiteOf(k: number): { id: string; radiusM: number } | undefined {
    const id = this.own?.nearestSiteOf(k);
    const r = id === undefined ? undefined : this.own!.get(id);
    return id === undefined || !r ? undefined : { id, radiusM: r.radiusM };
  }

  region(area: AreaSelector): Region | undefined {
    return regionOf(this.ctx.grid, area);
  }

  /**
   * The cell-by-cell test of `rule` on network distances (for regionCoverageOf and its kin).
   * @throws RangeError when a radius of the rule exceeds `maxDistanceM`.
   */
  coverTest(rule: CoverageRule): CoverTest {
    const insideM = groundRadiusM(rule, 'inside');
    const outsideM = groundRadiusM(rule, 'outside');
    const max = Math.max(insideM, outsideM);
    if (max > this.field.maxM) throw new RangeError(`rule radius ${max} m exceeds the network engine's maxDistanceM ${this.field.maxM} m`);
    return { dist: this.field.size > 0 ? this.field.dist : null, own: this.ownRatioField(), insideM, outsideM };
  }

  /** @throws Error for an unknown district / zone; RangeError when a radius exceeds `maxDistanceM`. */
  coverage(area: AreaSelector, rule: CoverageRule): CoverageResult {
    const region = this.region(area);
    if (!region) throw new Error(`unknown area ${JSON.stringify(area)}`);
    return regionCoverageOf(this.ctx.grid, region, rule, this.coverTest(rule));
  }

  breakdown(rule: CoverageRule): CoverageBreakdown {
    return breakdownOf(this.ctx.grid, rule, this.coverTest(rule));
  }

  /** 1 for study cells not covered by network distance under `rule` (see CoverageEngine.gapMask). */
  gapMask(rule: CoverageRule, ground: Ground = 'land', out?: Uint8Array): Uint8Array {
    return gapMaskOf(this.ctx.grid, this.coverTest(rule), ground, out);
  }
}
