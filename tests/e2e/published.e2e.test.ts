/**
 * Published data in a real browser: the build served with a deployer's `published/` folder beside it
 * (index.json and its files). Both pages open on the published dataset instead of the sample, show its
 * title, date, source and licence and no "illustrative" label; `embed.html?published=ID` picks another
 * entry (a GCJ-02 CSV, converted); a file with bad rows is reported by file and row, and the page still
 * draws its good rows. No request leaves the test server.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, outsideRequests, screenshot, waitForMap } from './support/browser';
import { DIST } from './support/distFolder';
import { startStaticServer, type StaticServer } from './support/staticServer';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url))));
const truth = JSON.parse(new TextDecoder().decode(fixture('stations.truth.json'))) as { sites: Array<{ id: string; lon: number; lat: number }> };

/** Five charging stations around People's Square, as a district office might publish them. */
const STATIONS = {
  type: 'FeatureCollection',
  features: [
    [121.4737, 31.2304],
    [121.4801, 31.2352],
    [121.4652, 31.2268],
    [121.4899, 31.2217],
    [121.4588, 31.2401],
  ].map(([lon, lat], i) => ({
    type: 'Feature',
    properties: { name: `发布站点 ${i + 1}`, type: 'ev-charging-station', status: 'existing', capacity: 4 + i },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  })),
};
const entry = (id: string, file: string, extra: Record<string, string> = {}) => ({
  id,
  file,
  title: { zh: `${id} 公共充电站（测试发布）`, en: `${id} public chargers (test publication)` },
  date: '2022-12-31',
  source: '测试区发展和改革委员会',
  licence: 'CC BY 4.0',
  ...extra,
});
const BAD_CSV = 'name,type,lon,lat\nGood 1,charging,121.47,31.23\nBad lon,charging,east,31.2\nGood 2,charging,121.49,31.24\n';

let browser: Browser;
let server: StaticServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer(DIST, {
    'published/index.json': JSON.stringify([entry('stations', 'stations.geojson'), entry('gcj', 'stations-gcj02.csv', { crs: 'gcj02' }), entry('broken', 'broken.csv')]),
    'published/stations.geojson': JSON.stringify(STATIONS),
    'published/stations-gcj02.csv': fixture('stations-gcj02.csv'),
    'published/broken.csv': BAD_CSV,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('published data', () => {
  it('the embed opens on the first published entry, another by ?published=ID, and reports a broken file by row', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${server.url}embed.html`, { width: 1000, height: 640 });
    await page.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
    expect(Number(await page.locator('[data-testid="embed-site-count"]').getAttribute('data-count'))).toBe(5);
    expect(await page.locator('[data-testid="embed-scenario-name"]').textContent()).toContain('stations 公共充电站（测试发布）');
    const note = (await page.locator('[data-testid="published-note"]').textContent()) ?? '';
    expect(note).toContain('2022-12-31');
    expect(note).toContain('测试区发展和改革委员会');
    expect(note).toContain('CC BY 4.0');
    expect(await page.locator('.illustrative-badge').count()).toBe(0);
    expect(await page.locator('[data-testid="embed-scenario-error"]').count()).toBe(0);
    await screenshot(page, 'published-embed-zh');

    await page.goto(`${server.url}embed.html?published=gcj`);
    await page.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
    expect(Number(await page.locator('[data-testid="embed-site-count"]').getAttribute('data-count'))).toBe(truth.sites.length);
    expect(await page.locator('[data-testid="published-note"]').getAttribute('data-published-id')).toBe('gcj');

    await page.goto(`${server.url}embed.html?published=broken`);
    await page.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
    const error = (await page.locator('[data-testid="embed-scenario-error"]').textContent()) ?? '';
    expect(error).toContain('published/broken.csv');
    expect(error).toContain('row 3, lon');
    expect(Number(await page.locator('[data-testid="embed-site-count"]').getAttribute('data-count'))).toBe(2);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('the app, on a first visit, opens on the published dataset with its provenance, not the sample', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, server.url);
    await waitForMap(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.textContent?.includes('stations'), undefined, { timeout: 60_000 });
    expect(await page.locator('[data-testid="sites-panel"] .illustrative-badge').count()).toBe(0);
    expect(await page.locator('[data-testid="sites-panel"] [data-testid="published-note"]').textContent()).toContain('CC BY 4.0');
    await page.waitForFunction(() => document.querySelector('[data-testid="site-counts"]')?.textContent?.includes('5'), undefined, { timeout: 60_000 });
    await screenshot(page, 'published-app-zh');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('the deployer’s tile archive beside the index draws under the embed, read by range requests', async () => {
    const archive = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/tiles/peoples-square-vector.pmtiles', import.meta.url))));
    const withTiles = await startStaticServer(DIST, {
      'published/index.json': JSON.stringify({ datasets: [entry('stations', 'stations.geojson')], embed: { tiles: { archive: 'roads.pmtiles' } } }),
      'published/stations.geojson': JSON.stringify(STATIONS),
      'published/roads.pmtiles': archive,
    });
    try {
      const { page, requests, consoleErrors } = await openPage(browser, `${withTiles.url}embed.html`, { width: 1000, height: 640 });
      await page.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
      // The index written as an object: its datasets open as before.
      expect(Number(await page.locator('[data-testid="embed-site-count"]').getAttribute('data-count'))).toBe(5);
      await page.waitForFunction(() => window.__shanghaiMap!.getSource('tile-archive') !== undefined, undefined, { timeout: 60_000 });
      await page.evaluate(() => window.__shanghaiMap!.jumpTo({ center: [121.4737, 31.2304], zoom: 15 }));
      // The archive's roads are on the map (its features decoded from range reads) and drawn under the app's layers.
      await page.waitForFunction(() => window.__shanghaiMap!.querySourceFeatures('tile-archive', { sourceLayer: 'roads' }).length > 0, undefined, { timeout: 60_000 });
      const order = await page.evaluate(() => {
        const ids = window.__shanghaiMap!.getStyle().layers.map((l) => ({ id: l.id, source: (l as { source?: string }).source }));
        return { firstArchive: ids.findIndex((l) => l.source === 'tile-archive'), districts: ids.findIndex((l) => l.source === 'districts') };
      });
      expect(order.firstArchive).toBeGreaterThanOrEqual(0);
      expect(order.firstArchive).toBeLessThan(order.districts);
      expect(requests.some((u) => u.endsWith('/published/roads.pmtiles'))).toBe(true);
      expect(await page.locator('[data-testid="embed-tiles-error"]').count()).toBe(0);
      await screenshot(page, 'published-embed-archive');
      expect(outsideRequests(requests)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    } finally {
      await withTiles.close();
    }
  }, 300_000);

  it('the deployer’s default language and view open both pages unless the address gives its own', async () => {
    const view = { lon: 121.4737, lat: 31.2304, zoom: 14 };
    const withDefaults = await startStaticServer(DIST, {
      'published/index.json': JSON.stringify({ datasets: [entry('stations', 'stations.geojson')], lang: 'en', view }),
      'published/stations.geojson': JSON.stringify(STATIONS),
    });
    const opened = async (path: string, ready: string) => {
      const { page, requests, consoleErrors } = await openPage(browser, `${withDefaults.url}${path}`, { width: 1000, height: 640 });
      await page.waitForSelector(ready, { timeout: 90_000 });
      await waitForMap(page);
      // The settings arrive after the map exists: wait for them to have been applied (or not) and the map to rest.
      await page.waitForFunction(() => document.documentElement.lang !== '' && !window.__shanghaiMap!.isMoving(), undefined, { timeout: 30_000 });
      await page.waitForTimeout(500);
      const got = await page.evaluate(() => {
        const m = window.__shanghaiMap!;
        return { lang: document.documentElement.lang, lon: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
      });
      expect(outsideRequests(requests)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
      return got;
    };
    const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
      Math.hypot((a.lon - b.lon) * 111_320 * Math.cos((b.lat * Math.PI) / 180), (a.lat - b.lat) * 110_574);
    try {
      const embed = await opened('embed.html', '[data-testid="embed"][data-ready="true"]');
      expect(embed.lang).toBe('en');
      // MapLibre's fragment keeps 6 decimals (≤ 0.1 m); the jump itself is exact.
      expect(metres(embed, view)).toBeLessThan(1);
      expect(embed.zoom).toBeCloseTo(view.zoom, 2);
      // The address wins: lang= keeps its language, a map fragment its view.
      const asked = await opened('embed.html?lang=zh#12/31.1/121.5', '[data-testid="embed"][data-ready="true"]');
      expect(asked.lang).toBe('zh-CN');
      expect(metres(asked, { lon: 121.5, lat: 31.1 })).toBeLessThan(1);
      expect(asked.zoom).toBeCloseTo(12, 2);
      // The full app opens the same way.
      const app = await opened('index.html', '[data-testid="sites-panel"]');
      expect(app.lang).toBe('en');
      expect(metres(app, view)).toBeLessThan(1);
      expect(app.zoom).toBeCloseTo(view.zoom, 2);
    } finally {
      await withDefaults.close();
    }
  }, 300_000);
});
