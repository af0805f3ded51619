import { useCallback, useMemo, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import type { AssumptionValues } from '../../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import { groundRadiusKm } from '../../domain/serviceRule';
import { siteIndexOf } from '../../coverage/siteIndex';
import { buildFacilityLayers, OTHER_SITE_MARKER, SITE_MARKER, siteFamily } from '../../map/facilityLayers';
import { MAX_DRAWN_MARKERS, siteDensity } from '../../map/siteDensity';
import { siteAtPoint, type PickableMarkers, type ScreenView } from '../../map/sitePicking';
import { useDeckRuntime } from '../../map/deckRuntime';
import { useViewBounds } from '../../map/viewBounds';
import { MAX_DRAWN_AREAS, reachesBox } from '../../map/sitesInView';
import { IncrementalFilter } from '../../domain/incrementalFilter';
import type { PointReadout } from '../HoverTooltip';
import { useLang } from '../i18n';
import type { CoverageState } from './useCoverage';
import type { FacilityDisplay } from './CoveragePanel';
import { viewLabel } from './viewLabel';
import { useServiceAreas } from './useServiceAreas';

interface Input {
  data: Geodata | null;
  sites: readonly Site[];
  view: CoverageView | null;
  assumptions: AssumptionValues;
  /** The coverage answer's picture is all the map draws of it. */
  coverage: Pick<CoverageState, 'picture'>;
  display: FacilityDisplay;
}

/** The deck.gl layers for the current state, and the pointer's distance read-out. */
export function useFacilityLayers({ data, sites, view, assumptions, coverage, display }: Input): {
  layers: Layer[];
  describePoint: (lon: number, lat: number) => PointReadout | null;
  /** Service areas not drawn: this many sites reach the view (more than MAX_DRAWN_AREAS); null: drawn. */
  circlesHidden: number | null;
  /** Sites drawn as a density picture: this many markers near the view (more than MAX_DRAWN_MARKERS); null: markers. */
  sitesAggregated: number | null;
  /** The site whose drawn marker is within `slopPx` of a screen point, null when none. */
  pickSite: (view: ScreenView, x: number, y: number, slopPx: number) => Site | null;
} {
  const lang = useLang();
  const serviceAreas = useServiceAreas(data);
  const rule = useMemo(() => (view ? resolveViewRule(view, assumptions) : null), [view, assumptions]);
  // The layer's sites and the others, and those worth drawing for the view: filters kept in step
  // with the list (a drag step patches one slot of each, not 200,000; src/domain/incrementalFilter.ts).
  const [filters] = useState(() => ({
    own: new IncrementalFilter<Site>(),
    other: new IncrementalFilter<Site>(),
    drawn: new IncrementalFilter<Site>(),
    drawnOthers: new IncrementalFilter<Site>(),
    reachable: new IncrementalFilter<Site>(),
  }));
  const types = useMemo(() => new Set<string>(view?.facilities ?? []), [view]);
  const viewSites = useMemo(() => filters.own.apply(sites, (s) => types.has(s.type), types), [filters, sites, types]);
  const otherSites = useMemo(() => filters.other.apply(sites, (s) => !types.has(s.type), types), [filters, sites, types]);

  const deck = useDeckRuntime();
  const viewBox = useViewBounds();
  // Only what the (widened) view can show is drawn: markers in it, service areas that reach it.
  const drawnSites = useMemo(() => (viewBox ? filters.drawn.apply(viewSites, reachesBox(viewBox), viewBox) : viewSites), [filters, viewSites, viewBox]);
  const drawnOthers = useMemo(() => (viewBox ? filters.drawnOthers.apply(otherSites, reachesBox(viewBox), viewBox) : otherSites), [filters, otherSites, viewBox]);
  const reachable = useMemo(() => {
    if (!rule || !display.circles) return [];
    const ruleKm = Math.max(rule.insideKm ?? 0, rule.outsideKm ?? 0);
    if (!viewBox) return viewSites;
    return filters.reachable.apply(viewSites, reachesBox(viewBox, (s: Site) => s.radiusKm ?? ruleKm), `${viewBox.join()}|${ruleKm}`);
  }, [filters, viewSites, viewBox, rule, display.circles]);
  const circlesHidden = reachable.length > MAX_DRAWN_AREAS ? reachable.length : null;
  // Too many markers near the view (a city-wide view of 200,000 sites): a density picture instead.
  const markerCount = (display.sites ? drawnSites.length : 0) + (display.otherSites ? drawnOthers.length : 0);
  const sitesAggregated = markerCount > MAX_DRAWN_MARKERS ? markerCount : null;
  const density = useMemo(() => {
    if (sitesAggregated === null || !viewBox) return null;
    const d = siteDensity(display.sites ? drawnSites : [], display.otherSites ? drawnOthers : [], viewBox, (s) => siteFamily(s.type));
    return { image: new ImageData(new Uint8ClampedArray(d.data), d.width, d.height), bounds: d.bounds };
  }, [sitesAggregated, viewBox, drawnSites, drawnOthers, display.sites, display.otherSites]);
  // The ground each site serves, as the numbers count it (clipped near the Outer Ring).
  const areas = useMemo(
    () => (rule && circlesHidden === null ? reachable.map((site) => ({ site, area: serviceAreas.areaOf(site, rule) })) : []),
    [reachable, rule, serviceAreas, circlesHidden],
  );
  const tiles = useMemo(() => {
    const picture = coverage.picture;
    return picture && picture.viewId === view?.id ? [...picture.tiles.values()] : [];
  }, [coverage.picture, view?.id]);

  const layers = useMemo(
    () =>
      deck === null
        ? []
        : buildFacilityLayers(deck, {
            viewSites: density ? [] : drawnSites,
            areas,
            otherSites: density ? [] : drawnOthers,
            density,
            tiles,
            show: { sites: display.sites, otherSites: display.otherSites, circles: display.circles, coverage: true },
            highlightId: null,
            view: viewBox,
          }),
    [deck, drawnSites, drawnOthers, areas, tiles, display, viewBox, density],
  );

  // The largest own radius: with the rule's, it bounds how far the index must look for the serving site.
  const maxOwnKm = useMemo(() => viewSites.reduce((m, s) => Math.max(m, s.radiusKm ?? 0), 0), [viewSites]);
  // The pointer's ground decides the rule's radius (the side of the Outer Ring it lies on), as the numbers do.
  const describePoint = (lon: number, lat: number): PointReadout | null => {
    if (!view || !rule) return null;
    const side = serviceAreas.insideRing(lon, lat) ? 'inside' : 'outside';
    const ruleKm = side === 'inside' ? rule.insideKm : rule.outsideKm;
    const maxKm = ruleKm === null ? null : Math.max(ruleKm, maxOwnKm);
    const found = siteIndexOf(viewSites).serving(lon, lat, (s) => groundRadiusKm(rule, side, s.radiusKm), maxKm);
    if (!found) return null;
    return {
      layerLabel: viewLabel(lang, view, null).split(' · ')[0]!,
      distanceM: found.distanceM,
      radiusM: found.radiusM,
      ownRadius: found.site.radiusKm !== undefined && found.radiusM !== null,
      siteName: found.site.name ?? found.site.id,
    };
  };

  // What can be picked is what is drawn: the layers shown, top one first.
  const pickable = useMemo(() => {
    const out: PickableMarkers[] = [];
    if (sitesAggregated !== null) return out; // no markers drawn, none to pick
    if (display.sites) out.push({ sites: viewSites, size: SITE_MARKER });
    if (display.otherSites) out.push({ sites: otherSites, size: OTHER_SITE_MARKER });
    return out;
  }, [viewSites, otherSites, display.sites, display.otherSites, sitesAggregated]);
  const pickSite = useCallback((screen: ScreenView, x: number, y: number, slopPx: number) => siteAtPoint(pickable, screen, x, y, slopPx), [pickable]);

  return { layers, describePoint, circlesHidden, sitesAggregated, pickSite };
}
