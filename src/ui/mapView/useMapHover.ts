/**
 * What the pointer is over: the district and zone it highlights (feature state), the cursor, and
 * the tooltip's content — the area, the site marker, the distance read-out.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { Map as MapLibreMap, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import type { HoverInfo, PointReadout } from '../HoverTooltip';
import type { MapTool } from './MapView';
import { listen } from './mapEvents';
import { siteUnderPointer, type PickSite } from './siteUnderPointer';

export interface HoverOptions {
  describePoint: ((lon: number, lat: number) => PointReadout | null) | undefined;
  pickSite: PickSite | undefined;
  /** Whether sites can be edited here (the cursor then says what a press would do). */
  editable: boolean;
  tool: MapTool;
  /** The site being dragged (set by useMapTools): no read-out meanwhile. */
  dragging: RefObject<string | null>;
}

/** The tooltip's content (null: nothing under the pointer), and how to take it away. */
export function useMapHover(map: MapLibreMap | null, options: HoverOptions): [HoverInfo | null, () => void] {
  const [hover, setHover] = useState<HoverInfo | null>(null);
  // Read at each event: the listeners stay on the map across renders.
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!map) return;
    const siteAt = siteUnderPointer(map, () => latest.current.pickSite);
    let hoveredDistrict: string | null = null;
    let hoveredZone: string | null = null;
    let hoveredTownship: string | null = null;
    const setHoverState = (source: string, id: string | null, previous: string | null) => {
      // Unchanged: no call (each one makes the map draw a frame, ~100 ms in software WebGL).
      if (id === previous) return;
      if (previous !== null) map.setFeatureState({ source, id: previous }, { hover: false });
      if (id !== null) map.setFeatureState({ source, id }, { hover: true });
    };

    const onMove = (e: MapMouseEvent) => {
      const { describePoint, editable, tool, dragging } = latest.current;
      // No hover read-out while a site is dragged: the dragged site is what the user looks at, and a
      // read-out per step would re-render the tooltip on every move.
      if (dragging.current !== null) return;
      const features: MapGeoJSONFeature[] = map.queryRenderedFeatures(e.point, {
        layers: ['townships-fill', 'zones-fill', 'districts-fill'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none'),
      });
      const township = features.find((f) => f.layer.id === 'townships-fill');
      const townshipId = (township?.properties.code as string | undefined) ?? null;
      setHoverState('townships', townshipId, hoveredTownship);
      hoveredTownship = townshipId;
      const zone = features.find((f) => f.layer.id === 'zones-fill');
      const district = features.find((f) => f.layer.id === 'districts-fill');
      const districtId = (district?.properties.adcode as string | undefined) ?? null;
      const zoneId = (zone?.properties.id as string | undefined) ?? null;
      setHoverState('districts', districtId, hoveredDistrict);
      setHoverState('zones', zoneId, hoveredZone);
      hoveredDistrict = districtId;
      hoveredZone = zoneId;
      map.getCanvas().style.cursor = district ? 'pointer' : '';
      // The most detailed area the layers show: a township (when its layer is on), a zone, a district.
      const target = township ?? zone ?? district;
      const site = siteAt(e.point.x, e.point.y, 4);
      const readout = describePoint?.(e.lngLat.lng, e.lngLat.lat) ?? null;
      if (site) map.getCanvas().style.cursor = editable && tool === 'select' ? 'grab' : 'pointer';
      if (tool === 'add' && editable) map.getCanvas().style.cursor = 'crosshair';
      // At once, not at React's next task: the hover outline makes the map draw a frame first, and
      // in software WebGL a frame takes ~100 ms — the tooltip would wait behind it.
      flushSync(() =>
        setHover(
          target || site || readout
            ? {
                x: e.point.x,
                y: e.point.y,
                ...(target ? { area: { kind: target === township ? 'township' : target === zone ? 'zone' : 'district', properties: target.properties as Record<string, unknown> } } : {}),
                ...(site ? { site } : {}),
                ...(readout ? { readout } : {}),
              }
            : null,
        ),
      );
    };
    const onOut = () => {
      setHoverState('districts', null, hoveredDistrict);
      setHoverState('zones', null, hoveredZone);
      setHoverState('townships', null, hoveredTownship);
      hoveredDistrict = hoveredZone = hoveredTownship = null;
      setHover(null);
    };
    return listen(map, { mousemove: onMove, mouseout: onOut });
  }, [map]);

  return [hover, () => setHover(null)];
}
