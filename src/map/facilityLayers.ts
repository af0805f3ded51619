/**
 * The facility layers drawn with deck.gl over the MapLibre base map: the coverage picture (gaps or
 * distance), coverage circles in metres, and the sites. A pure function of the app state, so a
 * change of any input rebuilds cheap layer descriptors and deck.gl diffs them.
 */
import type { Layer } from '@deck.gl/core';
import type { Polygon, Position } from 'geojson';
import type { DeckRuntime } from './deckRuntime';
import type { FacilityTypeId } from '../domain/facilityTypes';
import type { Site } from '../domain/site';
import type { ServiceArea } from '../domain/serviceArea';
import type { PictureTile } from '../coverage/picture';
import { SITE_COLOURS } from './coverageColours';

/** A site with the ground it serves under the layer's rule (src/domain/serviceArea.ts). */
export interface SiteArea {
  site: Site;
  area: ServiceArea;
}

export interface FacilityLayerInput {
  /** Sites of the coverage layer's types (drawn as markers). */
  viewSites: readonly Site[];
  /** The same sites with their service areas (drawn when circles are on; empty without a rule). */
  areas: readonly SiteArea[];
  /** Sites of all other types (drawn small and faded when asked for). */
  otherSites: readonly Site[];
  /** The coverage picture's tiles: one texel per grid cell, placed by the tile's four corners. */
  tiles: ReadonlyArray<{ tile: PictureTile; image: ImageData }>;
  show: { sites: boolean; otherSites: boolean; circles: boolean; coverage: boolean };
  highlightId: string | null;
}

export function siteFamily(type: FacilityTypeId): keyof typeof SITE_COLOURS {
  if (type.startsWith('ev-') || type === 'taxi-charging-station' || type === 'bus-charging-bay') return 'charging';
  if (type.startsWith('5g-')) return '5g';
  if (type === 'parcel-locker' || type === 'recycling-cabinet' || type === 'fresh-food-warehouse') return 'locker';
  if (type === 'iot-sensor' || type === 'camera-channel') return 'sensor';
  return 'other';
}


/** Clipped service areas as one polygon per part (deck.gl's PolygonLayer draws polygons, not multipolygons). */
function areaParts(areas: readonly SiteArea[]): Array<{ site: Site; rings: Position[][] }> {
  const out: Array<{ site: Site; rings: Position[][] }> = [];
  for (const { site, area } of areas) {
    if (area.kind !== 'clipped') continue;
    const polys: Polygon['coordinates'][] = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
    for (const rings of polys) out.push({ site, rings });
  }
  return out;
}

export function buildFacilityLayers(deck: DeckRuntime, input: FacilityLayerInput): Layer[] {
  const { BitmapLayer, PolygonLayer, ScatterplotLayer } = deck;
  const layers: Layer[] = [];
  const { show } = input;
  if (show.coverage) {
    for (const { tile, image } of input.tiles) {
      layers.push(
        new BitmapLayer({
          // One layer per tile: a changed tile is a new image for its layer only, so only its texture is uploaded.
          id: `coverage-tile-${tile.id}`,
          image,
          bounds: tile.corners,
          pickable: true,
          textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        }),
      );
    }
  }
  if (show.circles && input.areas.length > 0) {
    const colour = (s: Site, alpha: number): [number, number, number, number] => [...SITE_COLOURS[siteFamily(s.type)], alpha];
    layers.push(
      new ScatterplotLayer<SiteArea>({
        id: 'coverage-circles',
        data: input.areas.filter((a) => a.area.kind === 'disc'),
        getPosition: (a) => [a.site.lon, a.site.lat],
        getRadius: (a) => (a.area.kind === 'disc' ? a.area.radiusM : 0),
        radiusUnits: 'meters',
        stroked: true,
        filled: true,
        getFillColor: (a) => colour(a.site, 22),
        getLineColor: (a) => colour(a.site, 150),
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      }),
      // Sites near the Outer Ring: their disc clipped by the ring's edge, as the numbers count it.
      new PolygonLayer<{ site: Site; rings: Position[][] }>({
        id: 'coverage-areas',
        data: areaParts(input.areas),
        getPolygon: (p) => p.rings,
        stroked: true,
        filled: true,
        getFillColor: (p) => colour(p.site, 22),
        getLineColor: (p) => colour(p.site, 150),
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
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
