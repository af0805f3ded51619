import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { joinedLoads, type LoadResult } from '../io/loadGeodata';
import { geodataRead, mapGeodataRead } from './startupReads';
import { DEFAULT_VISIBILITY, type LayerGroup, type LayerVisibility } from '../map/baseStyle';
import { districtFacts } from '../domain/districtFacts';
import { DEFAULT_LANG, HTML_LANG, LANGS, LangProvider, OTHER_LANG, useLang, useT, type Lang } from './i18n';
import { DistrictPanel } from './DistrictPanel';
import { DataErrors } from './DataErrors';
import { ScorecardPanel } from './scorecard/ScorecardPanel';
import { useAppStore } from './state/appStore';
import { scorecardDistrict } from './state/selection';
import { CoverageFeed } from './coverage/CoverageFeed';
import type { FacilityDisplay } from './coverage/CoveragePanel';
import { COVERAGE_VIEWS } from './coverage/appViews';
import { useEditingKeys, type ScenarioState } from './editing/useScenarioEditing';
import { useScenarioLibrary } from './scenarios/useScenarioLibrary';
import { PlaceSearch } from './search/PlaceSearch';
import { displayName } from '../domain/scenarioLibrary';
import { EditToolbar } from './editing/EditToolbar';
import { SiteEditor } from './editing/SiteEditor';
import type { CoverageMode } from '../worker/coverageProtocol';
import type { Ground } from '../domain/serviceRule';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS } from '../domain/bundledPlans';
import { assumptionValues } from '../domain/assumptions';
import { STARTUP_COVERAGE, STARTUP_LINK } from './state/startup';
import { useSharedLinkScenario } from './share/useSharedLinkScenario';
import { SharedLinkNotice } from './share/SharedLinkNotice';
import { ShareDialog } from './share/ShareDialog';
import { NetworkFeed } from './network/NetworkFeed';
import { countRender, profiled } from './profiled';
import { useTownshipFile } from './townships/useTownshipFile';
import { usePopulationLayer } from './population/usePopulationLayer';
import { zonesInUse } from '../domain/userZones';
import { useUserZones } from './zones/useUserZones';
import { ZonesOnMap } from './zones/ZonesOnMap';
import { useDeployerDefaults } from './share/useDeployerDefaults';
import { SIDE_PANEL_WAIT_CAP_MS, useAfterFirstNumbers } from './firstNumbers';

// The map (MapLibre, deck.gl's glue) and the zone drawer (terra-draw) load when they are first shown:
// the map after the first numbers (firstNumbers.ts), the drawer when a zone is drawn. Out of the first
// script, the page's start parses and runs a megabyte less before the scorecard's numbers.
const MapPane = lazy(() => import('./MapPane').then((m) => ({ default: m.MapPane })));
const ZoneDrawer = lazy(() => import('./zones/ZoneDrawer').then((m) => ({ default: m.ZoneDrawer })));
// The side panel's sections and their code come after the first numbers (src/ui/SidePanelSections.tsx).
const SidePanelSections = lazy(() => import('./SidePanelSections').then((m) => ({ default: m.SidePanelSections })));


/** The language the address asks for (`lang=`, else a share link's), or null. */
function requestedLang(): Lang | null {
  const requested = new URLSearchParams(window.location.search).get('lang');
  return LANGS.includes(requested as Lang) ? (requested as Lang) : (STARTUP_LINK.state?.lang ?? null);
}

export function App() {
  const [given] = useState(requestedLang);
  const [lang, setLang] = useState<Lang>(given ?? DEFAULT_LANG);
  useDeployerDefaults({ langGiven: given !== null, onLang: setLang });
  return (
    <LangProvider value={lang}>
      {profiled('app', <AppShell onSwitchLang={() => setLang(OTHER_LANG[lang])} />)}
    </LangProvider>
  );
}

function AppShell({ onSwitchLang }: { onSwitchLang: () => void }) {
  const lang = useLang();
  const { t } = useT();
  const [visibility, setVisibility] = useState<LayerVisibility>(STARTUP_LINK.state?.layers ?? DEFAULT_VISIBILITY);
  // The files the figures are counted on, read at start; the map-only files, read once the first
  // numbers are shown (src/ui/startupReads.ts); both together once both are in.
  const [counted, setCounted] = useState<LoadResult | null>(null);
  const [mapFiles, setMapFiles] = useState<LoadResult | null>(null);
  const loaded = useMemo(() => (counted && mapFiles ? joinedLoads(counted, mapFiles) : counted), [counted, mapFiles]);
  // The map is mounted once the first numbers are shown (src/ui/firstNumbers.ts).
  const mapMounted = useAfterFirstNumbers(counted !== null);
  // The side panel's sections come with the first numbers too, or once they are known to be computed.
  const sideOpen = useAfterFirstNumbers(true, SIDE_PANEL_WAIT_CAP_MS, true);
  // Marks for the browser test: when the sections began to wait (the cap counts from here), when they came.
  useEffect(() => void performance.mark(sideOpen ? 'side-panel:shown' : 'side-panel:waiting'), [sideOpen]);
  const mapLoading = <div className="map-loading">{t('loading')}</div>;
  const selection = useAppStore((s) => s.selection);
  const drawingZone = useAppStore((s) => s.drawingZone);
  const selectedAdcode = selection.shown ? selection.district : null;
  const scorecardScope = useMemo(() => ({ district: scorecardDistrict(selection), zone: selection.zone }), [selection]);
  const { selectScope, closeDistrict } = useAppStore.getState();
  const [assumptionOverrides, setAssumptionOverrides] = useState<Record<string, number>>({});
  const assumptions = useMemo(() => assumptionValues(BUNDLED_ASSUMPTIONS, assumptionOverrides), [assumptionOverrides]);
  countRender('shell');
  useEditingKeys();
  usePopulationLayer(counted !== null);
  // The scenario as it stands between edits: during a drag, the one from before it. Panels that do
  // not show the dragged site's numbers (counts, import, export) take this, so their memos hold.
  // The shell itself subscribes to nothing else of the scenario: a drag step re-renders the map and
  // the panels that show its numbers (they subscribe to the store), not the shell.
  const settled = useAppStore((s) => s.history.pending ?? s.history.present);
  const scenarios = useScenarioLibrary();
  // A whole-scenario change (import, optimizer, sample, clear) while another tab edits this scenario
  // goes into a new scenario of this tab: refused silently it would be lost.
  const changeScenario = (next: ScenarioState) => (useAppStore.getState().locked ? scenarios.create(t('scn_newName'), next) : useAppStore.getState().setScenario(next));
  // A share link's scenario opens as a new scenario once the saved ones are loaded (never over them).
  const sharedLink = useSharedLinkScenario({ link: STARTUP_LINK, ready: scenarios.library !== null && scenarios.sampleSettled, sample: scenarios.sample, open: scenarios.create });
  const [shareOpen, setShareOpen] = useState(false);
  const compareSites = scenarios.compareEntry?.sites ?? null;
  const compareName = scenarios.compareEntry ? displayName(scenarios.compareEntry, lang) : null;
  const [viewId, setViewId] = useState<string | null>(STARTUP_COVERAGE?.viewId ?? COVERAGE_VIEWS[0]?.id ?? null);
  const [mode, setMode] = useState<CoverageMode>(STARTUP_COVERAGE?.mode ?? 'gaps');
  const [display, setDisplay] = useState<FacilityDisplay>({ sites: true, otherSites: false, circles: true });
  const [ground, setGround] = useState<Ground>('land');
  const view = COVERAGE_VIEWS.find((v) => v.id === viewId) ?? null;

  useEffect(() => {
    let cancelled = false;
    // Started before React mounted (src/ui/startupReads.ts), which also started the coverage worker's grid.
    void geodataRead().then((result) => {
      if (!cancelled) setCounted(result);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // The map-only files once the side panel or the map is shown (the optimiser's run waits for the
  // water files: groundLoaded; the search and the import's offset check take them when they come).
  useEffect(() => {
    if (!sideOpen && !mapMounted) return;
    let cancelled = false;
    void mapGeodataRead().then((result) => {
      if (!cancelled) setMapFiles(result);
    });
    return () => {
      cancelled = true;
    };
  }, [sideOpen, mapMounted]);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = `${t('appTitle')}`;
  }, [lang, t]);

  // The townships in use (shipped, joined or replaced by the user's kept file): the coverage worker
  // starts once they are known, so its grid is built once with them.
  const townshipFile = useTownshipFile(counted?.data ?? null);
  const townships = useAppStore((s) => s.townships);

  // The key zones in use: the shipped ones with the user's boundaries put in (src/domain/userZones.ts).
  // Every figure reads `data`; the map was built once on the shipped data and gets the zones in use
  // through ZonesOnMap. The coverage worker waits for the kept boundaries, so its grid is built once.
  const zoneControl = useUserZones(counted?.data ?? null);
  const userZones = useAppStore((s) => s.userZones);
  // What the coverage and network workers are made from: the counted files only, so the map-only
  // files' coming does not start them again (each is keyed on this object).
  const countedData = useMemo(
    () => (counted && userZones && counted.data.zones ? { ...counted.data, zones: zonesInUse(counted.data.zones, userZones) } : (counted?.data ?? null)),
    [counted, userZones],
  );
  // Every other reader: the same, with the map-only files once they are in.
  const data = useMemo(() => (countedData && mapFiles ? { ...mapFiles.data, ...countedData } : countedData), [countedData, mapFiles]);

  const facts = useMemo(() => {
    const district = data?.districts?.features.find((f) => f.properties.adcode === selectedAdcode);
    return district ? districtFacts(district, data?.population, data?.zones?.features) : null;
  }, [data, selectedAdcode]);

  const toggle = (group: LayerGroup) => setVisibility((v) => ({ ...v, [group]: !v[group] }));

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>{t('appTitle')}</h1>
          <span className="app-subtitle">{t('appSubtitle')}</span>
        </div>
        <PlaceSearch data={data} />
        <button type="button" className="shr-button" data-testid="share-open" title={t('shr_buttonTitle')} onClick={() => setShareOpen(true)}>
          {t('shr_button')}
        </button>
        <button
          type="button"
          className="lang-switch"
          data-testid="lang-switch"
          title={t('langSwitchTitle')}
          onClick={onSwitchLang}
        >
          {t('langSwitch')}
        </button>
      </header>
      {/* The coverage feed starts once the scenario is in place: its sites and settings then go to the
          worker in one batch (the worker's early start meanwhile reads or builds the grid), so its first
          computation — or a kept answer's look-up — is for the opened scenario. */}
      <CoverageFeed data={townships && userZones && scenarios.library ? countedData : null} townships={townships} assumptions={assumptions} viewId={viewId} mode={mode} compareSites={compareSites} ground={ground} />
      <NetworkFeed data={townships && userZones ? countedData : null} view={view} assumptions={assumptions} ground={ground} townships={townships} compareSites={compareSites} />
      <main className="app-main">
        <aside className="side-panel" aria-label={t('layers')} aria-busy={!sideOpen}>
          {sideOpen ? (
            <Suspense fallback={null}>
              <SidePanelSections
                lang={lang}
                scenarios={scenarios}
                settled={settled}
                changeScenario={changeScenario}
                data={data}
                loaded={loaded?.data}
                viewId={viewId}
                onViewChange={setViewId}
                view={view}
                mode={mode}
                onModeChange={setMode}
                ground={ground}
                onGroundChange={setGround}
                display={display}
                onDisplayChange={setDisplay}
                assumptions={assumptions}
                selectedAdcode={selectedAdcode}
                scorecardDistrict={scorecardScope.district}
                compareName={compareName}
                townshipFile={townshipFile}
                zoneControl={zoneControl}
                visibility={visibility}
                onToggle={toggle}
              />
            </Suspense>
          ) : null}
        </aside>
        <div className="map-area">
          {mapFiles === null || !mapMounted ? mapLoading : null}
          {loaded && loaded.errors.length > 0 ? <DataErrors errors={loaded.errors} /> : null}
          <SharedLinkNotice notice={sharedLink.notice} onDismiss={sharedLink.dismiss} />
          {loaded && mapFiles && mapMounted ? (
            <Suspense fallback={mapLoading}>
              {profiled('map', <MapPane
                data={loaded.data}
                visibility={visibility}
                view={view}
                assumptions={assumptions}
                display={display}
              />)}
            </Suspense>
          ) : null}
          {loaded ? profiled('toolbar', <EditToolbar />) : null}
          <ZonesOnMap zones={userZones ? data?.zones : undefined} />
          {drawingZone ? (
            <Suspense fallback={null}>
              <ZoneDrawer zones={data?.zones} onSave={zoneControl.saveDrawn} />
            </Suspense>
          ) : null}
          {profiled('siteEditor', <SiteEditor />)}
          {facts ? profiled('district', <DistrictPanel facts={facts} onClose={closeDistrict} />) : null}
        </div>
        <aside className="scorecard-panel">
          {profiled('scorecard', <ScorecardPanel
            plans={BUNDLED_PLANS}
            scope={scorecardScope}
            onScopeChange={(scope) => selectScope(scope.district, scope.zone)}
            siteCount={settled.sites.length}
            zones={data?.zones}
            assumptions={BUNDLED_ASSUMPTIONS}
            assumptionValues={assumptions}
            onAssumptionChange={(key, value) => setAssumptionOverrides((o) => ({ ...o, [key]: value }))}
            compareName={compareName}
          />)}
        </aside>
      </main>
      {shareOpen ? (
        <ShareDialog
          visibility={visibility}
          district={selection.district}
          zone={selection.zone}
          township={selection.township}
          coverageViewId={viewId}
          coverageMode={mode}
          scenario={settled}
          sample={scenarios.sample}
          onClose={() => setShareOpen(false)}
        />
      ) : null}
    </div>
  );
}
