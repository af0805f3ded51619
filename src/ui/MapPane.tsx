import { useEffect, useMemo } from 'react';
import type { Layer } from '@deck.gl/core';
import { resolveViewRule } from '../domain/coverageViews';
import { useDeckRuntime } from '../map/deckRuntime';
import { useServiceAreas } from './coverage/useServiceAreas';
import { useT } from './i18n';
import { optimizerStrings } from './optimizer/strings';
import { buildProposedLayers } from './optimizer/proposedLayers';
import { acceptedOf, proposalItems } from './optimizer/proposals';
import type { AssumptionValues } from '../domain/assumptions';
import type { CoverageView } from '../domain/coverageViews';
import type { Site } from '../domain/site';
import { sitesAsOf } from '../domain/siteYear';
import type { Geodata } from '../io/loadGeodata';
import type { LayerVisibility } from '../map/baseStyle';
import type { FacilityDisplay } from './coverage/CoveragePanel';
import { useFacilityLayers } from './coverage/useFacilityLayers';
import { MapView } from './mapView/MapView';
import { useAppStore } from './state/appStore';
import { useNetworkLayers } from './network/useNetworkLayers';
import { NetworkHoverLine } from './network/NetworkHoverLine';
import type { TownshipHover } from './HoverTooltip';
import { viewLabel } from './coverage/viewLabel';

interface Props {
  data: Geodata;
  visibility: LayerVisibility;
  view: CoverageView | null;
  assumptions: AssumptionValues;
  display: FacilityDisplay;
}

/**
 * The map with what it draws: the edited scenario's sites (each drag step), the facility layers and the coverage picture (from the store's
 * coverage answer), the proposals' layers, the selected district. It re-renders on each coverage
 * answer; the panels around it do not.
 */
/** A tile the user's server did not give: said in the tile panel. */
const reportTileError = (message: string) => useAppStore.setState({ userTilesProblem: message });

export function MapPane({ data, visibility, view, assumptions, display }: Props) {
  // The edited scenario as it is now (each drag step), the tool, and the edits the map makes.
  const sites = useAppStore((s) => s.history.present.sites);
  const tool = useAppStore((s) => s.tool);
  const onSiteEdit = useAppStore((s) => s.onSiteEdit);
  // Of the coverage answer, the map draws the picture (a pending request alone does not redraw it).
  const picture = useAppStore((s) => s.coverage.picture);
  const selectedAdcode = useAppStore((s) => (s.selection.shown ? s.selection.district : null));
  const selectOnMap = useAppStore((s) => s.selectOnMap);
  const townships = useAppStore((s) => s.townships);
  const selectTownship = useAppStore((s) => s.selectTownship);
  const selectedTownship = useAppStore((s) => s.selection.township);
  const townshipFigures = useTownshipFigures(data, view, assumptions);
  const userTiles = useAppStore((s) => s.userTiles);
  const tileArchive = useAppStore((s) => s.tileArchive);
  const setMapCounts = useAppStore((s) => s.setMapCounts);
  // As of a year: the map draws the sites built by its end, as the coverage worker measures them.
  const asOf = useAppStore((s) => s.asOf);
  const builtSites = useMemo(() => sitesAsOf(sites, asOf), [sites, asOf]);
  const facilityLayers = useFacilityLayers({ data, sites: builtSites, view, assumptions, coverage: { picture }, display });
  const { circlesHidden, sitesAggregated } = facilityLayers;
  // The coverage panel says what the map could not draw.
  useEffect(() => setMapCounts({ circlesHidden, sitesAggregated }), [circlesHidden, sitesAggregated, setMapCounts]);
  const proposedLayers = useProposedLayers(data, sites, view, assumptions);
  // The network's pictures under the sites, its hover route on top.
  const network = useNetworkLayers();
  const deckLayers = useMemo(
    () => [...network.pictures, ...facilityLayers.layers, ...proposedLayers, ...network.route],
    [network.pictures, facilityLayers.layers, proposedLayers, network.route],
  );
  // The pointer's ground also asks the network worker for its route (answered into the store).
  const describePoint = facilityLayers.describePoint;
  const describeWithRoute = (lon: number, lat: number) => {
    useAppStore.getState().networkCommands?.route(lon, lat);
    return describePoint(lon, lat);
  };
  return (
    <MapView
      data={data}
      readable
      visibility={visibility}
      selectedAdcode={selectedAdcode}
      onSelectDistrict={selectOnMap}
      deckLayers={deckLayers}
      describePoint={describeWithRoute}
      hoverExtra={<NetworkHoverLine />}
      pickSite={facilityLayers.pickSite}
      tool={tool}
      onSiteEdit={onSiteEdit}
      userTiles={{ tiles: userTiles, onError: reportTileError }}
      tileArchive={tileArchive}
      townships={townships}
      selectedTownship={selectedTownship}
      townshipFigures={townshipFigures}
      onSelectTownship={selectTownship}
    />
  );
}

/** The optimiser's proposals still on offer (the store's run and choice), as deck.gl layers. */
function useProposedLayers(data: Geodata, sites: readonly Site[], view: CoverageView | null, assumptions: AssumptionValues): Layer[] {
  const { t } = useT(optimizerStrings);
  const optimizer = useAppStore((s) => s.optimizer);
  const { selected, acceptedIds } = useAppStore((s) => s.proposals);
  const result = optimizer.status === 'done' ? optimizer.result : null;
  const accepted = useMemo(() => acceptedOf(acceptedIds, sites), [acceptedIds, sites]);
  const items = useMemo(() => proposalItems(result, selected, accepted), [result, selected, accepted]);
  const rule = view ? resolveViewRule(view, assumptions) : null;
  const deck = useDeckRuntime();
  const areas = useServiceAreas(data);
  const label = t('opt_proposed');
  // The rule by its radii: a new rule object with the same radii draws the same layers.
  return useMemo(() => (deck ? buildProposedLayers(deck, items, rule, label, areas.areaOf) : []), [deck, items, rule?.insideKm, rule?.outsideKm, label, areas]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** A township's district name and figures under the coverage layer (the store's latest answer), for the tooltip. */
function useTownshipFigures(data: Geodata, view: CoverageView | null, assumptions: AssumptionValues): (code: string) => TownshipHover | null {
  const { lang, pick } = useT();
  const stats = useAppStore((s) => s.coverage.view);
  const townships = useAppStore((s) => s.townships);
  return useMemo(() => {
    const current = stats && view && stats.viewId === view.id ? stats : null;
    const ruleLabel = view ? viewLabel(lang, view, resolveViewRule(view, assumptions)) : null;
    return (code: string) => {
      const feature = townships?.features.find((f) => f.properties.code === code);
      if (!feature) return null;
      const district = data.districts?.features.find((d) => d.properties.adcode === feature.properties.district);
      return {
        districtName: district ? pick(district.properties.name, district.properties.name_en) : feature.properties.district,
        result: current?.breakdown.townships?.[code] ?? null,
        ruleLabel,
      };
    };
  }, [stats, view, townships, data, lang, pick, assumptions]);
}
