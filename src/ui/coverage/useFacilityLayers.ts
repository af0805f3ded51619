import { useMemo } from 'react';
import type { Layer } from '@deck.gl/core';
import type { AssumptionValues } from '../../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import { groundRadiusKm } from '../../domain/serviceRule';
import { servingSite } from '../../coverage/nearest';
import { buildFacilityLayers } from '../../map/facilityLayers';
import { useDeckRuntime } from '../../map/deckRuntime';
import { useViewBounds } from '../../map/viewBounds';
import { MAX_DRAWN_AREAS, sitesInView } from '../../map/sitesInView';
import type { PointReadout } from '../HoverTooltip';
import type { Lang } from '../i18n';
import type { CoverageState } from './useCoverage';
import type { FacilityDisplay } from './CoveragePanel';
import { viewLabel } from './viewLabel';
import { useServiceAreas } from './useServiceAreas';

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
  /** Service areas not drawn: this many sites reach the view (more than MAX_DRAWN_AREAS); null: drawn. */
  circlesHidden: number | null;
} {
  const serviceAreas = useServiceAreas(data);
  const rule = useMemo(() => (view ? resolveViewRule(view, assumptions) : null), [view, assumptions]);
  const [viewSites, otherSites] = useMemo(() => {
    const types = new Set<string>(view?.facilities ?? []);
    const own: Site[] = [];
    const other: Site[] = [];
    for (const s of sites) (types.has(s.type) ? own : other).push(s);
    return [own, other];
  }, [sites, view]);

  const deck = useDeckRuntime();
  const viewBox = useViewBounds();
  // Only what the (widened) view can show is drawn: markers in it, service areas that reach it.
  const drawnSites = useMemo(() => sitesInView(viewSites, viewBox), [viewSites, viewBox]);
  const drawnOthers = useMemo(() => sitesInView(otherSites, viewBox), [otherSites, viewBox]);
  const reachable = useMemo(() => {
    if (!rule || !display.circles) return [];
    const ruleKm = Math.max(rule.insideKm ?? 0, rule.outsideKm ?? 0);
    return sitesInView(viewSites, viewBox, (s) => s.radiusKm ?? ruleKm);
  }, [viewSites, viewBox, rule, display.circles]);
  const circlesHidden = reachable.length > MAX_DRAWN_AREAS ? reachable.length : null;
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
            viewSites: drawnSites,
            areas,
            otherSites: drawnOthers,
            tiles,
            show: { sites: display.sites, otherSites: display.otherSites, circles: display.circles, coverage: true },
            highlightId: null,
            view: viewBox,
          }),
    [deck, drawnSites, drawnOthers, areas, tiles, display, viewBox],
  );

  // The pointer's ground decides the rule's radius (the side of the Outer Ring it lies on), as the numbers do.
  const describePoint = (lon: number, lat: number): PointReadout | null => {
    if (!view || !rule) return null;
    const side = serviceAreas.insideRing(lon, lat) ? 'inside' : 'outside';
    const found = servingSite(viewSites, lon, lat, (s) => groundRadiusKm(rule, side, s.radiusKm));
    if (!found) return null;
    return {
      layerLabel: viewLabel(lang, view, null).split(' · ')[0]!,
      distanceM: found.distanceM,
      radiusM: found.radiusM,
      ownRadius: found.site.radiusKm !== undefined && found.radiusM !== null,
      siteName: found.site.name ?? found.site.id,
    };
  };

  return { layers, describePoint, circlesHidden };
}
