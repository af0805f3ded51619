import { useT, type KeyOf, type Translator } from '../i18n';
import { useAppStore } from '../state/appStore';
import type { NetworkState } from '../state/networkSlice';
import { networkStrings } from './strings';

type Tr = Translator<KeyOf<typeof networkStrings>>;

/** The network figures' ground in a few words ("on foot, along the streets, snap 200 m"), or null without roads in use. */
export function networkGroundShort(network: NetworkState, t: Tr['t']): string | null {
  if (network.status === 'none' || !network.summary) return null;
  return t(`net_groundShort_${network.summary.mode}`, { snap: network.snapM });
}

/** "+1.2 pp" between two shares (0..1). */
export function shareDelta(a: number, b: number, num: Tr['num'], unit: string): string {
  const d = (a - b) * 100;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `${sign}${num(Math.abs(d), 1)} ${unit}`;
}

/**
 * Under a scorecard row with a service radius: the share of its scope's land covered by network
 * distance, naming its ground and snap distance — only when the network worker measured this
 * target (its coverage layer is the one on the map and a road file is in use); while comparing,
 * the compared scenario's figure on the same ground and the difference. Nothing otherwise: no
 * network figure is claimed where none was computed.
 */
export function NetworkTargetLine({ targetId, comparing }: { targetId: string; comparing: boolean }) {
  const { t, num } = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const ground = networkGroundShort(network, t);
  const share = network.targets?.[targetId];
  if (ground === null || share === undefined) return null;
  const other = comparing ? network.compareTargets?.[targetId] : undefined;
  const pct = (v: number) => `${num(v * 100, 1)}%`;
  return (
    <div className="target-network" data-testid="target-network" data-share={share.toFixed(6)} title={t('net_targetTitle', { file: network.summary!.fileName, snap: network.snapM })}>
      {t('net_targetLine', { ground, share: '' })}
      <strong>{pct(share)}</strong>
      {network.pending ? <span className="muted"> · {t('net_updating')}</span> : null}
      {other !== undefined ? (
        <span data-testid="target-network-delta" data-delta={(share - other).toFixed(6)}>
          {' · '}
          {t('net_vsCompare', { share: pct(other) })} · <strong>{shareDelta(share, other, num, t('net_deltaUnit'))}</strong>
        </span>
      ) : null}
    </div>
  );
}
