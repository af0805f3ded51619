import { populationStrings } from '../population/strings';
import { residentsLine } from '../population/residentsText';
import { usePopulationInUse } from '../population/ResidentsCells';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AssumptionValues } from '../../domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../../domain/bundledPlans';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import type { Plan } from '../../domain/plan';
import { isPlanDistrictAdcode } from '../../domain/planDocuments';
import type { Geodata } from '../../io/loadGeodata';
import { exportMeta } from '../../io/exportScenario';
import { csvFileName, sitesToCsv, type CsvCrs } from '../../io/exportCsv';
import type { CoverageMode } from '../../worker/coverageProtocol';
import { useAppStore } from '../state/appStore';
import { ruleText, viewLabel } from '../coverage/viewLabel';
import type { ScenarioState } from '../editing/useScenarioEditing';
import { useT } from '../i18n';
import { exportStrings } from './strings';
import { downloadBlob, downloadText, fileDay, localStamp } from './download';
import { canvasToPng, composeExportImage } from './exportImage';
import { exportLegendSpec } from './exportLegend';
import { runGapExport } from './gapExportClient';
import { captureBounds, captureCurrentView, metresPerPixel } from './mapCapture';
import { reportModel } from './reportModel';
import { ReportView, type SnapshotState } from './ReportView';
import './exportPanel.css';
import { ReportTownships } from '../townships/ReportTownships';
import { ReportNetwork } from '../network/ReportNetwork';

interface Props {
  data: Geodata | null;
  scenario: ScenarioState;
  /** The name the app shows for the scenario (its library name); else the scenario file's name. */
  scenarioName?: string | undefined;
  view: CoverageView | null;
  assumptions: AssumptionValues;
  mode: CoverageMode;
  /** Whether the map shows the coverage layer's sites (the picture's legend lists them only then). */
  showSites: boolean;
  selectedAdcode: string | null;
  scorecardDistrict: string | null;
  plans: readonly Plan[];
}

const CITY = 'all';

type Busy = null | 'png' | 'gaps';
type Message = { kind: 'ok' | 'error' | 'working'; text: string };

function reportFromUrl(): string | null {
  const asked = new URLSearchParams(window.location.search).get('report');
  return asked !== null && isPlanDistrictAdcode(asked) ? asked : null;
}

/** [[west, south], [east, north]] of a polygon's coordinates. */
function boundsOf(geometry: { type: string; coordinates: unknown }): [[number, number], [number, number]] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1] as number);
      n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(geometry.coordinates);
  return [[w, s], [e, n]];
}

/** Export menu: sites CSV (WGS-84 / GCJ-02), gap polygons, a PNG of the map, the printable report. */
export function ExportPanel(props: Props) {
  const { data, scenario, view, plans } = props;
  const coverage = useAppStore((s) => s.coverage);
  const asOf = useAppStore((s) => s.asOf);
  // The coverage grid's cell (m): the coverage worker's (the one setting), so the figures agree.
  const cellM = useAppStore((s) => s.cellM);
  const { t, num, pick, lang } = useT(exportStrings);
  const popTr = useT(populationStrings);
  const population = usePopulationInUse();
  const populationFile = useAppStore((s) => s.population.active);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [gapChoice, setGapChoice] = useState<string | null>(null);
  const [reportChoice, setReportChoice] = useState<string | null>(null);
  const [report, setReport] = useState<{ adcode: string; generatedAt: string } | null>(() => {
    const adcode = reportFromUrl();
    return adcode ? { adcode, generatedAt: localStamp(new Date()) } : null;
  });
  const [snapshot, setSnapshot] = useState<SnapshotState & { adcode?: string }>({ state: 'pending' });

  const rule = view ? resolveViewRule(view, props.assumptions) : null;
  const meta = useMemo(() => exportMeta(scenario.meta, scenario.sites), [scenario.meta, scenario.sites]);
  const scenarioName = props.scenarioName ?? pick(meta.name_zh, meta.name_en);
  // Any made-up site keeps the warning, also after the sample was edited (as the scenario panel does).
  const illustrative = useMemo(() => scenario.meta?.illustrative === true || scenario.sites.some((s) => s.illustrative === true), [scenario.meta, scenario.sites]);
  const districts = useMemo(() => data?.districts?.features ?? [], [data]);
  const nameOf = (adcode: string) => {
    const f = districts.find((d) => d.properties.adcode === adcode);
    return f ? pick(f.properties.name, f.properties.name_en) : adcode;
  };
  const defaultDistrict = props.selectedAdcode ?? props.scorecardDistrict ?? plans[0]?.district ?? CITY;
  const gapScope = gapChoice ?? defaultDistrict;
  const gapOptions = [...new Set([...(props.selectedAdcode ? [props.selectedAdcode] : []), ...plans.map((p) => p.district)])];
  const reportDistrict = reportChoice ?? (props.scorecardDistrict && isPlanDistrictAdcode(props.scorecardDistrict) ? props.scorecardDistrict : (plans[0]?.district ?? ''));

  const fail = (e: unknown) => setMessage({ kind: 'error', text: `${t('exp_failed')}: ${e instanceof Error ? e.message : String(e)}` });

  const exportCsv = (crs: CsvCrs) => {
    downloadText(csvFileName(crs), sitesToCsv(scenario.sites, crs), 'text/csv;charset=utf-8');
    setMessage({ kind: 'ok', text: `${t('exp_saved')}: ${csvFileName(crs)}` });
  };

  const exportGaps = async () => {
    if (!view || !rule || !data?.districts) {
      setMessage({ kind: 'error', text: t('exp_noView') });
      return;
    }
    const features = gapScope === CITY ? districts : districts.filter((f) => f.properties.adcode === gapScope);
    const types = new Set<string>(view.facilities);
    setBusy('gaps');
    setMessage({ kind: 'working', text: t('exp_gapsWorking') });
    try {
      const answer = await runGapExport({
        areas: features.map((f) => ({ id: f.properties.adcode, name: f.properties.name, name_en: f.properties.name_en, geometry: f.geometry })),
        outerRing: (data.outerRingArea?.features ?? []).map((f) => f.geometry),
        land: (data.land?.features ?? []).map((f) => f.geometry),
        sites: scenario.sites.filter((s) => types.has(s.type)).map(({ id, lon, lat, radiusKm }) => ({ id, lon, lat, ...(radiusKm === undefined ? {} : { radiusKm }) })),
        rule,
        ground: 'land',
        cellM,
        common: {
          layer: view.id,
          facilities: view.facilities.join('+'),
          radius_inside_km: rule.insideKm,
          radius_outside_km: rule.outsideKm,
          radius_assumed: view.assumed,
          rule: ruleText('en', rule),
          scenario: meta.name_zh,
          scenario_en: meta.name_en,
          illustrative,
          generated: new Date().toISOString(),
        },
      });
      if (!answer.ok) throw new Error(answer.message);
      const name = `coverage-gaps-${gapScope}-${fileDay(new Date())}.geojson`;
      downloadText(name, answer.json, 'application/geo+json');
      const total = answer.areas.reduce((sum, a) => sum + a.areaKm2, 0);
      setMessage({ kind: 'ok', text: `${t('exp_saved')}: ${name} · ${num(total, 1)} km²` });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const exportPng = async () => {
    setBusy('png');
    setMessage({ kind: 'working', text: t('exp_pngWorking') });
    try {
      const { canvas, map } = await captureCurrentView();
      const scale = canvas.width / Math.max(1, map.getCanvas().clientWidth);
      const now = new Date();
      const spec = exportLegendSpec({
        lang,
        scenarioName,
        illustrative,
        date: localStamp(now),
        view,
        rule,
        mode: props.mode,
        sites: scenario.sites,
        showSites: props.showSites,
        metresPerPixel: metresPerPixel(map),
        cellM,
      });
      const blob = await canvasToPng(composeExportImage(canvas, scale, spec));
      const name = `map-${fileDay(now)}.png`;
      downloadBlob(name, blob);
      setMessage({ kind: 'ok', text: `${t('exp_saved')}: ${name}` });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const closeReport = useCallback(() => setReport(null), []);
  const checkerReady = coverage.results !== null && !coverage.pending;

  // The district snapshot, once the checker (and so the gap picture) has caught up with the edits.
  useEffect(() => {
    if (!report || !checkerReady || snapshot.adcode === report.adcode) return;
    const feature = districts.find((f) => f.properties.adcode === report.adcode);
    if (!feature) return;
    let cancelled = false;
    captureBounds(boundsOf(feature.geometry), feature.geometry).then(
      (canvas) => {
        if (!cancelled) setSnapshot({ state: 'ready', url: canvas.toDataURL('image/png'), adcode: report.adcode });
      },
      (e: Error) => {
        if (!cancelled) setSnapshot({ state: 'failed', message: e.message, adcode: report.adcode });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [report, checkerReady, snapshot.adcode, districts]);

  const reportPlan = report ? plans.find((p) => p.district === report.adcode) : undefined;
  const model = useMemo(() => {
    if (!reportPlan) return null;
    const zones = Object.fromEntries((data?.zones?.features ?? []).map((f) => [f.properties.id, f.properties]));
    return reportModel(reportPlan, coverage.results, lang, zones, BUNDLED_ASSUMPTIONS, props.assumptions, population ? { source: population.source, active: populationFile } : null, asOf);
  }, [reportPlan, coverage.results, lang, data, props.assumptions, population, populationFile, asOf]);
  const layerStats = report && view && coverage.view?.viewId === view.id ? coverage.view.breakdown.districts[report.adcode] : undefined;

  return (
    <section className="panel export-panel" data-testid="export-panel">
      <h2>{t('exp_title')}</h2>
      <div className="export-row">
        <span className="export-label">{t('exp_csv')}</span>
        <button type="button" data-testid="export-csv-wgs84" disabled={scenario.sites.length === 0} onClick={() => exportCsv('wgs84')}>
          WGS-84
        </button>
        <button type="button" data-testid="export-csv-gcj02" disabled={scenario.sites.length === 0} onClick={() => exportCsv('gcj02')} title={t('exp_gcjTitle')}>
          GCJ-02
        </button>
      </div>
      <div className="export-row">
        <span className="export-label">{t('exp_gaps')}</span>
        <select data-testid="export-gaps-scope" value={gapScope} onChange={(e) => setGapChoice(e.target.value)}>
          {gapOptions.map((a) => (
            <option key={a} value={a}>
              {nameOf(a)}
            </option>
          ))}
          <option value={CITY}>{t('exp_scopeCity')}</option>
        </select>
        <button type="button" data-testid="export-gaps" disabled={busy !== null || !view || !rule || !data?.districts} onClick={() => void exportGaps()}>
          GeoJSON
        </button>
      </div>
      <div className="export-row">
        <span className="export-label">{t('exp_png')}</span>
        <button type="button" data-testid="export-png" disabled={busy !== null || !data} onClick={() => void exportPng()}>
          PNG
        </button>
      </div>
      <div className="export-row">
        <span className="export-label">{t('exp_report')}</span>
        <select data-testid="report-district" value={reportDistrict} onChange={(e) => setReportChoice(e.target.value)}>
          {plans.map((p) => (
            <option key={p.district} value={p.district}>
              {pick(p.name_zh, p.name_en)}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="open-report"
          disabled={!reportDistrict}
          onClick={() => {
            setSnapshot({ state: 'pending' });
            setReport({ adcode: reportDistrict, generatedAt: localStamp(new Date()) });
          }}
        >
          {t('exp_openReport')}
        </button>
      </div>
      {message ? (
        <p className={`export-status ${message.kind === 'error' ? 'error' : 'muted'}`} role="status" data-testid="export-status" data-kind={message.kind}>
          {message.text}
        </p>
      ) : null}
      {report && model ? (
        <ReportView
          adcode={report.adcode}
          model={model}
          scenarioName={scenarioName}
          illustrative={illustrative}
          meta={scenario.meta}
          siteCount={scenario.sites.length}
          generatedAt={report.generatedAt}
          pending={!checkerReady}
          snapshot={snapshot.adcode === report.adcode ? snapshot : { state: 'pending' }}
          layer={
            view && layerStats
              ? {
                  label: viewLabel(lang, view, rule),
                  share: `${num(layerStats.land.share * 100, 1)}%`,
                  uncoveredKm2: num(layerStats.land.uncoveredKm2, 1),
                  polygonShare: `${num(layerStats.polygon.share * 100, 1)}%`,
                  residents: layerStats.residents ? residentsLine(popTr, layerStats.residents) : null,
                }
              : null
          }
          townships={<ReportTownships adcode={report.adcode} districtName={model.districtName} view={view} rule={rule} />}
          network={<ReportNetwork rows={model.rows} />}
          onClose={closeReport}
        />
      ) : null}
    </section>
  );
}
