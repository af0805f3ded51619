import { useState } from 'react';
import { FACILITY_TYPE_IDS } from '../../domain/facilityTypes';
import type { SiteStatus } from '../../domain/site';
import { SITE_YEAR } from '../../domain/siteYear';
import { useT } from '../i18n';
import { FacilityTypeSelect } from '../FacilityTypeSelect';
import { editingStrings } from './strings';
import { useAppStore } from '../state/appStore';
import { selectedSite } from '../state/editingSlice';
import type { SitePatch } from '../../domain/siteEdits';

const STATUSES: readonly SiteStatus[] = ['existing', 'planned', 'candidate'];

interface NumberFieldProps {
  label: string;
  testId: string;
  min: number;
  step: number;
  value: number | undefined;
  /** Called on blur; an empty field clears the value (undefined). */
  onCommit: (value: number | undefined) => void;
}

function NumberField({ label, testId, min, step, value, onCommit }: NumberFieldProps) {
  return (
    <label>
      {label}
      <input
        data-testid={testId}
        type="number"
        min={min}
        step={step}
        defaultValue={value ?? ''}
        onBlur={(e) => onCommit(e.target.value.trim() === '' ? undefined : Number(e.target.value))}
      />
    </label>
  );
}

/** Properties of the selected site. Each change is validated; a refused value shows why and is not stored. */
export function SiteEditor() {
  const { t } = useT(editingStrings);
  const [error, setError] = useState<string | null>(null);
  const site = useAppStore(selectedSite);
  const editing = useAppStore.getState();
  if (!site) return null;
  const apply = (patch: SitePatch) => setError(editing.updateSelected(patch));

  return (
    <div className="site-editor" data-testid="site-editor" key={site.id}>
      <div className="site-editor-head">
        <strong>{t('selectedSite')}</strong>
        {site.illustrative ? <span className="approx-badge illustrative-badge">{t('illustrative')}</span> : null}
        <button type="button" className="close" aria-label={t('close')} onClick={() => editing.onSiteEdit({ kind: 'select', id: null })}>
          ×
        </button>
      </div>
      <label>
        {t('siteName')}
        <input data-testid="site-name" defaultValue={site.name ?? ''} onBlur={(e) => apply({ name: e.target.value.trim() || undefined })} />
      </label>
      <label>
        {t('siteType')}
        <FacilityTypeSelect testId="site-type" types={FACILITY_TYPE_IDS} value={site.type} onChange={(type) => apply({ type })} />
      </label>
      <label>
        {t('siteStatus')}
        <select data-testid="site-status" value={site.status} onChange={(e) => apply({ status: e.target.value as SiteStatus })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
      </label>
      <NumberField label={t('capacity')} testId="site-capacity" min={1} step={1} value={site.capacity} onCommit={(v) => apply({ capacity: v })} />
      <NumberField label={t('siteYear')} testId="site-year" min={SITE_YEAR.min} step={1} value={site.year} onCommit={(v) => apply({ year: v })} />
      <NumberField label={t('radiusOverride')} testId="site-radius" min={0.01} step={0.05} value={site.radiusKm} onCommit={(v) => apply({ radiusKm: v })} />
      <p className="muted hint">{t('radiusOverrideNote')}</p>
      <div className="muted">
        {site.lon.toFixed(5)}, {site.lat.toFixed(5)}
      </div>
      {error ? (
        <p className="error" role="alert" data-testid="site-error">
          {error}
        </p>
      ) : null}
      <button type="button" data-testid="delete-site" onClick={editing.deleteSelected}>
        {t('deleteSite')} (Delete)
      </button>
    </div>
  );
}
