/**
 * The header's place search: 人民广场 found by 人民广场, renminguangchang, rmgc and People's Square;
 * Enter flies there (the station in the middle of the view, street zoom); `/` focuses the box;
 * a district picked from the list is selected (its panel opens); no request leaves the app's host.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, outsideRequests, screenshot, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';

const baseUrl = inject('baseUrl');
const stations = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/data/metro-stations.geojson', import.meta.url)), 'utf8')) as {
  features: Array<{ properties: { name_zh: string }; geometry: { coordinates: [number, number] } }>;
};
const square = stations.features.find((f) => f.properties.name_zh === '人民广场')!.geometry.coordinates;

let browser: Browser;
withBrowser((b) => (browser = b));

describe('place search', () => {
  it("finds 人民广场 four ways and flies there; a district is selected", async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await page.emulateMedia({ reducedMotion: 'reduce' }); // the flight ends at once
    await waitForMap(page);
    const box = page.locator('[data-testid="place-search"] input');
    await page.locator('body').press('/');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    for (const q of ['人民广场', 'renminguangchang', 'rmgc', "People's Square"]) {
      await box.fill(q);
      const station = page.locator('[role="option"][data-place="station:人民广场"]');
      await station.waitFor({ timeout: 30_000 });
      expect(await page.locator('[role="option"]').first().getAttribute('data-place'), q).toBe('station:人民广场');
    }
    await screenshot(page, 'search-list-zh');
    await box.press('Enter');
    await expect.poll(() => page.evaluate(() => window.__shanghaiMap!.getZoom())).toBeGreaterThanOrEqual(15);
    const [lon, lat] = await page.evaluate(() => window.__shanghaiMap!.getCenter().toArray());
    // The centre is the station (to a metre: the flight was a jump).
    expect(Math.abs(lon! - square[0]) * 95_000).toBeLessThan(2);
    expect(Math.abs(lat! - square[1]) * 111_000).toBeLessThan(2);
    await screenshot(page, 'search-flown-zh');

    await box.fill('minhang');
    await page.locator('[role="option"][data-place="district:310112"]').waitFor();
    await page.locator('[role="option"][data-place="district:310112"]').click();
    await expect.poll(() => page.locator('[data-testid="district-panel"]').textContent()).toContain('闵行区');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
