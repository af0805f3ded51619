/**
 * The user's tile server under the map: a test server draws a magenta mark at 人民广场 station, where
 * WGS-84 puts it (/wgs84/) or where GCJ-02 does (/gcj02/, as Chinese commercial tiles are). Read off
 * the map's canvas at zoom 16, the mark lands on the station's own pixel (± 2 px) with the right
 * setting for either server, and ~200 px away with the wrong one; the setting survives a reload;
 * remove takes the tiles away; requests go only to the app's origin and the typed server.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot, waitForIdle, waitForMap } from './support/browser';
import { startTileServer, type TileServer } from './support/tileServer';

const baseUrl = inject('baseUrl');
const stations = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/data/metro-stations.geojson', import.meta.url)), 'utf8')) as {
  features: Array<{ properties: { name_zh: string }; geometry: { coordinates: [number, number] } }>;
};
const station = stations.features.find((f) => f.properties.name_zh === '人民广场')!.geometry.coordinates;

let browser: Browser;
let tiles: TileServer;
beforeAll(async () => {
  browser = await launchBrowser();
  tiles = await startTileServer(station);
});
afterAll(async () => {
  await browser?.close();
  await tiles?.close();
});

/** The centre of the magenta pixels on the map's canvas (MapLibre alone), and how many there are. */
async function markOnCanvas(page: Page): Promise<{ x: number; y: number; n: number }> {
  await waitForIdle(page);
  return page.evaluate(
    () =>
      new Promise<{ x: number; y: number; n: number }>((done) => {
        const map = window.__shanghaiMap!;
        map.once('render', () => {
          const src = map.getCanvas();
          const c = document.createElement('canvas');
          c.width = src.width;
          c.height = src.height;
          const ctx = c.getContext('2d')!;
          ctx.drawImage(src, 0, 0);
          const { data, width } = ctx.getImageData(0, 0, c.width, c.height);
          let sx = 0;
          let sy = 0;
          let n = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
            if (r > 170 && b > 170 && g < 90 && r - g > 100) {
              const p = i / 4;
              sx += p % width;
              sy += Math.floor(p / width);
              n++;
            }
          }
          // Pixel centres.
          done({ x: n ? sx / n + 0.5 : NaN, y: n ? sy / n + 0.5 : NaN, n });
        });
        map.triggerRepaint();
      }),
  );
}

/** The metro lines, the station's circle and labels are drawn over the station: hidden, so the tiles' mark shows. */
async function hideLinesOverStation(page: Page) {
  for (const group of ['metro', 'stations', 'labels', 'roads']) {
    const box = page.locator(`[data-testid="layer-${group}"]`);
    if (await box.isChecked()) await box.uncheck();
  }
}

const stationPixel = (page: Page) => page.evaluate(([lon, lat]) => window.__shanghaiMap!.project([lon!, lat!]), station);

const sourceUrl = (page: Page) => page.evaluate(() => (window.__shanghaiMap!.getStyle().sources['user-tiles'] as { tiles?: string[] } | undefined)?.tiles?.[0] ?? null);

/** Fills the form and applies it; resolves once the map has the new source. */
async function applyTiles(page: Page, path: string, crs: 'wgs84' | 'gcj02') {
  const before = await sourceUrl(page);
  await page.locator('[data-testid="tiles-template"]').fill(`${tiles.url}/${path}/{z}/{x}/{y}.png`);
  await page.locator('[data-testid="tiles-crs"]').selectOption(crs);
  await page.locator('[data-testid="tiles-attribution"]').fill('Test tiles');
  await page.locator('[data-testid="tiles-apply"]').click();
  await expect.poll(() => sourceUrl(page)).not.toBe(before);
}

describe('tile server', () => {
  it('GCJ-02 and WGS-84 tiles line up with the station at zoom 16; the wrong setting does not; kept, removed; no other host', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.evaluate(([lon, lat]) => window.__shanghaiMap!.jumpTo({ center: [lon!, lat!], zoom: 16 }), station);
    await hideLinesOverStation(page);
    expect((await markOnCanvas(page)).n).toBe(0);

    for (const [path, crs] of [['gcj02', 'gcj02'], ['wgs84', 'wgs84']] as const) {
      await applyTiles(page, path, crs);
      const mark = await markOnCanvas(page);
      const at = await stationPixel(page);
      expect(mark.n, `${path} as ${crs}`).toBeGreaterThan(20);
      expect(Math.hypot(mark.x - at.x, mark.y - at.y), `${path} as ${crs}`).toBeLessThan(2);
      if (crs === 'gcj02') await screenshot(page, 'tiles-gcj02-z16');
    }

    // GCJ-02 tiles taken for WGS-84: the mark is where GCJ-02 puts the station, ~500 m off (zoom 15: ~240 px).
    await page.evaluate(() => window.__shanghaiMap!.setZoom(15));
    await applyTiles(page, 'gcj02', 'wgs84');
    const wrong = await markOnCanvas(page);
    const at = await stationPixel(page);
    expect(wrong.n).toBeGreaterThan(20);
    expect(Math.hypot(wrong.x - at.x, wrong.y - at.y)).toBeGreaterThan(150);

    // Kept across a reload.
    await applyTiles(page, 'gcj02', 'gcj02');
    await page.reload();
    await waitForMap(page);
    await page.evaluate(([lon, lat]) => window.__shanghaiMap!.jumpTo({ center: [lon!, lat!], zoom: 16 }), station);
    await hideLinesOverStation(page);
    const again = await markOnCanvas(page);
    const at2 = await stationPixel(page);
    expect(Math.hypot(again.x - at2.x, again.y - at2.y)).toBeLessThan(2);
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('Test tiles');

    await page.locator('[data-testid="tiles-remove"]').click();
    expect((await markOnCanvas(page)).n).toBe(0);

    const app = new URL(baseUrl).origin;
    const hosts = new Set(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')).map((u) => new URL(u).origin));
    hosts.delete(app);
    expect([...hosts]).toEqual([tiles.url]);
    expect(tiles.requests.every((r) => /^\/(wgs84|gcj02)\/\d+\/\d+\/\d+\.png$/.test(r))).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('refuses a template without {z}/{x}/{y} with the reason, and requests nothing', async () => {
    const { page } = await openPage(browser, baseUrl);
    await waitForMap(page);
    const before = tiles.requests.length;
    await page.locator('[data-testid="tiles-template"]').fill(`${tiles.url}/wgs84/tile.png`);
    await page.locator('[data-testid="tiles-apply"]').click();
    expect(await page.locator('[data-testid="tiles-error"]').textContent()).toContain('{z}');
    expect(await page.locator('[data-testid="tiles-current"]').count()).toBe(0);
    expect(tiles.requests.length).toBe(before);
    await page.context().close();
  });
});
