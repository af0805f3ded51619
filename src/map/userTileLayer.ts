/**
 * The user's tile server under the analysis layers: one raster source and layer, added, changed and
 * removed through MapLibre's setters (the base style is never rebuilt).
 *
 * Tiles go through the `usertiles://` protocol handled here, which requests them from the typed
 * template only: as they are for WGS-84 / CGCS2000 servers, and for GCJ-02 servers each WGS-84
 * tile is cut from the GCJ-02 tiles at the place GCJ-02 gives its ground (tileWarp.ts), so every
 * layer the app draws stays in WGS-84 and still lines up with the tiles.
 */
import { addProtocol, type Map as MapLibreMap, type RasterSourceSpecification } from 'maplibre-gl';
import { tileUrl, type UserTiles } from '../domain/userTiles';
import { gcjSourceOrigin, sourceTiles, TILE_PX } from './tileWarp';

export const USER_TILES_SOURCE = 'user-tiles';
export const USER_TILES_LAYER = 'user-tiles-raster';
/** Drawn over the land and sea fills, under everything the app adds (the Outer Ring, districts, zones, lines, labels, deck.gl). */
export const BEFORE_LAYER = 'outer-ring-fill';

/** The settings the protocol serves, by the number in the source's URL (a change of server is a new number: no tile of the old one is reused). */
const served = new Map<number, UserTiles>();
let lastId = 0;
let registered = false;

async function fetchTile(url: string, signal: AbortSignal): Promise<Blob | null> {
  const r = await fetch(url, { signal, credentials: 'omit' });
  // A tile the server does not have (outside its coverage) is empty, not an error.
  if (r.status === 404 || r.status === 204) return null;
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.blob();
}

/** The WGS-84 tile z/x/y cut from a GCJ-02 server's tiles. */
async function warpedTile(s: UserTiles, z: number, x: number, y: number, signal: AbortSignal): Promise<ArrayBuffer> {
  const canvas = new OffscreenCanvas(TILE_PX, TILE_PX);
  const ctx = canvas.getContext('2d')!;
  const parts = sourceTiles(z, gcjSourceOrigin(z, x, y));
  await Promise.all(
    parts.map(async (p) => {
      const blob = await fetchTile(tileUrl(s.template, z, p.x, p.y), signal);
      if (!blob) return;
      const image = await createImageBitmap(blob);
      ctx.drawImage(image, p.dx, p.dy);
      image.close();
    }),
  );
  const png = await canvas.convertToBlob({ type: 'image/png' });
  return png.arrayBuffer();
}

/** A transparent tile, for a tile the server or archive does not have (MapLibre cannot decode an empty answer). */
let blank: Promise<ArrayBuffer> | null = null;
export const blankTile = () => (blank ??= new OffscreenCanvas(TILE_PX, TILE_PX).convertToBlob({ type: 'image/png' }).then((b) => b.arrayBuffer()));

function register(): void {
  if (registered) return;
  registered = true;
  addProtocol('usertiles', async (params, abort) => {
    const m = /^usertiles:\/\/(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
    const s = m ? served.get(Number(m[1])) : undefined;
    if (!m || !s) throw new Error(`no tile server for ${params.url}`);
    const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
    if (s.crs === 'gcj02') return { data: await warpedTile(s, z, x, y, abort.signal) };
    const blob = await fetchTile(tileUrl(s.template, z, x, y), abort.signal);
    return { data: blob ? await blob.arrayBuffer() : (await blankTile()).slice(0) };
  });
}

/** Shows `tiles` on `map` (null: none), replacing what was there. */
export function applyUserTiles(map: MapLibreMap, tiles: UserTiles | null, current: { id: number; tiles: UserTiles } | null): { id: number; tiles: UserTiles } | null {
  const same = current && tiles && current.tiles.template === tiles.template && current.tiles.crs === tiles.crs && current.tiles.minzoom === tiles.minzoom && current.tiles.maxzoom === tiles.maxzoom && current.tiles.attribution === tiles.attribution;
  if (same && current && tiles) {
    map.setPaintProperty(USER_TILES_LAYER, 'raster-opacity', tiles.opacity);
    map.setLayoutProperty(USER_TILES_LAYER, 'visibility', tiles.visible ? 'visible' : 'none');
    served.set(current.id, tiles);
    return { id: current.id, tiles };
  }
  if (map.getLayer(USER_TILES_LAYER)) map.removeLayer(USER_TILES_LAYER);
  if (map.getSource(USER_TILES_SOURCE)) map.removeSource(USER_TILES_SOURCE);
  if (current) served.delete(current.id);
  if (!tiles) return null;
  register();
  const id = ++lastId;
  served.set(id, tiles);
  const source: RasterSourceSpecification = {
    type: 'raster',
    tiles: [`usertiles://${id}/{z}/{x}/{y}`],
    tileSize: TILE_PX,
    minzoom: tiles.minzoom,
    maxzoom: tiles.maxzoom,
    ...(tiles.attribution.trim() ? { attribution: escapeHtml(tiles.attribution.trim()) } : {}),
  };
  map.addSource(USER_TILES_SOURCE, source);
  map.addLayer(
    { id: USER_TILES_LAYER, type: 'raster', source: USER_TILES_SOURCE, paint: { 'raster-opacity': tiles.opacity }, layout: { visibility: tiles.visible ? 'visible' : 'none' } },
    map.getLayer(BEFORE_LAYER) ? BEFORE_LAYER : undefined,
  );
  return { id, tiles };
}

/** Attribution is shown as HTML by MapLibre: the user's text is shown as text. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
