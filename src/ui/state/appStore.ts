/**
 * The app's one owner of shared state (zustand): what several panels read and no single component
 * owns. Components subscribe with selectors to the part they draw, so a change re-renders only them
 * (a drag step: the map and the panels that show its numbers, not the whole tree); workers' callbacks
 * write here directly, outside React. See README "App state".
 */
import { readCapacityThreshold, writeCapacityThreshold } from '../../io/capacitySetting';
import { readCellSize, writeCellSize, type CellSizeM } from '../../io/cellSizeSetting';
import { create } from 'zustand';
import { STARTUP_LINK } from './startup';
import { linkSelection, selectOnMap, selectScope, selectTownship, type Selection } from './selection';
import { INITIAL_COVERAGE, type CoverageState } from '../coverage/coverageAnswers';
import type { OptimizerState } from '../optimizer/useOptimizer';
import { freshChoice, type ProposalChoice } from '../optimizer/proposals';
import { COVERAGE_VIEWS } from '../coverage/appViews';
import { createEditingSlice, type EditingSlice } from './editingSlice';
import { createLibrarySlice, followSettled, type LibrarySlice } from './librarySlice';
import type { UserTiles } from '../../domain/userTiles';
import { readUserTilesSetting, writeUserTilesSetting } from '../../io/userTilesSetting';
import type { ArchiveOnMap } from '../../map/tileArchiveLayer';
import type { ArchiveName } from '../../map/archiveNames';
import { createNetworkSlice, type NetworkSlice } from './networkSlice';
import type { TownshipSet } from '../../domain/townships';
import type { UserZone } from '../../domain/userZones';
import { INITIAL_POPULATION_UI, type PopulationUi } from '../population/populationLoad';

/** What the map draws that the coverage panel reports (useFacilityLayers). */
export interface MapCounts {
  /** Service areas not drawn: this many sites reach the view; null: drawn. */
  circlesHidden: number | null;
  /** Sites drawn as a density picture: this many markers near the view; null: markers. */
  sitesAggregated: number | null;
}

export interface AppState extends EditingSlice, LibrarySlice, NetworkSlice {
  /** The one selection: district and zone (src/ui/state/selection.ts). */
  selection: Selection;
  /** A click on the map (null: on no district). */
  selectOnMap: (adcode: string | null) => void;
  /** The scorecard's choice of district and zone. */
  selectScope: (district: string | null, zone: string | null) => void;
  /** The township table's choice (null: no township; the district stays). */
  selectTownship: (code: string | null) => void;
  /** Closes the district panel (the district stays selected for the scorecard and the link). */
  closeDistrict: () => void;
  /**
   * The townships the app uses: the shipped ones joined or replaced by the user's file
   * (useTownshipFile); null until the kept file, if any, has been read.
   */
  townships: TownshipSet | null;
  setTownships: (set: TownshipSet) => void;
  /**
   * The user's key-zone boundaries by zone id (src/ui/zones/useUserZones.ts); null until the kept
   * ones have been read. The zones in use are the shipped ones with these put in (zonesInUse).
   */
  userZones: ReadonlyMap<string, UserZone> | null;
  setUserZones: (zones: ReadonlyMap<string, UserZone>) => void;
  /** The zone being drawn on the map (src/ui/zones/ZoneDrawer.tsx), or null. */
  drawingZone: string | null;
  setDrawingZone: (id: string | null) => void;
  /** The coverage worker's latest answer (written by CoverageFeed's worker, outside React's render). */
  coverage: CoverageState;
  updateCoverage: (f: (state: CoverageState) => CoverageState) => void;
  mapCounts: MapCounts;
  setMapCounts: (counts: MapCounts) => void;
  /** The optimiser's run (written by its worker's callbacks: useOptimizer). */
  optimizer: OptimizerState;
  /** A new state of the run; a new result comes with every proposal selected, none accepted. */
  setOptimizer: (f: (state: OptimizerState) => OptimizerState) => void;
  /** The proposals picked and accepted (the map draws those still on offer). */
  proposals: ProposalChoice;
  toggleProposal: (i: number) => void;
  /** Proposals made into scenario sites: list index → site id. */
  markAccepted: (accepted: ReadonlyArray<readonly [number, string]>) => void;
  /** The user's tile server for the base map (null: the shipped map only); kept in localStorage. */
  userTiles: UserTiles | null;
  /** Why the kept setting was not applied, or why it could not be kept. */
  userTilesProblem: string | null;
  setUserTiles: (tiles: UserTiles | null) => void;
  /** The tile archive drawn under the layers (null: none), and the names read from it for the search (TileArchiveSection). */
  tileArchive: ArchiveOnMap | null;
  tileArchiveNames: readonly ArchiveName[];
  /** The residents layer: the file in use, being read or tried, and what went wrong (usePopulationLayer). */
  population: PopulationUi;
  updatePopulation: (f: (state: PopulationUi) => PopulationUi) => void;
  /**
   * Residents per unit (2SFCA): whether the township table shows them (the coverage worker computes
   * them only then) and the threshold townships are flagged above (kept in localStorage).
   */
  capacity: { shown: boolean; threshold: number };
  setCapacity: (change: Partial<{ shown: boolean; threshold: number }>) => void;
  /**
   * The as-of year (one of AS_OF_YEARS; null: every site, the default): coverage, counts and
   * statuses use the sites built by its end; sites without a year count at every year.
   */
  asOf: number | null;
  setAsOf: (year: number | null) => void;
  /**
   * The coverage grid's cell (m) of every coverage figure, picture and export (src/io/cellSizeSetting.ts:
   * the device's default until the user picks one, kept in localStorage); a change rebuilds the grids.
   */
  cellM: CellSizeM;
  setCellM: (cellM: CellSizeM) => void;
}

const keptTiles = readUserTilesSetting();

export const useAppStore = create<AppState>()((set, get) => ({
  // Every change of the edited scenario's history carries the library's current entry along.
  ...createEditingSlice(COVERAGE_VIEWS[0]?.primary ?? 'ev-charging-pile', followSettled(set), get),
  ...createLibrarySlice(set),
  ...createNetworkSlice(set),
  // The share link the page opened with (read once, before the first render).
  selection: linkSelection(STARTUP_LINK.state),
  selectOnMap: (adcode) => set((s) => ({ selection: selectOnMap(s.selection, adcode) })),
  selectScope: (district, zone) => set((s) => ({ selection: selectScope(s.selection, district, zone) })),
  selectTownship: (code) => set((s) => ({ selection: selectTownship(s.selection, code) })),
  closeDistrict: () => set((s) => ({ selection: { ...s.selection, shown: false } })),
  townships: null,
  setTownships: (townships) => set({ townships }),
  userZones: null,
  setUserZones: (userZones) => set({ userZones }),
  drawingZone: null,
  setDrawingZone: (drawingZone) => set({ drawingZone }),
  coverage: INITIAL_COVERAGE,
  updateCoverage: (f) => set((s) => ({ coverage: f(s.coverage) })),
  mapCounts: { circlesHidden: null, sitesAggregated: null },
  setMapCounts: (counts) =>
    set((s) => (s.mapCounts.circlesHidden === counts.circlesHidden && s.mapCounts.sitesAggregated === counts.sitesAggregated ? s : { mapCounts: counts })),
  optimizer: { status: 'idle', progress: null, result: null, input: null, error: null },
  setOptimizer: (f) =>
    set((s) => {
      const optimizer = f(s.optimizer);
      const result = (o: OptimizerState) => (o.status === 'done' ? o.result : null);
      return result(optimizer) === result(s.optimizer) ? { optimizer } : { optimizer, proposals: freshChoice(result(optimizer)) };
    }),
  proposals: freshChoice(null),
  toggleProposal: (i) =>
    set((s) => {
      const selected = new Set(s.proposals.selected);
      if (selected.has(i)) selected.delete(i);
      else selected.add(i);
      return { proposals: { ...s.proposals, selected } };
    }),
  markAccepted: (accepted) => set((s) => ({ proposals: { ...s.proposals, acceptedIds: new Map([...s.proposals.acceptedIds, ...accepted]) } })),
  userTiles: keptTiles.tiles,
  userTilesProblem: keptTiles.problem,
  setUserTiles: (tiles) => set({ userTiles: tiles, userTilesProblem: writeUserTilesSetting(tiles) ? null : 'the browser refused to keep the tile server setting: it applies to this page only' }),
  tileArchive: null,
  tileArchiveNames: [],
  population: INITIAL_POPULATION_UI,
  updatePopulation: (f) => set((s) => ({ population: f(s.population) })),
  capacity: { shown: false, threshold: readCapacityThreshold() },
  setCapacity: (change) => {
    if (change.threshold !== undefined) writeCapacityThreshold(change.threshold);
    set((s) => ({ capacity: { ...s.capacity, ...change } }));
  },
  asOf: STARTUP_LINK.state?.asOf ?? null,
  setAsOf: (asOf) => set({ asOf }),
  cellM: readCellSize(),
  setCellM: (cellM) => {
    writeCellSize(cellM);
    set({ cellM });
  },
}));
