/**
 * The townships on the map: the set in use (shipped and imported) into the style's two sources, the
 * language of their labels, and the selected township — outlined (feature state) and fitted into view
 * when it is chosen.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../../domain/lang';
import { townshipBox, type TownshipSet } from '../../domain/townships';
import { EMPTY_COLLECTION, labelText } from '../../map/baseStyle';
import { labelPoints } from '../../map/labelPoints';
import { whenStyleLoaded } from '../../map/mapReadiness';

export interface TownshipStyleOptions {
  townships: TownshipSet | null;
  selected: string | null;
  lang: Lang;
}

export function useTownshipStyle(map: MapLibreMap | null, { townships, selected, lang }: TownshipStyleOptions): void {
  const labels = useMemo(() => (townships ? (labelPoints(townships) as GeoJSON.FeatureCollection) : EMPTY_COLLECTION), [townships]);

  useEffect(() => {
    if (!map) return;
    whenStyleLoaded(map, () => {
      (map.getSource('townships') as GeoJSONSource | undefined)?.setData((townships ?? EMPTY_COLLECTION) as GeoJSON.FeatureCollection);
      (map.getSource('township-labels') as GeoJSONSource | undefined)?.setData(labels);
    });
  }, [map, townships, labels]);

  useEffect(() => {
    if (!map) return;
    whenStyleLoaded(map, () => map.getLayer('township-labels') && map.setLayoutProperty('township-labels', 'text-field', labelText(lang, 'township')));
  }, [map, lang]);

  // Outline: feature state on the code (promoteId), set again when the set's data is replaced.
  useEffect(() => {
    if (!map || selected === null || !townships) return;
    whenStyleLoaded(map, () => map.getSource('townships') && map.setFeatureState({ source: 'townships', id: selected }, { selected: true }));
    return () => {
      if (map.getStyle() && map.getSource('townships')) map.setFeatureState({ source: 'townships', id: selected }, { selected: false });
    };
  }, [map, selected, townships]);

  // Fit: once per township chosen (not again when the set or the map changes under it).
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (!map || selected === null) {
      fitted.current = null;
      return;
    }
    if (fitted.current === selected) return;
    const feature = townships?.features.find((f) => f.properties.code === selected);
    if (!feature) return;
    fitted.current = selected;
    const [w, s, e, n] = townshipBox(feature.geometry);
    whenStyleLoaded(map, () => map.fitBounds([[w, s], [e, n]], { padding: 60, duration: 600, maxZoom: 14.5 }));
  }, [map, selected, townships]);
}
