/**
 * The names in a vector tile archive, for the place search: every named feature of the tiles at
 * one middle zoom over the archive's bounds, at most MAX_TILES tiles (those nearest the archive's
 * centre when its bounds hold more), so the work is bounded whatever the archive's size. A name
 * seen in several tiles or features is kept once, at its first feature's first vertex.
 *
 * The MVT is read here with `pbf` (only what is needed: layer, name fields, first vertex).
 */
import { PbfReader } from 'pbf';
import type { OpenedArchive } from './pmtilesSource';

export interface ArchiveName {
  zh: string;
  en: string;
  lon: number;
  lat: number;
}

export const MAX_TILES = 64;
export const MAX_NAMES = 20_000;
const NAME_ZOOM = 14;

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
  return [clamp(((lon + 180) / 360) * n), clamp((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
}

/** The tiles read: zoom NAME_ZOOM within the archive's zooms, lowered while the bounds hold more than MAX_TILES, then the nearest the centre. */
export function nameTiles(h: OpenedArchive['header']): Array<[number, number, number]> {
  let z = Math.max(h.minZoom, Math.min(h.maxZoom, NAME_ZOOM));
  const count = (zz: number) => {
    const [a, b] = [tileOf(h.minLon, h.maxLat, zz), tileOf(h.maxLon, h.minLat, zz)];
    return (b[0] - a[0] + 1) * (b[1] - a[1] + 1);
  };
  while (z > h.minZoom && z > 10 && count(z) > MAX_TILES) z--;
  const [a, b] = [tileOf(h.minLon, h.maxLat, z), tileOf(h.maxLon, h.minLat, z)];
  const [cx, cy] = tileOf(h.centerLon, h.centerLat, z);
  const tiles: Array<[number, number, number]> = [];
  // Walk only a window around the centre: a world archive at z10 has a million tiles.
  const r = Math.ceil(Math.sqrt(MAX_TILES));
  for (let x = Math.max(a[0], cx - r); x <= Math.min(b[0], cx + r); x++) for (let y = Math.max(a[1], cy - r); y <= Math.min(b[1], cy + r); y++) tiles.push([z, x, y]);
  tiles.sort((p, q) => Math.hypot(p[1] - cx, p[2] - cy) - Math.hypot(q[1] - cx, q[2] - cy));
  return tiles.slice(0, MAX_TILES);
}

interface RawFeature {
  tags: number[];
  x: number;
  y: number;
}

/** Named features of an MVT tile: [zh, en, tile x, tile y (0..extent)], extent. */
function readTile(data: Uint8Array, push: (zh: string, en: string, fx: number, fy: number) => void): void {
  const pbf = new PbfReader(data);
  pbf.readFields((tag, _, p) => {
    if (tag !== 3) return;
    const keys: string[] = [];
    const values: unknown[] = [];
    const features: RawFeature[] = [];
    let extent = 4096;
    p.readMessage((ltag, _l, lp) => {
      if (ltag === 3) keys.push(lp.readString());
      else if (ltag === 4) {
        let v: unknown = null;
        lp.readMessage((vtag, _v, vp) => {
          if (vtag === 1) v = vp.readString();
        }, null);
        values.push(v);
      } else if (ltag === 5) extent = lp.readVarint();
      else if (ltag === 2) {
        const f: RawFeature = { tags: [], x: NaN, y: NaN };
        lp.readMessage((ftag, _f, fp) => {
          if (ftag === 2) fp.readPackedVarint(f.tags);
          else if (ftag === 4) {
            const geom: number[] = [];
            fp.readPackedVarint(geom);
            // The first command is a MoveTo: its first point.
            if (geom.length >= 3 && (geom[0]! & 7) === 1) [f.x, f.y] = [unzig(geom[1]!), unzig(geom[2]!)];
          }
        }, null);
        features.push(f);
      }
      // Other fields (the version) are skipped by readFields.
    }, null);
    const at = (name: string) => keys.indexOf(name);
    const zhKeys = ['name:zh-Hans', 'name:zh', 'name'].map(at);
    const enKeys = ['name:en', 'name_en'].map(at);
    for (const f of features) {
      const prop = (ks: number[]) => {
        for (const k of ks) {
          if (k < 0) continue;
          for (let i = 0; i < f.tags.length; i += 2) if (f.tags[i] === k && typeof values[f.tags[i + 1]!] === 'string') return values[f.tags[i + 1]!] as string;
        }
        return '';
      };
      const zh = prop(zhKeys);
      if (zh && Number.isFinite(f.x)) push(zh, prop(enKeys), f.x / extent, f.y / extent);
    }
  }, null);
}

const unzig = (n: number) => (n >>> 1) ^ -(n & 1);

/** Tile fraction (x + fx, y + fy at z) to lon/lat. */
function lonLat(z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  return [(x / n) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI];
}

/** The archive's names (empty for a raster archive). A tile that cannot be read is skipped. */
export async function archiveNames(a: OpenedArchive, signal?: AbortSignal): Promise<ArchiveName[]> {
  if (a.format !== 'mvt') return [];
  const seen = new Map<string, ArchiveName>();
  for (const [z, x, y] of nameTiles(a.header)) {
    signal?.throwIfAborted();
    const tile = await a.archive.getZxy(z, x, y, signal).catch(() => undefined);
    if (!tile || tile.data.byteLength === 0) continue;
    try {
      readTile(new Uint8Array(tile.data), (zh, en, fx, fy) => {
        if (seen.has(zh) || seen.size >= MAX_NAMES) return;
        const [lon, lat] = lonLat(z, x + fx, y + fy);
        seen.set(zh, { zh, en, lon, lat });
      });
    } catch {
      // A tile that is not MVT: nothing of it is named.
    }
  }
  return [...seen.values()];
}
