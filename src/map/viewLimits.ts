/**
 * How far the map zooms and pans, and what becomes of a view outside that (a share link made by
 * hand, or by another build): it is brought inside and the user is told, rather than the map
 * silently opening somewhere else.
 */
import { MAX_BOUNDS } from './baseStyle';

export const MAP_MIN_ZOOM = 7;
export const MAP_MAX_ZOOM = 17;

export interface View {
  lon: number;
  lat: number;
  zoom: number;
}

/** What was changed to bring a view inside the map's limits (null: nothing). */
export interface ViewAdjustment {
  zoom: { from: number; to: number } | null;
  centre: { from: [number, number]; to: [number, number] } | null;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function clampView(view: View, bounds: [[number, number], [number, number]] = MAX_BOUNDS): { view: View; adjusted: ViewAdjustment | null } {
  const zoom = clamp(view.zoom, MAP_MIN_ZOOM, MAP_MAX_ZOOM);
  const lon = clamp(view.lon, bounds[0][0], bounds[1][0]);
  const lat = clamp(view.lat, bounds[0][1], bounds[1][1]);
  const zoomChanged = zoom !== view.zoom;
  const centreChanged = lon !== view.lon || lat !== view.lat;
  if (!zoomChanged && !centreChanged) return { view, adjusted: null };
  return {
    view: { lon, lat, zoom },
    adjusted: {
      zoom: zoomChanged ? { from: view.zoom, to: zoom } : null,
      centre: centreChanged ? { from: [view.lon, view.lat], to: [lon, lat] } : null,
    },
  };
}
