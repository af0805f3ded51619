import { useState } from 'react';
import { FACILITY_TYPE_IDS, FACILITY_TYPES, type FacilityTypeId } from '../../domain/facilityTypes';
import type { ColumnField } from '../../io/rowProblems';
import type { ColumnMapping as Mapping, ColumnDetection, SiteColumns } from '../../io/siteFile';
import { useT } from '../i18n';
import { importStrings } from './strings';
import { fieldLabel } from './problemText';

const FIELDS: readonly ColumnField[] = ['lon', 'lat', 'type', 'name', 'status', 'capacity', 'id'];

interface Props {
  detection: ColumnDetection;
  /** The columns the last read used. */
  columns: SiteColumns | undefined;
  defaultType: FacilityTypeId | undefined;
  /** Open from the start (the detector was unsure, or a required column is missing). */
  unsure: boolean;
  onApply: (mapping: Mapping, defaultType: FacilityTypeId | undefined) => void;
}

/**
 * Which header is which field. Shown open when the detector is unsure (partial matches such as
 * `坐标X`, two candidate longitude columns, no type column); otherwise behind "change columns".
 */
export function ColumnMapping({ detection, columns, defaultType, unsure, onApply }: Props) {
  const { t, pick, lang } = useT(importStrings);
  const [open, setOpen] = useState(unsure);
  const [chosen, setChosen] = useState<Record<ColumnField, string>>(() => {
    const c = (columns ?? {}) as Partial<Record<ColumnField, string>>;
    return Object.fromEntries(FIELDS.map((f) => [f, c[f] ?? detection.candidates[f]?.[0] ?? ''])) as Record<ColumnField, string>;
  });
  const [type, setType] = useState<FacilityTypeId>(defaultType ?? 'ev-charging-station');

  if (!open) {
    return (
      <button type="button" className="link-button" data-testid="imp-columns-edit" onClick={() => setOpen(true)}>
        {t('imp_columnsEdit')}
      </button>
    );
  }
  return (
    <fieldset className="imp-columns" data-testid="imp-columns">
      <legend>{t('imp_columnsTitle')}</legend>
      {unsure ? <p className="imp-columns-unsure">{t('imp_columnsUnsure')}</p> : null}
      <div className="imp-columns-grid">
        {FIELDS.map((f) => (
          <label key={f}>
            <span>{fieldLabel(lang, f)}</span>
            <select data-testid={`imp-column-${f}`} value={chosen[f]} onChange={(e) => setChosen({ ...chosen, [f]: e.target.value })}>
              <option value="">{t('imp_noColumn')}</option>
              {detection.header.map((h, i) =>
                h === '' ? null : (
                  <option key={i} value={h}>
                    {h}
                  </option>
                ),
              )}
            </select>
          </label>
        ))}
        {chosen.type === '' ? (
          <label>
            <span>{t('imp_defaultType')}</span>
            <select data-testid="imp-default-type" value={type} onChange={(e) => setType(e.target.value as FacilityTypeId)}>
              {FACILITY_TYPE_IDS.map((id) => (
                <option key={id} value={id}>
                  {pick(FACILITY_TYPES[id].label_zh, FACILITY_TYPES[id].label_en)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <button
        type="button"
        data-testid="imp-columns-apply"
        onClick={() => onApply(Object.fromEntries(FIELDS.map((f) => [f, chosen[f] === '' ? null : chosen[f]])) as Mapping, chosen.type === '' ? type : undefined)}
      >
        {t('imp_applyColumns')}
      </button>
    </fieldset>
  );
}
