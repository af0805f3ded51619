/**
 * The style layers of a tile archive, drawn under the app's own layers in a light theme that
 * matches the palette. Pure (no map): the schema is told by the archive's `vector_layers`:
 *
 * - Protomaps basemap schema (earth, roads, places, pois, …): `@protomaps/basemaps`' light flavour
 *   with the palette's land and water;
 * - OpenMapTiles schema (transportation, water, place, …): a small style of our own;
 * - anything else: each layer's polygons, lines and names in neutral colours.
 *
 * Labels come from the tiles' name fields (zh: name:zh-Hans / name:zh / name; en: name:en / name_en /
 * name) in the app's local fonts (LABEL_FONTS): the style has no glyph server, so MapLibre draws
 * them in the browser as it does the app's own labels. No sprite: icons (shields, POI symbols,
 * one-way arrows) are left out.
 */
import { layers as protomapsLayers, LIGHT, type Flavor } from '@protomaps/basemaps';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../domain/lang';
import { LABEL_FONTS, PALETTE } from './palette';

export type ArchiveSchema = 'protomaps' | 'openmaptiles' | 'other';
export const ARCHIVE_SOURCE = 'tile-archive';
/** Every archive layer's id starts so (removed together). */
export const ARCHIVE_LAYER_PREFIX = 'archive-';

const PROTOMAPS_LAYERS = ['earth', 'roads', 'places', 'pois', 'boundaries', 'buildings', 'transit', 'landuse', 'natural'];
const OPENMAPTILES_LAYERS = ['transportation', 'transportation_name', 'place', 'poi', 'boundary', 'building', 'waterway', 'water_name', 'landcover', 'aeroway', 'park', 'housenumber'];

/** The schema whose layer names the archive has most of (ties and none: 'other'). */
export function archiveSchema(vectorLayers: readonly string[]): ArchiveSchema {
  const pm = vectorLayers.filter((l) => PROTOMAPS_LAYERS.includes(l)).length;
  const omt = vectorLayers.filter((l) => OPENMAPTILES_LAYERS.includes(l)).length;
  return pm > omt ? 'protomaps' : omt > pm ? 'openmaptiles' : 'other';
}

/** The label of a feature from its name fields, in the app's language. */
export function archiveName(lang: Lang): ExpressionSpecification {
  const fields = lang === 'zh' ? ['name:zh-Hans', 'name:zh', 'name', 'name:en', 'name_en'] : ['name:en', 'name_en', 'name:latin', 'name'];
  return ['coalesce', ...fields.map((f): ExpressionSpecification => ['get', f])] as ExpressionSpecification;
}

const CASING = '#cdc3b1';
const ROAD = '#ffffff';
const MAJOR_ROAD = '#fdf3df';
const LABEL = '#5a5148';
const GREEN = '#dde8d3';
const BUILDING = '#e6dfd2';

/** The light flavour, on the palette's land and water, with casings that show on the pale land. */
const FLAVOR: Flavor = {
  ...LIGHT,
  background: PALETTE.neighbourLand,
  earth: PALETTE.cityLand,
  water: PALETTE.sea,
  buildings: BUILDING,
  park_a: GREEN,
  wood_a: GREEN,
  minor_casing: CASING,
  minor_service_casing: CASING,
  link_casing: CASING,
  major_casing_early: CASING,
  major_casing_late: CASING,
  highway_casing_early: CASING,
  highway_casing_late: CASING,
  major: MAJOR_ROAD,
  highway: MAJOR_ROAD,
  roads_label_minor: LABEL,
  roads_label_major: LABEL,
};

/** Layers that need a sprite or draw only icons. */
const PROTOMAPS_DROPPED = new Set(['background', 'roads_shields', 'roads_oneway', 'pois', 'address_label']);

function protomapsStyle(lang: Lang): LayerSpecification[] {
  const out: LayerSpecification[] = [];
  for (const layer of protomapsLayers(ARCHIVE_SOURCE, FLAVOR, { lang: lang === 'zh' ? 'zh-Hans' : 'en' }) as LayerSpecification[]) {
    if (PROTOMAPS_DROPPED.has(layer.id)) continue;
    const l = { ...layer, id: ARCHIVE_LAYER_PREFIX + layer.id } as LayerSpecification;
    if (l.type === 'symbol') {
      const layout: Record<string, unknown> = { ...(l.layout ?? {}), 'text-font': LABEL_FONTS, 'text-field': archiveName(lang) };
      delete layout['icon-image'];
      l.layout = layout;
    }
    out.push(l);
  }
  return out;
}

const roadWidth = (minor: number, major: number): ExpressionSpecification => [
  'interpolate',
  ['exponential', 1.5],
  ['zoom'],
  12,
  ['match', ['get', 'class'], ['motorway', 'trunk', 'primary'], major * 0.35, minor * 0.3],
  18,
  ['match', ['get', 'class'], ['motorway', 'trunk', 'primary'], major * 4, minor * 4],
];

function openMapTilesStyle(lang: Lang): LayerSpecification[] {
  const s = ARCHIVE_SOURCE;
  const p = ARCHIVE_LAYER_PREFIX;
  const label = (id: string, sourceLayer: string, extra: Partial<LayerSpecification> & object): LayerSpecification =>
    ({
      id: p + id,
      type: 'symbol',
      source: s,
      'source-layer': sourceLayer,
      ...extra,
      layout: { 'text-font': LABEL_FONTS, 'text-field': archiveName(lang), 'text-size': 12, ...(('layout' in extra ? extra.layout : {}) as object) },
      paint: { 'text-color': LABEL, 'text-halo-color': PALETTE.labelHalo, 'text-halo-width': 1.2 },
    }) as LayerSpecification;
  return [
    { id: p + 'landcover', type: 'fill', source: s, 'source-layer': 'landcover', filter: ['in', ['get', 'class'], ['literal', ['grass', 'wood', 'farmland']]], paint: { 'fill-color': GREEN } },
    { id: p + 'park', type: 'fill', source: s, 'source-layer': 'park', paint: { 'fill-color': GREEN } },
    { id: p + 'water', type: 'fill', source: s, 'source-layer': 'water', paint: { 'fill-color': PALETTE.sea } },
    { id: p + 'waterway', type: 'line', source: s, 'source-layer': 'waterway', paint: { 'line-color': PALETTE.river, 'line-width': 1.2 } },
    { id: p + 'building', type: 'fill', source: s, 'source-layer': 'building', minzoom: 14, paint: { 'fill-color': BUILDING, 'fill-outline-color': CASING } },
    { id: p + 'road-casing', type: 'line', source: s, 'source-layer': 'transportation', filter: ['!=', ['get', 'class'], 'rail'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': CASING, 'line-width': roadWidth(3, 5) } },
    {
      id: p + 'road',
      type: 'line',
      source: s,
      'source-layer': 'transportation',
      filter: ['!=', ['get', 'class'], 'rail'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['match', ['get', 'class'], ['motorway', 'trunk', 'primary'], MAJOR_ROAD, ROAD], 'line-width': roadWidth(2, 3.6) },
    },
    { id: p + 'rail', type: 'line', source: s, 'source-layer': 'transportation', filter: ['==', ['get', 'class'], 'rail'], paint: { 'line-color': '#b9b3a8', 'line-width': 1, 'line-dasharray': [3, 2] } },
    label('road-label', 'transportation_name', { minzoom: 13, layout: { 'symbol-placement': 'line' } }),
    label('water-label', 'water_name', {}),
    label('place-label', 'place', { layout: { 'text-size': ['match', ['get', 'class'], ['city', 'town'], 14, 12] } }),
  ];
}

/** An archive of unknown schema: polygons, lines and names of every layer, neutral. */
function genericStyle(vectorLayers: readonly string[], lang: Lang): LayerSpecification[] {
  const s = ARCHIVE_SOURCE;
  return vectorLayers.flatMap((sl, i): LayerSpecification[] => {
    const id = `${ARCHIVE_LAYER_PREFIX}${i}-`;
    return [
      { id: id + 'fill', type: 'fill', source: s, 'source-layer': sl, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': BUILDING, 'fill-opacity': 0.6 } },
      { id: id + 'line', type: 'line', source: s, 'source-layer': sl, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#b8ad9b', 'line-width': 1.5 } },
      ...(['LineString', 'Point'] as const).map(
        (g): LayerSpecification => ({
          id: id + (g === 'Point' ? 'label' : 'line-label'),
          type: 'symbol',
          source: s,
          'source-layer': sl,
          filter: ['==', ['geometry-type'], g],
          layout: { 'text-font': LABEL_FONTS, 'text-field': archiveName(lang), 'text-size': 12, 'symbol-placement': g === 'Point' ? 'point' : 'line' },
          paint: { 'text-color': LABEL, 'text-halo-color': PALETTE.labelHalo, 'text-halo-width': 1.2 },
        }),
      ),
    ];
  });
}

export interface ArchiveLook {
  format: 'mvt' | 'png' | 'jpeg' | 'webp';
  schema: ArchiveSchema | null;
  vectorLayers: readonly string[];
}

/** The archive's layers (source ARCHIVE_SOURCE), before opacity and visibility. */
export function archiveLayers(look: ArchiveLook, lang: Lang): LayerSpecification[] {
  if (look.format !== 'mvt') return [{ id: ARCHIVE_LAYER_PREFIX + 'raster', type: 'raster', source: ARCHIVE_SOURCE }];
  if (look.schema === 'protomaps') return protomapsStyle(lang);
  if (look.schema === 'openmaptiles') return openMapTilesStyle(lang);
  return genericStyle(look.vectorLayers, lang);
}

/** The paint properties that fade a layer of each type. */
export const OPACITY_PROPERTIES: Partial<Record<LayerSpecification['type'], string[]>> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  symbol: ['text-opacity'],
  raster: ['raster-opacity'],
};
