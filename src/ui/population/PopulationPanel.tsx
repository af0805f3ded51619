import { useEffect, useState, type DragEvent as ReactDragEvent } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { populationStrings } from './strings';
import { populationActions } from './usePopulationLayer';
import { populationProblemText, progressText } from './problemText';
import { populationFactsText } from './factsText';
import { formatResidents, sourceText } from './residentsText';
import { usePopulationInUse } from './ResidentsCells';

const ACCEPT = '.tif,.tiff,.geojson,.json,.csv,.txt,image/tiff,application/geo+json,application/json,text/csv';
const isTiffName = (name: string) => /\.tiff?$/i.test(name);
const dragsFiles = (e: DragEvent | ReactDragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/**
 * Takes a GeoTIFF dropped anywhere on the page for the residents layer (a site file is never a
 * TIFF), before the sites import's window-wide drop handler (src/ui/import/ImportControl.tsx), which
 * leaves a drop alone once it is handled.
 */
function useTiffDropAnywhere(): void {
  useEffect(() => {
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!dragsFiles(e) || !file || !isTiffName(file.name)) return;
      e.preventDefault();
      populationActions.load(file, file.name);
    };
    window.addEventListener('drop', drop, { capture: true });
    return () => window.removeEventListener('drop', drop, { capture: true });
  }, []);
}

/** The residents layer: its source, what the file put where, and load / replace / remove. */
export function PopulationPanel() {
  const tr = useT(populationStrings);
  const { t, num } = tr;
  const ui = useAppStore((s) => s.population);
  // The layer the figures use: the one on the coverage layer's figures, else the last status taken.
  const inUse = usePopulationInUse();
  const [over, setOver] = useState(false);
  const [field, setField] = useState('');
  useTiffDropAnywhere();
  const busy = ui.phase !== 'idle';
  const report = inUse?.report ?? null;
  const pct = (share: number) => `${num(share * 100, 1)}%`;
  const choose = ui.chooseField;

  return (
    <section
      className={`panel population-panel${over ? ' drop-over' : ''}`}
      data-testid="population-panel"
      data-source-kind={inUse?.source.kind ?? ''}
      onDragOver={(e) => {
        if (!dragsFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault(); // handled: the sites import leaves it alone
        if (!isTiffName(file.name)) populationActions.load(file, file.name); // a TIFF: taken by the page-wide handler
      }}
    >
      <h2>{t('pop_title')}</h2>
      {inUse ? (
        <p className="pop-source" data-testid="pop-source" data-kind={inUse.source.kind}>
          {t('pop_source')}: {sourceText(tr, inUse.source, ui.active)}
        </p>
      ) : null}
      {ui.active && ui.kept === ui.active.name ? <p className="muted pop-kept" data-testid="pop-kept">{t('pop_kept')}</p> : null}
      {report ? (
        <dl className="pop-report" data-testid="pop-report" data-placed={report.placed.toFixed(3)}>
          <dt>{t('pop_total')}</dt>
          <dd data-testid="pop-total">{formatResidents(tr, report.placed)}</dd>
          {report.outside > 0 ? (
            <>
              <dt>{t('pop_outside')}</dt>
              <dd data-testid="pop-outside">{formatResidents(tr, report.outside)}</dd>
            </>
          ) : null}
          {report.moved > 0 ? (
            <>
              <dt>{t('pop_moved')}</dt>
              <dd data-testid="pop-moved">
                {formatResidents(tr, report.moved)} ({pct(report.movedShare)})
              </dd>
            </>
          ) : null}
          {report.landWithoutData > 0 || (report.nodataPixels ?? 0) > 0 ? (
            <>
              <dt>{t('pop_noData')}</dt>
              <dd data-testid="pop-nodata">
                {pct(report.landWithoutData)}
                {report.pixels ? ` · ${t('pop_nodataPixels')} ${num(report.nodataPixels ?? 0)} / ${num(report.pixels)}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {ui.active ? (
        <p className="muted pop-facts" data-testid="pop-facts">
          {t('pop_facts')}: {populationFactsText(ui.active.facts, tr)}
        </p>
      ) : null}
      {busy ? (
        <p className="pop-status" data-testid="pop-status" data-phase={ui.phase} role="status">
          {t(`pop_phase_${ui.phase as Exclude<typeof ui.phase, 'idle'>}`, { name: ui.pending?.file.name ?? ui.kept ?? '' })}
          {ui.progress ? ` (${progressText(ui.progress, tr)})` : ''}
        </p>
      ) : null}
      {ui.error ? (
        <div className="load-report pop-error" data-testid="pop-error" role="alert">
          {ui.kept && !ui.active ? t('pop_restoreFailed', { name: ui.kept }) : t('pop_refused')}
          {populationProblemText(ui.error, tr)}
          {choose ? (
            <div className="pop-field">
              <label>
                {t('pop_chooseField')}{' '}
                <select data-testid="pop-field" value={field} onChange={(e) => setField(e.target.value)}>
                  <option value="" />
                  {choose.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <button type="button" data-testid="pop-use-field" disabled={field === ''} onClick={() => populationActions.load(choose.file, choose.name, { field })}>
                {t('pop_useField')}
              </button>
            </div>
          ) : null}{' '}
          <button type="button" className="link" onClick={populationActions.dismissError}>
            {t('pop_dismiss')}
          </button>
        </div>
      ) : null}
      {ui.storageError ? (
        <div className="load-report pop-error" data-testid="pop-storage-error" role="alert">
          {t('pop_storageFailed')}
          {ui.storageError}
        </div>
      ) : null}
      <div className="pop-actions">
        <label className={`file-button${busy ? ' disabled' : ''}`}>
          {ui.active ? t('pop_replace') : t('pop_load')}
          <input
            type="file"
            accept={ACCEPT}
            data-testid="pop-load"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) populationActions.load(file, file.name);
            }}
          />
        </label>
        {ui.active || ui.kept ? (
          <button type="button" data-testid="pop-remove" disabled={busy} onClick={populationActions.remove}>
            {t('pop_remove')}
          </button>
        ) : null}
      </div>
      <p className="muted hint">{t('pop_loadHint')}</p>
      {over ? <div className="pop-drop-hint">{t('pop_dropHere')}</div> : null}
    </section>
  );
}
