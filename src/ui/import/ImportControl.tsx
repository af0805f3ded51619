import { useEffect, useState } from 'react';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import { useT } from '../i18n';
import { importStrings } from './strings';
import { ImportDialog } from './ImportDialog';
import { problemText } from './problemText';
import { useImportSession } from './useImportSession';
import './import.css';

interface Props {
  geodata: Geodata | null;
  scenario: { meta: ScenarioMeta | null; sites: readonly Site[] };
  onScenarioChange: (next: { meta: ScenarioMeta | null; sites: readonly Site[] }) => void;
}

const dragsFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/**
 * The way in for site files: the "load a sites file" button, a file dropped anywhere on the window
 * (the map area is most of it), the import dialog, and the last import's report.
 *
 * The window takes every file drop, also outside the map: a file dropped where nothing handles it
 * would make the browser navigate to it, and the scenario being edited would be gone.
 */
export function ImportControl({ geodata, scenario, onScenarioChange }: Props) {
  const { t, num, lang } = useT(importStrings);
  const session = useImportSession(geodata, scenario, onScenarioChange);
  const { open } = session;
  const [dragging, setDragging] = useState(false);
  // Files dropped together beyond the first: one import at a time, and the user is told which were left.
  const [leftOut, setLeftOut] = useState<string[]>([]);
  const report = session.lastReport;

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!dragsFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!dragsFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!dragsFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!dragsFiles(e)) return;
      // A panel with its own drop target handled this file already (it prevented the default).
      const handled = e.defaultPrevented;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (handled) return;
      const files = [...(e.dataTransfer?.files ?? [])];
      setLeftOut(files.slice(1).map((f) => f.name));
      if (files[0]) open(files[0]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [open]);

  return (
    <>
      <label className="file-button">
        {t('loadSites')}
        <input
          type="file"
          accept=".csv,.tsv,.txt,.geojson,.json,.kml,text/csv,application/geo+json,application/json,application/vnd.google-earth.kml+xml"
          data-testid="load-sites"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            setLeftOut([]);
            if (file) open(file);
          }}
        />
      </label>
      <span className="muted hint">{t('imp_loadHint')}</span>
      {leftOut.length > 0 ? (
        <div className="load-report" data-testid="imp-left-out" role="status">
          {t('imp_oneAtATime')} {leftOut.join(', ')}
          <button type="button" className="link" onClick={() => setLeftOut([])}>
            {t('shr_dismiss')}
          </button>
        </div>
      ) : null}
      {report ? (
        <div className="load-report" data-testid="load-report" role="status">
          <div>
            {report.file}: {t('loadedRows')} {num(report.accepted)}
            {report.rejected.length > 0 ? ` · ${t('rejectedRows')} ${num(new Set(report.rejected.map((r) => r.row)).size)}` : ''}
          </div>
          {report.rejected.length > 0 ? (
            <ul className="rejected-rows">
              {report.rejected.slice(0, 20).map((r, i) => (
                <li key={i}>
                  {t('row')} {r.row} · {t('field')} {r.field}: {problemText(lang, r)}
                  {r.value !== undefined ? ` (${r.value})` : ''}
                </li>
              ))}
              {report.rejected.length > 20 ? <li>… +{report.rejected.length - 20}</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
      {dragging ? (
        <div className="imp-drop-overlay" data-testid="imp-drop-overlay">
          <span>{t('imp_dropHere')}</span>
        </div>
      ) : null}
      <ImportDialog session={session} />
    </>
  );
}
