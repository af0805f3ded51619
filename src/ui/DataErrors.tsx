import type { DataError } from '../io/loadGeodata';
import { useT } from './i18n';

/** Lists each file that failed to load or validate, and where in it the problem is. */
export function DataErrors({ errors }: { errors: DataError[] }) {
  const { t } = useT();
  return (
    <div className="data-errors" role="alert" data-testid="data-errors">
      <strong>{t('dataErrors')}</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={`${i}:${e.file}`}>
            <code>{e.file}</code> — {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
