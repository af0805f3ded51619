import type { Assumption, AssumptionValues } from '../../domain/assumptions';
import { useT } from '../i18n';
import { scorecardStrings } from './strings';

interface Props {
  assumptions: readonly Assumption[];
  values: AssumptionValues;
  onChange: (key: string, value: number) => void;
}

/** The values the plans do not give (5G and sensor radii), visible and editable, never passed off as plan figures. */
export function AssumptionsEditor({ assumptions, values, onChange }: Props) {
  const { t, pick } = useT(scorecardStrings);
  return (
    <details className="assumptions" data-testid="assumptions">
      <summary>{t('assumptionsTitle')}</summary>
      <p className="muted">{t('assumptionsNote')}</p>
      <ul>
        {assumptions.map((a) => (
          <li key={a.key}>
            <label title={a.rationale_en}>
              <span>{pick(a.label_zh, a.label_en)}</span>
              <input
                type="number"
                min={a.min}
                max={a.max}
                step={0.05}
                value={values[a.key] ?? a.value}
                data-testid={`assumption-${a.key}`}
                onChange={(e) => {
                  const v = e.target.valueAsNumber;
                  if (Number.isFinite(v) && v >= a.min && v <= a.max) onChange(a.key, v);
                }}
              />
              <span>{a.unit}</span>
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}
