import { useMemo } from 'react';
import { createServiceAreas, type ServiceArea, type ServiceAreaSite } from '../../domain/serviceArea';
import type { ServiceRule } from '../../domain/serviceRule';
import type { AreaFeature } from '../../domain/scopes';
import type { Geodata } from '../../io/loadGeodata';

export interface CachedServiceAreas {
  insideRing(lon: number, lat: number): boolean;
  /** The area a site serves under `rule`, computed once per site object and rule. */
  areaOf(site: ServiceAreaSite, rule: ServiceRule): ServiceArea;
}

/**
 * Service areas against the loaded Outer Ring. Sites are immutable values, so the answer for an
 * unchanged site is reused: while one site is dragged, only its area is clipped again.
 */
export function useServiceAreas(data: Geodata | null): CachedServiceAreas {
  return useMemo(() => {
    const areas = createServiceAreas((data?.outerRingArea?.features ?? []) as unknown as AreaFeature[]);
    const cache = new WeakMap<object, { key: string; area: ServiceArea }>();
    return {
      insideRing: areas.insideRing,
      areaOf(site, rule) {
        const key = `${rule.insideKm}|${rule.outsideKm}`;
        const hit = cache.get(site);
        if (hit && hit.key === key) return hit.area;
        const area = areas.areaOf(site, rule);
        cache.set(site, { key, area });
        return area;
      },
    };
  }, [data]);
}
