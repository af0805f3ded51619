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
  chosenViews.set(map, addressView);
  // A move with an input event behind it is the reader's (the page's own jumps carry none).
  map.on('movestart', (e: { originalEvent?: unknown }) => {
    if (e.originalEvent) chosenViews.set(map, true);
  });
  // Until its first style is in, changes wait for it (whenStyleLoaded).
  styleWaiting.add(map);
  map.once('style.load', () => styleWaiting.delete(map));
  liveMap.set(map);
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: false, customAttribution: ATTRIBUTION_HTML }), 'bottom-right');
  return map;
}

const chosenViews = new WeakMap<MapLibreMap, boolean>();
/** Maps made here whose first style has not loaded yet. */
const styleWaiting = new WeakSet<MapLibreMap>();

/**
 * Whether the map's view was chosen by someone: the address gave one (MapLibre's `#zoom/lat/lon`,
 * which a share link's view becomes, see startupLink.ts) or the reader has moved the map since. A
 * default view (the deployer's) applies only where neither did.
 */
export function viewChosen(map: MapLibreMap): boolean {
  return chosenViews.get(map) ?? false;
}

/** Calls `drawn` once the map has drawn everything it has (now, if it already has). */
export function whenDrawn(map: MapLibreMap, drawn: () => void): () => void {
  if (map.loaded()) {
    drawn();
    return () => {};
  }
  map.once('idle', drawn);
  return () => map.off('idle', drawn);
}

/**
 * Runs a style change now, or once the style has loaded if it has not yet. Not `isStyleLoaded()`:
 * that is also false while any tile is loading (after a move, a setData), and 'style.load' does
 * not fire again then — a change made at such a moment would be lost. MapLibre throws "Style is
 * not done loading" from its setters only before the style itself is in, which is what we wait for.
 */
export function whenStyleLoaded(map: MapLibreMap, change: () => void): void {
  // A map made a moment ago (the app makes its map after the first numbers, src/ui/firstNumbers.ts,
  // so the layers the store already holds are applied at once): its sources are not there yet and
  // `getSource(…)?.setData` would do nothing without throwing.
  if (styleWaiting.has(map)) {
    map.once('style.load', change);
    return;
  }
  try {
    change();
  } catch (e) {
    if (!(e instanceof Error) || !/not done loading/i.test(e.message)) throw e;
    map.once('style.load', change);
  }
}
