import { useT } from '../i18n';
import { shareStrings } from './strings';
import type { SharedScenarioNotice } from './useSharedLinkScenario';
import { shareErrorText } from './shareErrorText';
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM } from '../../map/viewLimits';
import './share.css';

/** What became of the share link the page was opened with: opened as a new scenario, or why not. */
export function SharedLinkNotice({ notice, onDismiss }: { notice: SharedScenarioNotice; onDismiss: () => void }) {
  const { t, num, lang } = useT(shareStrings);
  if (!notice) return null;
  const error = notice.kind === 'error' ? shareErrorText(lang, notice.error) : null;
  return (
    <div className={`shr-notice ${error ? 'shr-notice-error' : ''}`} role={error ? 'alert' : 'status'} data-testid="share-link-notice" data-kind={notice.kind}>
      {notice.kind === 'opened' ? (
        <span>
          {t('shr_openedShared')}: <strong data-testid="share-opened-name">{notice.name}</strong> ({num(notice.sites)} {t('shr_sites')})
          {notice.adjusted ? (
            <span className="shr-detail" data-testid="share-view-adjusted">
              {' '}
              {notice.adjusted.zoom
                ? t('shr_zoomClamped', { from: num(notice.adjusted.zoom.from), min: MAP_MIN_ZOOM, max: MAP_MAX_ZOOM })
                : null}
              {notice.adjusted.centre ? ` ${t('shr_centreClamped')}` : null}
            </span>
          ) : null}
        </span>
      ) : (
        <span>
          {t('shr_linkError')} {error!.summary} <span className="shr-detail" data-testid="share-link-error-detail">({error!.detail})</span>
        </span>
      )}
      <button type="button" onClick={onDismiss} data-testid="share-notice-dismiss">
        {t('shr_dismiss')}
      </button>
    </div>
  );
}
