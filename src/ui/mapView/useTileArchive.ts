/**
 * The tile archive on the map, following the one given (added, faded, hidden or removed through
 * MapLibre's setters once the style has loaded; its labels follow the language). The archive's
 * style code (with @protomaps/basemaps) loads only when an archive is given, so the embed, which
 * shares MapView and passes none, never loads it.
 */
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../../domain/lang';
import { whenStyleLoaded } from '../../map/mapReadiness';
import type { ArchiveOnMap, ArchiveShown } from '../../map/tileArchiveLayer';

type ArchiveLayerModule = typeof import('../../map/tileArchiveLayer');
let loadedLayerModule: ArchiveLayerModule | null = null;
const loadLayerModule = () => import('../../map/tileArchiveLayer').then((m) => (loadedLayerModule = m));

export function useTileArchive(map: MapLibreMap | null, archive: ArchiveOnMap | null, lang: Lang): void {
  const shown = useRef<ArchiveShown | null>(null);

  useEffect(() => {
    if (!map || (!archive && !shown.current)) return;
    const apply = (layer: ArchiveLayerModule) =>
      whenStyleLoaded(map, () => {
        shown.current = layer.applyTileArchive(map, archive, lang, shown.current);
      });
    // Once loaded, applied in the effect itself: a hide or fade clicked is on the map before the
    // next frame, not a module look-up later.
    if (loadedLayerModule) {
      apply(loadedLayerModule);
      return;
    }
    let live = true;
    void loadLayerModule().then((layer) => live && apply(layer));
    return () => void (live = false);
  }, [map, archive, lang]);

  // The map went (a new one is made when the data changes): what it showed went with it.
  useEffect(() => () => void (shown.current = null), [map]);
}
