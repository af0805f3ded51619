/**
 * The user's tile server on the map, following the setting given (added, changed or removed through
 * MapLibre's setters once the style has loaded); a tile that fails is said once, with its URL. The
 * app passes its store's setting (MapPane); this module reads no store, so the embed's bundle, which
 * shares MapView, carries none.
 */
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { whenStyleLoaded } from '../../map/mapReadiness';
import { applyUserTiles, USER_TILES_SOURCE } from '../../map/userTileLayer';
import type { UserTiles } from '../../domain/userTiles';
import { listen } from './mapEvents';

export function useUserTiles(map: MapLibreMap | null, tiles: UserTiles | null, onTileError: (message: string) => void): void {
  const shown = useRef<ReturnType<typeof applyUserTiles>>(null);
  const errorRef = useRef(onTileError);
  errorRef.current = onTileError;

  useEffect(() => {
    if (!map) return;
    whenStyleLoaded(map, () => {
      shown.current = applyUserTiles(map, tiles, shown.current);
    });
  }, [map, tiles]);

  // The map went (a new one is made when the data changes): what it showed went with it.
  useEffect(() => () => void (shown.current = null), [map]);

  useEffect(() => {
    if (!map) return;
    let said = false;
    return listen(map, {
      error: (e) => {
        if ((e as { sourceId?: string }).sourceId !== USER_TILES_SOURCE || said) return;
        said = true;
        errorRef.current(e.error?.message ?? 'a tile could not be loaded');
      },
    });
  }, [map, tiles]);
}
