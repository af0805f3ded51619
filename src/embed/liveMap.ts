/**
 * The embed's live MapLibre map. MapView keeps no handle for its parent but publishes the map on
 * `window.__shanghaiMap` (for tests and the console); the embed — which has one map only — reads it
 * there to lock the view and to follow host-page `setView` commands.
 * A MapView prop handing out the map would be the cleaner way, and would replace this module.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export function liveMap(): MapLibreMap | null {
  return window.__shanghaiMap ?? null;
}

/** Turns off every way a reader moves the map (drag, wheel, pinch, double-click, keys, box zoom). */
export function lockView(map: MapLibreMap): void {
  map.dragPan.disable();
  map.scrollZoom.disable();
  map.boxZoom.disable();
  map.doubleClickZoom.disable();
  map.touchZoomRotate.disable();
  map.keyboard.disable();
}
