/**
 * The page's live map and its deck.gl overlay, for the code that works on them from outside the
 * component that owns them: the PNG export and the report read the pixels the user sees
 * (src/ui/export/mapCapture.ts). A module rather than a prop or a context because those readers sit
 * in other branches of the tree, or run after an `await`, long after any render.
 *
 * The map is set where it is created (createBaseMap: the main app's MapView and the embed's first
 * script) and cleared when its creator removes it; the overlay is set by MapView once deck.gl has
 * loaded. Watchers hear every change (the browser tests' handles: src/ui/testHooks.ts).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';

const watchers = new Set<() => void>();

/** One live object: the latest set, until it is cleared. */
export interface LiveSlot<T> {
  /** The live one (null: none yet, or cleared). */
  now(): T | null;
  set(next: T): void;
  /** Forgets `gone` if it is the live one (a newer one may have replaced it meanwhile). */
  clear(gone: T): void;
}

function liveSlot<T>(): LiveSlot<T> {
  let value: T | null = null;
  const change = (next: T | null) => {
    value = next;
    for (const w of watchers) w();
  };
  return {
    now: () => value,
    set: (next) => change(next),
    clear: (gone) => {
      if (value === gone) change(null);
    },
  };
}

export const liveMap: LiveSlot<MapLibreMap> = liveSlot();
export const liveOverlay: LiveSlot<MapboxOverlay> = liveSlot();

/** Calls `watcher` after every change of the live map or overlay; returns the unsubscribe. */
export function watchLiveMap(watcher: () => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}
