/**
 * Townships (街道 / 镇) as the app holds them: the shipped polygons (8 districts) joined by those a
 * user imports, one per NBS 2023 code. The rule is the CLI's (`--townships`): a user's township
 * replaces the shipped one with the same code, and the others join. Pure, so the app, the worker and
 * the tests share it.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { byCodePoint } from './byCodePoint';

export interface TownshipProps {
  /** 9-digit NBS 2023 code; its first 6 digits are the district's adcode. */
  code: string;
  name: string;
  /** The district's adcode. */
  district: string;
  /** Where the polygon comes from. */
  source: 'shipped' | 'imported';
}

export interface TownshipFeature {
  type: 'Feature';
  geometry: Polygon | MultiPolygon;
  properties: TownshipProps;
}

export interface TownshipSet {
  type: 'FeatureCollection';
  /** Sorted by code. */
  features: TownshipFeature[];
}

interface Input {
  code: string;
  name: string;
  district: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * The shipped townships with a user's: same code → the user's replaces it, new code → it joins.
 * Sorted by code (the CLI's order).
 */
export function mergeTownships(shipped: readonly { geometry: Polygon | MultiPolygon; properties: { code: string; name: string; district: string } }[], imported: readonly Input[]): TownshipSet {
  const byCode = new Map<string, TownshipFeature>();
  for (const f of shipped) {
    const { code, name, district } = f.properties;
    byCode.set(code, { type: 'Feature', geometry: f.geometry, properties: { code, name, district, source: 'shipped' } });
  }
  for (const t of imported) {
    byCode.set(t.code, { type: 'Feature', geometry: t.geometry, properties: { code: t.code, name: t.name, district: t.district, source: 'imported' } });
  }
  return { type: 'FeatureCollection', features: [...byCode.values()].sort((a, b) => byCodePoint(a.properties.code, b.properties.code)) };
}

/** What an import did to the set: how many joined, how many replaced a shipped polygon, and in which districts. */
export function importEffect(shipped: readonly { properties: { code: string } }[], imported: readonly Input[]): { joined: number; replaced: number; districts: string[] } {
  const shippedCodes = new Set(shipped.map((f) => f.properties.code));
  const replaced = imported.filter((t) => shippedCodes.has(t.code)).length;
  return { joined: imported.length - replaced, replaced, districts: [...new Set(imported.map((t) => t.district))].sort() };
}

/** The townships of one district, in code order. */
export function townshipsOf(set: TownshipSet | null, district: string | null): TownshipFeature[] {
  if (!set || district === null) return [];
  return set.features.filter((f) => f.properties.district === district);
}

/** The district a township code belongs to (its first 6 digits). */
export function townshipDistrict(code: string): string {
  return code.slice(0, 6);
}

/** The kind of unit by its name: 镇 (town) or 街道 (subdistrict); 乡 (township) where named so. */
export function townshipKind(name: string): 'town' | 'subdistrict' | 'xiang' | 'other' {
  if (name.endsWith('街道')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'xiang';
  return 'other';
}

/** The [west, south, east, north] box of a township's polygon (for fitting the map to it). */
export function townshipBox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return [w, s, e, n];
}
