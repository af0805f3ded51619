/**
 * A tile server the user gives for the base map (an office's 天地图 or GIS server, an intranet XYZ /
 * WMTS-as-XYZ endpoint): its URL template, attribution, zoom range, coordinate system, and how it is
 * shown. Validated here so a bad template is refused with the reason before any request is made;
 * the app requests tiles only from the URL typed.
 */
import { z } from 'zod';

/** WGS-84 / CGCS2000 (the same to well under a metre for a map), or GCJ-02 (most Chinese commercial tiles). */
export const TILE_CRS = ['wgs84', 'gcj02'] as const;
export type TileCrs = (typeof TILE_CRS)[number];

export type TemplateProblem = 'not-http' | 'missing-placeholder' | 'bad-url';

/** Why a URL template cannot be used, or null. `{z}`, `{x}` and `{y}` (or `{-y}`, TMS rows) are required. */
export function templateProblem(template: string): TemplateProblem | null {
  const t = template.trim();
  if (!/^https?:\/\//i.test(t)) return 'not-http';
  if (!t.includes('{z}') || !t.includes('{x}') || !(t.includes('{y}') || t.includes('{-y}'))) return 'missing-placeholder';
  try {
    new URL(t.replace(/\{-?[a-z]\}/g, '0'));
  } catch {
    return 'bad-url';
  }
  return null;
}

export const userTilesSchema = z
  .object({
    template: z.string().max(2000).refine((t) => templateProblem(t) === null, { message: 'a http(s) URL with {z}, {x} and {y}' }),
    crs: z.enum(TILE_CRS),
    attribution: z.string().max(300),
    minzoom: z.number().int().min(0).max(22),
    maxzoom: z.number().int().min(0).max(22),
    opacity: z.number().min(0).max(1),
    visible: z.boolean(),
  })
  .refine((s) => s.minzoom <= s.maxzoom, { message: 'minzoom must not exceed maxzoom', path: ['maxzoom'] });

export type UserTiles = z.infer<typeof userTilesSchema>;

export const DEFAULT_USER_TILES: Omit<UserTiles, 'template'> = { crs: 'wgs84', attribution: '', minzoom: 0, maxzoom: 19, opacity: 1, visible: true };

/** The template's origin: the one host tiles are requested from. */
export function tileOrigin(template: string): string {
  return new URL(template.trim().replace(/\{-?[a-z]\}/g, '0')).origin;
}

/** A tile's URL from the template (`{-y}`: the row counted from the south, as TMS servers do). */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template
    .trim()
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{-y}', String(2 ** z - 1 - y))
    .replaceAll('{y}', String(y));
}
