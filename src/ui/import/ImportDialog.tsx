import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../i18n';
import { importStrings } from './strings';
import { MAX_IMPORT_BYTES } from '../../worker/importProtocol';
import { ColumnMapping } from './ColumnMapping';
import { CrsChoice } from './CrsChoice';
import { ProblemTable } from './ProblemTable';
import { problemsCsv } from './problemsCsv';
import { SUSPICIOUS_CODES, type ImportSession } from './useImportSession';
import './import.css';

const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', gb18030: 'GB18030 (GBK)' } as const;

/** Saves text as a file through a blob: URL (same origin; nothing leaves the machine). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The import dialog: progress while the worker reads, then what it found — how many rows are good,
 * the coordinate system and whether the map agrees, the columns, every rejected and suspicious row —
 * and the choice to import the good rows (added to, or replacing, the scenario's sites).
 */
export function ImportDialog({ session }: { session: ImportSession }) {
  const { t, num, lang } = useT(importStrings);
  const { stage, choices } = session;
  const dialogRef = useRef<HTMLDivElement>(null);
  const open = stage.kind !== 'closed';
  const cancel = session.cancel;

  useEffect(() => {
    if (!open) return;
    dialogRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, cancel]);

  if (!open) return null;

  const result = stage.kind === 'ready' ? stage.result : null;
  const fileName = result?.fileName ?? ('fileName' in stage ? stage.fileName : '');
  const suspicious = result ? result.warnings.filter((w) => SUSPICIOUS_CODES.has(w.code)) : [];
  const rejectedRows = result ? new Set(result.rejected.filter((p) => p.row > 0).map((p) => p.row)).size : 0;
  const swapped = result ? result.rejected.filter((p) => p.code === 'swapped').length : 0;
  const fileProblem = result?.rejected.some((p) => p.row === 0) ?? false;
  const unsure = !!result?.detection && ((!result.detection.sure && !choices.mapping) || result.rejected.some((p) => p.code === 'noColumns'));

  let body;
  if (stage.kind === 'tooLarge') {
    body = (
      <p className="error" role="alert" data-testid="imp-too-large">
        {t('imp_tooLarge', { size: num(stage.bytes / 1048576, 1), limit: num(MAX_IMPORT_BYTES / 1048576) })}
      </p>
    );
  } else if (stage.kind === 'failed') {
    body = (
      <p className="error" role="alert" data-testid="imp-failed">
        {t('imp_failed', { message: stage.message })}
      </p>
    );
  } else if (stage.kind === 'working') {
    const label = stage.phase === 'reading' ? t('imp_reading') : stage.phase === 'checking' ? t('imp_checking') : t('imp_parsing', { pct: Math.floor(stage.fraction * 100) });
    body = (
      <div className="imp-progress" role="status">
        <progress data-testid="imp-progress" data-phase={stage.phase} data-fraction={stage.fraction.toFixed(3)} value={stage.fraction} max={1} />
        <span>{label}</span>
      </div>
    );
  } else if (result) {
    body = (
      <>
        <p className="imp-summary" data-testid="imp-summary" data-good={result.sites.length} data-rejected={rejectedRows}>
          {fileProblem
            ? null
            : t('imp_summary', {
                rows: num(result.rowCount),
                good: num(result.sites.length),
                rejected: num(rejectedRows),
                suspicious: num(suspicious.length),
              })}
        </p>
        {!fileProblem ? (
          <CrsChoice crs={result.crs} headerCrs={result.detection?.crsHint ?? null} offset={result.offset} onChoose={(crs) => session.choose({ crs })} />
        ) : null}
        {result.detection ? (
          <ColumnMapping
            detection={result.detection}
            columns={result.columns}
            defaultType={choices.defaultType}
            unsure={unsure}
            onApply={(mapping, defaultType) => session.choose({ mapping, defaultType })}
          />
        ) : null}
        {swapped > 0 ? (
          <div className="imp-swapped" data-testid="imp-swapped-offer">
            <span>{t('imp_swappedOffer', { n: num(swapped) })}</span>
            <button type="button" data-testid="imp-fix-swapped" onClick={() => session.choose({ fixSwapped: true })}>
              {t('imp_fixSwapped')}
            </button>
          </div>
        ) : null}
        <ProblemTable title={t('imp_rejectedTitle')} problems={result.rejected} testId="imp-rejected" />
        <ProblemTable title={t('imp_suspiciousTitle')} problems={[...(result.warnings)].sort((a, b) => a.row - b.row)} testId="imp-suspicious" />
        {result.rejected.length + result.warnings.length > 0 ? (
          <button
            type="button"
            className="link-button"
            data-testid="imp-save-list"
            onClick={() => download(`${result.fileName.replace(/\.[^.]*$/, '')}-problems.csv`, problemsCsv(lang, result.rejected, result.warnings))}
          >
            {t('imp_saveList')}
          </button>
        ) : null}
        {result.sites.length > 0 ? (
          <fieldset className="imp-mode">
            <legend>{t('imp_modeTitle')}</legend>
            <label>
              <input type="radio" name="imp-mode" checked={session.mode === 'add'} data-testid="imp-mode-add" onChange={() => session.setMode('add')} />
              {t('imp_modeAdd')}
            </label>
            <label>
              <input type="radio" name="imp-mode" checked={session.mode === 'replace'} data-testid="imp-mode-replace" onChange={() => session.setMode('replace')} />
              {t('imp_modeReplace')}
            </label>
            {suspicious.length > 0 ? (
              <label>
                <input type="checkbox" checked={session.skipSuspicious} data-testid="imp-skip-suspicious" onChange={(e) => session.setSkipSuspicious(e.target.checked)} />
                {t('imp_skipSuspicious')}
              </label>
            ) : null}
          </fieldset>
        ) : (
          <p className="error" data-testid="imp-nothing">{t('imp_nothingGood')}</p>
        )}
      </>
    );
  }

  return createPortal(
    <div className="imp-backdrop">
      <div className="imp-dialog" role="dialog" aria-modal="true" aria-labelledby="imp-title" tabIndex={-1} ref={dialogRef} data-testid="import-dialog" data-stage={stage.kind}>
        <header className="imp-header">
          <h2 id="imp-title">{t('imp_dialogTitle')}</h2>
          <span className="imp-file" data-testid="imp-file">
            {fileName}
            {result ? ` · ${result.format.toUpperCase()} · ${ENCODING_NAMES[result.encoding]}` : ''}
          </span>
        </header>
        <div className="imp-body">{body}</div>
        <footer className="imp-footer">
          {result && session.importable.length > 0 ? <span className="muted">{t('imp_undoNote')}</span> : <span />}
          <button type="button" data-testid="imp-cancel" onClick={cancel}>
            {result || stage.kind === 'working' ? t('imp_cancel') : t('imp_close')}
          </button>
          {result ? (
            <button type="button" className="imp-primary" data-testid="imp-confirm" disabled={session.importable.length === 0} onClick={session.confirm}>
              {t('imp_confirm', { n: num(session.importable.length) })}
            </button>
          ) : null}
        </footer>
      </div>
    </div>,
    document.body,
  );
}
