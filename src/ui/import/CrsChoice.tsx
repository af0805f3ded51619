import { CRS_IDS, type Crs } from '../../io/crs';
import type { OffsetReport } from '../../io/offsetDetection';
import { useT } from '../i18n';
import { importStrings } from './strings';

interface Props {
  /** The system the file was read in. */
  crs: Crs;
  /** The system the column headers name, if any. */
  headerCrs: Crs | null;
  offset: OffsetReport | null;
  onChoose: (crs: Crs) => void;
}

/**
 * The coordinate system: the person's choice, and what the map says about it — a warning with the
 * likely system and a one-click conversion when the points fit the map clearly better in another
 * system, a quiet confirmation when they fit as read, and "cannot tell" when the data give no sign.
 */
export function CrsChoice({ crs, headerCrs, offset, onChoose }: Props) {
  const { t, num } = useT(importStrings);
  const short = (c: Crs) => t(`imp_crsShort_${c}`);
  const score = (c: Crs) => offset?.scores.find((s) => s.crs === c);
  const metres = (c: Crs) => num(Math.round(score(c)?.medianM ?? NaN));
  let notice;
  if (!offset) {
    notice = <p className="muted" data-testid="imp-offset-unchecked">{t('imp_offsetUnchecked')}</p>;
  } else if (offset.likely !== null && offset.likely !== crs) {
    const likely = offset.likely;
    const text =
      offset.basis === 'features'
        ? t('imp_offsetWarn', { current: short(crs), currentM: metres(crs), likely: short(likely), likelyM: metres(likely) })
        : t('imp_offsetWarnOutline', { current: short(crs), currentN: score(crs)?.outside ?? 0, likely: short(likely), likelyN: score(likely)?.outside ?? 0 });
    notice = (
      <div className="imp-offset-warning" role="alert" data-testid="imp-offset-warning" data-likely={likely} data-confidence={offset.confidence ?? ''}>
        <p>
          {text} {t(offset.confidence === 'high' ? 'imp_confidence_high' : 'imp_confidence_medium')}
        </p>
        <button type="button" data-testid="imp-convert" onClick={() => onChoose(likely)}>
          {t('imp_convert', { likely: t(`imp_crs_${likely}`) })}
        </button>
      </div>
    );
  } else if (offset.likely === crs && offset.basis === 'features') {
    notice = (
      <p className="imp-offset-ok" data-testid="imp-offset-ok">
        {t('imp_offsetOk', { crs: short(crs), m: metres(crs) })}
      </p>
    );
  } else if (offset.scores.length > 0) {
    notice = <p className="muted" data-testid="imp-offset-unknown">{t('imp_offsetUnknown')}</p>;
  }
  return (
    <fieldset className="imp-crs">
      <legend>{t('imp_crsTitle')}</legend>
      {CRS_IDS.map((c) => (
        <label key={c}>
          <input type="radio" name="imp-crs" value={c} checked={crs === c} data-testid={`imp-crs-${c}`} onChange={() => onChoose(c)} />
          {t(`imp_crs_${c}`)}
          {headerCrs === c ? <span className="muted"> · {t('imp_crsFromHeader')}</span> : null}
        </label>
      ))}
      {notice}
    </fieldset>
  );
}
