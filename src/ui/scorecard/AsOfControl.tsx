import { AS_OF_YEARS } from '../../domain/siteYear';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { scorecardStrings } from './strings';

/**
 * The as-of-year control: the sites built by the end of a year (2019 … 2025), or all sites (the
 * default). Coverage, counts and statuses follow it; sites without a year count at every year.
 */
export function AsOfControl() {
  const { t } = useT(scorecardStrings);
  const asOf = useAppStore((s) => s.asOf);
  const setAsOf = useAppStore((s) => s.setAsOf);
  return (
    <label className="as-of" title={t('asOfHelp')}>
      {t('asOf')}:{' '}
      <select data-testid="as-of-year" value={asOf === null ? '' : String(asOf)} onChange={(e) => setAsOf(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">{t('asOfAll')}</option>
        {AS_OF_YEARS.map((y) => (
          <option key={y} value={y}>
            {t('asOfYear', { year: y })}
          </option>
        ))}
      </select>
    </label>
  );
}
