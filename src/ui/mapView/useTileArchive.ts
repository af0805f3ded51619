/**
 * The tile archive on the map, following the one given (added, faded, hidden or removed through
 * MapLibre's setters once the style has loaded; its labels follow the language). The archive's
 * style code (with @protomaps/basemaps) loads only when an archive is given, so the embed, which
 * shares MapView and passes none, never loads it.
 */
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '../../domain/lang';
import { whenStyleLoaded } from '../../map/createBaseMap';
import type { ArchiveOnMap, ArchiveShown } from '../../map/tileArchiveLayer';

export function useTileArchive(map: MapLibreMap | null, archive: ArchiveOnMap | null, lang: Lang): void {
  const shown = useRef<ArchiveShown | null>(null);

  useEffect(() => {
    if (!map || (!archive && !shown.current)) return;
    let live = true;
    void import('../../map/tileArchiveLayer').then(({ applyTileArchive }) => {
      if (!live) return;
      whenStyleLoaded(map, () => {
        shown.current = applyTileArchive(map, archive, lang, shown.current);
      });
    });
    return () => void (live = false);
  }, [map, archive, lang]);

  // The map went (a new one is made when the data changes): what it showed went with it.
  useEffect(() => () => void (shown.current = null), [map]);
}
