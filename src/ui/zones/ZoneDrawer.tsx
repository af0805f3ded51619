/**
 * Draw / edit mode of a key zone (terra-draw on the live MapLibre map): the boundary in use (the
 * user's, else the shipped one) is loaded as editable polygons — drag a vertex to move it, drag an
 * edge's midpoint to add one, right-click a vertex to delete it — and Save keeps it as the zone's
 * user boundary (checked as an imported one is), Cancel leaves everything as it was.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Position } from 'geojson';
import type { ZoneCollection } from '../../domain/geodata';
import type { ZoneGeometry } from '../../domain/userZones';
import { zoneBox } from '../../domain/userZones';
import { liveMap, watchLiveMap } from '../../map/liveMap';
import { PALETTE } from '../../map/palette';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { zoneStrings } from './strings';

/** terra-draw refuses coordinates with more than 9 decimals. */
const round = (p: Position): Position => [Math.round(p[0]! * 1e9) / 1e9, Math.round(p[1]! * 1e9) / 1e9];

/** A zone's polygons as terra-draw features (one per polygon of a MultiPolygon). */
function drawFeatures(geometry: ZoneGeometry): GeoJSONStoreFeatures[] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((rings, i) => ({
    id: `zone-part-${i + 1}`,
    type: 'Feature',
    properties: { mode: 'polygon' },
    geometry: { type: 'Polygon', coordinates: rings.map((r) => r.map(round)) },
  }));
}

/** The drawn polygons back as one zone geometry. */
function zoneGeometryOf(features: GeoJSONStoreFeatures[]): ZoneGeometry | null {
  const polys = features.filter((f) => f.geometry.type === 'Polygon').map((f) => f.geometry.coordinates as Position[][]);
  if (polys.length === 0) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
}

let idCounter = 0;
const ID_STRATEGY = { isValidId: (id: unknown) => typeof id === 'string' && id.length > 0, getId: () => `zone-new-${++idCounter}` };

export function ZoneDrawer({ zones, onSave }: { zones: ZoneCollection | undefined; onSave: (id: string, geometry: ZoneGeometry) => Promise<boolean> }) {
  const { t, pick } = useT(zoneStrings);
  const id = useAppStore((s) => s.drawingZone);
  const setDrawingZone = useAppStore((s) => s.setDrawingZone);
  const map = useSyncExternalStore(watchLiveMap, () => liveMap.now());
  const drawRef = useRef<TerraDraw | null>(null);
  const [vertices, setVertices] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const feature = zones?.features.find((f) => f.properties.id === id);

  useEffect(() => {
    if (!id || !map || !feature) return;
    useAppStore.getState().setTool('select');
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'zone-draw' }),
      idStrategy: ID_STRATEGY,
      modes: [
        new TerraDrawPolygonMode({ styles: { fillColor: PALETTE.zone as `#${string}`, outlineColor: PALETTE.zone as `#${string}` } }),
        new TerraDrawSelectMode({
          flags: { polygon: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true } } } },
          styles: { selectedPolygonColor: PALETTE.zone as `#${string}`, selectedPolygonOutlineColor: PALETTE.zone as `#${string}`, selectionPointColor: '#ffffff', selectionPointOutlineColor: PALETTE.zone as `#${string}` },
        }),
      ],
    });
    let loaded = false;
    const load = () => {
      if (loaded) return;
      loaded = true;
      draw.setMode('select');
      const features = drawFeatures(feature.geometry);
      const checks = draw.addFeatures(features);
      const refused = checks.find((c) => !c.valid);
      if (refused) setProblem(refused.reason ?? 'terra-draw refused the polygon');
      // One polygon: selected, its vertices shown for editing; several: a click picks the one to edit.
      if (features.length === 1) draw.selectFeature(features[0]!.id!);
      setVertices(features.reduce((n, f) => n + (f.geometry.coordinates as Position[][]).reduce((m, r) => m + r.length - 1, 0), 0));
    };
    draw.on('ready', load);
    draw.start();
    drawRef.current = draw;
    const [w, s, e, n] = zoneBox(feature.geometry);
    map.fitBounds([[w, s], [e, n]], { padding: 80, duration: 0, maxZoom: 15.5 });
    return () => {
      drawRef.current = null;
      setVertices(null);
      setProblem(null);
      if (map.getStyle()) draw.stop();
    };
    // The feature is taken when drawing starts; later changes of the zones do not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, map]);

  if (!id || !feature) return null;
  const save = async () => {
    const draw = drawRef.current;
    const geometry = draw ? zoneGeometryOf(draw.getSnapshot()) : null;
    if (!geometry) return setProblem('no polygon');
    if (await onSave(id, geometry)) setDrawingZone(null);
  };
  return (
    <div className="zone-drawer" data-testid="zone-drawer" data-zone={id} data-vertices={vertices ?? ''} role="dialog">
      <p>{t('zn_drawing', { zone: pick(feature.properties.name, feature.properties.name_en) })}</p>
      {problem ? (
        <p className="tw-error" role="alert">
          {t('zn_drawRefused')}
          {problem}
        </p>
      ) : null}
      <button type="button" data-testid="zone-draw-save" disabled={vertices === null} onClick={() => void save()}>
        {t('zn_save')}
      </button>{' '}
      <button type="button" data-testid="zone-draw-cancel" onClick={() => setDrawingZone(null)}>
        {t('zn_cancel')}
      </button>
    </div>
  );
}
