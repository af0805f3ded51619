/**
 * Key-zone boundaries the user brings in place of the shipped ones (15 of the 18 shipped zones are
 * approximations drawn from the plan texts): matching a file's feature to a zone by its id or name,
 * the checks a boundary must pass, and the zone collection in use — the shipped one with the user's
 * boundaries put in, each marked with its source and date (`user_source`, `user_saved_at`).
 *
 * Pure (no DOM): the app, the CLI (`--zones`) and the tests share it.
 */
import { area, bbox, centroid, distance, kinks } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Zone, ZoneCollection } from './geodata';

export type ZoneGeometry = Polygon | MultiPolygon;

/** A user's boundary for one zone, in WGS-84. */
export interface UserZone {
  id: string;
  geometry: ZoneGeometry;
  /** The file's name, or `drawn` for a boundary drawn on the map. */
  source: string;
  /** ISO time it was saved. */
  savedAt: string;
}

/** The source word of a boundary drawn on the map. */
export const DRAWN_SOURCE = 'drawn';

/** What a zone is matched by. */
export interface ZoneKeys {
  id: string;
  name: string;
  name_en: string;
}

/** Compared after NFKC, lower case, spaces, punctuation and dashes dropped: "Nanjing West Road" = "nanjing-west-road" = "南京西路". */
export const normaliseZoneName = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,'’()（）—–·、/]+/g, '');

export type ZoneMatch = { ok: true; id: string; by: 'id' | 'name' | 'normalised name' } | { ok: false; problem: string };

/**
 * The zone a feature names. Each value (an id or name field's text) is tried exactly against the
 * zones' ids and zh / en names, then normalised (normaliseZoneName); a normalised value that more
 * than one zone shares is ambiguous, never a guess.
 * @param values the feature's id / name texts, best first
 */
export function matchZone(values: readonly string[], zones: readonly ZoneKeys[]): ZoneMatch {
  const given = values.map((v) => v.trim()).filter((v) => v !== '');
  if (given.length === 0) return { ok: false, problem: 'it names no zone (give an id, name or name_en)' };
  for (const v of given) {
    const byId = zones.find((z) => z.id === v);
    if (byId) return { ok: true, id: byId.id, by: 'id' };
    const byName = zones.filter((z) => z.name === v || z.name_en === v);
    if (byName.length === 1) return { ok: true, id: byName[0]!.id, by: 'name' };
  }
  for (const v of given) {
    const n = normaliseZoneName(v);
    if (n === '') continue;
    const hits = zones.filter((z) => [z.id, z.name, z.name_en].some((k) => normaliseZoneName(k) === n));
    if (hits.length === 1) return { ok: true, id: hits[0]!.id, by: 'normalised name' };
    if (hits.length > 1) return { ok: false, problem: `"${v}" is ambiguous: it could be ${hits.map((h) => h.id).join(' or ')} (give the zone's id)` };
  }
  return { ok: false, problem: `no key zone is named ${given.map((v) => `"${v}"`).join(' or ')} (ids: ${zones.map((z) => z.id).join(', ')})` };
}

/** Shanghai's box with a margin (the region the site import also accepts). */
export const SHANGHAI_BOX = { west: 120.8, south: 30.6, east: 122.2, north: 31.95 } as const;
/** A user boundary whose centre lies farther than this from the shipped zone's is refused (a wrong system or a wrong zone). */
export const MAX_SHIFT_KM = 15;

const ringsOf = (g: ZoneGeometry): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

/**
 * What is wrong with `geometry` as the boundary of the zone whose shipped polygon is `shipped`
 * (empty: nothing). Checks: a closed ring of 4+ positions, every vertex in Shanghai's box, no ring
 * that crosses itself or another (turf kinks), a real area, and a centre within MAX_SHIFT_KM of the
 * shipped zone's.
 */
export function zoneGeometryProblems(geometry: ZoneGeometry, shipped: ZoneGeometry | undefined): string[] {
  const problems: string[] = [];
  const rings = ringsOf(geometry);
  if (rings.length === 0) return ['it has no ring'];
  for (const [i, r] of rings.entries()) {
    const first = r[0];
    const last = r[r.length - 1];
    if (r.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${i + 1} is not closed or has fewer than 3 corners`);
  }
  if (problems.length > 0) return problems;
  const outside = rings.flat().find(([x, y]) => !(x! >= SHANGHAI_BOX.west && x! <= SHANGHAI_BOX.east && y! >= SHANGHAI_BOX.south && y! <= SHANGHAI_BOX.north));
  if (outside) return [`(${outside[0]}, ${outside[1]}) is far from Shanghai (is the coordinate system right?)`];
  const crossings = kinks(geometry).features;
  if (crossings.length > 0) {
    const [x, y] = crossings[0]!.geometry.coordinates;
    problems.push(`it is self-intersecting (${crossings.length} crossing${crossings.length > 1 ? 's' : ''}, the first near ${x!.toFixed(5)}, ${y!.toFixed(5)})`);
  }
  const km2 = area(geometry) / 1e6;
  if (!(km2 > 1e-4)) problems.push(`its area is ${km2.toExponential(1)} km², not an area`);
  if (shipped && problems.length === 0) {
    const km = distance(centroid(geometry), centroid(shipped), { units: 'kilometers' });
    if (km > MAX_SHIFT_KM) problems.push(`its centre is ${km.toFixed(1)} km from the shipped zone's (over ${MAX_SHIFT_KM} km: a wrong zone or coordinate system?)`);
  }
  return problems;
}

/**
 * The zones in use: the shipped collection with each user boundary put in place of its zone's
 * polygon (an unknown id is left out). The same object when there is none.
 */
export function zonesInUse(shipped: ZoneCollection, user: ReadonlyMap<string, UserZone>): ZoneCollection {
  if (user.size === 0) return shipped;
  return {
    ...shipped,
    features: shipped.features.map((f) => {
      const u = user.get(f.properties.id);
      return u ? { ...f, geometry: u.geometry as Zone['geometry'], properties: { ...f.properties, user_source: u.source, user_saved_at: u.savedAt } } : f;
    }),
  };
}

/** The box of a zone's polygon [w, s, e, n] (for fitting the map). */
export const zoneBox = (g: ZoneGeometry): [number, number, number, number] => bbox(g) as [number, number, number, number];
