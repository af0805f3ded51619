/**
 * The read-only embed (embed.html): map, legend and scorecard summary of one scenario, steerable
 * by the host page through postMessage (src/share/hostApi.ts). No editing, import or optimiser
 * code is reachable from here (a browser test inspects the built chunks to prove it).
 *
 * Start-up: the map comes made, by the embed's first script (main.ts), drawing from the files'
 * URLs; this component takes it into its layout, validates the files (a file that fails is
 * reported and dropped from the map) and adds what the map lacks. The map state and scenario come
 * from the link's fragment (`#s=…`), else the bundled illustrative sample at the default view; a
 * link that cannot be read is reported and the default map shown. The map paints first: the
 * scenario, the deck.gl layers (their shaders) and the coverage worker (a second of CPU for its
 * grid) wait for the base map's full draw, so they do not compete with it. `ready` goes to the
 * host once an answer for the scenario's sites is in, never one for the empty list the worker
 * starts with.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import { assumptionValues } from '../domain/assumptions';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS, zoneDistrict } from '../domain/bundledPlans';
import { linkSelection, selectScope, type Selection } from '../ui/state/selection';
import { coverageViews } from '../domain/coverageViews';
import { allTargets } from '../domain/plan';
import type { ScenarioMeta } from '../domain/scenarioFile';
import type { Site } from '../domain/site';
import type { LoadResult } from '../io/geodataFiles';
import { loadBaseScenario, publishedParam } from '../io/publishedData';
import { DEFAULT_VISIBILITY, type LayerVisibility } from '../map/baseStyle';
import { css, GAP_RGBA } from '../map/coverageColours';
import { parseEmbedOptions } from '../share/embedOptions';
import type { EmbedStateSummary, HostCommand } from '../share/hostApi';
import { scorecardSummary } from '../share/scorecardSummary';
import { resolveSharedScenario, SHARE_PARAM, type ShareError } from '../share/urlState';
import { useCoverage, type CoverageState } from '../ui/coverage/useCoverage';
import { useFacilityLayers } from '../ui/coverage/useFacilityLayers';
import { DataErrors } from '../ui/DataErrors';
import { DEFAULT_LANG, HTML_LANG, LangProvider, useT, type Lang } from '../ui/i18n';
import { shareStrings } from '../ui/share/strings';
import { embedStrings } from './strings';
import { Legend } from '../ui/Legend';
import { MapView } from '../ui/mapView/MapView';
import { readStartupLink } from '../ui/share/startupLink';
import { shareErrorText } from '../ui/share/shareErrorText';
import { sitesAsOf } from '../domain/siteYear';
import { EmbedSummary } from './EmbedSummary';
import { lockView } from './lockView';
// The geometry files without the census CSV (and its parser): the embed has no district fact panel.
import { loadGeometryFiles } from '../io/geodataFiles';
import { useHostApi } from './useHostApi';
import { useDeployerTiles } from './useDeployerTiles';
import { useDeployerDefaults } from '../ui/share/useDeployerDefaults';

const COVERAGE_VIEWS = coverageViews(allTargets(BUNDLED_PLANS));
const ASSUMPTIONS = assumptionValues(BUNDLED_ASSUMPTIONS, {});
const DISPLAY = { sites: true, otherSites: false, circles: true };
const NO_SITES: readonly Site[] = [];
const NO_LAYERS: [] = [];

interface Scenario {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

function startUp() {
  const link = readStartupLink();
  const options = parseEmbedOptions(window.location.search, window.location.origin);
  const linkView = COVERAGE_VIEWS.find((v) => v.id === link.state?.coverage?.viewId) ?? null;
  return {
    link,
    options,
    view: linkView ?? COVERAGE_VIEWS[0] ?? null,
    mode: linkView ? link.state!.coverage!.mode : ('gaps' as const),
  };
}

export function EmbedApp({ map }: { map: MapLibreMap | Error }) {
  const [start] = useState(startUp);
  const given = start.options.lang ?? start.link.state?.lang ?? null;
  const [lang, setLang] = useState<Lang>(given ?? DEFAULT_LANG);
  useDeployerDefaults({ langGiven: given !== null, onLang: setLang });
  return (
    <LangProvider value={lang}>
      <EmbedShell map={map} start={start} onSetLanguage={setLang} />
    </LangProvider>
  );
}

function EmbedShell({ map, start, onSetLanguage }: { map: MapLibreMap | Error; start: ReturnType<typeof startUp>; onSetLanguage: (next: Lang) => void }) {
  const liveMap = map instanceof Error ? null : map;
  const shared = start.link.state;
  const [visibility, setVisibility] = useState<LayerVisibility>(shared?.layers ?? DEFAULT_VISIBILITY);
  // The app's one selection (src/ui/state/selection.ts); the embed has no district panel to show it in.
  const [selection, setSelection] = useState<Selection>(() => linkSelection(shared));
  const { district, zone } = selection;
  const [loaded, setLoaded] = useState<LoadResult | null>(null);
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [problem, setProblem] = useState<ShareError | null>(start.link.error);
  const [scenarioError, setScenarioError] = useState<string | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const { t, pick, lang } = useT(embedStrings, shareStrings);
  const deployer = useDeployerTiles();

  // MapView has moved the map out of the start-up skeleton by now (child effects run first).
  useLayoutEffect(() => document.getElementById('embed-boot')?.remove(), []);

  useEffect(() => {
    let cancelled = false;
    const base = `${import.meta.env.BASE_URL}data/`;
    void loadGeometryFiles(base).then((result) => {
      performance.mark('embed:data');
      if (!cancelled) setLoaded(result);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // The scenario is loaded once the map is drawn: the map paints first, sites and numbers follow.
  useEffect(() => {
    if (!mapReady) return;
    let cancelled = false;
    // A link carrying its whole scenario needs no sample; a difference and no link do.
    const whole = shared?.scenario.kind === 'full' ? resolveSharedScenario(shared.scenario, null) : null;
    if (whole?.ok) setScenario(whole.scenario);
    else {
      // The deployer's published dataset, else the illustrative sample.
      void loadBaseScenario(import.meta.env.BASE_URL, publishedParam(window.location.search)).then((result) => {
        if (cancelled) return;
        const sample = result.scenario;
        if (result.problems.length > 0) setScenarioError(result.problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
        if (shared) {
          const resolved = resolveSharedScenario(shared.scenario, sample);
          if (resolved.ok) {
            setScenario(resolved.scenario);
            return;
          }
          setProblem(resolved.error);
        }
        setScenario(sample ?? { meta: null, sites: [] });
      });
    }
    return () => {
      cancelled = true;
    };
    // Once: the link is the one the page opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapReady]);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = `${t('appTitle')} · ${t('shr_embedTag')}`;
  }, [lang, t]);

  // The worker starts when the map is drawn and builds its grid while the scenario loads.
  // As of a year: the URL's `year=`, else the link's; the map and the numbers use the sites built by its end.
  const asOf = start.options.asOf ?? shared?.asOf ?? null;
  const builtSites = useMemo(() => sitesAsOf(scenario?.sites ?? NO_SITES, asOf), [scenario, asOf]);
  const coverage = useCoverage({ data: mapReady ? (loaded?.data ?? null) : null, sites: scenario?.sites ?? NO_SITES, assumptions: ASSUMPTIONS, viewId: start.view?.id ?? null, mode: start.mode, asOf, page: 'embed' });
  const facilityLayers = useFacilityLayers({
    data: loaded?.data ?? null,
    sites: builtSites,
    view: start.view,
    assumptions: ASSUMPTIONS,
    coverage,
    display: DISPLAY,
  });

  // Lock the view if asked. The base map's full draw (validated files, labels) is reported by
  // MapView (`onBaseDrawn`); a map that could not be created (no WebGL) counts as settled, so the
  // scenario and the numbers still come.
  useEffect(() => {
    if (!liveMap) setMapReady(true);
    else if (start.options.locked) lockView(liveMap);
  }, [liveMap, start.options.locked]);
  const onBaseDrawn = useCallback(() => setMapReady(true), []);

  const illustrative = scenario ? scenario.meta?.illustrative === true || scenario.sites.some((s) => s.illustrative === true) : false;
  // Numbers are "in" for the scenario once an answer has come back that includes its sites: any
  // coverage state newer than the one of the render that set the scenario (its sites go to the
  // worker right after that render, marking the state pending until their answer).
  const coverageWhenSet = useRef<{ scenario: Scenario | null; coverage: CoverageState } | null>(null);
  if (coverageWhenSet.current?.scenario !== scenario) coverageWhenSet.current = { scenario, coverage };
  const numbersIn = scenario !== null && coverage !== coverageWhenSet.current.coverage && coverage.results !== null && !coverage.pending;
  const summary = useMemo(
    () =>
      numbersIn && coverage.results
        ? scorecardSummary({ plans: BUNDLED_PLANS, results: coverage.results, coverage: coverage.view, mode: start.mode, district, zone, illustrative })
        : null,
    [numbersIn, coverage.results, coverage.view, start.mode, district, zone, illustrative],
  );
  const hostState: EmbedStateSummary = useMemo(
    () => ({ lang, district, zone, layers: { ...visibility }, locked: start.options.locked, sites: scenario?.sites.length ?? 0 }),
    [lang, district, zone, visibility, start.options.locked, scenario],
  );

  const selectDistrict = useCallback((adcode: string | null) => {
    setSelection((s) => selectScope(s, adcode, null));
  }, []);

  const onCommand = (command: HostCommand): string | null => {
    switch (command.type) {
      case 'setView': {
        const map = liveMap;
        if (!map) return 'the map is not drawn yet; wait for the ready event';
        if (command.view) map.jumpTo({ center: [command.view.lon, command.view.lat], zoom: command.view.zoom });
        else if (command.bounds) map.fitBounds(command.bounds, { duration: 0, padding: 20 });
        return null;
      }
      case 'selectDistrict': {
        const feature = command.adcode ? loaded?.data.districts?.features.find((f) => f.properties.adcode === command.adcode) : null;
        if (command.adcode && loaded && !feature) return `no district ${command.adcode} on the map`;
        selectDistrict(command.adcode);
        const map = liveMap;
        if (command.fit && feature && map) map.fitBounds(bbox(feature) as [number, number, number, number], { duration: 0, padding: 20 });
        return null;
      }
      case 'selectZone':
        setSelection((s) => selectScope(s, command.zone ? zoneDistrict(command.zone) : s.district, command.zone));
        return null;
      case 'setLayers':
        setVisibility((v) => ({ ...v, ...command.layers }));
        return null;
      case 'setLanguage':
        onSetLanguage(command.lang);
        return null;
      case 'getScorecard':
        return summary ? null : 'the numbers are not in yet; wait for the ready event';
    }
  };

  const { ignored } = useHostApi({
    allowed: start.options.origins.origins,
    ready: mapReady && numbersIn,
    state: hostState,
    summary,
    onCommand,
  });

  const districtName = useMemo(() => {
    const f = loaded?.data.districts?.features.find((d) => d.properties.adcode === district);
    return f ? pick(f.properties.name, f.properties.name_en) : null;
  }, [loaded, district, pick]);
  const fullMapHref = `./index.html${start.link.text ? `#${SHARE_PARAM}=${start.link.text}` : ''}`;

  return (
    <div
      className={`embed ${start.options.locked ? 'embed-locked' : ''}`}
      data-testid="embed"
      data-ready={mapReady && numbersIn ? 'true' : 'false'}
      data-host-ignored={ignored}
      data-district={district ?? ''}
      data-zone={zone ?? ''}
      data-lang={lang}
    >
      <div className="embed-map">
        {loaded && loaded.errors.length > 0 ? <DataErrors errors={loaded.errors} /> : null}
        <MapView
          premade={map}
          onBaseDrawn={onBaseDrawn}
          data={loaded?.data ?? null}
          visibility={visibility}
          selectedAdcode={district}
          onSelectDistrict={selectDistrict}
          deckLayers={mapReady ? facilityLayers.layers : NO_LAYERS}
          describePoint={facilityLayers.describePoint}
          pickSite={facilityLayers.pickSite}
          userTiles={{ tiles: deployer.tiles, onError: deployer.onTilesError }}
          tileArchive={deployer.archive}
        />
        {problem ? (
          <div className="shr-notice shr-notice-error" role="alert" data-testid="embed-link-error">
            <span>
              {t('shr_linkError')} {shareErrorText(lang, problem).summary} <span className="shr-detail">({problem.detail})</span>
            </span>
            <button type="button" onClick={() => setProblem(null)}>
              {t('shr_dismiss')}
            </button>
          </div>
        ) : null}
      </div>
      <aside className="embed-side">
        <header className="embed-head">
          <span className="embed-app-title">{t('appTitle')}</span>
          <span className="embed-tag">{t('shr_embedTag')}</span>
        </header>
        {start.options.origins.rejected.length > 0 ? (
          <p className="error" data-testid="embed-origins-rejected">
            origins: {start.options.origins.rejected.join(', ')} — {t('shr_originsRejected')}
          </p>
        ) : null}
        {deployer.problem ? (
          <p className="error" role="alert" data-testid="embed-tiles-error">
            {deployer.problem}
          </p>
        ) : null}
        {scenarioError ? (
          <p className="error" role="alert" data-testid="embed-scenario-error" style={{ whiteSpace: 'pre-line' }}>
            {scenarioError}
          </p>
        ) : null}
        <EmbedSummary
          plans={BUNDLED_PLANS}
          meta={scenario?.meta ?? null}
          siteCount={scenario?.sites.length ?? 0}
          illustrative={illustrative}
          view={start.view}
          assumptions={ASSUMPTIONS}
          coverage={coverage}
          zones={loaded?.data.zones}
          district={district}
          districtName={districtName}
          zone={zone}
          asOf={asOf}
          onPickDistrict={selectDistrict}
        />
        <div className="coverage-legend embed-gap-legend">
          <span>
            <span className="swatch swatch-fill" style={{ background: css(GAP_RGBA), borderColor: css(GAP_RGBA) }} /> {t('gapLegend')}
          </span>
        </div>
        <Legend />
        <a className="embed-full" href={fullMapHref} target="_blank" rel="noopener" data-testid="embed-open-full">
          {t('shr_openFullMap')}
        </a>
      </aside>
    </div>
  );
}
