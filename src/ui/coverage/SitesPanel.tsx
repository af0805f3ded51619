import { useState } from 'react';
import type { Site } from '../../domain/site';
import { parseSiteFile, type RowProblem } from '../../io/siteFile';
import type { DataError } from '../../io/loadGeodata';
import { formatNumber, translate, type Lang } from '../i18n';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { siteFamily } from '../../map/facilityLayers';
import { SITE_COLOURS } from '../../map/coverageColours';
import { scenarioFileText } from '../../io/exportScenario';

/** Saves text as a file through a blob: URL (same origin; nothing leaves the machine). */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Props {
  lang: Lang;
  scenario: ScenarioState;
  sample: ScenarioState | null;
  onScenarioChange: (scenario: ScenarioState) => void;
  error: DataError | null;
}

/** Beyond this a file is refused before it is read: a frozen tab loses more than a refused file. */
const MAX_FILE_BYTES = 60 * 1024 * 1024;

interface LoadReport {
  file: string;
  accepted: number;
  rejected: RowProblem[];
  error?: string;
}

/** Keeps ids unique across files: a loaded site whose id is taken gets the file's name in front. */
function withFreeIds(existing: readonly Site[], incoming: readonly Site[], prefix: string): Site[] {
  const taken = new Set(existing.map((s) => s.id));
  return incoming.map((s) => {
    let id = s.id;
    for (let n = 2; taken.has(id); n++) id = `${prefix}:${s.id}${n > 2 ? `-${n}` : ''}`;
    taken.add(id);
    return id === s.id ? s : { ...s, id };
  });
}

/** The scenario's name and site counts, and loading a sites file (added to the scenario). */
export function SitesPanel({ lang, scenario, sample, onScenarioChange, error }: Props) {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const [report, setReport] = useState<LoadReport | null>(null);
  const meta = scenario.meta;
  // Any made-up site keeps the warning up, also after the user has edited the sample.
  const hasIllustrative = meta?.illustrative === true || scenario.sites.some((s) => s.illustrative === true);
  const families = new Map<string, number>();
  for (const s of scenario.sites) families.set(siteFamily(s.type), (families.get(siteFamily(s.type)) ?? 0) + 1);

  const load = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      setReport({ file: file.name, accepted: 0, rejected: [], error: `${t('fileTooLarge')}: ${formatNumber(lang, file.size / 1048576, 1)} MB > ${MAX_FILE_BYTES / 1048576} MB` });
      return;
    }
    const text = await file.text();
    const prefix = file.name.replace(/\.[^.]*$/, '') || 'file';
    const result = parseSiteFile(text, { fileName: file.name, idPrefix: prefix });
    const added = withFreeIds(scenario.sites, result.sites, prefix);
    if (added.length > 0) onScenarioChange({ meta: scenario.meta, sites: [...scenario.sites, ...added] });
    setReport({ file: file.name, accepted: added.length, rejected: result.rejected });
  };

  return (
    <section className="panel sites-panel" data-testid="sites-panel">
      <h2>{t('scenario')}</h2>
      <div className="scenario-name" data-testid="scenario-name">
        {meta ? (lang === 'zh' ? meta.name_zh : meta.name_en) : '—'}
        {hasIllustrative ? <span className="approx-badge illustrative-badge">{t('illustrative')}</span> : null}
      </div>
      {hasIllustrative ? <p className="muted illustrative-note">{t('illustrativeNote')}</p> : null}
      <ul className="family-counts" data-testid="site-counts">
        {[...families].map(([family, n]) => (
          <li key={family}>
            <span className="dot" style={{ background: `rgb(${SITE_COLOURS[family as keyof typeof SITE_COLOURS].join(',')})` }} />
            {t(`family_${family}` as 'family_charging')} {formatNumber(lang, n)}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="error" role="alert">
          {error.file}: {error.message}
        </p>
      ) : null}
      <label className="file-button">
        {t('loadSites')}
        <input
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
          data-testid="load-sites"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void load(file);
          }}
        />
      </label>
      <span className="muted hint">{t('loadSitesHint')}</span>
      <div className="scenario-actions">
        {sample ? (
          <button type="button" data-testid="reset-sample" onClick={() => onScenarioChange(sample)}>
            {t('resetSample')}
          </button>
        ) : null}
        <button type="button" data-testid="clear-sites" onClick={() => onScenarioChange({ meta: null, sites: [] })}>
          {t('clearSites')}
        </button>
        <button
          type="button"
          data-testid="export-geojson"
          disabled={scenario.sites.length === 0}
          onClick={() => download('scenario.geojson', scenarioFileText(scenario.meta, scenario.sites), 'application/geo+json')}
        >
          {t('exportGeojson')}
        </button>
      </div>
      {report ? (
        <div className="load-report" data-testid="load-report" role="status">
          <div>
            {report.file}: {t('loadedRows')} {formatNumber(lang, report.accepted)}
            {report.rejected.length > 0 ? ` · ${t('rejectedRows')} ${formatNumber(lang, report.rejected.length)}` : ''}
          </div>
          {report.error ? <div className="error">{report.error}</div> : null}
          {report.rejected.length > 0 ? (
            <ul className="rejected-rows">
              {report.rejected.slice(0, 20).map((r, i) => (
                <li key={i}>
                  {t('row')} {r.row} · {t('field')} {r.field}: {r.reason}
                  {r.value !== undefined ? ` (${r.value})` : ''}
                </li>
              ))}
              {report.rejected.length > 20 ? <li>… +{report.rejected.length - 20}</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
