/**
 * The map's camera as the rest of the app sees it: the view box it reports when a move ends (for
 * the layers that draw only what is near the view), and the button that brings the whole city back.
 */
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { SHANGHAI_BOUNDS } from '../../map/baseStyle';
import { setViewBounds, type LonLatBox } from '../../map/viewBounds';
import { useT } from '../i18n';
import { listen } from './mapEvents';

/** Reports the view box after every move (the coverage picture's tiles), and none once the map goes. */
export function useViewBoxReport(map: MapLibreMap | null): void {
  useEffect(() => {
    if (!map) return;
    const report = () => setViewBounds(map.getBounds().toArray().flat() as LonLatBox);
    const off = listen(map, { moveend: report });
    report();
    return () => {
      setViewBounds(null);
      off();
    };
  }, [map]);
}

/** Flies back to the whole city. */
export function ResetViewButton({ map }: { map: MapLibreMap | null }) {
  const { t } = useT();
  return (
    <button type="button" className="reset-view" data-testid="reset-view" onClick={() => map?.fitBounds(SHANGHAI_BOUNDS, { duration: 600 })} title={t('resetView')}>
      ⟲ {t('resetView')}
    </button>
  );
}
