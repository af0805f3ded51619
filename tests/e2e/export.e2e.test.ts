/**
 * Exports in a real browser: the PNG of the map view (decoded and compared with what the map shows),
 * the printable scorecard report (values equal to the scorecard panel's, verbatim citations, a map
 * snapshot, print media and a PDF), the sites CSV read back by the app's importer, and the gap
 * polygons against the coverage panel's uncovered km² and turf.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area } from '@turf/turf';
import type { Browser, Download, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { parseSiteFile } from '../../src/io/siteFile';
import { elementSnapshot, changedPixelShare, openPage, outsideRequests, screenshot, SCREENSHOT_DIR, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { MINHANG, sampleSiteCount } from './support/sample';

const baseUrl = inject('baseUrl');
const minhangSource = readFileSync(fileURLToPath(new URL('../../seeds/sources/000_71f8e23333d7bc4b.txt', import.meta.url)), 'utf8');

let browser: Browser;
withBrowser((b) => (browser = b));

/** The app has loaded, drawn, and the checker has answered the current scenario. */
async function ready(page: Page): Promise<void> {
  await waitForMap(page);
  await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
}

async function download(page: Page, testId: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator(`[data-testid="${testId}"]`).click()]);
  const path = await file.path();
  return { file, bytes: readFileSync(path) };
}

interface RegionStats {
  mean: [number, number, number];
  distinct: number;
  nearWhite: number;
  dark: number;
}

/** Decodes a PNG in the page (Chromium's decoder) and measures the map part and the legend part. */
async function pngStats(page: Page, png: Buffer, mapWidth: number): Promise<{ width: number; height: number; map: RegionStats; legend: RegionStats }> {
  return page.evaluate(
    async ([b64, split]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const stats = (x0: number, x1: number) => {
        const { data } = ctx.getImageData(x0, 0, x1 - x0, c.height);
        const colours = new Set<number>();
        let r = 0, g = 0, b = 0, white = 0, dark = 0;
        const n = data.length / 4;
        for (let i = 0; i < data.length; i += 4) {
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
          if (data[i]! > 245 && data[i + 1]! > 245 && data[i + 2]! > 245) white++;
          if (data[i]! + data[i + 1]! + data[i + 2]! < 200) dark++;
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        }
        return { mean: [r / n, g / n, b / n] as [number, number, number], distinct: colours.size, nearWhite: white / n, dark: dark / n };
      };
      return { width: img.width, height: img.height, map: stats(0, split), legend: stats(split, img.width) };
    },
    [png.toString('base64'), mapWidth] as const,
  );
}

/** The map part of a PNG (its left `width` × `height` pixels) as a data URL, to compare with a screenshot. */
async function cropPng(page: Page, png: Buffer, width: number, height: number): Promise<string> {
  return page.evaluate(
    async ([b64, w, h]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      c.getContext('2d')!.drawImage(img, 0, 0);
      return c.toDataURL('image/png');
    },
    [png.toString('base64'), width, height] as const,
  );
}

describe('export', () => {
  it('PNG of the map view: map + overlay as shown, a legend panel, attribution; not blank', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await ready(page);
    const canvas = await page.evaluate(() => {
      const c = window.__shanghaiMap!.getCanvas();
      return { width: c.width, height: c.height };
    });
    const { file, bytes } = await download(page, 'export-png');
    expect(file.suggestedFilename()).toMatch(/^map-\d{4}-\d{2}-\d{2}\.png$/);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(`${SCREENSHOT_DIR}export-map-zh.png`, bytes);

    const s = await pngStats(page, bytes, canvas.width);
    // The map at its own size, a 300 px legend panel to its right (device scale 1 here).
    expect(s.width).toBe(canvas.width + 300);
    expect(s.height).toBeGreaterThanOrEqual(canvas.height);
    // The map part is a drawn map, not a blank or single-colour canvas.
    expect(s.map.distinct).toBeGreaterThan(500);
    // The legend part is a white panel with text on it, unlike the map.
    expect(s.legend.nearWhite).toBeGreaterThan(0.6);
    expect(s.legend.dark).toBeGreaterThan(0.003);
    expect(s.map.nearWhite).toBeLessThan(0.3);
    const meanGap = Math.hypot(...s.map.mean.map((v, i) => v - s.legend.mean[i]!));
    expect(meanGap).toBeGreaterThan(20);

    // The map part is what the user sees: the base map AND the deck.gl gap overlay. Against a
    // screenshot of the map element only the HTML controls (zoom, scale, attribution, toolbar) and
    // the export's own scale bar and attribution strip may differ ...
    const shot = await elementSnapshot(page, '[data-testid="map"]');
    const crop = await cropPng(page, bytes, canvas.width, canvas.height);
    const vsScreen = await changedPixelShare(page, shot, crop);
    // ... while the MapLibre canvas alone lacks the red gap picture over much of the city.
    const baseOnly = await page.evaluate(() => window.__shanghaiMap!.getCanvas().toDataURL('image/png'));
    const vsBase = await changedPixelShare(page, baseOnly, crop);
    console.log(`PNG ${s.width}×${s.height}: map part vs screenshot ${(vsScreen * 100).toFixed(1)} % changed, vs base canvas ${(vsBase * 100).toFixed(1)} %`);
    expect(vsScreen).toBeLessThan(0.08);
    expect(vsBase).toBeGreaterThan(0.1);

    expect(await page.locator('[data-testid="export-status"]').getAttribute('data-kind')).toBe('ok');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('printable report for Minhang: the scorecard’s values, verbatim citations, a map snapshot; prints alone', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await ready(page);
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    const scorecard = await page.locator('[data-testid="scorecard"] [data-testid="target-row"]').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-target-id')!,
        current: r.querySelector('[data-testid="target-current"]')!.textContent,
        status: r.querySelector('[data-testid="target-status"]')!.textContent,
      })),
    );
    expect(scorecard.length).toBeGreaterThan(5);
    const cameraBefore = await page.evaluate(() => window.__shanghaiMap!.getCenter().toArray().concat(window.__shanghaiMap!.getZoom()));

    await page.locator('[data-testid="report-district"]').selectOption(MINHANG);
    await page.locator('[data-testid="open-report"]').click();
    const report = page.locator('[data-testid="report-view"]');
    await report.waitFor();
    await page.waitForSelector('[data-testid="report-map"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="report-title"]').textContent()).toContain('Minhang');
    expect(await page.locator('[data-testid="report-scenario"]').textContent()).toMatch(/Illustrative sample.*illustrative \(made up\)/);
    expect(await page.locator('[data-testid="report-date"]').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.locator('[data-testid="report-illustrative"]').count()).toBe(1);

    // Same targets, same values, same statuses as the scorecard panel.
    const rows = await report.locator('[data-target-id]').evaluateAll((trs) =>
      trs.map((r) => ({
        id: r.getAttribute('data-target-id')!,
        current: r.querySelector('[data-testid="report-current"]')!.firstChild!.textContent,
        status: r.querySelector('[data-testid="report-status"]')!.textContent,
        quote: r.querySelector('blockquote')!.textContent!.replace(/^「|」$/g, ''),
      })),
    );
    expect(rows.map(({ id, current, status }) => ({ id, current, status }))).toEqual(scorecard);
    for (const r of rows) expect(minhangSource, r.id).toContain(r.quote);
    // The charging radius row carries the coverage engine's figure, not a placeholder.
    expect(rows.find((r) => r.id === 'minhang-ev-charging-radius')!.current).toMatch(/^\d+\.\d%$/);

    // The snapshot is a real picture of the district, and the user's camera is back where it was.
    const snap = await page.locator('[data-testid="report-map"]').evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 16) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return { width: c.width, distinct: colours.size };
    });
    expect(snap.width).toBeGreaterThan(300);
    expect(snap.distinct).toBeGreaterThan(300);
    const cameraAfter = await page.evaluate(() => window.__shanghaiMap!.getCenter().toArray().concat(window.__shanghaiMap!.getZoom()));
    cameraAfter.forEach((v, i) => expect(v).toBeCloseTo(cameraBefore[i]!, 6));
    await page.screenshot({ path: `${SCREENSHOT_DIR}report-minhang-en.png`, fullPage: false });

    // Print: the app is hidden, the toolbar too; only the report is on paper.
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('root')!).display)).toBe('none');
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="report-targets"]').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}report-print-en.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`report PDF: ${pdf.length} bytes, ${pages} page(s)`);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pdf.length).toBeGreaterThan(50_000); // the map snapshot is in it
    // Kept for a person to open (tests/e2e/__output__/ is not committed).
    const outDir = fileURLToPath(new URL('./__output__/', import.meta.url));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}report-minhang-en.pdf`, pdf);
    await page.emulateMedia({ media: 'screen' });

    await page.locator('[data-testid="report-close"]').click();
    expect(await report.count()).toBe(0);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('?report=310110 opens Yangpu’s report straight away, in Chinese', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?report=310110`);
    await page.waitForSelector('[data-testid="report-map"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="report-title"]').textContent()).toContain('杨浦');
    expect(await page.locator('[data-testid="report-view"] [data-target-id="yangpu-5g-pole-sites-2021"]').count()).toBe(1);
    expect(await page.locator('[data-testid="report-current"]').first().textContent()).not.toBe('…');
    await screenshot(page, 'report-yangpu-zh');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('sites CSV reads back through the importer; Minhang’s gap polygons carry the panel’s uncovered km²', async () => {
    const { page, requests } = await openPage(browser, baseUrl);
    await ready(page);

    const csv = await download(page, 'export-csv-wgs84');
    expect(csv.file.suggestedFilename()).toMatch(/^sites-\d{4}-\d{2}-\d{2}-wgs84\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const back = parseSiteFile(text, { fileName: csv.file.suggestedFilename() });
    expect(back.rejected).toEqual([]);
    expect(back.sites).toHaveLength(sampleSiteCount);

    await page.locator('[data-testid="export-gaps-scope"]').selectOption(MINHANG);
    const gaps = await download(page, 'export-gaps');
    expect(gaps.file.suggestedFilename()).toMatch(/^coverage-gaps-310112-\d{4}-\d{2}-\d{2}\.geojson$/);
    const fc = JSON.parse(gaps.bytes.toString('utf8'));
    expect(fc.features).toHaveLength(1);
    const f = fc.features[0];
    expect(f.geometry.type).toBe('MultiPolygon');
    expect(f.properties).toMatchObject({ area_id: MINHANG, cell_m: 50, illustrative: true, radius_inside_km: 0.9, radius_outside_km: 1.5, crs: 'WGS-84 (EPSG:4326)' });
    const panelText = await page.locator(`[data-testid="coverage-row-${MINHANG}"] td`).nth(2).textContent();
    expect(f.properties.uncovered_km2.toFixed(1)).toBe(panelText!.replace(/,/g, ''));
    const turfKm2 = area(f) / 1e6;
    console.log(`Minhang gaps: turf ${turfKm2.toFixed(2)} km², engine ${f.properties.uncovered_km2} km², panel ${panelText}`);
    expect(Math.abs(turfKm2 - f.properties.uncovered_km2)).toBeLessThan(0.003 * f.properties.uncovered_km2 + 0.1);

    // The whole city: one feature per district, each with the panel's figure where the panel has one.
    await page.locator('[data-testid="export-gaps-scope"]').selectOption('all');
    const t0 = Date.now();
    const city = await download(page, 'export-gaps');
    const cityFc = JSON.parse(city.bytes.toString('utf8'));
    console.log(`whole-city gaps: ${(city.bytes.length / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s (download included)`);
    expect(cityFc.features).toHaveLength(16);
    for (const code of ['310112', '310110', '310151', '310120', '310106']) {
      const feature = cityFc.features.find((x: { properties: { area_id: string } }) => x.properties.area_id === code);
      const cell = await page.locator(`[data-testid="coverage-row-${code}"] td`).nth(2).textContent();
      expect(feature.properties.uncovered_km2.toFixed(1), code).toBe(cell!.replace(/,/g, ''));
    }
    expect(outsideRequests(requests)).toEqual([]);
    await page.context().close();
  });
});
