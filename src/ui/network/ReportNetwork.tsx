/**
 * The report's figures by network distance: for each of the district's scorecard rows the network
 * worker measured (service-radius targets of the coverage layer on the map, while a road file is in
 * use), the straight-line share beside the share along the streets, with their grounds and the road
 * file named. Nothing without roads or without such a row: the report claims no network figure the
 * app did not compute.
 */
import type { ReportRow } from '../export/reportModel';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { networkGroundShort } from './NetworkTargetLine';
import { networkStrings } from './strings';

export function ReportNetwork({ rows }: { rows: readonly ReportRow[] }) {
  const { t, num } = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const ground = networkGroundShort(network, t);
  const measured = ground === null ? [] : rows.filter((r) => network.targets?.[r.targetId] !== undefined);
  if (ground === null || measured.length === 0 || !network.summary) return null;
  const pct = (v: number) => `${num(v * 100, 1)}%`;
  return (
    <section className="report-network" data-testid="report-network">
      <h2>{t('net_reportTitle')}</h2>
      <ul>
        {measured.map((r) => (
          <li key={r.targetId} data-testid={`report-network-${r.targetId}`} data-share={network.targets![r.targetId]!.toFixed(6)}>
            {t('net_reportLine', { target: `${r.facility} · ${r.scope}`, straight: r.current ?? '…', ground, network: pct(network.targets![r.targetId]!) })}
          </li>
        ))}
      </ul>
      <p className="muted">{t('net_reportNote', { file: network.summary.fileName, crs: t(`net_crsUsed_${network.summary.crs}`), snap: network.snapM })}</p>
    </section>
  );
}
