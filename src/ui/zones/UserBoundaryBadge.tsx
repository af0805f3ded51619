/** "用户边界 / user boundary" with its source and date, beside a zone's name in any list. */
import { useT } from '../i18n';
import { zoneStrings } from './strings';
import { DRAWN_SOURCE } from '../../domain/userZones';

export function UserBoundaryBadge({ id, source, savedAt }: { id: string; source: string; savedAt: string | undefined }) {
  const { t } = useT(zoneStrings);
  const from = source === DRAWN_SOURCE ? t('zn_drawn') : source;
  const date = (savedAt ?? '').slice(0, 10);
  return (
    <span className="user-boundary-badge" data-testid={`zone-user-${id}`} title={t('zn_userTitle', { source: from, date })}>
      {t('zn_user')} · {from} · {date}
    </span>
  );
}
