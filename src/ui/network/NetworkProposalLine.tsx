import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import type { ProposalReach } from '../../worker/networkProtocol';
import { networkGroundShort } from './NetworkTargetLine';
import { networkStrings } from './strings';

/**
 * Under the optimiser's result, while a road file is in use: of the land its proposed sites add in
 * the district by straight line, how much they cover along the streets, and the district's land
 * covered on the network before and with them — measured in the network worker on the same grid,
 * rule and sites (NetworkSession.proposal). Nothing without roads.
 */
export function NetworkProposalLine({ sites, adcode }: { sites: ReadonlyArray<{ lon: number; lat: number }>; adcode: string }) {
  const { t, num } = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const commands = useAppStore((s) => s.networkCommands);
  const ground = networkGroundShort(network, t);
  const [reach, setReach] = useState<ProposalReach | null>(null);
  const ready = ground !== null && network.status === 'ready' && !network.pending;
  useEffect(() => {
    if (!ready || !commands || sites.length === 0) return setReach(null);
    let alive = true;
    commands.proposal(sites, adcode).then(
      (r) => alive && setReach(r),
      () => alive && setReach(null),
    );
    return () => {
      alive = false;
    };
  }, [ready, commands, sites, adcode, network.breakdown]);
  if (ground === null || !reach) return null;
  const km2 = (v: number) => `${num(v, 2)} km²`;
  const added = reach.straightAfterKm2 - reach.straightBeforeKm2;
  return (
    <p className="target-network opt-network" data-testid="opt-network" data-added-km2={added.toFixed(6)} data-reached-km2={reach.addedReachedKm2.toFixed(6)} data-network-after-km2={reach.networkAfterKm2.toFixed(6)}>
      {t('net_proposal', { ground, added: km2(added), reached: km2(reach.addedReachedKm2), before: km2(reach.networkBeforeKm2), after: km2(reach.networkAfterKm2), file: network.summary?.fileName ?? '' })}
    </p>
  );
}
