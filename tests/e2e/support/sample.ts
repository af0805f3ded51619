/**
 * The shipped geometry and illustrative sample read from disk, and independent turf computations on
 * them, for the browser tests to compare the app's numbers with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area, bbox, bboxClip, booleanPointInPolygon, circle, difference, distance, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';

type Area = Feature<Polygon | MultiPolygon>;
const readJson = (file: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../public/data/${file}`, import.meta.url)), 'utf8')) as { features: Feature[] };

export const MINHANG = '310112';
const districts = readJson('districts.geojson');
export const ring = readJson('outer-ring-area.geojson').features[0] as Area;
export const minhang = districts.features.find((f) => f.properties!.adcode === MINHANG) as Area;
const sample = readJson('sample-scenario.geojson');
const CHARGING = new Set(['ev-charging-pile', 'ev-fast-charging-pile', 'ev-charging-station']);
export const sampleSiteCount = sample.features.length;
export const chargingSites = sample.features
  .filter((f) => CHARGING.has(f.properties!.type as string))
  .map((f) => (f.geometry as unknown as { coordinates: [number, number] }).coordinates);

/** Which ground a share counts: Minhang's land (∩ public/data/land.geojson, the app's default) or its whole polygon. */
export type Ground = 'land' | 'polygon';

/** Minhang's land: the district ∩ the land layer cut to its box (degenerate rings of the cut dropped). */
export const minhangLand: Area = (() => {
  const [w, s, e, n] = bbox(minhang);
  const pieces = readJson('land.geojson')
    .features.map((f) => bboxClip(f as Area, [w - 0.01, s - 0.01, e + 0.01, n + 0.01]) as Area)
    .map((f): Area => {
      const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((p) => p.filter((r) => r.length >= 4)).filter((p) => p.length > 0);
      return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } };
    })
    .filter((f) => (f.geometry as MultiPolygon).coordinates.length > 0);
  const land = pieces.length === 1 ? pieces[0]! : (union(featureCollection(pieces)) as Area);
  return intersect(featureCollection([minhang, land])) as Area;
})();

const groundOf = (ground: Ground): Area => (ground === 'land' ? minhangLand : minhang);

/** turf: share of Minhang (its land, or its polygon) within 0.9 km (inside the Outer Ring) / 1.5 km (outside) of `sites`. */
export function turfMinhangShare(sites: [number, number][], ground: Ground = 'land'): number {
  const [w, s, e, n] = [121.2, 30.95, 121.6, 31.25];
  const near = sites.filter(([x, y]) => x > w - 0.03 && x < e + 0.03 && y > s - 0.03 && y < n + 0.03);
  const scope = groundOf(ground);
  const inside = intersect(featureCollection([scope, ring]));
  const outside = difference(featureCollection([scope, ring]));
  const covered = (part: Area | null, km: number) => {
    if (!part) return 0;
    const discs = near.map((p) => circle(p, km, { steps: 64, units: 'kilometers' }));
    const u = union(featureCollection(discs));
    const c = u && intersect(featureCollection([part, u]));
    return c ? area(c) : 0;
  };
  return (covered(inside, 0.9) + covered(outside, 1.5)) / area(scope);
}

/**
 * The point of Minhang farthest from any sample charging site whose 1.6 km surroundings are all in
 * Minhang and outside the Outer Ring (a 1.5 km disc there counts wholly in Minhang's outside part),
 * with its distance to the nearest charging site in km.
 */
export function minhangGap(): { point: [number, number]; nearestKm: number } {
  let best: [number, number] | null = null;
  let bestD = 0;
  for (let x = 121.25; x <= 121.58; x += 0.005) {
    for (let y = 30.98; y <= 31.22; y += 0.005) {
      const p: [number, number] = [x, y];
      if (!booleanPointInPolygon(p, minhang) || booleanPointInPolygon(p, ring)) continue;
      const d = Math.min(...chargingSites.map((s) => distance(p, s, { units: 'kilometers' })));
      if (d <= bestD) continue;
      const edge = circle(p, 1.6, { steps: 16, units: 'kilometers' }).geometry.coordinates[0]!;
      if (edge.every((q) => booleanPointInPolygon(q, minhang) && !booleanPointInPolygon(q, ring))) {
        best = p;
        bestD = d;
      }
    }
  }
  if (!best) throw new Error('no gap point found in Minhang');
  return { point: best, nearestKm: bestD };
}

/** turf: the share of Minhang (its land, or its polygon) a new 1.5 km disc at `p` adds to the sample's charging coverage. */
export function turfGainAt(p: [number, number], ground: Ground = 'land'): number {
  const disc = circle(p, 1.5, { steps: 128, units: 'kilometers' });
  const neighbours = chargingSites
    .filter((s) => distance(p, s, { units: 'kilometers' }) < 3.1)
    .map((s) => circle(s, 1.5, { steps: 128, units: 'kilometers' }));
  const fresh = neighbours.length === 0 ? disc : difference(featureCollection([disc, ...neighbours]));
  const scope = groundOf(ground);
  const counted = fresh && intersect(featureCollection([fresh, scope]));
  return counted ? area(counted) / area(scope) : 0;
}

/** A district's covered share as the coverage panel shows it (land, or the polygon column), once the worker has caught up. */
export async function shareOf(page: Page, adcode: string, ground: Ground = 'land'): Promise<number> {
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
  const attr = ground === 'land' ? 'data-share' : 'data-share-polygon';
  const cell = page.locator(`[data-testid="coverage-row-${adcode}"] td[${attr}]`);
  return Number(await cell.getAttribute(attr));
}

/** Waits until the worker has caught up and the district's share differs from `from`; returns it. */
export async function waitForShareChange(page: Page, adcode: string, from: number): Promise<number> {
  await page.waitForFunction(
    ([code, b]) =>
      document.querySelector('[data-testid="sites-note"]')?.getAttribute('data-pending') === 'false' &&
      Number(document.querySelector(`[data-testid="coverage-row-${code}"] td[data-share]`)?.getAttribute('data-share')) !== b,
    [adcode, from] as const,
    { timeout: 60_000 },
  );
  return shareOf(page, adcode);
}
