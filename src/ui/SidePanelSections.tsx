/**
 * The side panel's sections — scenarios, sites and their import, coverage settings and the township
 * table, roads, the optimiser, export, residents, zones, layers, base tiles, the legend. They come
 * after the first numbers (src/ui/firstNumbers.ts), and so does their code: App loads this module
 * lazily, which takes their imports (the file readers, the export, the optimiser's and the tile
 * archive's code) out of the scripts the browser compiles before the first numbers (issue #19: on a
 * 2-core machine that compilation took the second core for ~0.5 s of the first second).
 */
import { BUNDLED_PLANS } from '../domain/bundledPlans';
import type { CoverageView } from '../domain/coverageViews';
import { currentEntry, displayName } from '../domain/scenarioLibrary';
import type { Geodata } from '../io/loadGeodata';
import type { LayerGroup, LayerVisibility } from '../map/baseStyle';
import { BaseTilesPanel } from './baseTiles/BaseTilesPanel';
import { COVERAGE_VIEWS } from './coverage/appViews';
import { CoveragePanel, type CoveragePanelProps } from './coverage/CoveragePanel';
import { SitesPanel } from './coverage/SitesPanel';
import type { ScenarioState } from './editing/useScenarioEditing';
import { ExportPanel } from './export/ExportPanel';
import type { Lang } from './i18n';
import { Foldable } from './layout/Foldable';
import { LayerPanel } from './LayerPanel';
import { Legend } from './Legend';
import { RoadsPanel } from './network/RoadsPanel';
import { OptimizerPanel } from './optimizer/OptimizerPanel';
import { PopulationPanel } from './population/PopulationPanel';
import { profiled } from './profiled';
import { ScenariosPanel } from './scenarios/ScenariosPanel';
import type { ScenarioLibraryControl } from './scenarios/useScenarioLibrary';
import { useAppStore } from './state/appStore';
import { TownshipTable } from './townships/TownshipTable';
import type { TownshipFileControl } from './townships/useTownshipFile';
import type { UserZonesControl } from './zones/useUserZones';
import { ZonesPanel } from './zones/ZonesPanel';

/** The coverage settings, as the coverage panel takes them. */
type CoverageSettings = Pick<CoveragePanelProps, 'viewId' | 'mode' | 'onModeChange' | 'ground' | 'onGroundChange' | 'display' | 'onDisplayChange' | 'assumptions' | 'selectedAdcode'>;

export interface SidePanelProps extends CoverageSettings {
  lang: Lang;
  scenarios: ScenarioLibraryControl;
  /** The scenario as it stands between edits (App's `settled`). */
  settled: ScenarioState;
  changeScenario: (next: ScenarioState) => void;
  /** Every reader's data (App's `data`: the counted files with the map-only ones once in). */
  data: Geodata | null;
  /** The shipped districts and zones as read (App's `loaded`). */
  loaded: Geodata | undefined;
  onViewChange: (id: string | null) => void;
  view: CoverageView | null;
  scorecardDistrict: string | null;
  compareName: string | null;
  townshipFile: TownshipFileControl;
  zoneControl: UserZonesControl;
  visibility: LayerVisibility;
  onToggle: (group: LayerGroup) => void;
}

export function SidePanelSections(p: SidePanelProps) {
  const { scenarios, settled, changeScenario, data, view, assumptions } = p;
  const scenarioName = scenarios.library ? displayName(currentEntry(scenarios.library), p.lang) : undefined;
  return (
    <>
      <Foldable id="scenarios">{profiled('scenarios', <ScenariosPanel control={scenarios} />)}</Foldable>
      <Foldable id="sites">
        {profiled('sites', <SitesPanel scenario={settled} sample={scenarios.sample} onScenarioChange={changeScenario} error={scenarios.error} recovered={scenarios.recovered} name={scenarioName} geodata={data} />)}
      </Foldable>
      <Foldable id="coverage">
        {profiled(
          'coverage',
          <CoveragePanel
            views={COVERAGE_VIEWS}
            viewId={p.viewId}
            onViewChange={p.onViewChange}
            mode={p.mode}
            onModeChange={p.onModeChange}
            ground={p.ground}
            onGroundChange={p.onGroundChange}
            display={p.display}
            onDisplayChange={p.onDisplayChange}
            assumptions={assumptions}
            plans={BUNDLED_PLANS}
            selectedAdcode={p.selectedAdcode}
            compareName={p.compareName}
            districts={p.loaded?.districts}
            zones={p.loaded?.zones}
          >
            <TownshipTable districts={p.loaded?.districts} view={view} assumptions={assumptions} file={p.townshipFile} />
          </CoveragePanel>,
        )}
      </Foldable>
      <Foldable id="roads">{profiled('roads', <RoadsPanel />)}</Foldable>
      <Foldable id="optimizer">
        {profiled(
          'optimizer',
          <OptimizerPanel
            data={data}
            plans={BUNDLED_PLANS}
            views={COVERAGE_VIEWS}
            viewId={p.viewId}
            assumptions={assumptions}
            sites={settled.sites}
            onAccept={(added) => {
              const scenario = useAppStore.getState().history.present;
              changeScenario({ ...scenario, sites: [...scenario.sites, ...added] });
            }}
          />,
        )}
      </Foldable>
      <Foldable id="export">
        {profiled(
          'export',
          <ExportPanel
            data={data}
            scenario={settled}
            scenarioName={scenarioName}
            view={view}
            assumptions={assumptions}
            mode={p.mode}
            showSites={p.display.sites}
            selectedAdcode={p.selectedAdcode}
            scorecardDistrict={p.scorecardDistrict}
            plans={BUNDLED_PLANS}
          />,
        )}
      </Foldable>
      <Foldable id="population">{profiled('population', <PopulationPanel />)}</Foldable>
      <Foldable id="zones">{profiled('zones', <ZonesPanel zones={data?.zones} control={p.zoneControl} />)}</Foldable>
      <Foldable id="layers">
        <LayerPanel visibility={p.visibility} onToggle={p.onToggle} />
      </Foldable>
      <Foldable id="tiles">
        <BaseTilesPanel />
      </Foldable>
      <Legend />
    </>
  );
}
