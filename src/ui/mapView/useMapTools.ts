/**
 * What a press, a drag and a click on the map do: with the select tool a press on a site selects it
 * and a drag moves it (the map does not pan meanwhile; Esc cancels); with the add tool a click adds
 * a site; a click elsewhere selects the district under it. The edits go out as SiteEditEvents; the
 * app turns them into scenario edits.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { MapTool, SiteEditEvent } from './MapView';
import { listen } from './mapEvents';
import { siteUnderPointer, type PickSite } from './siteUnderPointer';

export interface ToolOptions {
  pickSite: PickSite | undefined;
  tool: MapTool;
  /** Left out: sites cannot be edited here (the embed); clicks select districts only. */
  onSiteEdit: ((event: SiteEditEvent) => void) | undefined;
  onSelectDistrict: (adcode: string | null) => void;
  /** A click on a township while the township layer shows (left out: a click selects its district). */
  onSelectTownship?: ((code: string) => void) | undefined;
  /** The site being dragged, written here (the hover read-out pauses while it is set). */
  dragging: RefObject<string | null>;
  /** A drag began: the tooltip goes. */
  onDragStart: () => void;
}

export function useMapTools(map: MapLibreMap | null, options: ToolOptions): void {
  // Read at each event: the listeners stay on the map across renders.
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!map) return;
    const siteAt = siteUnderPointer(map, () => latest.current.pickSite);
    const edit = () => latest.current.onSiteEdit;
    const tool = () => latest.current.tool;
    const { dragging } = latest.current;
    dragging.current = null;
    // Whether the pointer moved since the press: a press and release in place is a selection, not an edit.
    let dragged = false;

    const onDown = (e: MapMouseEvent) => {
      const onSiteEdit = edit();
      if (!onSiteEdit || tool() !== 'select') return;
      const site = siteAt(e.point.x, e.point.y);
      if (!site) return;
      e.preventDefault();
      dragging.current = site.id;
      dragged = false;
      latest.current.onDragStart();
      map.dragPan.disable();
      map.getCanvas().style.cursor = 'grabbing';
      onSiteEdit({ kind: 'select', id: site.id });
    };
    const onMove = (e: MapMouseEvent) => {
      if (dragging.current === null) return;
      dragged = true;
      edit()?.({ kind: 'drag', id: dragging.current, lon: e.lngLat.lng, lat: e.lngLat.lat });
    };
    const endDrag = () => {
      if (dragging.current === null) return;
      if (dragged) edit()?.({ kind: 'drop', id: dragging.current });
      dragging.current = null;
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
    };
    // Esc cancels a drag (the editing hook drops the preview): the drag ends here too, so the next
    // mouse move does not pick it up again and the release commits nothing.
    const cancelDrag = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || dragging.current === null) return;
      dragging.current = null;
      dragged = false;
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
    };
    const onClick = (e: MapMouseEvent) => {
      const onSiteEdit = edit();
      if (onSiteEdit && tool() === 'add') {
        onSiteEdit({ kind: 'add', lon: e.lngLat.lng, lat: e.lngLat.lat });
        return;
      }
      const site = onSiteEdit ? siteAt(e.point.x, e.point.y) : null;
      if (site) return; // selected on mousedown
      onSiteEdit?.({ kind: 'select', id: null });
      const { onSelectTownship } = latest.current;
      const townshipShown = onSelectTownship && map.getLayer('townships-fill') && map.getLayoutProperty('townships-fill', 'visibility') !== 'none';
      const [township] = townshipShown ? map.queryRenderedFeatures(e.point, { layers: ['townships-fill'] }) : [];
      if (township && onSelectTownship) return onSelectTownship(township.properties.code as string);
      const [district] = map.queryRenderedFeatures(e.point, { layers: ['districts-fill'] });
      latest.current.onSelectDistrict((district?.properties.adcode as string | undefined) ?? null);
    };

    const off = listen(map, { mousedown: onDown, mousemove: onMove, mouseup: endDrag, click: onClick });
    // Also outside the map: a release over a panel still ends the drag.
    window.addEventListener('mouseup', endDrag);
    window.addEventListener('keydown', cancelDrag);
    return () => {
      off();
      window.removeEventListener('mouseup', endDrag);
      window.removeEventListener('keydown', cancelDrag);
    };
  }, [map]);
}
