import type { TargetCheck } from '../../domain/checker';
import type { Plan } from '../../domain/plan';
import { useT } from '../i18n';
import { scorecardStrings } from './strings';

interface Props {
  plans: readonly Plan[];
  results: ReadonlyMap<string, TargetCheck> | null;
  onPickDistrict: (adcode: string) => void;
}

const STATUSES = ['met', 'short', 'not-computed', 'not-checkable'] as const;

/** The plan districts side by side: how many of each district's targets stand where. */
export function CitySummary({ plans, results, onPickDistrict }: Props) {
  const { t, pick } = useT(scorecardStrings);
  return (
    <table className="city-summary" data-testid="city-summary">
      <thead>
        <tr>
          <th>{t('district')}</th>
          <th>{t('targets')}</th>
          <th>{t('status_met')}</th>
          <th>{t('status_short')}</th>
          <th>{t('status_notComputed')}</th>
          <th>{t('status_notCheckable')}</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => {
          const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
          for (const target of plan.targets) {
            const r = results?.get(target.id);
            if (r) counts[r.status] += 1;
          }
          return (
            <tr key={plan.district} data-testid={`summary-${plan.district}`}>
              <td>
                <button type="button" className="link" onClick={() => onPickDistrict(plan.district)}>
                  {pick(plan.name_zh, plan.name_en)}
                </button>
              </td>
              <td>{plan.targets.length}</td>
              {STATUSES.map((s) => (
                <td key={s} className={`count-${s}`}>
                  {results ? counts[s] : '…'}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
