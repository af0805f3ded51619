import type { DistrictFacts } from '../domain/districtFacts';
import { UserBoundaryBadge } from './zones/UserBoundaryBadge';
import { useT } from './i18n';

interface Props {
  facts: DistrictFacts;
  onClose: () => void;
}

export function DistrictPanel({ facts, onClose }: Props) {
  const { t, num, pick } = useT();
  const [primary, secondary] = pick([facts.name, facts.name_en], [facts.name_en, facts.name]);
  return (
    <section className="panel district-panel" data-testid="district-panel" aria-label={t('districtPanelTitle')}>
      <header>
        <div>
          <h2 data-testid="district-name">{primary}</h2>
          <div className="secondary-name">{secondary}</div>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <dl>
        <dt>{t('adcode')}</dt>
        <dd data-testid="district-adcode">{facts.adcode}</dd>
        <dt>{t('area')}</dt>
        <dd data-testid="district-area">
          {num(facts.areaKm2, 1)} {t('km2')}
        </dd>
        <dt>{t('population')}</dt>
        <dd data-testid="district-population">{facts.population === null ? '—' : num(facts.population)}</dd>
        <dt>{t('density')}</dt>
        <dd>{facts.densityPerKm2 === null ? '—' : `${num(facts.densityPerKm2)} ${t('perKm2')}`}</dd>
        <dt>{t('planDocument')}</dt>
        <dd data-testid="district-plan">
          {facts.plan ? (
            <>
              <div>{pick(facts.plan.title, facts.plan.title_en)}</div>
              <div className="muted">
                {facts.plan.number ? `${facts.plan.number} · ` : ""}{facts.plan.date}
              </div>
            </>
          ) : (
            <span className="muted">{t('noPlan')}</span>
          )}
        </dd>
      </dl>
      {facts.zones.length > 0 ? (
        <>
          <h3>{t('zonesInDistrict')}</h3>
          <ul className="zone-list">
            {facts.zones.map((z) => (
              <li key={z.properties.id}>
                {pick(z.properties.name, z.properties.name_en)}
                {z.properties.user_source ? (
                  <UserBoundaryBadge id={z.properties.id} source={z.properties.user_source} savedAt={z.properties.user_saved_at} />
                ) : z.properties.precision === 'approximate' ? (
                  <span className="approx-badge">{t('approx')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
