/**
 * The map of the main app and the embed: MapLibre's base map with the deck.gl overlay on it, the
 * pointer's read-out and the site editing tools. Each job is a module of this folder; this component
 * puts them on one container and draws what sits over the map (reset button, tooltip, error).
 */
import { useRef, type ReactNode } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Layer } from '@deck.gl/core';
import type { Geodata } from '../../io/loadGeodata';
import type { LayerVisibility } from '../../map/baseStyle';
import { countRender } from '../profiled';
import { useT } from '../i18n';
import { HoverTooltip, type PointReadout, type TownshipHover } from '../HoverTooltip';
import { useBaseMap } from './useBaseMap';
import { useDeckOverlay } from './useDeckOverlay';
import { useMapHover } from './useMapHover';
import { useMapTools } from './useMapTools';
import { ResetViewButton, useViewBoxReport } from './camera';
import { useStyleUpdates } from './useStyleUpdates';
import { useUserTiles } from './useUserTiles';
import { useTileArchive } from './useTileArchive';
import type { ArchiveOnMap } from '../../map/tileArchiveLayer';
import type { UserTiles } from '../../domain/userTiles';
import type { PickSite } from './siteUnderPointer';
import type { TownshipSet } from '../../domain/townships';
import { useTownshipStyle } from './useTownshipStyle';

interface Props {
  /** The validated data: builds the style of a map MapView creates; trims a premade map's sources. */
  data: Geodata | null;
  /**
   * A map created before React mounted (the embed's first script, with linked sources), or why it
   * could not be: MapView moves its container in and wires it up instead of creating one. Left
   * out, MapView creates the map itself once `data` is there.
   */
  premade?: MapLibreMap | Error;
  /** Keep the canvas readable after each frame (PNG export; see createBaseMap). */
  readable?: boolean;
  /** Called once the base map is fully drawn (what `data-map-ready` marks); deck.gl loads then. */
  onBaseDrawn?: () => void;
  visibility: LayerVisibility;
  selectedAdcode: string | null;
  onSelectDistrict: (adcode: string | null) => void;
  /** deck.gl facility layers (coverage picture, circles, sites), drawn interleaved with the style. */
  deckLayers: Layer[];
  /** Distance read-out for the pointer position (nearest site of the coverage layer). */
  describePoint?: (lon: number, lat: number) => PointReadout | null;
  /** The site whose marker is within `slopPx` of a screen point (src/map/sitePicking.ts). */
  pickSite?: PickSite;
  /** Site editing: 'add' turns a click on the map into a new site. */
  tool?: MapTool;
  onSiteEdit?: (event: SiteEditEvent) => void;
  /** The user's tile server under the layers, and where a failed tile is said (the app; an embed shows the shipped map). */
  userTiles?: { tiles: UserTiles | null; onError: (message: string) => void };
  /** More lines for the hover tooltip (the app's walking distance: src/ui/network/NetworkHoverLine.tsx). */
  hoverExtra?: ReactNode;
  /** The tile archive under the layers (the app's; an embed passes none). */
  tileArchive?: ArchiveOnMap | null;
  /** The townships in use (shipped and imported; left out: none drawn) and the selected one. */
  townships?: TownshipSet | null;
  selectedTownship?: string | null;
  /** A township's figures under the coverage layer's rule, for the hover tooltip. */
  townshipFigures?: (code: string) => TownshipHover | null;
  /** A click on a township while its layer shows. */
  onSelectTownship?: (code: string) => void;
}

export type MapTool = 'select' | 'add';

/** What the user did to sites on the map; the app turns these into scenario edits. */
export type SiteEditEvent =
  | { kind: 'select'; id: string | null }
  | { kind: 'add'; lon: number; lat: number }
  | { kind: 'drag'; id: string; lon: number; lat: number }
  | { kind: 'drop'; id: string };

export function MapView({
  data,
  premade,
  readable = false,
  onBaseDrawn,
  visibility,
  selectedAdcode,
  onSelectDistrict,
  deckLayers,
  describePoint,
  pickSite,
  tool = 'select',
  onSiteEdit,
  userTiles,
  tileArchive = null,
  hoverExtra,
  townships = null,
  selectedTownship = null,
  townshipFigures,
  onSelectTownship,
}: Props) {
  countRender('mapView'); // bench:renders: the map component's own renders (a profile build only)
  const containerRef = useRef<HTMLDivElement>(null);
  const { t, lang } = useT();
  const base = useBaseMap(containerRef, { data, premade, readable, onBaseDrawn, lang, visibility });
  useDeckOverlay(containerRef, base, deckLayers);
  // The site being dragged: the tools set it, the hover read-out pauses while it is set.
  const dragging = useRef<string | null>(null);
  const [hover, clearHover] = useMapHover(base.map, { describePoint, pickSite, editable: onSiteEdit !== undefined, tool, dragging });
  useMapTools(base.map, { pickSite, tool, onSiteEdit, onSelectDistrict, onSelectTownship, dragging, onDragStart: clearHover });
  useViewBoxReport(base.map);
  useStyleUpdates(base.map, { lang, visibility, selectedAdcode });
  useUserTiles(userTiles ? base.map : null, userTiles?.tiles ?? null, (message) => userTiles?.onError(message));
  useTileArchive(base.map, tileArchive, lang);
  useTownshipStyle(base.map, { townships, selected: selectedTownship, lang });
  const township = hover?.area?.kind === 'township' ? String(hover.area.properties.code) : null;

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map-container" data-testid="map" />
      <ResetViewButton map={base.map} />
      {hover ? (
        <HoverTooltip info={hover} township={township !== null ? (townshipFigures?.(township) ?? null) : null}>
          {hoverExtra}
        </HoverTooltip>
      ) : null}
      {base.error ? (
        <div className="map-error" role="alert">
          {t('mapError')}: {base.error}
        </div>
      ) : null}
    </div>
  );
}
