/**
 * The offline base map as a MapLibre style.
 *
 * Every source is GeoJSON from our own origin: no tile server, no sprite, and no `glyphs` URL —
 * MapLibre then draws label glyphs locally with the browser's fonts (see LABEL_FONTS). The
 * sources come in one of two forms (see BaseSources): inline data already validated (the main
 * app), or the files' URLs for MapLibre's worker to fetch while the page's own scripts are still
 * loading (the embed, which paints before it has validated anything; map/baseSources.ts then
 * fills the label sources and blanks any file that failed validation).
 * A pure function of (sources, language, visible groups), so it can be tested without a browser.
 *
 * Kept light on purpose — MapLibre's types, the palette and the plan-district list only — because
 * the embed builds it in its first script, before React, zod or turf are loaded.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { Lang } from '../domain/lang';
import { LAYER_GROUPS, type LayerGroup, type LayerVisibility } from '../domain/layerVisibility';
import { STYLE_PLAN_DISTRICTS } from './styleConstants';
import { LABEL_FONTS, METRO_FALLBACK_COLOUR, METRO_LINE_COLOURS, PALETTE } from './palette';

export { DEFAULT_VISIBILITY, LAYER_GROUPS, type LayerGroup, type LayerVisibility } from '../domain/layerVisibility';

/** How far the map may pan: the extent of the shipped land and sea data. */
export const MAX_BOUNDS: [[number, number], [number, number]] = [
  [120.7, 30.55],
  [122.9, 32.0],
];

/** The view the map opens on and "reset view" returns to: the whole municipality. */
export const SHANGHAI_BOUNDS: [[number, number], [number, number]] = [
  [120.85, 30.68],
  [122.0, 31.87],
];

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isPlanDistrict: ExpressionSpecification = ['in', ['get', 'adcode'], ['literal', [...STYLE_PLAN_DISTRICTS]]];
/** A user's boundary (src/domain/userZones.ts) is the one the office holds: never drawn as approximate. */
const isUserZone: ExpressionSpecification = ['has', 'user_source'];
const isApproximate: ExpressionSpecification = ['all', ['==', ['get', 'precision'], 'approximate'], ['!', isUserZone]];

/** The label text for a feature in the chosen language; approximate zones say so in the label. */
export function labelText(lang: Lang, layer: 'district' | 'zone' | 'station' | 'township'): ExpressionSpecification {
  // Townships have Chinese names only (OSM and the NBS list carry no English ones): the English map
  // shows the Chinese name with the NBS code's last three digits, which the English tooltip explains.
  if (layer === 'township') return lang === 'zh' ? ['get', 'name'] : ['concat', ['get', 'name'], ' ', ['slice', ['get', 'code'], 6]];
  if (layer === 'station') return ['get', lang === 'zh' ? 'name_zh' : 'name_latin'];
  const name: ExpressionSpecification = ['get', lang === 'zh' ? 'name' : 'name_en'];
  if (layer === 'district') return name;
  const approxSuffix = lang === 'zh' ? '（近似）' : ' (approx.)';
  const userSuffix = lang === 'zh' ? '（用户边界）' : ' (user boundary)';
  return ['case', isUserZone, ['concat', name, userSuffix], isApproximate, ['concat', name, approxSuffix], name];
}

/** Which style layers belong to each toggle group. */
export const GROUP_LAYERS: Record<LayerGroup, string[]> = {
  districts: ['districts-fill', 'districts-line', 'districts-line-plan'],
  townships: ['townships-fill', 'townships-line', 'township-labels'],
  outerRing: ['outer-ring-fill', 'outer-ring-edge'],
  s20: ['s20-line'],
  zones: ['zones-fill', 'zones-line', 'zones-line-approx', 'zone-labels'],
  rivers: ['rivers-line'],
  roads: ['roads-line'],
  metro: ['metro-lines'],
  stations: ['stations-circle', 'station-labels'],
  labels: ['district-labels', 'zone-labels', 'station-labels', 'township-labels'],
};

/** Whether a style layer is shown: every group it belongs to must be on. */
export function layerVisible(layerId: string, visibility: LayerVisibility): boolean {
  return LAYER_GROUPS.every((g) => !GROUP_LAYERS[g].includes(layerId) || visibility[g]);
}

/**
 * The style's GeoJSON sources, each either a FeatureCollection or the absolute URL of a file.
 * Listed in drawing-priority order: MapLibre asks its workers for sources in this order, so the
 * districts — what a reader looks for first — are parsed before the base land and the metro.
 */
export const BASE_SOURCE_IDS = [
  'districts',
  'district-labels',
  'municipal',
  'land',
  'ocean',
  'outer-ring-area',
  's20',
  'zones',
  'zone-labels',
  'rivers',
  'roads',
  'metro',
  'stations',
  // The townships in use (shipped and imported) arrive after the map is made (the store's set).
  'townships',
  'township-labels',
] as const;
export type BaseSourceId = (typeof BASE_SOURCE_IDS)[number];
export type BaseSources = Record<BaseSourceId, GeoJSON.FeatureCollection | string>;

/**
 * The shipped file behind each file-backed source (the label sources are computed from the
 * districts and zones, so they have none). Names match io/geodataFiles.ts (a unit test checks).
 */
export const BASE_SOURCE_FILES = {
  districts: 'districts.geojson',
  municipal: 'municipal.geojson',
  land: 'land.geojson',
  ocean: 'ocean.geojson',
  'outer-ring-area': 'outer-ring-area.geojson',
  s20: 'outer-ring-s20.geojson',
  zones: 'zones.geojson',
  rivers: 'rivers.geojson',
  roads: 'elevated-roads.geojson',
  metro: 'metro-lines.geojson',
  stations: 'metro-stations.geojson',
} as const satisfies Partial<Record<BaseSourceId, string>>;
export type FileSourceId = keyof typeof BASE_SOURCE_FILES;

export const EMPTY_COLLECTION: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Sources that MapLibre's worker fetches itself from `dataUrl` (absolute, ending in '/'). Only
 * those in `only` (default: every file) are linked; the others, and the label sources, start empty.
 */
export function linkedBaseSources(dataUrl: string, only?: readonly FileSourceId[]): BaseSources {
  const sources = {} as BaseSources;
  for (const id of BASE_SOURCE_IDS) {
    const file = (BASE_SOURCE_FILES as Partial<Record<BaseSourceId, string>>)[id];
    const linked = file !== undefined && (!only || only.includes(id as FileSourceId));
    sources[id] = linked ? `${dataUrl}${file}` : EMPTY_COLLECTION;
  }
  return sources;
}

const PROMOTE_ID: Partial<Record<BaseSourceId, string>> = { districts: 'adcode', zones: 'id', townships: 'code' };

function metroColourExpression(): ExpressionSpecification {
  const pairs = Object.entries(METRO_LINE_COLOURS).flat();
  return ['match', ['get', 'route'], ...pairs, METRO_FALLBACK_COLOUR] as unknown as ExpressionSpecification;
}

export function buildBaseStyle(data: BaseSources, lang: Lang, visibility: LayerVisibility): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const id of BASE_SOURCE_IDS) {
    const promoteId = PROMOTE_ID[id];
    sources[id] = { type: 'geojson', data: data[id], ...(promoteId ? { promoteId } : {}) };
  }

  const textLayout = (size: number | ExpressionSpecification) => ({
    'text-font': LABEL_FONTS,
    'text-size': size,
    'text-max-width': 8,
  });

  /** Labels of areas at their anchors (`<kind>-labels` source), shown from the zoom where the size ramp starts. */
  const areaLabels = (kind: 'zone' | 'township', size: { from: [number, number]; to: [number, number] }, colour: string, halo: number): LayerSpecification => ({
    id: `${kind}-labels`,
    type: 'symbol',
    source: `${kind}-labels`,
    minzoom: size.from[0],
    layout: { ...textLayout(['interpolate', ['linear'], ['zoom'], ...size.from, ...size.to]), 'text-field': labelText(lang, kind) },
    paint: { 'text-color': colour, 'text-halo-color': PALETTE.labelHalo, 'text-halo-width': halo },
  });

  const layers: LayerSpecification[] = [
    // Background is sea: the land file covers every land area within the map's max bounds.
    { id: 'background', type: 'background', paint: { 'background-color': PALETTE.sea } },
    { id: 'land-fill', type: 'fill', source: 'land', paint: { 'fill-color': PALETTE.neighbourLand } },
    { id: 'ocean-fill', type: 'fill', source: 'ocean', paint: { 'fill-color': PALETTE.sea } },
    { id: 'municipal-fill', type: 'fill', source: 'municipal', paint: { 'fill-color': PALETTE.cityLand } },
    {
      id: 'outer-ring-fill',
      type: 'fill',
      source: 'outer-ring-area',
      paint: { 'fill-color': PALETTE.outerRingFill, 'fill-opacity': 0.12 },
    },
    {
      id: 'districts-fill',
      type: 'fill',
      source: 'districts',
      paint: {
        'fill-color': ['case', selected, PALETTE.selectedFill, isPlanDistrict, PALETTE.planDistrictFill, PALETTE.cityLand],
        'fill-opacity': ['case', selected, 0.35, hovered, 0.45, isPlanDistrict, 0.22, 0.0],
      },
    },
    {
      id: 'townships-fill',
      type: 'fill',
      source: 'townships',
      // Transparent but for the hovered and the selected one: there for the pointer to find.
      paint: { 'fill-color': PALETTE.township, 'fill-opacity': ['case', selected, 0.18, hovered, 0.14, 0] },
    },
    {
      id: 'rivers-line',
      type: 'line',
      source: 'rivers',
      // Drawn as a broad, pale band so a river never reads as a metro line.
      paint: {
        'line-color': PALETTE.river,
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 8, 1.5, 12, 6, 15, 18],
        'line-opacity': 0.85,
      },
    },
    {
      id: 'zones-fill',
      type: 'fill',
      source: 'zones',
      paint: { 'fill-color': PALETTE.zone, 'fill-opacity': ['case', hovered, 0.35, isApproximate, 0.1, 0.16] },
    },
    {
      id: 'roads-line',
      type: 'line',
      source: 'roads',
      paint: { 'line-color': PALETTE.road, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 13, 3] },
    },
    {
      id: 'metro-lines',
      type: 'line',
      source: 'metro',
      // The 'network' feature repeats every line; drawing it would hide the line colours.
      filter: ['!=', ['get', 'route'], 'network'],
      paint: {
        'line-color': metroColourExpression(),
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 13, 3],
        'line-opacity': 0.85,
      },
    },
    {
      id: 's20-line',
      type: 'line',
      source: 's20',
      paint: { 'line-color': PALETTE.s20, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.8, 13, 5] },
    },
    {
      id: 'outer-ring-edge',
      type: 'line',
      source: 'outer-ring-area',
      paint: { 'line-color': PALETTE.s20, 'line-width': 1, 'line-opacity': 0.6, 'line-dasharray': [3, 2] },
    },
    {
      id: 'townships-line',
      type: 'line',
      source: 'townships',
      paint: {
        'line-color': PALETTE.township,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 13, 1.2],
        'line-opacity': 0.75,
      },
    },
    {
      id: 'districts-line',
      type: 'line',
      source: 'districts',
      filter: ['!', isPlanDistrict],
      paint: { 'line-color': PALETTE.districtLine, 'line-width': ['case', hovered, 2.5, 1] },
    },
    {
      id: 'districts-line-plan',
      type: 'line',
      source: 'districts',
      filter: isPlanDistrict,
      paint: { 'line-color': PALETTE.planDistrictLine, 'line-width': ['case', selected, 4, hovered, 3.5, 2.2] },
    },
    {
      id: 'zones-line',
      type: 'line',
      source: 'zones',
      filter: ['!', isApproximate],
      paint: { 'line-color': PALETTE.zone, 'line-width': 1.8 },
    },
    {
      id: 'zones-line-approx',
      type: 'line',
      source: 'zones',
      filter: isApproximate,
      paint: { 'line-color': PALETTE.zone, 'line-width': 1.8, 'line-dasharray': [2, 1.5] },
    },
    {
      // The selected township, outlined whatever the layer toggles say (in no group).
      id: 'township-selected-line',
      type: 'line',
      source: 'townships',
      paint: { 'line-color': PALETTE.townshipSelected, 'line-width': ['case', selected, 3, 0], 'line-opacity': ['case', selected, 1, 0] },
    },
    {
      id: 'stations-circle',
      type: 'circle',
      source: 'stations',
      minzoom: 10.5,
      paint: {
        'circle-color': PALETTE.station,
        'circle-stroke-color': PALETTE.stationStroke,
        'circle-stroke-width': 1,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10.5, 2, 14, 4.5],
      },
    },
    {
      id: 'station-labels',
      type: 'symbol',
      source: 'stations',
      minzoom: 12.5,
      layout: { ...textLayout(11), 'text-field': labelText(lang, 'station'), 'text-offset': [0, 0.9], 'text-anchor': 'top' },
      paint: { 'text-color': '#444', 'text-halo-color': PALETTE.labelHalo, 'text-halo-width': 1.2 },
    },
    areaLabels('township', { from: [11.5, 10], to: [15, 13] }, PALETTE.township, 1.4),
    areaLabels('zone', { from: [9.5, 10], to: [14, 14] }, PALETTE.zone, 1.5),
    {
      id: 'district-labels',
      type: 'symbol',
      source: 'district-labels',
      layout: {
        ...textLayout(['interpolate', ['linear'], ['zoom'], 8, 11, 12, 16]),
        'text-field': labelText(lang, 'district'),
        'text-allow-overlap': false,
      },
      paint: {
        'text-color': ['case', isPlanDistrict, PALETTE.planDistrictLine, PALETTE.districtLabel],
        'text-halo-color': PALETTE.labelHalo,
        'text-halo-width': 1.8,
      },
    },
  ];

  for (const layer of layers) {
    if (layer.type === 'background') continue;
    layer.layout = { ...(layer.layout ?? {}), visibility: layerVisible(layer.id, visibility) ? 'visible' : 'none' } as never;
  }

  return { version: 8, name: 'Shanghai offline base map', sources, layers };
}
