/**
 * Pixels of the live map: the MapLibre canvas with the deck.gl overlay's canvas on top, as the user
 * sees them (minus the HTML controls, which are not pixels of either canvas).
 *
 * Both canvases keep their drawing buffer (the main app asks MapView for a `readable` map;
 * luma.gl, under deck.gl, asks for it by default), so they can be read after a frame; we still wait
 * for the map to go idle after a repaint, so the picture is a finished frame with the latest layers.
 * The map and the overlay are reached through the live-map registry (src/map/liveMap.ts): the
 * export runs outside MapView's tree, after awaits.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Map as MapLibreMap, LngLatBoundsLike } from 'maplibre-gl';
import { liveMap as liveMapSlot, liveOverlay } from '../../map/liveMap';

/** Resolves when the map has drawn a complete frame (or after `timeoutMs`, to never hang an export). */
export function mapIdle(map: MapLibreMap, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, timeoutMs);
    map.once('idle', () => {
      window.clearTimeout(timer);
      resolve();
    });
    map.triggerRepaint();
  });
}

/** The live map once it exists and has loaded its style (the report may open before the map does). */
export async function liveMap(timeoutMs = 60_000): Promise<MapLibreMap> {
  const start = performance.now();
  for (;;) {
    const map = liveMapSlot.now();
    if (map && map.loaded()) return map;
    if (performance.now() - start > timeoutMs) throw new Error('the map did not load');
    await new Promise((r) => window.setTimeout(r, 200));
  }
}

/** The map canvas and the deck.gl canvas drawn into one new canvas (device pixels). */
export function composeMapCanvases(map: MapLibreMap): HTMLCanvasElement {
  const base = map.getCanvas();
  const out = document.createElement('canvas');
  out.width = base.width;
  out.height = base.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.drawImage(base, 0, 0);
  const overlay = liveOverlay.now()?.getCanvas() ?? null;
  if (overlay && overlay.width > 0 && overlay.height > 0) ctx.drawImage(overlay, 0, 0, out.width, out.height);
  return out;
}

/** The current view as it stands, after the next finished frame. */
export async function captureCurrentView(): Promise<{ canvas: HTMLCanvasElement; map: MapLibreMap }> {
  const map = await liveMap();
  await mapIdle(map);
  return { canvas: composeMapCanvases(map), map };
}

/**
 * A picture of `bounds` (a district), taken by moving the camera there, waiting for the frame, and
 * putting the camera back where the user had it. `outline`, when given, is drawn on top (the
 * district's boundary), so the subject of the picture is clear among its neighbours.
 */
export async function captureBounds(bounds: LngLatBoundsLike, outline?: Polygon | MultiPolygon): Promise<HTMLCanvasElement> {
  const map = await liveMap();
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  try {
    map.fitBounds(bounds, { padding: 24, duration: 0 });
    await mapIdle(map);
    const canvas = composeMapCanvases(map);
    if (outline) drawOutline(canvas, map, outline);
    return canvas;
  } finally {
    map.jumpTo(camera);
  }
}

/** Strokes a polygon's rings onto a capture of `map` (white halo, accent line). */
function drawOutline(canvas: HTMLCanvasElement, map: MapLibreMap, geometry: Polygon | MultiPolygon): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const scale = canvas.width / Math.max(1, map.getCanvas().clientWidth);
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  ctx.beginPath();
  for (const poly of polys) {
    for (const ring of poly) {
      ring.forEach((pos, i) => {
        const p = map.project([pos[0]!, pos[1]!]);
        if (i === 0) ctx.moveTo(p.x * scale, p.y * scale);
        else ctx.lineTo(p.x * scale, p.y * scale);
      });
      ctx.closePath();
    }
  }
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = 6 * scale;
  ctx.stroke();
  ctx.strokeStyle = '#b4552a';
  ctx.lineWidth = 3 * scale;
  ctx.stroke();
}

/** Metres per CSS pixel at the map's centre (Web Mercator, 512-px tiles as MapLibre uses). */
export function metresPerPixel(map: MapLibreMap): number {
  const lat = map.getCenter().lat;
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
}
