import { useMemo } from 'react';
import type { Layer } from '@deck.gl/core';
import type { AssumptionValues } from '../../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import type { Site } from '../../domain/site';
import type { AreaFeature } from '../../domain/scopes';
import type { Geodata } from '../../io/loadGeodata';
import { createRingLookup } from '../../coverage/ringLookup';
import { nearestSite } from '../../coverage/nearest';
import { buildFacilityLayers } from '../../map/facilityLayers';
import { useDeckRuntime } from '../../map/deckRuntime';
import type { PointReadout } from '../HoverTooltip';
import type { Lang } from '../i18n';
import type { CoverageState } from './useCoverage';
import type { FacilityDisplay } from './CoveragePanel';
import { viewLabel } from './viewLabel';

interface Input {
  lang: Lang;
  data: Geodata | null;
  sites: readonly Site[];
  view: CoverageView | null;
  assumptions: AssumptionValues;
  coverage: CoverageState;
  display: FacilityDisplay;
}

/** The deck.gl layers for the current state, and the pointer's distance read-out. */
export function useFacilityLayers({ lang, data, sites, view, assumptions, coverage, display }: Input): {
  layers: Layer[];
  describePoint: (lon: number, lat: number) => PointReadout | null;
} {
  const insideRing = useMemo(
    () => createRingLookup((data?.outerRingArea?.features ?? []) as unknown as AreaFeature[]),
    [data],
  );
  const rule = useMemo(() => (view ? resolveViewRule(view, assumptions) : null), [view, assumptions]);
  const [viewSites, otherSites] = useMemo(() => {
    const types = new Set<string>(view?.facilities ?? []);
    const own: Site[] = [];
    const other: Site[] = [];
    for (const s of sites) (types.has(s.type) ? own : other).push(s);
    return [own, other];
  }, [sites, view]);

  // The worker's picture arrives as a transferred buffer; wrap it once per answer.
  const image = useMemo(() => {
    const img = coverage.image;
    if (!img || img.viewId !== view?.id) return null;
    const data = new ImageData(new Uint8ClampedArray(img.rgba), img.width, img.height);
    return { data, bounds: img.bounds };
  }, [coverage.image, view?.id]);

  const deck = useDeckRuntime();
  const layers = useMemo(
    () =>
      deck === null
        ? []
        : buildFacilityLayers(deck, {
        viewSites,
        otherSites,
        rule,
        image,
        show: { sites: display.sites, otherSites: display.otherSites, circles: display.circles, coverage: true },
        insideRing,
            highlightId: null,
          }),
    [deck, viewSites, otherSites, rule, image, display, insideRing],
  );

  const describePoint = (lon: number, lat: number): PointReadout | null => {
    if (!view || !rule) return null;
    const found = nearestSite(viewSites, lon, lat);
    if (!found) return null;
    const km = insideRing({ lon, lat }) ? rule.insideKm : rule.outsideKm;
    return {
      layerLabel: viewLabel(lang, view, null).split(' · ')[0]!,
      distanceM: found.distanceM,
      radiusM: km === null ? null : km * 1000,
      siteName: found.site.name ?? found.site.id,
    };
  };

  return { layers, describePoint };
}
