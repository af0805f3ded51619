/** Locking the embed's view (`locked=1`): the reader cannot move the map; the host page still can. */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Turns off every way a reader moves the map (drag, wheel, pinch, double-click, keys, box zoom). */
export function lockView(map: MapLibreMap): void {
  map.dragPan.disable();
  map.scrollZoom.disable();
  map.boxZoom.disable();
  map.doubleClickZoom.disable();
  map.touchZoomRotate.disable();
  map.keyboard.disable();
}
