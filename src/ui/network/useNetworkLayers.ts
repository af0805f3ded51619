import { useMemo } from 'react';
import type { Layer } from '@deck.gl/core';
import { useDeckRuntime } from '../../map/deckRuntime';
import { useAppStore } from '../state/appStore';

/** The route's colour: dark teal, read over the pictures and the base map. */
const ROUTE_RGBA: [number, number, number, number] = [0, 77, 64, 230];

/**
 * The network's deck.gl layers: the pictures' tiles that are toggled on (drawn under the sites), and
 * the hover's route (drawn on top).
 */
export function useNetworkLayers(): { pictures: Layer[]; route: Layer[] } {
  const deck = useDeckRuntime();
  const tiles = useAppStore((s) => s.network.tiles);
  const shown = useAppStore((s) => s.networkLayers);
  const hover = useAppStore((s) => s.network.hover);
  const pictures = useMemo(() => {
    if (!deck) return [];
    return [...tiles.entries()].map(
      ([key, t]) =>
        new deck.BitmapLayer({
          id: `network-tile-${key}`,
          image: t.image,
          bounds: t.tile.corners,
          visible: shown[t.layer],
          textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        }),
    );
  }, [deck, tiles, shown]);
  const route = useMemo(() => {
    if (!deck || hover?.kind !== 'route' || hover.path.length < 2) return [];
    const segments = hover.path.slice(1).map((to, i) => ({ from: hover.path[i]!, to }));
    return [
      new deck.LineLayer<{ from: [number, number]; to: [number, number] }>({
        id: 'network-route',
        data: segments,
        getSourcePosition: (s) => s.from,
        getTargetPosition: (s) => s.to,
        getColor: ROUTE_RGBA,
        widthUnits: 'pixels',
        getWidth: 4,
      }),
    ];
  }, [deck, hover]);
  return { pictures, route };
}
