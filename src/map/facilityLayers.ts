/**
 * The facility layers drawn with deck.gl over the MapLibre base map: the coverage picture (gaps or
 * distance), coverage circles in metres, and the sites. A pure function of the app state, so a
 * change of any input rebuilds cheap layer descriptors and deck.gl diffs them.
 */
import type { Layer } from '@deck.gl/core';
import type { Position } from 'geojson';
import type { DeckRuntime } from './deckRuntime';
import { FACILITY_TYPES, type FacilityFamily, type FacilityTypeId } from '../domain/facilityTypes';
import type { Site } from '../domain/site';
import { areaOutline, type ServiceArea } from '../domain/serviceArea';
import type { PictureTile } from '../coverage/picture';
import { SITE_COLOURS } from './coverageColours';
import { changedRows } from './changedRows';
import { inView, type LonLatBox } from './viewBounds';

/** deck.gl's `_dataDiff`: only the rows whose objects were replaced are recomputed (a dragged site: one row). */
function rowsOf<T>(same: (a: T, b: T) => boolean = Object.is) {
  // No previous list, another length or many changes: every row (`endRow` omitted: to the end).
  return <D,>(next: D, prev?: D) => changedRows((prev ?? null) as T[] | null, next as T[], same) ?? [{ startRow: 0 }];
}


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
  /** The (widened) view box: picture tiles outside it are not drawn. Null: all are. */
  view: LonLatBox | null;
  /** Too many markers in view: the sites as a density picture instead (src/map/siteDensity.ts); null: markers. */
  density?: { image: ImageData; bounds: LonLatBox } | null;
}

/** A marker's drawn radius: metres, clamped to pixel bounds (deck.gl's radiusMinPixels/radiusMaxPixels). */
export interface MarkerSize {
  metres: number;
  minPixels: number;
  maxPixels: number;
}
/** Metres with pixel bounds: a dot at city zoom, a marker when zoomed in to a street. */
export const SITE_MARKER: MarkerSize = { metres: 45, minPixels: 2.5, maxPixels: 8 };
/** Sites of other types: small and faded, so the layer being studied stays readable. */
export const OTHER_SITE_MARKER: MarkerSize = { metres: 30, minPixels: 1.5, maxPixels: 4 };

/** The colour family of a facility type (its `family` in src/domain/facilityTypes.ts). */
export function siteFamily(type: FacilityTypeId): FacilityFamily {
  return FACILITY_TYPES[type].family;
}


/** One drawn edge of a site's service area outline. */
export interface AreaEdge {
  site: Site;
  area: ServiceArea;
  from: Position;
  to: Position;
}

const edgesOf = new WeakMap<ServiceArea, AreaEdge[]>();

/**
 * Service areas as outline edges (a clipped area's rings; a disc: a 64-gon), one row per edge. Rows
 * are kept per area object, so a drag re-makes only the dragged site's.
 */
export function areaEdges(areas: readonly SiteArea[]): AreaEdge[] {
  const rows: AreaEdge[] = [];
  for (const { site, area } of areas) {
    let edges = edgesOf.get(area);
    if (!edges) {
      edges = areaOutline(site, area).flatMap((ring) => ring.slice(1).map((to, i) => ({ site, area, from: ring[i]!, to })));
      edgesOf.set(area, edges);
    }
    for (const e of edges) rows.push(e);
  }
  return rows;
}

export function buildFacilityLayers(deck: DeckRuntime, input: FacilityLayerInput): Layer[] {
  const { BitmapLayer, LineLayer, ScatterplotLayer } = deck;
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
          // Off-screen tiles stay (their textures kept) but are not drawn.
          visible: inView(input.view, tile.corners),
          textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        }),
      );
    }
  }
  // Service areas are drawn as outlines, not filled: in software WebGL a fill costs every pixel of
  // every disc on every frame of a drag (bench/drag.ts), and the gap picture already shades what is
  // covered. Whole discs are circles (one instance each); only the clipped areas near the S20 are
  // drawn edge by edge — a path per disc for the sample's 747 sites measured ~9× slower per frame.
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
        filled: false,
        getLineColor: (a) => colour(a.site, 170),
        lineWidthUnits: 'pixels',
        getLineWidth: 1.2,
        _dataDiff: rowsOf((x: SiteArea, y: SiteArea) => x.site === y.site && x.area === y.area),
      }),
      // Near the Outer Ring: the disc clipped by its edge, as the numbers count it. Straight edges
      // (LineLayer), not paths: a PathLayer's joins cost far more per vertex in software WebGL.
      new LineLayer<AreaEdge>({
        id: 'coverage-areas',
        data: areaEdges(input.areas.filter((a) => a.area.kind === 'clipped')),
        getSourcePosition: (e) => e.from as [number, number],
        getTargetPosition: (e) => e.to as [number, number],
        getColor: (e) => colour(e.site, 170),
        widthUnits: 'pixels',
        getWidth: 1.2,
        _dataDiff: rowsOf<AreaEdge>(),
      }),
    );
  }
  if (input.density) {
    layers.push(
      new BitmapLayer({
        id: 'site-density',
        image: input.density.image,
        bounds: input.density.bounds,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
      }),
    );
  }
  if (show.otherSites) {
    layers.push(
      new ScatterplotLayer<Site>({
        id: 'other-sites',
        data: input.otherSites,
        // Picked from the sites' index (src/map/sitePicking.ts), not by drawing the layer again.
        pickable: false,
        getPosition: (s) => [s.lon, s.lat],
        radiusUnits: 'meters',
        getRadius: OTHER_SITE_MARKER.metres,
        radiusMinPixels: OTHER_SITE_MARKER.minPixels,
        radiusMaxPixels: OTHER_SITE_MARKER.maxPixels,
        getFillColor: (s) => [...SITE_COLOURS[siteFamily(s.type)], 120],
        _dataDiff: rowsOf<Site>(),
      }),
    );
  }
  if (show.sites) {
    layers.push(
      new ScatterplotLayer<Site>({
        id: 'sites',
        data: input.viewSites,
        pickable: false,
        getPosition: (s) => [s.lon, s.lat],
        radiusUnits: 'meters',
        getRadius: (s) => (s.id === input.highlightId ? 2 * SITE_MARKER.metres : SITE_MARKER.metres),
        radiusMinPixels: SITE_MARKER.minPixels,
        radiusMaxPixels: SITE_MARKER.maxPixels,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: (s) => (s.status === 'existing' ? 1 : 2),
        // Existing: filled; planned: white centre; candidate: hollow ring.
        getFillColor: (s) =>
          s.status === 'existing' ? [...SITE_COLOURS[siteFamily(s.type)], 235] : s.status === 'planned' ? [255, 255, 255, 235] : [255, 255, 255, 0],
        getLineColor: (s) => (s.status === 'existing' ? [255, 255, 255, 220] : [...SITE_COLOURS[siteFamily(s.type)], 255]),
        updateTriggers: { getRadius: input.highlightId },
        _dataDiff: rowsOf<Site>(),
      }),
    );
  }
  return layers;
}
