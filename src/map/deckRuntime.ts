/**
 * deck.gl, loaded on demand. deck.gl and luma.gl are about 650 kB of gzipped JavaScript; imported
 * statically they sit in front of the map's first paint (measured by bench/embed.ts: the embed drew
 * its districts at ~1.9× a bare MapLibre page). So the base map paints first, and MapView asks for
 * deck.gl after its first `idle`; the facility layers appear a moment later.
 *
 * Components read the runtime with `useDeckRuntime()` (null until loaded) and build their layers
 * with its classes, so no module outside this one imports deck.gl's code, only its types.
 */
import { useSyncExternalStore } from 'react';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { BitmapLayer, LineLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { COORDINATE_SYSTEM } from '@deck.gl/core';

export interface DeckRuntime {
  MapboxOverlay: typeof MapboxOverlay;
  BitmapLayer: typeof BitmapLayer;
  LineLayer: typeof LineLayer;
  PolygonLayer: typeof PolygonLayer;
  ScatterplotLayer: typeof ScatterplotLayer;
  TextLayer: typeof TextLayer;
  COORDINATE_SYSTEM: typeof COORDINATE_SYSTEM;
}

let runtime: DeckRuntime | null = null;
let loading: Promise<DeckRuntime> | null = null;
const listeners = new Set<() => void>();

/** Starts loading deck.gl (once) and resolves with its classes. */
export function loadDeck(): Promise<DeckRuntime> {
  loading ??= Promise.all([import('@deck.gl/mapbox'), import('@deck.gl/layers'), import('@deck.gl/core')]).then(([mapbox, layers, core]) => {
    runtime = {
      MapboxOverlay: mapbox.MapboxOverlay,
      BitmapLayer: layers.BitmapLayer,
      LineLayer: layers.LineLayer,
      PolygonLayer: layers.PolygonLayer,
      ScatterplotLayer: layers.ScatterplotLayer,
      TextLayer: layers.TextLayer,
      COORDINATE_SYSTEM: core.COORDINATE_SYSTEM,
    };
    for (const l of listeners) l();
    return runtime;
  });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** deck.gl's classes once loaded (someone must call loadDeck), else null. */
export function useDeckRuntime(): DeckRuntime | null {
  return useSyncExternalStore(subscribe, () => runtime);
}
