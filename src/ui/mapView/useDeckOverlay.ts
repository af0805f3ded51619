/**
 * The deck.gl overlay on the base map: loaded once the base map is drawn (see map/deckRuntime.ts),
 * then kept showing the latest layers.
 *
 * Overlaid (deck.gl's own canvas above the map), not interleaved: interleaving reads the map's
 * internal `transform`, which MapLibre 6's production build does not expose (every frame threw).
 * The coverage colours are translucent so the labels beneath stay legible.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { Layer } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { loadDeck } from '../../map/deckRuntime';
import { liveOverlay } from '../../map/liveMap';
import type { BaseMap } from './useBaseMap';

export function useDeckOverlay(containerRef: RefObject<HTMLDivElement | null>, { map, baseDrawn, madeHere }: BaseMap, layers: Layer[]): void {
  const overlayRef = useRef<MapboxOverlay | null>(null);
  // The overlay starts with the layers of the moment it loads, not those of the render that asked.
  const layersRef = useRef(layers);
  layersRef.current = layers;

  useEffect(() => {
    const container = containerRef.current;
    if (!map || !baseDrawn || !container) return;
    let overlay: MapboxOverlay | null = null;
    let removed = false;
    void loadDeck().then(({ MapboxOverlay }) => {
      if (removed) return;
      overlay = new MapboxOverlay({ interleaved: false, layers: layersRef.current });
      map.addControl(overlay);
      overlayRef.current = overlay;
      // The PNG export composes this canvas over the map's (src/ui/export/mapCapture.ts).
      liveOverlay.set(overlay);
      container.setAttribute('data-deck-ready', 'true');
    });
    return () => {
      removed = true;
      // A created map that is going away takes its controls with it; a premade one stays.
      if (overlay && !madeHere) map.removeControl(overlay);
      if (overlay) liveOverlay.clear(overlay);
      overlayRef.current = null;
      container.removeAttribute('data-deck-ready');
    };
  }, [map, baseDrawn, madeHere, containerRef]);

  // New layers go through setProps: deck.gl diffs them and rebuilds only what changed.
  useEffect(() => {
    overlayRef.current?.setProps({ layers });
  }, [layers, map]);
}
