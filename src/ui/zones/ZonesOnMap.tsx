/**
 * The zones in use on the map: the base style was built with the shipped zones; when the user's
 * boundaries change, the `zones` source and its label anchors are given the zones in use (a user
 * boundary is drawn solid and labelled "用户边界 / user boundary": src/map/baseStyle.ts).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import type { ZoneCollection } from '../../domain/geodata';
import { liveMap, watchLiveMap } from '../../map/liveMap';
import { labelPoints } from '../../map/labelPoints';
import { whenStyleLoaded } from '../../map/mapReadiness';

export function ZonesOnMap({ zones }: { zones: ZoneCollection | undefined }) {
  const map = useSyncExternalStore(watchLiveMap, () => liveMap.now());
  useEffect(() => {
    if (!map || !zones) return;
    whenStyleLoaded(map, () => {
      (map.getSource('zones') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: zones.features } as GeoJSON.FeatureCollection);
      (map.getSource('zone-labels') as GeoJSONSource | undefined)?.setData(labelPoints(zones) as GeoJSON.FeatureCollection);
    });
  }, [map, zones]);
  return null;
}
