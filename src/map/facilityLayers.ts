/**
 * The facility layers drawn with deck.gl over the MapLibre base map: the coverage picture (gaps or
 * distance), coverage circles in metres, and the sites. A pure function of the app state, so a
 * change of any input rebuilds cheap layer descriptors and deck.gl diffs them.
 */
import type { Layer } from '@deck.gl/core';
import type { DeckRuntime } from './deckRuntime';
import type { ResolvedRule } from '../domain/coverageViews';
import type { FacilityTypeId } from '../domain/facilityTypes';
import type { Site } from '../domain/site';
import { SITE_COLOURS } from './coverageColours';

export interface FacilityLayerInput {
  /** Sites of the coverage layer's types (drawn as markers, with their circles). */
  viewSites: readonly Site[];
  /** Sites of all other types (drawn small and faded when asked for). */
  otherSites: readonly Site[];
  rule: ResolvedRule | null;
  /** A new object per worker answer: deck.gl re-uploads the texture when the prop changes. */
  image: { data: ImageData; bounds: [number, number, number, number] } | null;
  show: { sites: boolean; otherSites: boolean; circles: boolean; coverage: boolean };
  insideRing: (site: Site) => boolean;
  highlightId: string | null;
}

export function siteFamily(type: FacilityTypeId): keyof typeof SITE_COLOURS {
  if (type.startsWith('ev-') || type === 'taxi-charging-station' || type === 'bus-charging-bay') return 'charging';
  if (type.startsWith('5g-')) return '5g';
  if (type === 'parcel-locker' || type === 'recycling-cabinet' || type === 'fresh-food-warehouse') return 'locker';
  if (type === 'iot-sensor' || type === 'camera-channel') return 'sensor';
  return 'other';
}


/** Radius (m) of a site's coverage circle under the rule, or 0 when its ring part is not in the rule. */
export function circleRadiusM(site: Site, rule: ResolvedRule, insideRing: (s: Site) => boolean): number {
  const km = insideRing(site) ? rule.insideKm : rule.outsideKm;
  return km === null ? 0 : km * 1000;
}

export function buildFacilityLayers(deck: DeckRuntime, input: FacilityLayerInput): Layer[] {
  const { BitmapLayer, ScatterplotLayer, COORDINATE_SYSTEM } = deck;
  const layers: Layer[] = [];
  const { rule, image, show } = input;
  if (show.coverage && image) {
    layers.push(
      new BitmapLayer({
        id: 'coverage-image',
        image: image.data,
        bounds: image.bounds,
        // The picture is a lon/lat grid; deck.gl reprojects it to Web Mercator per pixel.
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
      }),
    );
  }
  if (show.circles && rule) {
    layers.push(
      new ScatterplotLayer<Site>({
        id: 'coverage-circles',
        data: input.viewSites,
        getPosition: (s) => [s.lon, s.lat],
        getRadius: (s) => circleRadiusM(s, rule, input.insideRing),
        radiusUnits: 'meters',
        stroked: true,
        filled: true,
        getFillColor: (s) => [...SITE_COLOURS[siteFamily(s.type)], 22],
        getLineColor: (s) => [...SITE_COLOURS[siteFamily(s.type)], 150],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        updateTriggers: { getRadius: [rule.insideKm, rule.outsideKm] },
      }),
    );
  }
  if (show.otherSites) {
    // Sites of other types: small and faded, so the layer being studied stays readable.
    layers.push(
      new ScatterplotLayer<Site>({
        id: 'other-sites',
        data: input.otherSites,
        pickable: true,
        getPosition: (s) => [s.lon, s.lat],
        radiusUnits: 'meters',
        getRadius: 30,
        radiusMinPixels: 1.5,
        radiusMaxPixels: 4,
        getFillColor: (s) => [...SITE_COLOURS[siteFamily(s.type)], 120],
      }),
    );
  }
  if (show.sites) {
    layers.push(
      new ScatterplotLayer<Site>({
        id: 'sites',
        data: input.viewSites,
        pickable: true,
        getPosition: (s) => [s.lon, s.lat],
        // Metres with pixel bounds: a dot at city zoom, a marker when zoomed in to a street.
        radiusUnits: 'meters',
        getRadius: (s) => (s.id === input.highlightId ? 90 : 45),
        radiusMinPixels: 2.5,
        radiusMaxPixels: 8,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: (s) => (s.status === 'existing' ? 1 : 2),
        // Existing: filled; planned: white centre; candidate: hollow ring.
        getFillColor: (s) =>
          s.status === 'existing' ? [...SITE_COLOURS[siteFamily(s.type)], 235] : s.status === 'planned' ? [255, 255, 255, 235] : [255, 255, 255, 0],
        getLineColor: (s) => (s.status === 'existing' ? [255, 255, 255, 220] : [...SITE_COLOURS[siteFamily(s.type)], 255]),
        updateTriggers: { getRadius: input.highlightId },
      }),
    );
  }
  return layers;
}
