/**
 * The coverage engine: for one set of sites (one facility layer) on a shared grid, the covered share
 * of the study area, of each district and zone, inside and outside the Outer Ring, the gap raster and
 * the distance raster — updated in place while a site is dragged.
 *
 *   const grid = buildGrid(gridSourcesFrom(districts, zones, outerRing));   // once, ~0.5–1 s
 *   const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
 *   engine.setSites(sites);                                                 // full recompute
 *   engine.moveSite('s1', lon, lat);                                        // ~ms
 *   engine.coverage({ district: '310112' }, { insideKm: 0.9, outsideKm: 1.5 }).share;
 *
 * A cell counts as covered when its centre is within the rule's radius of a site; the radius is the
 * one of the ring part each of its sub-samples lies in. Areas are on the projected plane (TM scale
 * error < 0.01 %). Per-site radius overrides (`Site.radiusKm`) are not modelled: the radius is the
 * rule's.
 */
import type { RingPart } from '../domain/plan';
import type { AreaGeometry, CoverageGrid, Region } from './grid';
import { DistanceField, type SitePoint } from './distance';

/** Radius per ring part in km; null: that part is not part of the rule's area. */
export interface CoverageRule {
  insideKm: number | null;
  outsideKm: number | null;
}

/** Which area: the whole study area, a district (adcode) or a zone (id). */
export type AreaSelector = 'all' | { district: string } | { zone: string };

export interface PartCoverage {
  areaKm2: number;
  coveredKm2: number;
  share: number;
}

export interface CoverageResult {
  /** Covered / area over the rule's parts (0 when the area is empty). */
  share: number;
  areaKm2: number;
  coveredKm2: number;
  uncoveredKm2: number;
  /** Per ring part; null when the rule leaves the part out. */
  inside: PartCoverage | null;
  outside: PartCoverage | null;
}

export interface CoverageBreakdown {
  all: CoverageResult;
  districts: Record<string, CoverageResult>;
  zones: Record<string, CoverageResult>;
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

/** Grid sources from the shipped collections (districts by adcode, zones by id). */
export function gridSourcesFrom(
  districts: { features: ReadonlyArray<{ geometry: AreaGeometry; properties: { adcode: string } }> },
  zones?: { features: ReadonlyArray<{ geometry: AreaGeometry; properties: { id: string } }> },
  outerRing?: { features: ReadonlyArray<{ geometry: AreaGeometry }> },
) {
  return {
    districts: districts.features.map((f) => ({ id: f.properties.adcode, geometry: f.geometry })),
    ...(zones ? { zones: zones.features.map((f) => ({ id: f.properties.id, geometry: f.geometry })) } : {}),
    ...(outerRing ? { outerRing: outerRing.features.map((f) => f.geometry) } : {}),
  };
}

export interface EngineOptions {
  /** Distances are exact up to this (m) and +Infinity beyond; rules may not exceed it. Default 1500. */
  maxDistanceM?: number;
}

export class CoverageEngine {
  readonly grid: CoverageGrid;
  readonly field: DistanceField;

  constructor(grid: CoverageGrid, options: EngineOptions = {}) {
    this.grid = grid;
    this.field = new DistanceField(grid, options.maxDistanceM ?? 1500);
  }

  get maxDistanceM(): number {
    return this.field.maxM;
  }

  setSites(sites: readonly SitePoint[]): void {
    this.field.setSites(sites);
  }
  addSite(site: SitePoint): void {
    this.field.addSite(site);
  }
  moveSite(id: string, lon: number, lat: number): boolean {
    return this.field.moveSite(id, lon, lat);
  }
  removeSite(id: string): boolean {
    return this.field.removeSite(id);
  }

  /** Distance (m) from each cell centre to the nearest site; +Infinity beyond `maxDistanceM`. Live view: do not write. */
  distanceField(): Float32Array {
    return this.field.dist;
  }

  /** The region of a selector, or undefined when the id is unknown. */
  region(area: AreaSelector): Region | undefined {
    if (area === 'all') return this.grid.study;
    if ('district' in area) return this.grid.districts.get(area.district);
    return this.grid.zones.get(area.zone);
  }

  private radiiM(rule: CoverageRule): [number, number] {
    const max = Math.max(rule.insideKm ?? 0, rule.outsideKm ?? 0) * 1000;
    if (max > this.field.maxM) {
      throw new RangeError(`rule radius ${max} m exceeds the engine's maxDistanceM ${this.field.maxM} m`);
    }
    // −1 never matches (distances are ≥ 0); a left-out part also contributes no area (see below).
    return [rule.insideKm === null ? -1 : rule.insideKm * 1000, rule.outsideKm === null ? -1 : rule.outsideKm * 1000];
  }

  /**
   * Covered share and areas of `area` under `rule`.
   * @throws Error for an unknown district / zone; RangeError when a radius exceeds `maxDistanceM`.
   */
  coverage(area: AreaSelector, rule: CoverageRule): CoverageResult {
    const region = this.region(area);
    if (!region) throw new Error(`unknown area ${JSON.stringify(area)}`);
    return this.regionCoverage(region, rule);
  }

  regionCoverage(region: Region, rule: CoverageRule): CoverageResult {
    const [rIn, rOut] = this.radiiM(rule);
    const dist = this.field.dist;
    const { cells, inside, outside } = region;
    let covIn = 0;
    let covOut = 0;
    for (let q = 0; q < cells.length; q++) {
      const d = dist[cells[q]!]!;
      if (d <= rIn) covIn += inside[q]!;
      if (d <= rOut) covOut += outside[q]!;
    }
    const f = (this.grid.cellM * this.grid.cellM) / 1e6 / 16;
    const part = (areaKm2: number, covered: number): PartCoverage => {
      const coveredKm2 = covered * f;
      return { areaKm2, coveredKm2, share: areaKm2 > 0 ? coveredKm2 / areaKm2 : 0 };
    };
    const pin = rule.insideKm === null ? null : part(region.insideKm2, covIn);
    const pout = rule.outsideKm === null ? null : part(region.outsideKm2, covOut);
    const areaKm2 = (pin?.areaKm2 ?? 0) + (pout?.areaKm2 ?? 0);
    const coveredKm2 = (pin?.coveredKm2 ?? 0) + (pout?.coveredKm2 ?? 0);
    return {
      share: areaKm2 > 0 ? coveredKm2 / areaKm2 : 0,
      areaKm2,
      coveredKm2,
      uncoveredKm2: areaKm2 - coveredKm2,
      inside: pin,
      outside: pout,
    };
  }

  /** Coverage of the whole study area, each district and each zone (each with its ring parts). */
  breakdown(rule: CoverageRule): CoverageBreakdown {
    const districts: Record<string, CoverageResult> = {};
    for (const [id, r] of this.grid.districts) districts[id] = this.regionCoverage(r, rule);
    const zones: Record<string, CoverageResult> = {};
    for (const [id, r] of this.grid.zones) zones[id] = this.regionCoverage(r, rule);
    return { all: this.regionCoverage(this.grid.study, rule), districts, zones };
  }

  /**
   * 1 for study-area cells whose centre is not covered under `rule` (the radius of the ring part the
   * cell mostly lies in), 0 elsewhere and in parts the rule leaves out.
   * @param out reused when given (length cols × rows).
   */
  gapMask(rule: CoverageRule, out?: Uint8Array): Uint8Array {
    const [rIn, rOut] = this.radiiM(rule);
    const mask = out ?? new Uint8Array(this.grid.cols * this.grid.rows);
    mask.fill(0);
    const dist = this.field.dist;
    const ring = this.grid.insideRing;
    const cells = this.grid.study.cells;
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      const r = ring[k] ? rIn : rOut;
      if (r >= 0 && !(dist[k]! <= r)) mask[k] = 1;
    }
    return mask;
  }
}
