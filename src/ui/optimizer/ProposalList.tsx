/**
 * The proposed sites of a run, numbered as on the map, each with the km² and share it adds (and, with
 * the residents objective, the residents it adds, the share then being of residents): pick
 * some or all and accept them into the scenario (as candidate or planned sites). An accepted
 * proposal stays listed, ticked and greyed, while its site is in the scenario.
 */
import type { OptimizeResult } from '../../optimize/optimizer';
import { useT } from '../i18n';
import { PROPOSED_RGB } from './proposedLayers';
import { optimizerStrings } from './strings';

export type AcceptStatus = 'candidate' | 'planned';

export interface ProposalListProps {
  result: OptimizeResult;
  selected: ReadonlySet<number>;
  accepted: ReadonlySet<number>;
  onToggle: (i: number) => void;
  status: AcceptStatus;
  onStatus: (s: AcceptStatus) => void;
  /** Accepts the proposals at these list indices. */
  onAccept: (which: number[]) => void;
}

export function ProposalList({ result, selected, accepted, onToggle, status, onStatus, onAccept }: ProposalListProps) {
  const { t, num } = useT(optimizerStrings);
  const open = result.sites.map((_, i) => i).filter((i) => !accepted.has(i));
  // With the residents objective, the residents each site adds come first and its land beside.
  const byResidents = result.residents !== null;
  return (
    <>
      <table className="opt-sites" data-testid="opt-sites">
        <thead>
          <tr>
            <th />
            <th>{t('opt_proposed')}</th>
            {byResidents ? <th>{t('opt_gainResidents')}</th> : null}
            <th>{t(byResidents ? 'opt_gainLand' : 'opt_gain')} km²</th>
            <th>{t('opt_gain')}</th>
          </tr>
        </thead>
        <tbody>
          {result.sites.map((s, i) => (
            <tr key={i} data-testid={`opt-site-${i + 1}`} className={accepted.has(i) ? 'accepted' : ''}>
              <td>
                <input type="checkbox" data-testid={`opt-check-${i + 1}`} disabled={accepted.has(i)} checked={accepted.has(i) || selected.has(i)} onChange={() => onToggle(i)} />
              </td>
              <td>
                <span className="opt-dot" style={{ background: `rgb(${PROPOSED_RGB.join(',')})` }} /> {i + 1}
              </td>
              {byResidents ? <td data-residents={(s.gainResidents ?? 0).toFixed(1)}>{num(Math.round(s.gainResidents ?? 0))}</td> : null}
              <td>{num(s.gainKm2, 2)}</td>
              <td>
                {num(s.gainShare * 100, 2)} {t('opt_points')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="opt-accept">
        <label>
          {t('opt_acceptAs')}
          <select data-testid="opt-accept-status" value={status} onChange={(e) => onStatus(e.target.value as AcceptStatus)}>
            <option value="candidate">{t('status_candidate')}</option>
            <option value="planned">{t('status_planned')}</option>
          </select>
        </label>
        <button type="button" data-testid="opt-accept-selected" disabled={open.filter((i) => selected.has(i)).length === 0} onClick={() => onAccept(open.filter((i) => selected.has(i)))}>
          {t('opt_acceptSelected')}
        </button>
        <button type="button" data-testid="opt-accept-all" disabled={open.length === 0} onClick={() => onAccept(open)}>
          {t('opt_acceptAll')}
        </button>
      </div>
      {accepted.size > 0 ? (
        <p className="muted" data-testid="opt-accepted">
          {num(accepted.size)} {t('opt_accepted')}
        </p>
      ) : null}
    </>
  );
}
