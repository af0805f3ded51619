/**
 * Polygons for target scopes: a district, the district inside / outside the Outer Ring, or a zone.
 *
 * Pure functions over the shipped geometry (no React, no map). Clipping with turf is slow on
 * district-sized polygons, so each result is computed once per index and cached.
 */
import { area, difference, featureCollection, intersect, union } from '@turf/turf';
import { areaRings, inArea, type AreaRings } from './pointInArea';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { RingPart, Scope } from './plan';

export type AreaGeometry = Polygon | MultiPolygon;
export type AreaFeature = Feature<AreaGeometry>;

/*
 * Structural shapes rather than the zod-inferred collection types, so the validated files
 * (`DistrictCollection`, `ZoneCollection`, outer-ring area) and small hand-made test fixtures both fit.
 */
export interface DistrictsLike {
  features: ReadonlyArray<{ geometry: AreaGeometry; properties: { adcode: string } }>;
}
export interface ZonesLike {
  features: ReadonlyArray<{ geometry: AreaGeometry; properties: { id: string } }>;
}
export interface OuterRingLike {
  features: ReadonlyArray<{ geometry: AreaGeometry }>;
}

export interface ScopeSources {
  districts: DistrictsLike;
  /** Absent until zones.geojson is loaded: zone scopes then resolve to `missing`. */
  zones?: ZonesLike;
  /** Absent until the outer-ring area is loaded: ring scopes and parts then resolve to `missing`. */
  outerRing?: OuterRingLike;
}

/**
 * What a scope resolves to.
 * - `ok`: a polygon with its geodesic area.
 * - `empty`: the scope exists but has no area (Yangpu outside the Outer Ring): counts are 0.
 * - `no-polygon`: the text names a place the map has no polygon for; the target is not checkable.
 * - `missing`: the polygon should exist but its data is not loaded or lacks the id.
 */
export type ScopeResult =
  | { status: 'ok'; feature: AreaFeature; areaKm2: number }
  | { status: 'empty' }
  | { status: 'no-polygon'; reason: string }
  | { status: 'missing'; reason: string };

export interface ScopeIndex {
  /** The polygon of `scope` for a target of `district` (adcode). */
  resolve(district: string, scope: Scope): ScopeResult;
  /** The part of that scope inside / outside the Outer Ring (`all`: the scope itself), for radius rules. */
  resolvePart(district: string, scope: Scope, part: RingPart): ScopeResult;
  /**
   * Why `resolvePart` could not give that part ('missing' / 'no-polygon'), or null when it can — without
   * clipping: the clip (turf, ~0.5 s for the five districts) is left to whoever reads the polygon.
   */
  partProblem(district: string, scope: Scope, part: RingPart): Extract<ScopeResult, { status: 'missing' | 'no-polygon' }> | null;
}

const M2_PER_KM2 = 1_000_000;

function ok(feature: AreaFeature | null): ScopeResult {
  if (feature === null) return { status: 'empty' };
  const km2 = area(feature) / M2_PER_KM2;
  // Clipping can leave slivers of a few m² along shared edges; treat those as no area at all.
  return km2 < 1e-6 ? { status: 'empty' } : { status: 'ok', feature, areaKm2: km2 };
}

function asFeature(geometry: AreaGeometry): AreaFeature {
  return { type: 'Feature', geometry, properties: {} };
}

/** The outer-ring area as one feature (the file may split it into several polygons). */
function mergedRing(ring: OuterRingLike): AreaFeature | null {
  const parts = ring.features.map((f) => asFeature(f.geometry));
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return union(featureCollection(parts));
}

/** a ∩ ring or a − ring, as turf returns them (null when nothing is left). */
function clipToRing(a: AreaFeature, ring: AreaFeature, side: 'inside' | 'outside'): AreaFeature | null {
  const pair = featureCollection<AreaGeometry>([a, ring]);
  return side === 'inside' ? intersect(pair) : difference(pair);
}

function scopeKey(district: string, scope: Scope): string {
  switch (scope.kind) {
    case 'district':
      return `${district}|district`;
    case 'ring':
      return `${district}|ring:${scope.ring}`;
    case 'zone':
      return `${district}|zone:${scope.zone}`;
    case 'place':
      return `${district}|place:${scope.name_zh}`;
  }
}

/**
 * Builds a cached resolver of scope polygons.
 * @param sources districts (by `adcode`), zones (by `id`) and the Outer Ring area polygon.
 * @returns an index whose `resolve` / `resolvePart` compute each polygon once (turf intersect/difference).
 */
export function createScopeIndex(sources: ScopeSources): ScopeIndex {
  const cache = new Map<string, ScopeResult>();
  const districtById = new Map(sources.districts.features.map((f) => [f.properties.adcode, f.geometry]));
  const zoneById = new Map((sources.zones?.features ?? []).map((f) => [f.properties.id, f.geometry]));
  let ring: AreaFeature | null | undefined;
  const ringFeature = (): AreaFeature | null => {
    if (ring === undefined) ring = sources.outerRing ? mergedRing(sources.outerRing) : null;
    return ring;
  };

  const memo = (key: string, compute: () => ScopeResult): ScopeResult => {
    const hit = cache.get(key);
    if (hit) return hit;
    const result = compute();
    cache.set(key, result);
    return result;
  };

  const resolveDistrict = (district: string): ScopeResult =>
    memo(`${district}|district`, () => {
      const g = districtById.get(district);
      return g ? ok(asFeature(g)) : { status: 'missing', reason: `district ${district} is not in the districts file` };
    });

  const withRing = (base: ScopeResult, side: 'inside' | 'outside'): ScopeResult => {
    if (base.status !== 'ok') return base;
    const r = ringFeature();
    if (r === null) return { status: 'missing', reason: 'the Outer Ring area is not loaded' };
    return ok(clipToRing(base.feature, r, side));
  };

  const resolve = (district: string, scope: Scope): ScopeResult =>
    memo(scopeKey(district, scope), () => {
      switch (scope.kind) {
        case 'district':
          return resolveDistrict(district);
        case 'ring':
          return withRing(resolveDistrict(district), scope.ring);
        case 'zone': {
          const g = zoneById.get(scope.zone);
          if (g) return ok(asFeature(g));
          return {
            status: 'missing',
            reason: sources.zones ? `zone ${scope.zone} is not in the zones file` : 'the zones file is not loaded',
          };
        }
        case 'place':
          return { status: 'no-polygon', reason: `the map has no polygon for ${scope.name_en} (${scope.name_zh})` };
      }
    });

  const resolvePart = (district: string, scope: Scope, part: RingPart): ScopeResult => {
    if (part === 'all') return resolve(district, scope);
    return memo(`${scopeKey(district, scope)}|part:${part}`, () => {
      // A ring scope's part on the other side of the ring is empty by definition.
      if (scope.kind === 'ring') return scope.ring === part ? resolve(district, scope) : { status: 'empty' };
      return withRing(resolve(district, scope), part);
    });
  };

  // As resolvePart's statuses: a ring scope's other side is empty (no problem); its own side is the
  // scope itself; any other scope's side needs the scope and the ring.
  const partProblem: ScopeIndex['partProblem'] = (district, scope, part) => {
    if (scope.kind === 'ring' && part !== 'all' && part !== scope.ring) return null;
    const base = resolve(district, scope);
    if (base.status === 'missing' || base.status === 'no-polygon') return base;
    if (part === 'all' || scope.kind === 'ring' || base.status !== 'ok') return null;
    return ringFeature() === null ? { status: 'missing', reason: 'the Outer Ring area is not loaded' } : null;
  };

  return { resolve, resolvePart, partProblem };
}

const ringsCache = new WeakMap<AreaFeature, AreaRings>();

/**
 * Whether a point lies in an area (./pointInArea.ts). A point exactly on the boundary counts as
 * inside, so a site on a border shared by two districts counts for both: the borders are
 * approximate and dropping the site from both sides would be the worse error.
 */
export function containsPoint(feature: AreaFeature, lon: number, lat: number): boolean {
  let rings = ringsCache.get(feature);
  if (!rings) {
    rings = areaRings([feature.geometry]);
    ringsCache.set(feature, rings);
  }
  return inArea(rings, lon, lat);
}
