/**
 * Creates the app's MapLibre map on its offline base style, with the controls every page shows.
 * Used by MapView (main app) and by the embed's first script, which creates the map before React
 * and the rest of the embed have loaded (embed/main.ts), so it must stay free of both.
 */
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, type StyleSpecification } from 'maplibre-gl';
import './maplibreSetup';
import { ATTRIBUTION_HTML } from './attribution';
import { MAX_BOUNDS, SHANGHAI_BOUNDS } from './baseStyle';
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM } from './viewLimits';
import { liveMap } from './liveMap';
import { trackNewMap } from './mapReadiness';

export interface BaseMapOptions {
  /**
   * Keep the drawing buffer after each frame: needed to read the canvas back (PNG export), and a
   * cost on every frame in software rendering, so only the main app, which exports, asks for it.
   */
  readable: boolean;
}

/** Throws where the map cannot be created (no WebGL); the caller shows the message. */
export function createBaseMap(container: HTMLElement, style: StyleSpecification, { readable }: BaseMapOptions): MapLibreMap {
  // Read before the map exists: with `hash: true` it writes its own view into the fragment at once.
  const addressView = /^#\d/.test(window.location.hash);
  const map = new MapLibreMap({
    container,
    style,
    bounds: SHANGHAI_BOUNDS,
    hash: true,
    attributionControl: false,
    maxBounds: MAX_BOUNDS,
    minZoom: MAP_MIN_ZOOM,
    maxZoom: MAP_MAX_ZOOM,
    dragRotate: false,
    pitchWithRotate: false,
    canvasContextAttributes: { preserveDrawingBuffer: readable },
  });
  // A start-up mark for bench/embed.ts.
  performance.mark('map:created');
  // The live map from this moment, not from when React mounts: the embed's map draws long before its
  // app loads, and bench/embed.ts times its first frames from here (through src/ui/testHooks.ts).
  trackNewMap(map, addressView);
  liveMap.set(map);
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: false, customAttribution: ATTRIBUTION_HTML }), 'bottom-right');
  return map;
}
