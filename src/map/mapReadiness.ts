/**
 * What the app asks of a map made by createBaseMap without loading MapLibre itself: whether its view
 * was chosen, when it has drawn, and style changes that wait for its first style. Kept apart from
 * createBaseMap so the panels that use these (imported at start) do not bring the map library into
 * the first script: the main app loads it with the map, after the first numbers (src/ui/firstNumbers.ts).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

const chosenViews = new WeakMap<MapLibreMap, boolean>();
/** Maps made by createBaseMap whose first style has not loaded yet. */
const styleWaiting = new WeakSet<MapLibreMap>();

/** Follows a map just made: whether the address gave its view, a view chosen by moving it, its first style. */
export function trackNewMap(map: MapLibreMap, addressView: boolean): void {
  chosenViews.set(map, addressView);
  // A move with an input event behind it is the reader's (the page's own jumps carry none).
  map.on('movestart', (e: { originalEvent?: unknown }) => {
    if (e.originalEvent) chosenViews.set(map, true);
  });
  // Until its first style is in, changes wait for it (whenStyleLoaded).
  styleWaiting.add(map);
  map.once('style.load', () => styleWaiting.delete(map));
}

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
