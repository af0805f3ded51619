/**
 * The base style after the map is made: the language of its labels, which layer groups show, and the
 * selected district's outline — each through MapLibre's setters, so the sources are not parsed again
 * on every change (the style is built once, with the first render's values: useBaseMap).
 */
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../../domain/lang';
import { GROUP_LAYERS, LAYER_GROUPS, labelText, layerVisible, type LayerVisibility } from '../../map/baseStyle';
import { whenStyleLoaded } from '../../map/mapReadiness';

const LABEL_LAYERS = [
  ['district-labels', 'district'],
  ['zone-labels', 'zone'],
  ['station-labels', 'station'],
] as const;

export function useStyleUpdates(map: MapLibreMap | null, { lang, visibility, selectedAdcode }: { lang: Lang; visibility: LayerVisibility; selectedAdcode: string | null }): void {
  // Language: only the label layers' text changes.
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      for (const [layerId, kind] of LABEL_LAYERS) map.setLayoutProperty(layerId, 'text-field', labelText(lang, kind));
    };
    whenStyleLoaded(map, apply);
  }, [lang, map]);

  // Layer toggles.
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      const ids = new Set(LAYER_GROUPS.flatMap((g) => GROUP_LAYERS[g]));
      for (const id of ids) map.setLayoutProperty(id, 'visibility', layerVisible(id, visibility) ? 'visible' : 'none');
    };
    whenStyleLoaded(map, apply);
  }, [visibility, map]);

  // The map this component still works on. Declared before the selection's effect, so when the map
  // goes (a created map is removed as its data changes, or on unmount) this cleanup runs first and
  // the selection's cleanup below leaves the removed map alone.
  const current = useRef<MapLibreMap | null>(null);
  useEffect(() => {
    current.current = map;
    return () => {
      current.current = null;
    };
  }, [map]);

  // Selected district outline and fill.
  useEffect(() => {
    if (!map || selectedAdcode === null) return;
    const apply = () => map.setFeatureState({ source: 'districts', id: selectedAdcode }, { selected: true });
    whenStyleLoaded(map, apply);
    return () => {
      if (current.current === map && map.getSource('districts')) {
        map.setFeatureState({ source: 'districts', id: selectedAdcode }, { selected: false });
      }
    };
  }, [selectedAdcode, map]);
}
