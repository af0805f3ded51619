/**
 * Which site marker is under the pointer, found from the sites' spatial index and the markers'
 * drawn size — not by deck.gl's picking, which draws every pickable layer again into an offscreen
 * buffer and reads it back on every mouse move: hundreds of milliseconds with 200,000 sites in
 * software WebGL. What can be picked is what is drawn (the same lists, the same marker sizes).
 */
import { siteIndexOf } from '../coverage/siteIndex';
import type { Site } from '../domain/site';
import type { MarkerSize } from './facilityLayers';

/** The map's projection, as MapLibre gives it (screen pixels from the map's top-left). */
export interface ScreenView {
  project(lon: number, lat: number): { x: number; y: number };
  unproject(x: number, y: number): { lon: number; lat: number };
}

/** A drawn marker layer: its sites (drawn on top first) and their marker size. */
export interface PickableMarkers {
  sites: readonly Site[];
  size: MarkerSize;
}

/** A marker's radius in pixels where a pixel is `metresPerPixel` (deck.gl's metres clamped to pixels). */
export function markerPixels(size: MarkerSize, metresPerPixel: number): number {
  return Math.min(size.maxPixels, Math.max(size.minPixels, size.metres / metresPerPixel));
}

/**
 * The site whose marker is within `slopPx` of (x, y): the nearest centre in the top-most layer that
 * has one (as deck.gl's picking with a radius picks what is drawn on top), null when none.
 */
export function siteAtPoint(layers: readonly PickableMarkers[], view: ScreenView, x: number, y: number, slopPx: number): Site | null {
  const metresPerPixel = metresPerPixelAt(view, x, y);
  for (const { sites, size } of layers) {
    if (sites.length === 0) continue;
    const reach = markerPixels(size, metresPerPixel) + slopPx;
    const a = view.unproject(x - reach, y - reach);
    const b = view.unproject(x + reach, y + reach);
    let best: Site | null = null;
    let bestD = Infinity;
    for (const s of siteIndexOf(sites).within(Math.min(a.lon, b.lon), Math.min(a.lat, b.lat), Math.max(a.lon, b.lon), Math.max(a.lat, b.lat))) {
      const p = view.project(s.lon, s.lat);
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= reach && d < bestD) {
        bestD = d;
        best = s;
      }
    }
    if (best) return best;
  }
  return null;
}

/** Ground metres per screen pixel around (x, y) (Web Mercator: the same in both directions). */
function metresPerPixelAt(view: ScreenView, x: number, y: number): number {
  const a = view.unproject(x, y);
  const b = view.unproject(x, y + 1);
  return Math.abs(b.lat - a.lat) * 111_320;
}
