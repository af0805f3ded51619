/**
 * The shipped geometry and illustrative sample read from disk, and independent turf computations on
 * them, for the browser tests to compare the app's numbers with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon, circle, difference, distance, featureCollection, intersect, union } from '@turf/turf';
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

/** turf: share of Minhang within 0.9 km (inside the Outer Ring) / 1.5 km (outside) of `sites`. */
export function turfMinhangShare(sites: [number, number][]): number {
  const [w, s, e, n] = [121.2, 30.95, 121.6, 31.25];
  const near = sites.filter(([x, y]) => x > w - 0.03 && x < e + 0.03 && y > s - 0.03 && y < n + 0.03);
  const inside = intersect(featureCollection([minhang, ring]));
  const outside = difference(featureCollection([minhang, ring]));
  const covered = (part: Area | null, km: number) => {
    if (!part) return 0;
    const discs = near.map((p) => circle(p, km, { steps: 64, units: 'kilometers' }));
    const u = union(featureCollection(discs));
    const c = u && intersect(featureCollection([part, u]));
    return c ? area(c) : 0;
  };
  return (covered(inside, 0.9) + covered(outside, 1.5)) / area(minhang);
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

/** turf: the share of Minhang a new 1.5 km disc at `p` adds to the sample's charging coverage. */
export function turfGainAt(p: [number, number]): number {
  const disc = circle(p, 1.5, { steps: 128, units: 'kilometers' });
  const neighbours = chargingSites
    .filter((s) => distance(p, s, { units: 'kilometers' }) < 3.1)
    .map((s) => circle(s, 1.5, { steps: 128, units: 'kilometers' }));
  const fresh = neighbours.length === 0 ? disc : difference(featureCollection([disc, ...neighbours]));
  return fresh ? area(fresh) / area(minhang) : 0;
}

/** Minhang's covered share as the coverage panel shows it, once the worker has caught up. */
export async function shareOf(page: Page, adcode: string): Promise<number> {
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
  const cell = page.locator(`[data-testid="coverage-row-${adcode}"] td[data-share]`);
  return Number(await cell.getAttribute('data-share'));
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
