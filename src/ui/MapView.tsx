import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Map as MapLibreMap, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import type { Geodata } from '../io/loadGeodata';
import { countRender } from './profiled';
import { buildBaseStyle, LAYER_GROUPS, GROUP_LAYERS, labelText, layerVisible, SHANGHAI_BOUNDS, type LayerVisibility } from '../map/baseStyle';
import { applyValidatedData, inlineBaseSources } from '../map/baseSources';
import { createBaseMap, whenDrawn, whenStyleLoaded } from '../map/createBaseMap';
import { useT } from './i18n';
import { HoverTooltip, type HoverInfo, type PointReadout } from './HoverTooltip';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { ScreenView } from '../map/sitePicking';
import { loadDeck } from '../map/deckRuntime';
import { setViewBounds, type LonLatBox } from '../map/viewBounds';
import type { Layer } from '@deck.gl/core';
import type { Site } from '../domain/site';

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
  pickSite?: (view: ScreenView, x: number, y: number, slopPx: number) => Site | null;
  /** Site editing: 'add' turns a click on the map into a new site. */
  tool?: MapTool;
  onSiteEdit?: (event: SiteEditEvent) => void;
}

export type MapTool = 'select' | 'add';

/** What the user did to sites on the map; the app turns these into scenario edits. */
export type SiteEditEvent =
  | { kind: 'select'; id: string | null }
  | { kind: 'add'; lon: number; lat: number }
  | { kind: 'drag'; id: string; lon: number; lat: number }
  | { kind: 'drop'; id: string };

declare global {
  interface Window {
    /** The deck.gl overlay, for browser tests (layer state) and the PNG export. */
    __shanghaiDeck?: MapboxOverlay;
  }
}

const LABEL_LAYERS = [
  ['district-labels', 'district'],
  ['zone-labels', 'zone'],
  ['station-labels', 'station'],
] as const;

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
}: Props) {
  countRender('mapView'); // bench:renders: the map component's own renders (a profile build only)
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The base map fully drawn: a created map's first idle; a premade map's first idle after its
  // files were validated (below). deck.gl and `data-map-ready` wait for it.
  const [baseDrawn, setBaseDrawn] = useState(false);
  const drawnRef = useRef(onBaseDrawn);
  drawnRef.current = onBaseDrawn;
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const layersRef = useRef(deckLayers);
  layersRef.current = deckLayers;
  const describeRef = useRef(describePoint);
  describeRef.current = describePoint;
  const pickRef = useRef(pickSite);
  pickRef.current = pickSite;
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  // The first render's props build the style; later changes go through the map's setters so the
  // sources are not re-parsed on every toggle.
  const { t, lang } = useT();
  const initial = useRef({ lang, visibility });
  const selectRef = useRef(onSelectDistrict);
  selectRef.current = onSelectDistrict;
  const editRef = useRef(onSiteEdit);
  editRef.current = onSiteEdit;
  const toolRef = useRef(tool);
  toolRef.current = tool;

  // The map: the premade one moved into place (before the browser paints, so it never flickers),
  // or one created on the validated data. A layout effect, so the embed can take its start-up
  // skeleton away in the same frame.
  const madeHere = premade === undefined;
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    if (premade instanceof Error) {
      setMapError(premade.message);
      return;
    }
    setBaseDrawn(false);
    if (premade) {
      container.appendChild(premade.getContainer());
      premade.resize();
      setMap(premade);
      return;
    }
    if (!data) return;
    let created: MapLibreMap;
    try {
      created = createBaseMap(container, buildBaseStyle(inlineBaseSources(data), initial.current.lang, initial.current.visibility), { readable });
    } catch (e) {
      setMapError((e as Error).message);
      return;
    }
    setMap(created);
    return () => {
      setMap(null);
      created.remove();
      if (window.__shanghaiMap === created) delete window.__shanghaiMap;
    };
    // A created map is made once per data set; the language and layers follow through setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [premade, madeHere ? data : null]);

  // A premade map drew its files unchecked: once they are validated, it drops what failed and gets
  // its labels — and only then counts as fully drawn. A created map is at its first full draw.
  useEffect(() => {
    if (!map) return;
    if (madeHere) return whenDrawn(map, () => setBaseDrawn(true));
    if (!data) return;
    applyValidatedData(map, data);
    return whenDrawn(map, () => setBaseDrawn(true));
  }, [map, madeHere, data]);

  useEffect(() => {
    const container = containerRef.current;
    if (!baseDrawn || !container) return;
    container.setAttribute('data-map-ready', 'true');
    drawnRef.current?.();
    return () => container.removeAttribute('data-map-ready');
  }, [baseDrawn]);

  // deck.gl loads once the base map is drawn (see map/deckRuntime.ts). Overlaid (deck.gl's own
  // canvas above the map), not interleaved: interleaving reads the map's internal `transform`,
  // which MapLibre 6's production build does not expose (every frame threw). The coverage colours
  // are translucent so the labels beneath stay legible.
  useEffect(() => {
    const container = containerRef.current;
    if (!map || !baseDrawn || !container) return;
    let overlay: MapboxOverlay | null = null;
    let removed = false;
    void loadDeck().then(({ MapboxOverlay }) => {
      if (removed) return;
      overlay = new MapboxOverlay({ interleaved: false, layers: layersRef.current });
      map.addControl(overlay);
      overlayRef.current = overlay;
      window.__shanghaiDeck = overlay;
      container.setAttribute('data-deck-ready', 'true');
    });
    return () => {
      removed = true;
      // A created map that is going away takes its controls with it; a premade one stays.
      if (overlay && !madeHere) map.removeControl(overlay);
      if (overlay && window.__shanghaiDeck === overlay) delete window.__shanghaiDeck;
      overlayRef.current = null;
      container.removeAttribute('data-deck-ready');
    };
  }, [map, baseDrawn, madeHere]);

  // Wiring: hover, selection and site editing. Taken off again on unmount (a premade map outlives
  // this component in development's double mount).
  useEffect(() => {
    const container = containerRef.current;
    if (!map || !container) return;
    mapRef.current = map;
    const offs: Array<() => void> = [];
    const on = <T,>(type: string, handler: (e: T) => void) => {
      map.on(type as 'click', handler as never);
      offs.push(() => map.off(type as 'click', handler as never));
    };
    const screen: ScreenView = {
      project: (lon, lat) => map.project([lon, lat]),
      unproject: (x, y) => {
        const p = map.unproject([x, y]);
        return { lon: p.lng, lat: p.lat };
      },
    };
    const siteAt = (x: number, y: number, slopPx = 5): Site | null => pickRef.current?.(screen, x, y, slopPx) ?? null;
    let hoveredDistrict: string | null = null;
    let hoveredZone: string | null = null;
    const setHoverState = (source: string, id: string | null, previous: string | null) => {
      // Unchanged: no call (each one makes the map draw a frame, ~100 ms in software WebGL).
      if (id === previous) return;
      if (previous !== null) map.setFeatureState({ source, id: previous }, { hover: false });
      if (id !== null) map.setFeatureState({ source, id }, { hover: true });
    };

    // Dragging a site: press on it, move, release. The map does not pan meanwhile.
    let dragging: string | null = null;
    let dragged = false;

    on<MapMouseEvent>('mousemove', (e) => {
      // No hover read-out while a site is dragged: the dragged site is what the user looks at, and a
      // read-out per step would re-render the tooltip on every move.
      if (dragging !== null) return;
      const features: MapGeoJSONFeature[] = map.queryRenderedFeatures(e.point, {
        layers: ['zones-fill', 'districts-fill'].filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none'),
      });
      const zone = features.find((f) => f.layer.id === 'zones-fill');
      const district = features.find((f) => f.layer.id === 'districts-fill');
      const districtId = (district?.properties.adcode as string | undefined) ?? null;
      const zoneId = (zone?.properties.id as string | undefined) ?? null;
      setHoverState('districts', districtId, hoveredDistrict);
      setHoverState('zones', zoneId, hoveredZone);
      hoveredDistrict = districtId;
      hoveredZone = zoneId;
      map.getCanvas().style.cursor = district ? 'pointer' : '';
      const target = zone ?? district;
      const site = siteAt(e.point.x, e.point.y, 4);
      const readout = describeRef.current?.(e.lngLat.lng, e.lngLat.lat) ?? null;
      if (site) map.getCanvas().style.cursor = editRef.current && toolRef.current === 'select' ? 'grab' : 'pointer';
      if (toolRef.current === 'add' && editRef.current) map.getCanvas().style.cursor = 'crosshair';
      // At once, not at React's next task: the hover outline makes the map draw a frame first, and
      // in software WebGL a frame takes ~100 ms — the tooltip would wait behind it.
      flushSync(() =>
        setHover(
          target || site || readout
            ? {
                x: e.point.x,
                y: e.point.y,
                ...(target
                  ? { area: { kind: target === zone ? 'zone' : 'district', properties: target.properties as Record<string, unknown> } }
                  : {}),
                ...(site ? { site } : {}),
                ...(readout ? { readout } : {}),
              }
            : null,
        ),
      );
    });
    on('mouseout', () => {
      setHoverState('districts', null, hoveredDistrict);
      setHoverState('zones', null, hoveredZone);
      hoveredDistrict = hoveredZone = null;
      setHover(null);
    });

    on<MapMouseEvent>('mousedown', (e) => {
      if (!editRef.current || toolRef.current !== 'select') return;
      const site = siteAt(e.point.x, e.point.y);
      if (!site) return;
      e.preventDefault();
      dragging = site.id;
      dragged = false;
      setHover(null);
      map.dragPan.disable();
      map.getCanvas().style.cursor = 'grabbing';
      editRef.current({ kind: 'select', id: site.id });
    });
    on<MapMouseEvent>('mousemove', (e) => {
      if (dragging === null) return;
      dragged = true;
      editRef.current?.({ kind: 'drag', id: dragging, lon: e.lngLat.lng, lat: e.lngLat.lat });
    });
    const endDrag = () => {
      if (dragging === null) return;
      if (dragged) editRef.current?.({ kind: 'drop', id: dragging });
      dragging = null;
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
    };
    on('mouseup', endDrag);
    window.addEventListener('mouseup', endDrag);
    // Esc cancels a drag (the editing hook drops the preview): the drag ends here too, so the next
    // mouse move does not pick it up again and the release commits nothing.
    const cancelDrag = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || dragging === null) return;
      dragging = null;
      dragged = false;
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
    };
    window.addEventListener('keydown', cancelDrag);

    on<MapMouseEvent>('click', (e) => {
      if (editRef.current && toolRef.current === 'add') {
        editRef.current({ kind: 'add', lon: e.lngLat.lng, lat: e.lngLat.lat });
        return;
      }
      const site = editRef.current ? siteAt(e.point.x, e.point.y) : null;
      if (site) return; // selected on mousedown
      editRef.current?.({ kind: 'select', id: null });
      const [district] = map.queryRenderedFeatures(e.point, { layers: ['districts-fill'] });
      selectRef.current((district?.properties.adcode as string | undefined) ?? null);
    });
    on<{ error: Error }>('error', (e) => console.error('map error', e.error));
    // The view box for layers that draw only what is near the view (the coverage picture's tiles).
    const reportView = () => setViewBounds(map.getBounds().toArray().flat() as LonLatBox);
    on('moveend', reportView);
    reportView();

    return () => {
      setViewBounds(null);
      window.removeEventListener('mouseup', endDrag);
      window.removeEventListener('keydown', cancelDrag);
      for (const off of offs) off();
      mapRef.current = null;
    };
  }, [map]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers: deckLayers });
  }, [deckLayers, map]);

  // Language: only the label layers' text changes.
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      for (const [layerId, kind] of LABEL_LAYERS) map.setLayoutProperty(layerId, 'text-field', labelText(lang, kind));
    };
    whenStyleLoaded(map, apply);
  }, [lang, map]);

  // Layer toggles.
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      const ids = new Set(LAYER_GROUPS.flatMap((g) => GROUP_LAYERS[g]));
      for (const id of ids) map.setLayoutProperty(id, 'visibility', layerVisible(id, visibility) ? 'visible' : 'none');
    };
    whenStyleLoaded(map, apply);
  }, [visibility, map]);

  // Selected district outline and fill.
  useEffect(() => {
    if (!map || selectedAdcode === null) return;
    const apply = () => map.setFeatureState({ source: 'districts', id: selectedAdcode }, { selected: true });
    whenStyleLoaded(map, apply);
    return () => {
      // Not on a map that has been removed (its wiring cleanup, which runs first, clears mapRef).
      if (mapRef.current === map && map.getSource('districts')) {
        map.setFeatureState({ source: 'districts', id: selectedAdcode }, { selected: false });
      }
    };
  }, [selectedAdcode, map]);

  const resetView = () => mapRef.current?.fitBounds(SHANGHAI_BOUNDS, { duration: 600 });

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map-container" data-testid="map" />
      <button type="button" className="reset-view" data-testid="reset-view" onClick={resetView} title={t('resetView')}>
        ⟲ {t('resetView')}
      </button>
      {hover ? <HoverTooltip info={hover} /> : null}
      {mapError ? (
        <div className="map-error" role="alert">
          {t('mapError')}: {mapError}
        </div>
      ) : null}
    </div>
  );
}
