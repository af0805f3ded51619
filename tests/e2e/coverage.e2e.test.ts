/**
 * Coverage in a real browser: the illustrative sample's charging coverage of Minhang against turf,
 * a site added in a gap raising the share by its disc, hover read-outs, the gap / distance pictures,
 * and 10,000 sites loaded from a file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon, circle, difference, distance, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changedPixelShare, elementSnapshot, launchBrowser, openPage, outsideRequests, screenshot, waitForIdle, waitForMap } from './support/browser';

const baseUrl = inject('baseUrl');
const readJson = (file: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../public/data/${file}`, import.meta.url)), 'utf8')) as {
    features: Feature[];
  };
const districts = readJson('districts.geojson');
const ring = readJson('outer-ring-area.geojson').features[0] as Feature<Polygon | MultiPolygon>;
const sample = readJson('sample-scenario.geojson');
const MINHANG = '310112';
const minhang = districts.features.find((f) => f.properties!.adcode === MINHANG) as Feature<Polygon | MultiPolygon>;
const CHARGING = new Set(['ev-charging-pile', 'ev-fast-charging-pile', 'ev-charging-station']);
const chargingSites = sample.features
  .filter((f) => CHARGING.has(f.properties!.type as string))
  .map((f) => (f.geometry as unknown as { coordinates: [number, number] }).coordinates);

/** turf: share of Minhang within 0.9 km (inside the Outer Ring) / 1.5 km (outside) of `sites`. */
function turfMinhangShare(sites: [number, number][]): number {
  const [w, s, e, n] = [121.2, 30.95, 121.6, 31.25];
  const near = sites.filter(([x, y]) => x > w - 0.03 && x < e + 0.03 && y > s - 0.03 && y < n + 0.03);
  const inside = intersect(featureCollection([minhang, ring]));
  const outside = difference(featureCollection([minhang, ring]));
  const covered = (part: Feature<Polygon | MultiPolygon> | null, km: number) => {
    if (!part) return 0;
    const discs = near.map((p) => circle(p, km, { steps: 64, units: 'kilometers' }));
    const u = union(featureCollection(discs));
    const c = u && intersect(featureCollection([part, u]));
    return c ? area(c) : 0;
  };
  return (covered(inside, 0.9) + covered(outside, 1.5)) / area(minhang);
}

async function shareOf(page: Page, adcode: string): Promise<number> {
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
  const cell = page.locator(`[data-testid="coverage-row-${adcode}"] td[data-share]`);
  return Number(await cell.getAttribute('data-share'));
}

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'coverage-e2e-'));
});
afterAll(async () => {
  await browser?.close();
});

describe('coverage', () => {
  it('the illustrative sample loads, labelled so, and Minhang’s charging share agrees with turf', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="scenario-name"]').textContent()).toContain('示例');
    expect(await page.locator('[data-testid="scenario-name"] .illustrative-badge').textContent()).toContain('虚构');
    const share = await shareOf(page, MINHANG);
    const want = turfMinhangShare(chargingSites);
    expect(want).toBeGreaterThan(0.3);
    expect(want).toBeLessThan(0.95);
    expect(Math.abs(share - want)).toBeLessThan(0.005);
    // The scorecard's service-radius row reads the same engine.
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    const row = page.locator('[data-target-id="minhang-ev-charging-radius"] [data-testid="target-current"]');
    expect(await row.textContent()).toBe(`${(share * 100).toFixed(1)}%`);
    await screenshot(page, 'coverage-gaps-zh');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a charging site added in a Minhang gap raises the share by its disc; hover shows it and the distance', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const before = await shareOf(page, MINHANG);
    // The point of Minhang farthest from any charging site whose 1.6 km surroundings are all in
    // Minhang and outside the Outer Ring: its new 1.5 km disc counts wholly in Minhang's outside part.
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
    expect(best).not.toBeNull();
    expect(bestD).toBeGreaterThan(1.5); // a real gap: the point itself is uncovered
    const [lon, lat] = best!;
    const csv = join(dir, 'one-site.csv');
    writeFileSync(csv, `name,type,lon,lat\nGap filler,charging,${lon.toFixed(6)},${lat.toFixed(6)}\n`);
    await page.locator('[data-testid="load-sites"]').setInputFiles(csv);
    await page.waitForFunction(() => document.querySelector('[data-testid="load-report"]')?.textContent?.includes('loaded 1'));
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="coverage-row-310112"] td[data-share]')?.getAttribute('data-share')) > b,
      before,
      { timeout: 60_000 },
    );
    const after = await shareOf(page, MINHANG);
    // turf: the part of the new disc that no existing 1.5 km disc covered.
    const disc = circle([lon, lat], 1.5, { steps: 128, units: 'kilometers' });
    const neighbours = chargingSites
      .filter((s) => distance([lon, lat], s, { units: 'kilometers' }) < 3.1)
      .map((s) => circle(s, 1.5, { steps: 128, units: 'kilometers' }));
    const fresh = neighbours.length === 0 ? disc : difference(featureCollection([disc, ...neighbours]));
    const gain = fresh ? area(fresh) / area(minhang) : 0;
    expect(gain).toBeGreaterThan(0.005);
    expect(Math.abs(after - before - gain)).toBeLessThan(0.002);

    // Hover the new site, then a point 1 km east of it.
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 13 }), best!);
    await waitForIdle(page);
    const at = await page.evaluate(([x, y]) => window.__shanghaiMap!.project([x!, y!]), best!);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.waitForSelector('[data-testid="hover-site"]');
    expect(await page.locator('[data-testid="hover-site"]').textContent()).toContain('Gap filler');
    const east: [number, number] = [lon + 1 / (111.32 * Math.cos((lat * Math.PI) / 180)), lat];
    const pe = await page.evaluate(([x, y]) => window.__shanghaiMap!.project([x!, y!]), east);
    await page.mouse.move(box.x + pe.x, box.y + pe.y);
    await page.waitForFunction(() => !document.querySelector('[data-testid="hover-site"]'));
    const text = (await page.locator('[data-testid="hover-distance"]').textContent())!;
    const shown = Number(/([\d.]+) km/.exec(text)![1]);
    // The pointer lands on a whole pixel (≤ 10 m at zoom 13): compare with turf at the true position.
    const lngLat = await page.evaluate(([x, y]) => window.__shanghaiMap!.unproject([x!, y!]).toArray(), [pe.x, pe.y]);
    const want = Math.min(...[...chargingSites, best!].map((s) => distance(lngLat as [number, number], s, { units: 'kilometers' })));
    expect(Math.abs(shown - want)).toBeLessThan(0.011);
    expect(text).toContain('within the radius');
    await screenshot(page, 'coverage-hover-en');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('gap and distance pictures draw different pixels; hiding the picture removes them', async () => {
    const { page } = await openPage(browser, `${baseUrl}#10/31.1/121.45`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    await shareOf(page, MINHANG);
    const settle = async () => {
      await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]');
      await page.waitForTimeout(400);
    };
    await settle();
    const gaps = await elementSnapshot(page, '[data-testid="map"]');
    await page.locator('[data-testid="coverage-mode-distance"]').check();
    await settle();
    const dist = await elementSnapshot(page, '[data-testid="map"]');
    await screenshot(page, 'coverage-distance-zh');
    await page.locator('[data-testid="coverage-mode-none"]').check();
    await settle();
    const none = await elementSnapshot(page, '[data-testid="map"]');
    expect(await changedPixelShare(page, gaps, dist)).toBeGreaterThan(0.2);
    expect(await changedPixelShare(page, gaps, none)).toBeGreaterThan(0.1);
    await page.context().close();
  });

  it('10,000 sites from a file: all load, the scorecard and coverage update, nothing leaves the machine', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    await page.locator('[data-testid="clear-sites"]').click();
    expect(await shareOf(page, MINHANG)).toBe(0);
    // Seeded points over the city's land-and-water box (all inside the Shanghai region box).
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const rows = ['id,type,lon,lat'];
    for (let i = 0; i < 10_000; i++) rows.push(`s${i},charging,${(121.0 + rand() * 0.9).toFixed(6)},${(30.7 + rand() * 0.9).toFixed(6)}`);
    const csv = join(dir, 'ten-thousand.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const t0 = Date.now();
    await page.locator('[data-testid="load-sites"]').setInputFiles(csv);
    await page.waitForFunction(() => document.querySelector('[data-testid="load-report"]')?.textContent?.includes('loaded 10,000'), null, {
      timeout: 60_000,
    });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="coverage-row-310112"] td[data-share]')?.getAttribute('data-share')) > 0,
      null,
      { timeout: 60_000 },
    );
    console.log(`10,000 sites: file to updated coverage in ${Date.now() - t0} ms (headless, software WebGL)`);
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain('10,000');
    // Turf on the same points for Minhang (its own, independent computation).
    const points = rows.slice(1).map((r) => r.split(',').slice(2).map(Number) as [number, number]);
    const want = turfMinhangShare(points);
    expect(Math.abs((await shareOf(page, MINHANG)) - want)).toBeLessThan(0.005);
    await screenshot(page, 'coverage-10k-en');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
