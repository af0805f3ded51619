/**
 * A tile archive on the map: its source and layers (archiveStyle.ts) added under the app's own
 * layers, faded or hidden through MapLibre's setters, and removed together. The base style is
 * never rebuilt.
 */
import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { Lang } from '../domain/lang';
import { ARCHIVE_SOURCE, archiveLayers, OPACITY_PROPERTIES } from './archiveStyle';
import type { OpenedArchive } from './pmtilesSource';
import { serveArchive, unserveArchive } from './archiveProtocol';
import { BEFORE_LAYER, escapeHtml } from './userTileLayer';
import { TILE_PX } from './tileWarp';
import { ATTRIBUTION_HTML } from './attribution';

export interface ArchiveOnMap {
  opened: OpenedArchive;
  opacity: number;
  visible: boolean;
}

export interface ArchiveShown {
  id: number;
  lang: Lang;
  layers: LayerSpecification[];
}

/** The shipped map's credits as text. */
const SHIPPED_CREDITS = ATTRIBUTION_HTML.replace(/<[^>]+>/g, '');

function sourceOf(a: OpenedArchive): SourceSpecification {
  const h = a.header;
  const common = {
    tiles: [serveArchive(a)],
    minzoom: h.minZoom,
    maxzoom: h.maxZoom,
    bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat] as [number, number, number, number],
    // Said once: the shipped map already credits OpenStreetMap.
    ...(a.attribution.trim() && !SHIPPED_CREDITS.includes(a.attribution.trim()) ? { attribution: escapeHtml(a.attribution.trim()) } : {}),
  };
  return a.format === 'mvt' ? { type: 'vector', ...common } : { type: 'raster', tileSize: TILE_PX, ...common };
}

/** A layer's fading paint value: its own number times the opacity; an expression of its own is kept at full opacity and replaced otherwise. */
function faded(own: unknown, opacity: number): unknown {
  if (own === undefined) return opacity;
  if (typeof own === 'number') return own * opacity;
  return opacity === 1 ? own : opacity;
}

function fade(map: MapLibreMap, layers: readonly LayerSpecification[], a: ArchiveOnMap): void {
  for (const layer of layers) {
    if (!map.getLayer(layer.id)) continue;
    map.setLayoutProperty(layer.id, 'visibility', a.visible ? 'visible' : 'none');
    const paint = ('paint' in layer ? (layer.paint ?? {}) : {}) as Record<string, unknown>;
    for (const p of OPACITY_PROPERTIES[layer.type] ?? []) map.setPaintProperty(layer.id, p as never, faded(paint[p], a.opacity) as never);
  }
}

function remove(map: MapLibreMap, shown: ArchiveShown): void {
  for (const layer of shown.layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  if (map.getSource(ARCHIVE_SOURCE)) map.removeSource(ARCHIVE_SOURCE);
  unserveArchive(shown.id);
}

/** Shows `archive` on `map` (null: none), replacing what was there; returns what it shows. */
export function applyTileArchive(map: MapLibreMap, archive: ArchiveOnMap | null, lang: Lang, current: ArchiveShown | null): ArchiveShown | null {
  if (current && archive && current.id === archive.opened.id && current.lang === lang) {
    fade(map, current.layers, archive);
    return current;
  }
  if (current) remove(map, current);
  if (!archive) return null;
  map.addSource(ARCHIVE_SOURCE, sourceOf(archive.opened));
  const before = map.getLayer(BEFORE_LAYER) ? BEFORE_LAYER : undefined;
  const layers = archiveLayers(archive.opened, lang);
  for (const layer of layers) map.addLayer(layer, before);
  fade(map, layers, archive);
  return { id: archive.opened.id, lang, layers };
}
