/**
 * The app shell in a real browser: the map renders offline, districts are clickable, labels are
 * drawn without a glyph server and follow the language switch, and broken data is reported.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Browser } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { canvasSnapshot, canvasStats, changedPixelShare, openPage, outsideRequests, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';

const baseUrl = inject('baseUrl');
const districts = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../public/data/districts.geojson', import.meta.url)), 'utf8'),
) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { adcode: string; name: string }>;

/** A point well inside a district, computed independently of the app (turf, Node side). */
function pointInside(adcode: string): [number, number] {
  const f = districts.features.find((d) => d.properties.adcode === adcode)!;
  return turf.pointOnFeature(f).geometry.coordinates as [number, number];
}

let browser: Browser;
withBrowser((b) => (browser = b));

describe('app shell', () => {
  it('renders a non-blank map with no request leaving localhost', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    const stats = await canvasStats(page);
    // A blank canvas has variance ~0; the base map has sea, land, districts and lines.
    expect(stats.variance).toBeGreaterThan(100);
    expect(stats.distinctColours).toBeGreaterThan(20);
    expect(requests.length).toBeGreaterThan(5);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.locator('[data-testid="data-errors"]').count()).toBe(0);
    await screenshot(page, 'app-zh');
    await page.context().close();
  });

  it('opens Minhang’s panel with its Chinese name, population and plan when clicked', async () => {
    const { page, requests } = await openPage(browser, baseUrl);
    await waitForMap(page);
    const [lon, lat] = pointInside('310112');
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const pt = await page.evaluate(([x, y]) => window.__shanghaiMap!.project([x, y]), [lon, lat] as const);
    await page.mouse.move(box.x + pt.x, box.y + pt.y);
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    const panel = page.locator('[data-testid="district-panel"]');
    await panel.waitFor();
    expect(await page.locator('[data-testid="district-name"]').textContent()).toBe('闵行区');
    expect(await page.locator('[data-testid="district-adcode"]').textContent()).toBe('310112');
    // 2020 census figure from the shipped CSV, formatted with grouping.
    expect(await page.locator('[data-testid="district-population"]').textContent()).toBe('2,653,489');
    expect(await page.locator('[data-testid="district-plan"]').textContent()).toContain('闵府发〔2020〕16号');
    const area = Number((await page.locator('[data-testid="district-area"]').textContent())!.replace(/[^\d.]/g, ''));
    expect(area).toBeGreaterThan(365);
    expect(area).toBeLessThan(380);
    await page.waitForTimeout(300);
    await screenshot(page, 'minhang-panel-zh');
    expect(outsideRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it('draws labels without a glyph server, and the language switch changes them', async () => {
    const { page, requests } = await openPage(browser, baseUrl);
    await waitForMap(page);
    const zh = await canvasSnapshot(page);

    // Labels off: the difference to the labelled map is the labels themselves.
    await page.locator('[data-testid="layer-labels"]').uncheck();
    await waitForIdle(page);
    const noLabels = await canvasSnapshot(page);
    expect(await changedPixelShare(page, zh, noLabels)).toBeGreaterThan(0.002);
    await page.locator('[data-testid="layer-labels"]').check();
    await waitForIdle(page);

    await page.locator('[data-testid="lang-switch"]').click();
    await waitForIdle(page);
    const en = await canvasSnapshot(page);
    expect(await changedPixelShare(page, zh, en)).toBeGreaterThan(0.002);
    expect(await page.locator('h1').textContent()).toBe('Shanghai New Infrastructure Siting Map');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The placed labels are the English names.
    const rendered = await page.evaluate(() =>
      window.__shanghaiMap!.queryRenderedFeatures({ layers: ['district-labels'] }).map((f) => f.properties.name_en as string),
    );
    expect(rendered).toContain('Minhang District');
    const textField = await page.evaluate(() => window.__shanghaiMap!.getLayoutProperty('district-labels', 'text-field'));
    expect(JSON.stringify(textField)).toContain('name_en');
    await screenshot(page, 'app-en');
    // No glyph or font request at all, local or remote.
    expect(requests.filter((u) => /\.pbf|glyph|font/i.test(u))).toEqual([]);
    expect(outsideRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it('hides and shows the Outer Ring layer from the layer panel', async () => {
    const { page } = await openPage(browser, baseUrl);
    await waitForMap(page);
    const before = await canvasSnapshot(page);
    await page.locator('[data-testid="layer-outerRing"]').uncheck();
    await page.locator('[data-testid="layer-s20"]').uncheck();
    await waitForIdle(page);
    const after = await canvasSnapshot(page);
    expect(await page.evaluate(() => window.__shanghaiMap!.getLayoutProperty('outer-ring-fill', 'visibility'))).toBe('none');
    expect(await changedPixelShare(page, before, after)).toBeGreaterThan(0.005);
    await page.context().close();
  });

  it('keeps the view in the URL hash across a reload', async () => {
    const { page } = await openPage(browser, `${baseUrl}#11/31.05/121.40`);
    await waitForMap(page);
    const center = await page.evaluate(() => window.__shanghaiMap!.getCenter().toArray());
    expect(center[0]).toBeCloseTo(121.4, 2);
    expect(center[1]).toBeCloseTo(31.05, 2);
    expect(await page.evaluate(() => window.__shanghaiMap!.getZoom())).toBeCloseTo(11, 1);
    await page.context().close();
  });

  it('draws approximate zones dashed and says “approx.” on hover', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=en#12/31.03/121.44`);
    await waitForMap(page);
    const zones = await page.evaluate(() =>
      window.__shanghaiMap!.queryRenderedFeatures({ layers: ['zones-fill'] }).map((f) => ({
        id: f.properties.id as string,
        precision: f.properties.precision as string,
      })),
    );
    const approx = zones.find((z) => z.precision === 'approximate');
    expect(approx).toBeDefined();
    expect(await page.evaluate(() => window.__shanghaiMap!.getPaintProperty('zones-line-approx', 'line-dasharray'))).toBeTruthy();
    // Hover the zone at a point inside it computed on the Node side.
    const zonesFc = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../public/data/zones.geojson', import.meta.url)), 'utf8'),
    ) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { id: string }>;
    const zone = zonesFc.features.find((f) => f.properties.id === approx!.id)!;
    const [lon, lat] = turf.pointOnFeature(zone).geometry.coordinates as [number, number];
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const pt = await page.evaluate(([x, y]) => window.__shanghaiMap!.project([x, y]), [lon, lat] as const);
    await page.mouse.move(box.x + pt.x, box.y + pt.y);
    const tooltip = page.locator('[data-testid="hover-tooltip"]');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('approx.');
    await screenshot(page, 'zone-hover-en');
    await page.context().close();
  });

  it('reports a broken data file by name and place, and still draws the rest', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    // Serve a districts file whose third feature has latitude and longitude swapped.
    await page.route('**/data/districts.geojson', async (route) => {
      const response = await route.fetch();
      const fc = JSON.parse(await response.text());
      fc.features[2].geometry.coordinates[0][0] = [31.2, 121.4];
      await route.fulfill({ response, body: JSON.stringify(fc) });
    });
    await page.goto(baseUrl);
    await waitForMap(page);
    const errors = page.locator('[data-testid="data-errors"]');
    await errors.waitFor();
    const text = (await errors.textContent())!;
    expect(text).toContain('districts.geojson');
    expect(text).toContain('feature 3');
    expect(text).toMatch(/outside the Shanghai region/);
    const stats = await canvasStats(page);
    expect(stats.variance).toBeGreaterThan(100);
    await screenshot(page, 'broken-data');
    await context.close();
  });
});
