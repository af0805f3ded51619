import { PublishedNote } from '../PublishedNote';
import { useMemo } from 'react';
import type { DataError, Geodata } from '../../io/loadGeodata';
import { ImportControl } from '../import/ImportControl';
import { useT } from '../i18n';
import { coverageStrings } from './strings';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { siteFamily } from '../../map/facilityLayers';
import type { FacilityFamily } from '../../domain/facilityTypes';
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
  scenario: ScenarioState;
  sample: ScenarioState | null;
  onScenarioChange: (scenario: ScenarioState) => void;
  error: DataError | null;
  /** The scenario's name in the user's list (else the file's own name). */
  name?: string;
  /** The map's features, for the import's position checks (null while loading). */
  geodata?: Geodata | null;
  /** Edits recovered at start from the journal of a page that went before saving them. */
  recovered?: { sites: number; scenarios: number } | null;
}

/** The scenario's name and site counts, and importing a sites file (through the import dialog). */
export function SitesPanel({ scenario, sample, onScenarioChange, error, name, geodata = null, recovered = null }: Props) {
  const { t, num, pick } = useT(coverageStrings);
  const meta = scenario.meta;
  // Any made-up site keeps the warning up, also after the user has edited the sample.
  const hasIllustrative = useMemo(() => meta?.illustrative === true || scenario.sites.some((s) => s.illustrative === true), [meta, scenario.sites]);
  const families = useMemo(() => {
    const counts = new Map<FacilityFamily, number>();
    for (const s of scenario.sites) {
      const family = siteFamily(s.type);
      counts.set(family, (counts.get(family) ?? 0) + 1);
    }
    return counts;
  }, [scenario.sites]);

  return (
    <section className="panel sites-panel" data-testid="sites-panel">
      <h2>{t('scenario')}</h2>
      <div className="scenario-name" data-testid="scenario-name">
        {name ?? (meta ? pick(meta.name_zh, meta.name_en) : '—')}
        {hasIllustrative ? <span className="approx-badge illustrative-badge">{t('illustrative')}</span> : null}
      </div>
      {hasIllustrative ? <p className="muted illustrative-note">{t('illustrativeNote')}</p> : null}
      <PublishedNote meta={meta} />
      {recovered ? (
        <p className="muted" role="status" data-testid="recovered-notice">
          {t('recoveredEdits', { sites: num(recovered.sites), scenarios: num(recovered.scenarios) })}
        </p>
      ) : null}
      <ul className="family-counts" data-testid="site-counts">
        {[...families].map(([family, n]) => (
          <li key={family}>
            <span className="dot" style={{ background: `rgb(${SITE_COLOURS[family].join(',')})` }} />
            {t(`family_${family}`)} {num(n)}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="error" role="alert">
          {error.file}: {error.message}
        </p>
      ) : null}
      <ImportControl geodata={geodata} scenario={scenario} onScenarioChange={onScenarioChange} />
      <div className="scenario-actions">
        {sample ? (
          <button type="button" data-testid="reset-sample" onClick={() => onScenarioChange(sample)}>
            {sample.meta?.published ? t('resetPublished') : t('resetSample')}
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
    </section>
  );
}
