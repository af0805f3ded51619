import { useEffect, useMemo } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { cutText } from '../cutText';
import { networkStrings } from './strings';

/**
 * The tooltip's line for the network: the distance along the streets from the ground under the
 * pointer to its nearest site (the figure the numbers count for that cell), or why there is none.
 * The route itself is drawn on the map (useNetworkLayers); it goes when the tooltip does.
 */
export function NetworkHoverLine() {
  const { t, num } = useT(networkStrings);
  const hover = useAppStore((s) => s.network.hover);
  const mode = useAppStore((s) => s.network.summary?.mode ?? null);
  const sites = useAppStore((s) => s.history.present.sites);
  useEffect(() => () => useAppStore.getState().networkCommands?.clearHover(), []);
  const siteName = useMemo(() => {
    if (hover?.kind !== 'route') return null;
    const site = sites.find((s) => s.id === hover.siteId);
    return site ? (site.name ?? site.id) : hover.siteId;
  }, [hover, sites]);
  if (!hover || !mode) return null;
  const km = (m: number) => `${num(m / 1000, 2)} km`;
  return (
    <div className="hover-distance hover-network" data-testid="hover-network" data-kind={hover.kind} data-distance-m={hover.kind === 'route' ? hover.distanceM.toFixed(2) : undefined}>
      {hover.kind === 'route' ? (
        <>
          {t('net_hover')} ({t(`net_mode_${mode}`)}): <strong>{km(hover.distanceM)}</strong>
          <div className="hover-sub">
            {cutText(siteName ?? '')}
            {hover.ownRadiusM !== undefined ? ` · ${t('net_hoverOwn', { r: km(hover.ownRadiusM) })}` : ''} · {t('net_hoverRoute')}
          </div>
        </>
      ) : hover.kind === 'off-network' ? (
        t('net_hoverOff', { snap: hover.snapM })
      ) : (
        t('net_hoverBeyond', { cap: km(hover.capM) })
      )}
    </div>
  );
}
