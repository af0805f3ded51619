import { useState, type DragEvent } from 'react';
import { useT, type KeyOf } from '../i18n';
import { useAppStore } from '../state/appStore';
import type { RoadsError } from '../state/networkSlice';
import { networkStrings } from './strings';
import './network.css';
import { CRS_IDS } from '../../io/crs';

type Key = KeyOf<typeof networkStrings>;

const ERROR_KEYS: Readonly<Record<RoadsError['problem'], Key>> = {
  'too-big': 'net_error_too_big',
  'unknown-format': 'net_error_unknown_format',
  unreadable: 'net_error_unreadable',
  'broken-geometry': 'net_error_broken_geometry',
  'no-highways': 'net_error_no_highways',
  'far-away': 'net_error_far_away',
  unsupported: 'net_error_unsupported',
  storage: 'net_error_storage',
  worker: 'net_error_worker',
  fetch: 'net_error_fetch',
};

const SNAP_CHOICES = [50, 100, 200, 300, 500] as const;

/** The road file: load (picker, drop, the demonstration), travel mode and snap distance, what was read, remove. */
export function RoadsPanel() {
  const { t, num } = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const settings = useAppStore((s) => s.networkSettings);
  const setSettings = useAppStore((s) => s.setNetworkSettings);
  const commands = useAppStore((s) => s.networkCommands);
  const [dragOver, setDragOver] = useState(false);
  const busy = !commands || network.status === 'loading';
  const { summary } = network;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    const file = e.dataTransfer.files[0];
    if (file && commands) commands.loadFile(file, file.name);
  };
  const reachedAll = network.reached?.all.land.share;
  return (
    <section
      className={`panel roads-panel${dragOver ? ' drag-over' : ''}`}
      data-testid="roads-panel"
      onDragOver={(e) => {
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={onDrop}
    >
      <h2>{t('net_title')}</h2>
      {summary === null && network.status !== 'loading' ? <p className="muted roads-intro">{t('net_intro')}</p> : null}
      <div className="roads-settings">
        <span className="muted">{t('net_mode')}</span>
        {(['walk', 'drive'] as const).map((mode) => (
          <label key={mode}>
            <input type="radio" name="roads-mode" data-testid={`roads-mode-${mode}`} checked={settings.mode === mode} disabled={busy} onChange={() => setSettings({ ...settings, mode })} />
            {t(`net_mode_${mode}`)}
          </label>
        ))}
        <label title={t('net_snapHelp')}>
          <span className="muted">{t('net_snap')}</span>{' '}
          <select data-testid="roads-snap" value={settings.snapM} disabled={busy} onChange={(e) => setSettings({ ...settings, snapM: Number(e.target.value) })}>
            {SNAP_CHOICES.map((m) => (
              <option key={m} value={m}>
                {m} m
              </option>
            ))}
          </select>
        </label>
        <label title={t('net_crsHelp')}>
          <span className="muted">{t('net_crs')}</span>{' '}
          <select
            data-testid="roads-crs"
            value={settings.crs}
            disabled={busy}
            onChange={(e) => setSettings({ ...settings, crs: e.target.value as (typeof settings)['crs'] })}
          >
            <option value="auto">{t('net_crs_auto')}</option>
            {CRS_IDS.map((c) => (
              <option key={c} value={c}>
                {t(`net_crsUsed_${c}`).split(/[，,]/)[0]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className={`roads-load${busy ? ' disabled' : ''}`}>
        <span className="roads-load-button">{dragOver ? t('net_drop') : t('net_load')}</span>
        <input
          type="file"
          data-testid="roads-file"
          accept=".geojson,.json,.osm,.pbf,.xml"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file && commands) commands.loadFile(file, file.name);
          }}
        />
      </label>
      <div className="muted roads-help">{t('net_loadHelp')}</div>
      {summary === null ? (
        <div className="roads-demo">
          <button type="button" data-testid="roads-demo" disabled={busy} onClick={() => commands?.loadDemo()}>
            {t('net_demo')}
          </button>
          <div className="muted roads-help">{t('net_demoNote')}</div>
        </div>
      ) : null}
      {network.status === 'loading' ? (
        <div className="roads-status" data-testid="roads-progress">
          {t('net_reading', { file: network.progress ? t(`net_phase_${network.progress.phase}`) : '' })}{' '}
          {network.progress ? `${num(network.progress.fraction * 100, 0)}%` : ''}
          <progress max={1} value={network.progress?.fraction ?? 0} />
        </div>
      ) : null}
      {network.error ? (
        <div className="roads-error" role="alert" data-testid="roads-error" data-problem={network.error.problem}>
          <strong>{t(ERROR_KEYS[network.error.problem])}</strong>
          <div className="roads-error-message">{network.error.message}</div>
          {network.error.problem !== 'storage' ? <div className="muted">{t('net_errorKeeps')}</div> : null}
        </div>
      ) : null}
      {summary ? (
        <div className="roads-status" data-testid="roads-status" data-file={summary.fileName} data-mode={summary.mode} data-source={network.source ?? ''}>
          <div>{t('net_loaded', { file: summary.fileName, ways: num(summary.ways), km: num(summary.lengthKm, 1), nodes: num(summary.nodes) })}</div>
          <div className="muted roads-crs" data-testid="roads-crs-used" data-crs={summary.crs} data-from={summary.crsFrom}>
            {t('net_crs')}: {t(`net_crsUsed_${summary.crs}`)} ({t(`net_crsFrom_${summary.crsFrom}`)})
          </div>
          <div className="muted">
            {t(`net_mode_${summary.mode}`)} · {network.snapM} m
            {reachedAll !== undefined ? ` · ${t('net_reachedAll', { share: `${num(reachedAll * 100, 2)}%`, snap: network.snapM })}` : ''}
          </div>
          {network.source === 'kept' ? (
            <div className="muted" data-testid="roads-restored">
              {t('net_restored')}
            </div>
          ) : network.kept ? (
            <div className="muted" data-testid="roads-kept">
              {t('net_kept')}
            </div>
          ) : null}
          {summary.notes.length > 0 ? (
            <details className="roads-notes">
              <summary>{t('net_notes')}</summary>
              <ul>
                {summary.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <button type="button" data-testid="roads-remove" onClick={() => commands?.remove()}>
            {t('net_remove')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
