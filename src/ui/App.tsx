import { useEffect, useMemo, useRef, useState } from 'react';
import { loadGeodata, type LoadResult } from '../io/loadGeodata';
import { DEFAULT_VISIBILITY, type LayerGroup, type LayerVisibility } from '../map/baseStyle';
import { districtFacts } from '../domain/districtFacts';
import { DEFAULT_LANG, LANGS, translate, type Lang } from './i18n';
import { MapView } from './MapView';
import { LayerPanel } from './LayerPanel';
import { Legend } from './Legend';
import { DistrictPanel } from './DistrictPanel';
import { DataErrors } from './DataErrors';
import { ScorecardPanel, type ScorecardScope } from './scorecard/ScorecardPanel';
import { useCoverage } from './coverage/useCoverage';
import { CoveragePanel, type FacilityDisplay } from './coverage/CoveragePanel';
import { SitesPanel } from './coverage/SitesPanel';
import { useFacilityLayers } from './coverage/useFacilityLayers';
import { coverageViews } from '../domain/coverageViews';
import { allTargets } from '../domain/plan';
import { loadScenario, SAMPLE_SCENARIO_FILE } from '../io/loadScenario';
import { useScenarioEditing, type ScenarioState } from './editing/useScenarioEditing';
import { EditToolbar } from './editing/EditToolbar';
import { SiteEditor } from './editing/SiteEditor';
import { loadSavedScenario, saveScenario } from '../io/autosave';
import type { CoverageMode } from '../worker/coverageProtocol';
import type { DataError } from '../io/loadGeodata';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS } from '../domain/bundledPlans';
import { assumptionValues } from '../domain/assumptions';
import { isPlanDistrictAdcode } from '../domain/planDocuments';

const COVERAGE_VIEWS = coverageViews(allTargets(BUNDLED_PLANS));

/** Autosave waits this long after the last edit (a drag saves once, at the end). */
const AUTOSAVE_DELAY_MS = 400;

function initialLang(): Lang {
  const requested = new URLSearchParams(window.location.search).get('lang');
  return LANGS.includes(requested as Lang) ? (requested as Lang) : DEFAULT_LANG;
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [visibility, setVisibility] = useState<LayerVisibility>(DEFAULT_VISIBILITY);
  const [selectedAdcode, setSelectedAdcode] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<LoadResult | null>(null);
  const [scorecardScope, setScorecardScope] = useState<ScorecardScope>({ district: null, zone: null });
  const [assumptionOverrides, setAssumptionOverrides] = useState<Record<string, number>>({});
  const assumptions = useMemo(() => assumptionValues(BUNDLED_ASSUMPTIONS, assumptionOverrides), [assumptionOverrides]);
  const editing = useScenarioEditing(COVERAGE_VIEWS[0]?.primary ?? 'ev-charging-pile');
  const { scenario, resetScenario } = editing;
  const [restored, setRestored] = useState(false);
  const [sample, setSample] = useState<ScenarioState | null>(null);
  const [scenarioError, setScenarioError] = useState<DataError | null>(null);
  const [viewId, setViewId] = useState<string | null>(COVERAGE_VIEWS[0]?.id ?? null);
  const [mode, setMode] = useState<CoverageMode>('gaps');
  const [display, setDisplay] = useState<FacilityDisplay>({ sites: true, otherSites: false, circles: true });
  const coverage = useCoverage(loaded?.data ?? null, scenario.sites, assumptions, viewId, mode);
  const view = COVERAGE_VIEWS.find((v) => v.id === viewId) ?? null;
  const facilityLayers = useFacilityLayers({ lang, data: loaded?.data ?? null, sites: scenario.sites, view, assumptions, coverage, display });
  const selectDistrict = (adcode: string | null) => {
    setSelectedAdcode(adcode);
    if (adcode !== null && isPlanDistrictAdcode(adcode)) setScorecardScope({ district: adcode, zone: null });
  };
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);

  useEffect(() => {
    let cancelled = false;
    const base = `${import.meta.env.BASE_URL}data/`;
    void loadGeodata(base).then((result) => {
      if (!cancelled) setLoaded(result);
    });
    // The scenario saved in this browser if there is one, else the illustrative sample (labelled as
    // made up) so a first start shows coverage and gaps.
    void Promise.all([loadSavedScenario(), loadScenario(`${base}${SAMPLE_SCENARIO_FILE}`, SAMPLE_SCENARIO_FILE)]).then(([saved, result]) => {
      if (cancelled) return;
      const sampleState = 'error' in result ? null : { meta: result.meta, sites: result.sites };
      if ('error' in result) setScenarioError(result.error);
      setSample(sampleState);
      if (saved && !('error' in saved)) resetScenario({ meta: saved.meta, sites: saved.sites });
      else {
        if (saved) setScenarioError({ file: 'IndexedDB', message: saved.error });
        if (sampleState) resetScenario(sampleState);
      }
      setRestored(true);
    });
    return () => {
      cancelled = true;
    };
  }, [resetScenario]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${translate(lang, 'appTitle')}`;
  }, [lang]);

  // Autosave every settled change (not the frames of a drag: those are previews of one edit).
  const saveTimer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!restored) return;
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      saveScenario(scenario.meta, scenario.sites).then(
        () => document.documentElement.setAttribute('data-autosaved', String(scenario.sites.length)),
        (e: Error) => setScenarioError({ file: 'IndexedDB', message: `autosave failed: ${e.message}` }),
      );
    }, AUTOSAVE_DELAY_MS);
  }, [restored, scenario]);

  const facts = useMemo(() => {
    const district = loaded?.data.districts?.features.find((f) => f.properties.adcode === selectedAdcode);
    return district ? districtFacts(district, loaded?.data.population, loaded?.data.zones?.features) : null;
  }, [loaded, selectedAdcode]);

  const toggle = (group: LayerGroup) => setVisibility((v) => ({ ...v, [group]: !v[group] }));

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>{t('appTitle')}</h1>
          <span className="app-subtitle">{t('appSubtitle')}</span>
        </div>
        <button
          type="button"
          className="lang-switch"
          data-testid="lang-switch"
          title={t('langSwitchTitle')}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {t('langSwitch')}
        </button>
      </header>
      <main className="app-main">
        <aside className="side-panel" aria-label={t('layers')}>
          <SitesPanel
            lang={lang}
            scenario={scenario}
            sample={sample}
            onScenarioChange={editing.setScenario}
            error={scenarioError}
          />
          <CoveragePanel
            lang={lang}
            views={COVERAGE_VIEWS}
            viewId={viewId}
            onViewChange={setViewId}
            mode={mode}
            onModeChange={setMode}
            display={display}
            onDisplayChange={setDisplay}
            assumptions={assumptions}
            coverage={coverage}
            plans={BUNDLED_PLANS}
            selectedAdcode={selectedAdcode}
          />
          <LayerPanel lang={lang} visibility={visibility} onToggle={toggle} />
          <Legend lang={lang} />
        </aside>
        <div className="map-area">
          {loaded === null ? <div className="map-loading">{t('loading')}</div> : null}
          {loaded && loaded.errors.length > 0 ? <DataErrors lang={lang} errors={loaded.errors} /> : null}
          {loaded ? (
            <MapView
              data={loaded.data}
              lang={lang}
              visibility={visibility}
              selectedAdcode={selectedAdcode}
              onSelectDistrict={selectDistrict}
              deckLayers={facilityLayers.layers}
              describePoint={facilityLayers.describePoint}
              tool={editing.tool}
              onSiteEdit={editing.onSiteEdit}
            />
          ) : null}
          {loaded ? <EditToolbar lang={lang} editing={editing} /> : null}
          <SiteEditor lang={lang} editing={editing} />
          {facts ? <DistrictPanel lang={lang} facts={facts} onClose={() => setSelectedAdcode(null)} /> : null}
        </div>
        <aside className="scorecard-panel">
          <ScorecardPanel
            lang={lang}
            plans={BUNDLED_PLANS}
            scope={scorecardScope}
            onScopeChange={setScorecardScope}
            checker={coverage}
            siteCount={scenario.sites.length}
            zones={loaded?.data.zones}
            assumptions={BUNDLED_ASSUMPTIONS}
            assumptionValues={assumptions}
            onAssumptionChange={(key, value) => setAssumptionOverrides((o) => ({ ...o, [key]: value }))}
          />
        </aside>
      </main>
    </div>
  );
}
