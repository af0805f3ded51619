/** The site bench/drag.ts and bench/renders.ts drag: the same one, so their figures describe the same drag. */
import { chargingSites, minhang, ring } from '../tests/e2e/support/sample';
import { booleanPointInPolygon, polygonToLine, pointToLineDistance } from '@turf/turf';
import type { LineString, MultiLineString, Feature } from 'geojson';
import type { Page } from 'playwright-core';
import { launchBrowser, screenPoint } from '../tests/e2e/support/browser';
import { startStaticServer } from '../tests/e2e/support/staticServer';

/** A steady hand: the drag's mouse moves, and the time between them. */
export const MOVES = 40;
export const MOVE_GAP_MS = 30;

/** A charging site of the sample in Minhang within 1 km of the Outer Ring, outside it (its drag crosses the ring part's edge). */
export function pickSite(): [number, number] {
  const line = polygonToLine(ring) as Feature<LineString | MultiLineString>;
  const lines = line.geometry.type === 'LineString' ? [line as Feature<LineString>] : line.geometry.coordinates.map((c) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: c } }));
  for (const s of chargingSites) {
    if (!booleanPointInPolygon(s, minhang) || booleanPointInPolygon(s, ring)) continue;
    const d = Math.min(...lines.map((l) => pointToLineDistance(s, l, { units: 'kilometers' })));
    if (d < 1) return s;
  }
  throw new Error('no sample charging site near the Outer Ring in Minhang');
}

/** Where the drag of `site` starts and ends on the page: 2 km west and a little north. */
export async function dragEnds(page: Page, site: [number, number]): Promise<{ from: { x: number; y: number }; to: { x: number; y: number } }> {
  const km = 2;
  const from = await screenPoint(page, site);
  const to = await screenPoint(page, [site[0] - km / (111.32 * Math.cos((site[1] * Math.PI) / 180)), site[1] + 0.004]);
  return { from, to };
}

/** Presses the mouse where it is (`from`), moves it to `to` in MOVES steps MOVE_GAP_MS apart, and lets go. */
export async function dragSteps(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) {
    const t = i / MOVES;
    await page.mouse.move(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
    await page.waitForTimeout(MOVE_GAP_MS);
  }
  await page.mouse.up();
}

/** Serves `dist` from loopback, opens Chromium and makes `runs` drags of the site with `one`, each given the page address. */
export async function dragRuns<T>(dist: string, runs: number, one: (url: string, browser: Awaited<ReturnType<typeof launchBrowser>>, site: [number, number]) => Promise<T>): Promise<T[]> {
  const server = await startStaticServer(dist);
  const browser = await launchBrowser();
  const site = pickSite();
  const out: T[] = [];
  try {
    for (let r = 0; r < runs; r++) out.push(await one(server.url, browser, site));
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
