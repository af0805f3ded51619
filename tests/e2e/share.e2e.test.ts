/**
 * Share links in a real browser: the dialog's link, opened in a fresh browser context (no saved
 * work), shows the same sites (compared through each page's own GeoJSON export), view, layers,
 * selection and language; a tampered, truncated or foreign-version link shows a clear message over
 * the default map; a scenario too large for a link is offered as a file instead. Nothing is
 * requested from any host but loopback.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEFAULT_VISIBILITY } from '../../src/map/baseStyle';
import { encodeShareState, MAX_STATE_CHARS } from '../../src/share/urlState';
import { canvasStats, openPage, outsideRequests, screenPoint, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { MINHANG, minhangGap, sampleSiteCount } from './support/sample';

const baseUrl = inject('baseUrl');

let browser: Browser;
withBrowser((b) => (browser = b));

interface ExportedFile {
  scenario: unknown;
  features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }>;
}

/** The scenario as the page's own "Export GeoJSON" writes it. */
async function exportScenario(page: Page): Promise<ExportedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-geojson"]').click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportedFile;
}

const settled = (page: Page) => page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 90_000 });
const mapView = (page: Page) => page.evaluate(() => ({ center: window.__shanghaiMap!.getCenter().toArray(), zoom: window.__shanghaiMap!.getZoom() }));

describe('share link', () => {
  it('opened in a fresh browser shows the same sites, view, layers, selection and language', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await settled(page);
    const { point } = minhangGap();
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 11.5 }), point);
    await waitForIdle(page);
    // Add a charging site in Minhang's gap (the link then differs from the sample), then select
    // Minhang with a click 1 km away (the district panel would cover the toolbar if opened first).
    const at = await screenPoint(page, point);
    await page.locator('[data-testid="tool-add"]').click();
    await page.locator('[data-testid="add-type"]').selectOption('ev-charging-station');
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('[data-testid="site-editor"]');
    await page.keyboard.press('Escape');
    const beside = await screenPoint(page, [point[0] + 0.0105, point[1]]);
    await page.mouse.click(beside.x, beside.y);
    await page.waitForSelector('[data-testid="district-adcode"]');
    expect(await page.locator('[data-testid="district-adcode"]').textContent()).toBe(MINHANG);
    await page.locator('[data-testid="scorecard-zone"]').selectOption('maqiao-ai-zone');
    await page.locator('[data-testid="lang-switch"]').click();
    await page.locator('[data-testid="layer-metro"]').uncheck();
    await settled(page);
    // The map writes its view into the fragment after it stops moving; the dialog reads it there.
    await page.waitForFunction(() => location.hash.startsWith('#11.5/'));
    const sent = await mapView(page);
    const file = await exportScenario(page);
    expect(file.features).toHaveLength(sampleSiteCount + 1);

    await page.locator('[data-testid="share-open"]').click();
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    expect(link.startsWith(`${baseUrl}#s=1.`)).toBe(true);
    expect(link.length).toBeLessThan(MAX_STATE_CHARS);
    expect(await page.locator('[data-testid="embed-snippet"]').inputValue()).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#s=1\.[\w-]+" width="800" height="560"/);
    await screenshot(page, 'share-dialog-en');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();

    // A fresh context: no saved scenarios, nothing shared with the first.
    const fresh = await openPage(browser, link);
    const p2 = fresh.page;
    await waitForMap(p2);
    await p2.waitForSelector('[data-testid="share-link-notice"][data-kind="opened"]', { timeout: 90_000 });
    await settled(p2);
    expect(await p2.locator('[data-testid="lang-switch"]').textContent()).toBe('中文');
    expect(await p2.locator('[data-testid="layer-metro"]').isChecked()).toBe(false);
    expect(await p2.evaluate(() => window.__shanghaiMap!.getLayoutProperty('metro-lines', 'visibility'))).toBe('none');
    expect(await p2.locator('[data-testid="district-adcode"]').textContent()).toBe(MINHANG);
    expect(await p2.locator('[data-testid="scorecard-zone"]').inputValue()).toBe('maqiao-ai-zone');
    const got = await mapView(p2);
    expect(Math.abs(got.center[0]! - sent.center[0]!)).toBeLessThan(1e-5);
    expect(Math.abs(got.center[1]! - sent.center[1]!)).toBeLessThan(1e-5);
    expect(Math.abs(got.zoom - sent.zoom)).toBeLessThan(0.01);

    const received = await exportScenario(p2);
    expect(received.scenario).toEqual(file.scenario);
    expect(received.features.map((f) => f.properties)).toEqual(file.features.map((f) => f.properties));
    // Coordinates travel at 1e-6°; the sample's are stored at that precision, the clicked site is rounded.
    received.features.forEach((f, i) => {
      const [x, y] = file.features[i]!.geometry.coordinates;
      expect(Math.abs(f.geometry.coordinates[0] - x)).toBeLessThanOrEqual(5e-7 + 1e-12);
      expect(Math.abs(f.geometry.coordinates[1] - y)).toBeLessThanOrEqual(5e-7 + 1e-12);
    });
    await waitForIdle(p2);
    await screenshot(p2, 'share-opened-en');
    expect(outsideRequests(fresh.requests)).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await p2.context().close();
  });

  it('that is tampered, truncated or from another version shows why over the default map', async () => {
    const made = encodeShareState({
      view: { lon: 121.4, lat: 31.1, zoom: 12 },
      lang: 'en',
      layers: { ...DEFAULT_VISIBILITY, metro: false },
      district: MINHANG,
      zone: null,
      coverage: null,
      scenario: { meta: null, sites: [{ id: 'x', type: 'ev-charging-station', lon: 121.4, lat: 31.1, status: 'planned' }] },
    });
    if (!made.ok) throw new Error('encode failed');
    const middle = Math.floor(made.text.length / 2);
    const swap = made.text[middle] === 'A' ? 'B' : 'A';
    const bad = {
      tampered: `${made.text.slice(0, middle)}${swap}${made.text.slice(middle + 1)}`,
      truncated: made.text.slice(0, -6),
      'other version': `7${made.text.slice(1)}`,
    };
    for (const [what, text] of Object.entries(bad)) {
      const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}#s=${text}`);
      await waitForMap(page);
      const notice = page.locator('[data-testid="share-link-notice"][data-kind="error"]');
      await notice.waitFor();
      expect(await notice.textContent(), what).toContain('分享链接无法读取，显示默认地图');
      expect(await notice.textContent(), what).toMatch(what === 'other version' ? /其他版本/ : /损坏或不完整/);
      // The default map: Chinese, metro shown, no district selected, the sample loaded.
      expect(await page.locator('[data-testid="lang-switch"]').textContent()).toBe('English');
      expect(await page.locator('[data-testid="layer-metro"]').isChecked()).toBe(true);
      expect(await page.locator('[data-testid="district-panel"]').count()).toBe(0);
      await settled(page);
      expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain(sampleSiteCount.toLocaleString('en-US'));
      expect((await canvasStats(page)).variance).toBeGreaterThan(100);
      if (what === 'tampered') await screenshot(page, 'share-bad-link-zh');
      expect(outsideRequests(requests)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
  });

  it('pasted into an open tab opens as a new scenario (the work there kept); a zoom or centre outside the map is brought inside and said', async () => {
    const link = (view: { lon: number; lat: number; zoom: number }, id: string) => {
      const made = encodeShareState({
        view,
        lang: 'en',
        layers: DEFAULT_VISIBILITY,
        district: null,
        zone: null,
        coverage: null,
        scenario: { meta: null, sites: [{ id, type: 'ev-charging-station', lon: 121.4, lat: 31.1, status: 'planned' }] },
      });
      if (!made.ok) throw new Error('encode failed');
      return made.text;
    };
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await settled(page);
    await page.locator('[data-testid="clear-sites"]').click(); // work of this tab: an emptied sample
    await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') === 'false');
    // Pasted into the address bar: only the fragment changes. Zoom 3 is below the map's 7.
    await page.evaluate((text) => (window.location.hash = `#s=${text}`), link({ lon: 121.45, lat: 31.15, zoom: 3 }, 'pasted-1'));
    const notice = page.locator('[data-testid="share-link-notice"][data-kind="opened"]');
    await notice.waitFor({ timeout: 90_000 });
    await settled(page);
    // The page reloaded: its map is made once the first numbers are shown (src/ui/firstNumbers.ts).
    await waitForMap(page);
    expect(await page.locator('[data-testid="share-view-adjusted"]').textContent()).toContain("The link's zoom 3 is outside the map's range (7–17); shown at the nearest zoom the map allows.");
    // The map opened as far out as it goes (its extent may hold it above zoom 7), not on the default view.
    const view = await mapView(page);
    const farthest = await page.evaluate(() => {
      const map = window.__shanghaiMap!;
      const keep = { center: map.getCenter(), zoom: map.getZoom() };
      map.jumpTo({ zoom: 0 });
      const z = map.getZoom();
      map.jumpTo(keep);
      return z;
    });
    expect(view.zoom).toBeCloseTo(farthest, 2);
    // The tab's own scenario is still there beside the opened one.
    expect(await page.locator('[data-testid^="scenario-item-"]').count()).toBe(2);
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain('Sites in the scenario: 1');
    await screenshot(page, 'share-pasted-zoom-clamped-en');

    // A centre outside the map's extent and a zoom above its range, opened fresh.
    const far = await openPage(browser, `${baseUrl}#s=${link({ lon: 120.2, lat: 31.0, zoom: 22 }, 'far-1')}`);
    await waitForMap(far.page);
    await far.page.locator('[data-testid="share-link-notice"][data-kind="opened"]').waitFor({ timeout: 90_000 });
    const text = (await far.page.locator('[data-testid="share-view-adjusted"]').textContent()) ?? '';
    expect(text).toContain("The link's zoom 22 is outside the map's range (7–17)");
    expect(text).toContain("The link's map centre lies outside the map's extent");
    const farView = await mapView(far.page);
    expect(farView.zoom).toBeCloseTo(17, 2);
    // At the extent's west edge (120.7°E), the link's latitude kept.
    expect(Math.abs(farView.center[0] - 120.7)).toBeLessThan(0.01);
    expect(farView.center[1]).toBeCloseTo(31.0, 3);
    expect(consoleErrors).toEqual([]);
    expect(far.consoleErrors).toEqual([]);
    await far.page.context().close();
    await page.context().close();
  });

  it('too large for a link is offered as a scenario file instead', async () => {
    const { page, requests } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await settled(page);
    await page.locator('[data-testid="clear-sites"]').click();
    // 2,500 charging sites spread over Minhang (a fixed pseudo-random sequence), as a CSV import.
    let seed = 12345;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 2500 }, (_, i) => `m${i},charging,${(121.25 + next() * 0.33).toFixed(6)},${(30.98 + next() * 0.24).toFixed(6)},planned`);
    const csv = ['ID,Type,Longitude,Latitude,Status', ...rows].join('\n');
    await page.locator('[data-testid="load-sites"]').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The import dialog: WGS-84 as written, added to the (empty) scenario.
    await page.locator('[data-testid="imp-confirm"]:not([disabled])').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sites-note"]')?.textContent?.includes('2,500'), undefined, { timeout: 60_000 });
    await page.locator('[data-testid="share-open"]').click();
    const tooLarge = page.locator('[data-testid="share-too-large"]').first();
    await tooLarge.waitFor();
    expect(await tooLarge.textContent()).toMatch(/too large for a link.*2,500 sites, [\d,]+ characters > 8,000/);
    expect(await page.locator('[data-testid="share-link"]').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="share-export-file"]').first().click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportedFile;
    expect(exported.features).toHaveLength(2500);
    expect(exported.features[0]!.properties.id).toBe('m0');
    await screenshot(page, 'share-too-large-en');
    expect(outsideRequests(requests)).toEqual([]);
    await page.context().close();
  });
});
