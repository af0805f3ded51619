/**
 * The base style's sources from validated data, and the step that brings a map whose sources were
 * linked by URL (the embed: map/baseStyle.ts linkedBaseSources) into line with what validated.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Geodata, GeodataKey } from '../io/geodataFiles';
import { labelPoints } from './labelPoints';
import { BASE_SOURCE_FILES, EMPTY_COLLECTION, type BaseSources, type FileSourceId } from './baseStyle';

/** Which validated file fills each file-backed source. */
const SOURCE_DATA: Record<FileSourceId, GeodataKey> = {
  districts: 'districts',
  municipal: 'municipal',
  land: 'land',
  ocean: 'ocean',
  'outer-ring-area': 'outerRingArea',
  s20: 'outerRingLines',
  zones: 'zones',
  rivers: 'rivers',
  roads: 'elevatedRoads',
  metro: 'metroLines',
  stations: 'metroStations',
};

/** Only the features go to MapLibre: the files' provenance metadata stays out of its worker. */
function features(data: { features: unknown[] } | undefined): GeoJSON.FeatureCollection {
  return data ? ({ type: 'FeatureCollection', features: data.features } as GeoJSON.FeatureCollection) : EMPTY_COLLECTION;
}

/** The label anchors, computed from the validated districts and zones (labelPoints.ts). */
export function labelSources(data: Geodata): Pick<BaseSources, 'district-labels' | 'zone-labels'> {
  return {
    'district-labels': data.districts ? (labelPoints(data.districts) as GeoJSON.FeatureCollection) : EMPTY_COLLECTION,
    'zone-labels': data.zones ? (labelPoints(data.zones) as GeoJSON.FeatureCollection) : EMPTY_COLLECTION,
  };
}

/** Every source inline from validated data; a file that did not validate draws as empty. */
export function inlineBaseSources(data: Geodata): BaseSources {
  const files = Object.fromEntries(
    (Object.keys(SOURCE_DATA) as FileSourceId[]).map((id) => [id, features(data[SOURCE_DATA[id]] as { features: unknown[] } | undefined)]),
  ) as Record<FileSourceId, GeoJSON.FeatureCollection>;
  // The townships in use come later, from the store (useTownshipSource).
  return { ...files, ...labelSources(data), townships: EMPTY_COLLECTION, 'township-labels': EMPTY_COLLECTION };
}

/**
 * For a map created with linked sources: the label sources get their anchors, and a source whose
 * file did not validate is emptied, so the map draws exactly what the validated data holds — as
 * the inline form does — once validation is done.
 */
export function applyValidatedData(map: MapLibreMap, data: Geodata): void {
  const set = (id: string, value: GeoJSON.FeatureCollection) => (map.getSource(id) as GeoJSONSource | undefined)?.setData(value);
  for (const [id, value] of Object.entries(labelSources(data))) set(id, value as GeoJSON.FeatureCollection);
  for (const id of Object.keys(BASE_SOURCE_FILES) as FileSourceId[]) if (!data[SOURCE_DATA[id]]) set(id, EMPTY_COLLECTION);
}

/** The data key behind a file-backed source (for tests that compare the two lists). */
export function sourceDataKey(id: FileSourceId): GeodataKey {
  return SOURCE_DATA[id];
}
