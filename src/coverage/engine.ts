/**
 * The coverage engine: for one set of sites (one facility layer) on a shared grid, the covered share
 * of the study area, of each district and zone, inside and outside the Outer Ring, on land and on the
 * whole polygon, the gap raster and the distance raster — updated in place while a site is dragged.
 *
 *   const grid = buildGrid(gridSourcesFrom(districts, zones, outerRing, land));   // once, ~0.5–1 s
 *   const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
 *   engine.setSites(sites);                                                       // full recompute
 *   engine.moveSite('s1', lon, lat);                                              // ~ms
 *   engine.coverage({ district: '310112' }, { insideKm: 0.9, outsideKm: 1.5 }).land.share;
 *
 * The rule (src/domain/serviceRule.ts): a piece of ground is covered when its cell centre is within
 * the radius that serves its side of the Outer Ring of a site — the rule's radius for that side, or
 * the site's own radius (`EngineSite.radiusKm`) on either side. Each sub-sample counts on the side it
 * lies in. Sites without their own radius are held in a {@link DistanceField} (distance to the
 * nearest, capped at `maxDistanceM`), sites with one in an {@link OwnReachField} (d / r, capped at
 * `ownCapRatio` radii). Areas are on the projected plane (TM scale error < 0.01 %).
 *
 * Residents (issue #15): with a population layer (population.ts; `setPopulation`), every district's
 * and zone's result also gives the residents its rule reaches, per ring part — read in the same loop
 * as the areas, from the layer's one Float32 per region cell (a cell with land on one side of the
 * ring has its residents there; the few cells with land on both sides are summed apart); the study
 * area's residents are the sum of the districts'. The cell rule is the areas': a cell's residents on
 * one side of the ring are reached when its centre is within that side's radius.
 */
import type { RingPart } from '../domain/plan';
import { groundRadiusM, type Ground, type ServiceRule } from '../domain/serviceRule';
import type { CoverageBreakdown, CoverageResult, GroundCoverage, PartCoverage, ResidentsCoverage } from '../domain/coverageResults';
import { CELL_INSIDE_RING, CELL_MOSTLY_LAND, COUNT_IN, COUNT_LAND_IN, COUNT_LAND_OUT, COUNT_OUT, indexOfCell, type AreaGeometry, type CoverageGrid, type Region } from './grid';
import { DistanceField, type SitePoint } from './distance';
import { OwnReachField } from './ownReach';
import { unionBox, type CellBox } from './cellBox';
import type { PopulationLayer, RegionResidents } from './population';
import { addSplitReached, reachedAt, regionCounts, type RegionCounts } from './regionCounts';
import { breakdownRegions, pooledRegionCounts } from './breakdownPool';

/** Radius per ring part in km; null: that part is not part of the rule's area. */
export type CoverageRule = ServiceRule;

/** Which area: the whole study area, a district (adcode), a zone (id) or a township (9-digit code). */
export type AreaSelector = 'all' | { district: string } | { zone: string } | { township: string };

export { GROUNDS, type Ground } from '../domain/serviceRule';

export type { CoverageBreakdown, CoverageResult, GroundCoverage, PartCoverage, ResidentsCoverage } from '../domain/coverageResults';

/**
 * What decides coverage cell by cell: the rule sites' distances, the own-radius sites' d/r, and the
 * rule's radius per side (−1 for a side not counted). Either field may be null (no such sites).
 */
export interface CoverTest {
  dist: Float32Array | null;
  own: Float32Array | null;
  insideM: number;
  outsideM: number;
}

/** Whether cell k is covered on `side` (1 inside the Outer Ring, 0 outside) — the rule of src/domain/serviceRule.ts. */
export function coveredAt(t: CoverTest, k: number, inside: boolean): boolean {
  const r = inside ? t.insideM : t.outsideM;
  if (r < 0) return false;
  return (t.dist !== null && t.dist[k]! <= r) || (t.own !== null && t.own[k]! <= 1);
}

/**
 * Distance of cell k to its nearest service in units of the radius that serves it (≤ 1: covered):
 * min(rule distance / the side's radius, own-radius d/r). +Infinity when nothing within the caps;
 * NaN for a side not counted.
 */
export function reachRatioAt(t: CoverTest, k: number, inside: boolean): number {
  const r = inside ? t.insideM : t.outsideM;
  if (r < 0) return NaN;
  const a = t.dist === null ? Infinity : t.dist[k]! / r;
  const b = t.own === null ? Infinity : t.own[k]!;
  return a < b ? a : b;
}

/** A rule from service-radius rule parts (`all` sets both sides). */
export function ruleFromParts(parts: ReadonlyArray<{ part: RingPart; radiusKm: number }>): CoverageRule {
  const rule: CoverageRule = { insideKm: null, outsideKm: null };
  for (const p of parts) {
    if (p.part !== 'outside') rule.insideKm = p.radiusKm;
    if (p.part !== 'inside') rule.outsideKm = p.radiusKm;
  }
  return rule;
}

/** Grid sources from the shipped collections (districts by adcode, zones by id, townships by code). */
export function gridSourcesFrom(
  districts: { features: ReadonlyArray<{ geometry: AreaGeometry; properties: { adcode: string } }> },
  zones?: { features: ReadonlyArray<{ geometry: AreaGeometry; properties: { id: string } }> },
  outerRing?: { features: ReadonlyArray<{ geometry: AreaGeometry }> },
  land?: { features: ReadonlyArray<{ geometry: AreaGeometry }> },
  townships?: { features: ReadonlyArray<{ geometry: AreaGeometry; properties: { code: string } }> },
) {
  return {
    districts: districts.features.map((f) => ({ id: f.properties.adcode, geometry: f.geometry })),
    ...(zones ? { zones: zones.features.map((f) => ({ id: f.properties.id, geometry: f.geometry })) } : {}),
    ...(outerRing ? { outerRing: outerRing.features.map((f) => f.geometry) } : {}),
    ...(land ? { land: land.features.map((f) => f.geometry) } : {}),
    ...(townships ? { townships: townships.features.map((f) => ({ id: f.properties.code, geometry: f.geometry })) } : {}),
  };
}

export interface EngineOptions {
  /** Rule sites' distances are exact up to this (m) and +Infinity beyond; rules may not exceed it. Default 1500. */
  maxDistanceM?: number;
  /** Own-radius sites' d/r is kept up to this many radii (1: coverage only; 2: the distance picture). Default 1. */
  ownCapRatio?: number;
}

/** A site for the engine: its position, and its own radius (km) when it has one — a domain `Site` is one. */
export type EngineSite = SitePoint & { radiusKm?: number | undefined };

export class CoverageEngine {
  readonly grid: CoverageGrid;
  /** The sites that use the rule's radius. */
  readonly field: DistanceField;
  readonly ownCapRatio: number;
  /** The sites with their own radius; null while there are none (the array is not held). */
  private ownField: OwnReachField | null = null;
  /** Changes of the own field since the last `takeDirty` that its own record no longer holds (it was dropped). */
  private ownDropped: CellBox | null = null;
  /** The whole grid changed since the last `takeDirty` (a full recompute). */
  private allDirty = false;
  /** Residents per region cell (null: results carry no residents). Built on the same grid. */
  population: PopulationLayer | null = null;

  constructor(grid: CoverageGrid, options: EngineOptions = {}) {
    this.grid = grid;
    this.field = new DistanceField(grid, options.maxDistanceM ?? 1500);
    this.ownCapRatio = options.ownCapRatio ?? 1;
  }

  get maxDistanceM(): number {
    return this.field.maxM;
  }

  /** Residents for every result from now on (null: none). The layer must be built on this engine's grid. */
  setPopulation(layer: PopulationLayer | null): void {
    if (layer && layer.grid !== this.grid) throw new Error('the population layer was built on another grid');
    this.population = layer;
  }

  /** Sites held, of both kinds. */
  get size(): number {
    return this.field.size + (this.ownField?.size ?? 0);
  }

  setSites(sites: readonly EngineSite[]): void {
    const rule: SitePoint[] = [];
    const own: Array<SitePoint & { radiusM: number }> = [];
    const last = new Map<string, EngineSite>();
    for (const s of sites) last.set(s.id, s); // a repeated id: the last wins
    for (const s of last.values()) {
      if (s.radiusKm !== undefined) own.push({ id: s.id, lon: s.lon, lat: s.lat, radiusM: s.radiusKm * 1000 });
      else rule.push({ id: s.id, lon: s.lon, lat: s.lat });
    }
    this.field.setSites(rule);
    if (own.length > 0) {
      this.ownField ??= new OwnReachField(this.grid, this.ownCapRatio);
      this.ownField.setSites(own);
    } else this.ownField = null;
    this.allDirty = true;
  }

  /** Adds a site, or moves / re-sizes it when the id is held (it changes kind when its own radius comes or goes). */
  addSite(site: EngineSite): void {
    if (site.radiusKm !== undefined) {
      if (this.field.has(site.id)) this.field.removeSite(site.id);
      this.ownField ??= new OwnReachField(this.grid, this.ownCapRatio);
      this.ownField.add({ id: site.id, lon: site.lon, lat: site.lat, radiusM: site.radiusKm * 1000 });
    } else {
      this.removeOwn(site.id);
      this.field.addSite({ id: site.id, lon: site.lon, lat: site.lat });
    }
  }

  /** Moves a site, keeping its radius; false when the id is unknown. */
  moveSite(id: string, lon: number, lat: number): boolean {
    if (this.field.has(id)) return this.field.moveSite(id, lon, lat);
    const own = this.ownField?.get(id);
    if (!own) return false;
    this.ownField!.add({ id, lon, lat, radiusM: own.radiusM });
    return true;
  }

  removeSite(id: string): boolean {
    return this.field.removeSite(id) || this.removeOwn(id);
  }

  private removeOwn(id: string): boolean {
    const own = this.ownField;
    if (!own || !own.remove(id)) return false;
    if (own.size === 0) {
      // Release the array; remember what it covered so the pictures repaint it.
      this.ownDropped = unionBox(this.ownDropped, own.takeDirty());
      this.ownField = null;
    }
    return true;
  }

  /** Distance (m) from each cell centre to the nearest rule site; +Infinity beyond `maxDistanceM`. Live view: do not write. */
  distanceField(): Float32Array {
    return this.field.dist;
  }

  /** d / r to the nearest own-radius site per cell, or null when no site has its own radius. Live view: do not write. */
  ownRatioField(): Float32Array | null {
    return this.ownField?.ratio ?? null;
  }

  /** The cells whose coverage may have changed since the last call (null: none). */
  takeDirty(): CellBox | null {
    let box = unionBox(this.field.takeDirty(), this.ownField?.takeDirty() ?? null);
    box = unionBox(box, this.ownDropped);
    this.ownDropped = null;
    if (this.allDirty) {
      this.allDirty = false;
      return { c0: 0, c1: this.grid.cols - 1, r0: 0, r1: this.grid.rows - 1 };
    }
    return box;
  }

  /** The region of a selector, or undefined when the id is unknown. */
  region(area: AreaSelector): Region | undefined {
    return regionOf(this.grid, area);
  }

  /**
   * The cell-by-cell test of `rule` on this engine's fields.
   * @throws RangeError when a radius of the rule exceeds `maxDistanceM`.
   */
  coverTest(rule: CoverageRule): CoverTest {
    const insideM = groundRadiusM(rule, 'inside');
    const outsideM = groundRadiusM(rule, 'outside');
    const max = Math.max(insideM, outsideM);
    if (max > this.field.maxM) {
      throw new RangeError(`rule radius ${max} m exceeds the engine's maxDistanceM ${this.field.maxM} m`);
    }
    return { dist: this.field.size > 0 ? this.field.dist : null, own: this.ownRatioField(), insideM, outsideM };
  }

  /**
   * Covered share and areas of `area` under `rule`, on land and on the polygon.
   * @throws Error for an unknown district / zone; RangeError when a radius exceeds `maxDistanceM`.
   */
  coverage(area: AreaSelector, rule: CoverageRule): CoverageResult {
    const region = this.region(area);
    if (!region) throw new Error(`unknown area ${JSON.stringify(area)}`);
    return this.regionCoverage(region, rule);
  }

  regionCoverage(region: Region, rule: CoverageRule): CoverageResult {
    return regionCoverageOf(this.grid, region, rule, this.coverTest(rule), this.population);
  }

  /** Coverage of the whole study area, each district and each zone (each with its ring parts and grounds). */
  breakdown(rule: CoverageRule): CoverageBreakdown {
    return breakdownOf(this.grid, rule, this.coverTest(rule), this.population);
  }

  /**
   * 1 for study-area cells whose centre is not covered under `rule` (the radius of the ring part the
   * cell mostly lies in), 0 elsewhere and in parts the rule leaves out. On the land ground, only
   * cells that are mostly land count.
   * @param out reused when given (length cols × rows).
   */
  gapMask(rule: CoverageRule, ground: Ground = 'land', out?: Uint8Array): Uint8Array {
    return gapMaskOf(this.grid, this.coverTest(rule), ground, out);
  }
}

/**
 * Coverage of a region under a cover test (see {@link CoverageEngine.regionCoverage}); with a
 * population layer, its residents too (the study area's: the sum of the districts').
 */
export function regionCoverageOf(grid: CoverageGrid, region: Region, rule: CoverageRule, t: CoverTest, population?: PopulationLayer | null): CoverageResult {
  return resultOf(grid, region, rule, t, regionCounts(region, t, population?.regions.get(region)), population);
}

/** A region's result from its counts. */
function resultOf(grid: CoverageGrid, region: Region, rule: CoverageRule, t: CoverTest, n: RegionCounts, population?: PopulationLayer | null): CoverageResult {
  const res = population ? population.regions.get(region) : undefined;
  const f = (grid.cellM * grid.cellM) / 1e6 / 16;
  const result: CoverageResult = {
    land: groundCoverage(rule, region.landInsideKm2, region.landOutsideKm2, n.landIn * f, n.landOut * f),
    polygon: groundCoverage(rule, region.insideKm2, region.outsideKm2, n.covIn * f, n.covOut * f),
  };
  if (res) result.residents = residentsCoverage(rule, res.inside, res.outside, n.resIn, n.resOut);
  else if (population && region === grid.study) result.residents = studyResidents(grid, rule, t, population);
  return result;
}

/**
 * The study area's cells where the districts' sub-samples overlap (their sum exceeds the study's
 * count), with the excess per count: the study's counts are the districts' sums less the excess of
 * the covered ones. Found once per grid (a pass over the districts' cells), usually empty or short.
 */
interface StudyExcess {
  cells: Uint32Array;
  inside: Uint8Array;
  outside: Uint8Array;
  landInside: Uint8Array;
  landOutside: Uint8Array;
}

const studyExcessOf = new WeakMap<CoverageGrid, StudyExcess>();

/** See {@link StudyExcess}. Exported for its test. */
export function studyExcess(grid: CoverageGrid): StudyExcess {
  const held = studyExcessOf.get(grid);
  if (held) return held;
  const study = grid.study;
  // Cells of more than one district: only there can the sum differ from the study's count. A
  // district lists such a cell with another district's number in grid.district (the one holding
  // most of it) — one byte compared a cell, no raster of counts; the holding district's entry is
  // then found by bisection (a few thousand cells at 25 m).
  const list = [...grid.districts.values()];
  const sums = new Map<number, number[]>();
  const add = (d: Region, q: number) => {
    let a = sums.get(d.cells[q]!);
    if (!a) sums.set(d.cells[q]!, (a = [0, 0, 0, 0]));
    const code = d.counts[q]!;
    a[0]! += COUNT_IN[code]!;
    a[1]! += COUNT_OUT[code]!;
    a[2]! += COUNT_LAND_IN[code]!;
    a[3]! += COUNT_LAND_OUT[code]!;
  };
  list.forEach((d) => {
    const cells = d.cells;
    const own = grid.districtIds.indexOf(d.id) + 1;
    const district = grid.district;
    for (let q = 0; q < cells.length; q++) if (district[cells[q]!] !== own) add(d, q);
  });
  for (const k of [...sums.keys()]) {
    const holder = grid.districts.get(grid.districtIds[grid.district[k]! - 1]!)!;
    add(holder, indexOfCell(holder.cells, k));
  }
  const rows: number[][] = [];
  for (const [k, a] of sums) {
    const code = study.counts[indexOfCell(study.cells, k)]!;
    const e = [a[0]! - COUNT_IN[code]!, a[1]! - COUNT_OUT[code]!, a[2]! - COUNT_LAND_IN[code]!, a[3]! - COUNT_LAND_OUT[code]!];
    if (e.some((x) => x !== 0)) rows.push([k, ...e]);
  }
  rows.sort((x, y) => x[0]! - y[0]!);
  const col = (i: number) => Uint8Array.from(rows, (r) => r[i]!);
  const excess: StudyExcess = { cells: Uint32Array.from(rows, (r) => r[0]!), inside: col(1), outside: col(2), landInside: col(3), landOutside: col(4) };
  studyExcessOf.set(grid, excess);
  return excess;
}

/** The study area's counts (areas only) from the districts' counts: their sums less the covered excess. */
function studyCountsFrom(grid: CoverageGrid, t: CoverTest, districts: readonly RegionCounts[]): RegionCounts {
  const n: RegionCounts = { covIn: 0, covOut: 0, landIn: 0, landOut: 0, resIn: 0, resOut: 0 };
  for (const d of districts) {
    n.covIn += d.covIn;
    n.covOut += d.covOut;
    n.landIn += d.landIn;
    n.landOut += d.landOut;
  }
  const e = studyExcess(grid);
  for (let i = 0; i < e.cells.length; i++) {
    const [a, b] = reachedAt(t, e.cells[i]!);
    if (a) {
      n.covIn -= e.inside[i]!;
      n.landIn -= e.landInside[i]!;
    }
    if (b) {
      n.covOut -= e.outside[i]!;
      n.landOut -= e.landOutside[i]!;
    }
  }
  return n;
}

/** Residents reached per ring part under a cover test, in one region (the engine's loop, residents only). */
function residentsReached(region: Region, res: RegionResidents, t: CoverTest): [number, number] {
  const { cells, counts } = region;
  const rv = res.values;
  let resIn = 0;
  let resOut = 0;
  if (t.dist === null && t.own === null) return [0, 0];
  for (let q = 0; q < cells.length; q++) {
    if (rv[q] === 0) continue;
    const [a, b] = reachedAt(t, cells[q]!);
    if (a && COUNT_LAND_OUT[counts[q]!] === 0) resIn += rv[q]!;
    if (b && COUNT_LAND_IN[counts[q]!] === 0) resOut += rv[q]!;
  }
  return addSplitReached(region, res, t, resIn, resOut);
}

/** The study area's residents: the sum over the districts. */
function studyResidents(grid: CoverageGrid, rule: CoverageRule, t: CoverTest, population: PopulationLayer): ResidentsCoverage {
  let all = [0, 0, 0, 0];
  for (const region of grid.districts.values()) {
    const res = population.regions.get(region);
    if (!res) continue;
    const [a, b] = residentsReached(region, res, t);
    all = [all[0]! + res.inside, all[1]! + res.outside, all[2]! + a, all[3]! + b];
  }
  return residentsCoverage(rule, all[0]!, all[1]!, all[2]!, all[3]!);
}

/** Residents figures from the residents and those reached per ring part. */
export function residentsCoverage(rule: CoverageRule, inside: number, outside: number, coveredIn: number, coveredOut: number): ResidentsCoverage {
  const part = (residents: number, covered: number) => ({ residents, covered, share: residents > 0 ? covered / residents : 0 });
  const pin = rule.insideKm === null ? null : part(inside, coveredIn);
  const pout = rule.outsideKm === null ? null : part(outside, coveredOut);
  const residents = (pin?.residents ?? 0) + (pout?.residents ?? 0);
  const covered = (pin?.covered ?? 0) + (pout?.covered ?? 0);
  return { share: residents > 0 ? covered / residents : 0, residents, covered, notReached: residents - covered, inside: pin, outside: pout };
}

/** One ground's figures from its areas and covered areas per ring part (km²). */
export function groundCoverage(rule: CoverageRule, insideKm2: number, outsideKm2: number, coveredInKm2: number, coveredOutKm2: number): GroundCoverage {
  const part = (areaKm2: number, coveredKm2: number): PartCoverage => ({ areaKm2, coveredKm2, share: areaKm2 > 0 ? coveredKm2 / areaKm2 : 0 });
  const pin = rule.insideKm === null ? null : part(insideKm2, coveredInKm2);
  const pout = rule.outsideKm === null ? null : part(outsideKm2, coveredOutKm2);
  const areaKm2 = (pin?.areaKm2 ?? 0) + (pout?.areaKm2 ?? 0);
  const coveredKm2 = (pin?.coveredKm2 ?? 0) + (pout?.coveredKm2 ?? 0);
  return { share: areaKm2 > 0 ? coveredKm2 / areaKm2 : 0, areaKm2, coveredKm2, uncoveredKm2: areaKm2 - coveredKm2, inside: pin, outside: pout };
}

/** The region of a selector on a grid, or undefined when the id is unknown. */
export function regionOf(grid: CoverageGrid, area: AreaSelector): Region | undefined {
  if (area === 'all') return grid.study;
  if ('district' in area) return grid.districts.get(area.district);
  if ('township' in area) return grid.townships.get(area.township);
  return grid.zones.get(area.zone);
}

/** The study area, every district, zone and township under one cover test (with their residents when a layer is given). */
export function breakdownOf(grid: CoverageGrid, rule: CoverageRule, t: CoverTest, population?: PopulationLayer | null): CoverageBreakdown {
  // Every region's counts: spread over the helper threads when there are (each region counted whole
  // by one thread with the same loop, so the same bits), else here; districts, zones, townships.
  const regions = breakdownRegions(grid);
  const each = pooledRegionCounts(grid, t, population) ?? regions.map((r) => regionCounts(r, t, population?.regions.get(r)));
  let i = 0;
  const resultsOf = (of: Map<string, Region>) => {
    const out: Record<string, CoverageResult> = {};
    for (const [id, r] of of) out[id] = resultOf(grid, r, rule, t, each[i++]!, population);
    return out;
  };
  const districts = resultsOf(grid.districts);
  const counts = each.slice(0, grid.districts.size);
  const zones = resultsOf(grid.zones);
  const townships = resultsOf(grid.townships);
  // The study area's counts are the districts' (less where they overlap): no second pass over its
  // cells. Its residents are the districts' too.
  const all = resultOf(grid, grid.study, rule, t, studyCountsFrom(grid, t, counts));
  if (population) {
    let [rIn, rOut, cIn, cOut] = [0, 0, 0, 0];
    for (const [id, r] of grid.districts) {
      const res = districts[id]!.residents;
      if (!res) continue;
      const held = population.regions.get(r)!;
      rIn += held.inside;
      rOut += held.outside;
      cIn += res.inside?.covered ?? 0;
      cOut += res.outside?.covered ?? 0;
    }
    all.residents = residentsCoverage(rule, rIn, rOut, cIn, cOut);
  }
  return { all, districts, zones, ...(grid.townships.size > 0 ? { townships } : {}) };
}

/** See {@link CoverageEngine.gapMask}. */
export function gapMaskOf(grid: CoverageGrid, t: CoverTest, ground: Ground, out?: Uint8Array): Uint8Array {
  const mask = out ?? new Uint8Array(grid.cols * grid.rows);
  mask.fill(0);
  const flags = grid.cellFlags;
  const cells = grid.study.cells;
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    if (ground === 'land' && (flags[k]! & CELL_MOSTLY_LAND) === 0) continue;
    const inside = (flags[k]! & CELL_INSIDE_RING) !== 0;
    if ((inside ? t.insideM : t.outsideM) >= 0 && !coveredAt(t, k, inside)) mask[k] = 1;
  }
  return mask;
}
