/**
 * The key zones' boundaries: every shipped zone with the boundary in use (shipped, approximate, or
 * the user's with its source and date), an import of official boundaries (every problem named),
 * and per zone one click to draw / edit it on the map or to revert it to the shipped polygon.
 */
import { useState } from 'react';
import { area } from '@turf/turf';
import type { ZoneCollection } from '../../domain/geodata';
import { CRS_IDS, type Crs } from '../../io/crs';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { zoneStrings } from './strings';
import { UserBoundaryBadge } from './UserBoundaryBadge';
import type { UserZonesControl } from './useUserZones';

export function ZonesPanel({ zones, control }: { zones: ZoneCollection | undefined; control: UserZonesControl }) {
  const { t, pick, num } = useT(zoneStrings);
  const [crs, setCrs] = useState<Crs | ''>('');
  const drawing = useAppStore((s) => s.drawingZone);
  const setDrawingZone = useAppStore((s) => s.setDrawingZone);
  const { busy, error, note } = control;
  const name = (id: string) => {
    const p = zones?.features.find((f) => f.properties.id === id)?.properties;
    return p ? pick(p.name, p.name_en) : id;
  };
  return (
    <section className="panel zones-panel" data-testid="zones-panel">
      <h2>{t('zn_title')}</h2>
      <p className="muted coverage-note">{t('zn_help')}</p>
      <div className="zn-import">
        <label className="tw-import-pick">
          {t('zn_import')}
          <input
            type="file"
            accept=".geojson,.json,.kml,.csv,.txt,application/geo+json,application/json,application/vnd.google-earth.kml+xml,text/csv"
            data-testid="zone-file"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void control.importFile(f, crs || null);
            }}
          />
        </label>{' '}
        <label>
          {t('zn_crs')}:{' '}
          <select data-testid="zone-crs" value={crs} onChange={(e) => setCrs(e.target.value as Crs | '')}>
            <option value="">{t('zn_crs_auto')}</option>
            {CRS_IDS.map((c) => (
              <option key={c} value={c}>
                {t(`zn_crs_${c}`)}
              </option>
            ))}
          </select>
        </label>
        {busy ? <span className="muted"> {t('zn_reading')}</span> : null}
      </div>
      {error ? (
        <div className="tw-error" role="alert" data-testid="zone-error">
          {t('zn_refused', { file: error.file })}
          <ul>
            {error.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {note ? (
        <p className="coverage-note" data-testid="zone-imported">
          {t('zn_imported', { file: note.file, n: note.ids.length, zones: note.ids.map(name).join('、') })}
          {note.offset ? <span data-testid="zone-offset"> {t('zn_offset', { likely: t(`zn_crs_${note.offset.likely}`), crs: t(`zn_crs_${note.offset.crs}`) })}</span> : null}
        </p>
      ) : null}
      <ul className="zn-list">
        {(zones?.features ?? []).map((f) => {
          const p = f.properties;
          return (
            <li key={p.id} data-testid={`zone-row-${p.id}`} className={drawing === p.id ? 'drawing' : undefined}>
              <span className="zn-name">{pick(p.name, p.name_en)}</span>{' '}
              {p.user_source ? (
                <UserBoundaryBadge id={p.id} source={p.user_source} savedAt={p.user_saved_at} />
              ) : (
                <span className={p.precision === 'approximate' ? 'approx-badge' : 'muted'}>{p.precision === 'approximate' ? t('zn_approx') : t('zn_shipped')}</span>
              )}{' '}
              <span className="muted">{t('zn_area', { km2: num(area(f.geometry) / 1e6, 2) })}</span>
              <span className="zn-actions">
                <button type="button" data-testid={`zone-draw-${p.id}`} title={t('zn_drawTitle')} disabled={busy || drawing !== null} onClick={() => setDrawingZone(p.id)}>
                  {t('zn_draw')}
                </button>
                {p.user_source ? (
                  <button type="button" data-testid={`zone-revert-${p.id}`} title={t('zn_revertTitle')} disabled={busy || drawing !== null} onClick={() => void control.revert(p.id)}>
                    {t('zn_revert')}
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="muted coverage-note">{t('zn_noShare')}</p>
    </section>
  );
}
