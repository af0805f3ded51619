import type { Assumption, AssumptionValues } from '../../domain/assumptions';
import { translate, type Lang } from '../i18n';

interface Props {
  lang: Lang;
  assumptions: readonly Assumption[];
  values: AssumptionValues;
  onChange: (key: string, value: number) => void;
}

/** The values the plans do not give (5G and sensor radii), visible and editable, never passed off as plan figures. */
export function AssumptionsEditor({ lang, assumptions, values, onChange }: Props) {
  return (
    <details className="assumptions" data-testid="assumptions">
      <summary>{translate(lang, 'assumptionsTitle')}</summary>
      <p className="muted">{translate(lang, 'assumptionsNote')}</p>
      <ul>
        {assumptions.map((a) => (
          <li key={a.key}>
            <label title={a.rationale_en}>
              <span>{lang === 'zh' ? a.label_zh : a.label_en}</span>
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
