/**
 * Importing site files in a real browser: the Excel-style GCJ-02 CSV of charging stations (offset
 * warning → one-click conversion → points where the truth says), export and re-import giving the
 * same file, a file full of mistakes (every bad row named; HTML in a name shown as text; swapped
 * columns fixed on request; cancel leaves the scenario alone), 200,000 rows parsed in the worker with
 * a moving progress bar while the page keeps answering, a file over the size limit, a file dropped
 * on the map, a GBK file, and the column-mapping dialog.
 */
import { mkdtempSync, readFileSync, writeFileSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { badRowsOf, largeCsv } from '../fixtures/import/largeCsv';
import { haversineM } from '../io/referenceCrs';
import { launchBrowser, openPage, outsideRequests, screenshot, waitForIdle, waitForMap } from './support/browser';

const baseUrl = inject('baseUrl');
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const truth = (JSON.parse(readFileSync(fixture('stations.truth.json'), 'utf8')) as { sites: { id: string; lon: number; lat: number }[] }).sites;

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
});
afterAll(async () => {
  await browser?.close();
});

/** The scenario's site count as the scorecard states it. */
async function siteCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="sites-note"]').textContent()) ?? '';
  return Number(/([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="import-dialog"][data-stage="ready"]', { timeout: 120_000 });
}

async function exportGeojson(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-geojson"]').click()]);
  const path = join(dir, name);
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

describe('import', () => {
  it('a GCJ-02 CSV: offset warning, one-click conversion, points within 10 m of the truth; export and re-import give the same file', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="sites-note"]');
    await page.locator('[data-testid="load-sites"]').setInputFiles(fixture('stations-gcj02.csv'));
    await ready(page);
    const warning = page.locator('[data-testid="imp-offset-warning"]');
    await warning.waitFor();
    expect(await warning.getAttribute('data-likely')).toBe('gcj02');
    expect(await warning.textContent()).toContain('GCJ-02');
    expect(await page.locator('[data-testid="imp-crs-wgs84"]').isChecked()).toBe(true);
    await screenshot(page, 'import-offset-warning-zh');

    await page.locator('[data-testid="imp-convert"]').click();
    await ready(page);
    await page.locator('[data-testid="imp-offset-ok"]').waitFor();
    expect(await page.locator('[data-testid="imp-crs-gcj02"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="imp-summary"]').getAttribute('data-good')).toBe(String(truth.length));
    await page.locator('[data-testid="imp-mode-replace"]').check();
    await page.locator('[data-testid="imp-confirm"]').click();
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await page.waitForFunction((n) => document.querySelector('[data-testid="load-report"]')?.textContent?.includes(`已加载 ${n}`), truth.length);
    expect(await siteCount(page)).toBe(truth.length);

    // Where the points are: the app's own export, compared with the fixture's WGS-84 truth.
    const exported = await exportGeojson(page, 'converted.geojson');
    const features = (JSON.parse(exported) as { features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[] }).features;
    expect(features).toHaveLength(truth.length);
    for (const t of truth) {
      const f = features.find((x) => x.properties.id === t.id)!;
      expect(haversineM(f.geometry.coordinates, [t.lon, t.lat]), t.id).toBeLessThan(10);
    }

    // On the map, next to the metro stations they were taken from (look at the screenshot).
    const [lon, lat] = [truth[9]!.lon, truth[9]!.lat];
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 15 }), [lon, lat]);
    await waitForIdle(page);
    await screenshot(page, 'import-converted-map-zh');

    // Re-import the export, replacing: the scenario exports to the very same file.
    await page.locator('[data-testid="load-sites"]').setInputFiles(join(dir, 'converted.geojson'));
    await ready(page);
    expect(await page.locator('[data-testid="imp-rejected"]').count()).toBe(0);
    await page.locator('[data-testid="imp-mode-replace"]').check();
    await page.locator('[data-testid="imp-confirm"]').click();
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await exportGeojson(page, 'again.geojson')).toBe(exported);

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a file full of mistakes: each bad row named, HTML shown as text, swapped rows fixed on request, cancel changes nothing', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
    const before = await siteCount(page);
    const title = await page.title();
    await page.locator('[data-testid="load-sites"]').setInputFiles(fixture('garbage.csv'));
    await ready(page);
    const rows = await page.locator('[data-testid="imp-rejected"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [Number(tr.getAttribute('data-row')), ...[...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)]),
    );
    expect(rows).toContainEqual([3, 'lon', 'longitude is missing', '']);
    expect(rows).toContainEqual([4, 'lat', 'latitude is not a number', 'north']);
    expect(rows).toContainEqual([5, 'lon', 'longitude and latitude look swapped', '31.2304, 121.4737']);
    expect(rows).toContainEqual([7, 'type', 'unknown facility type "teleporter"', 'teleporter']);
    expect(rows).toContainEqual([8, 'id', 'duplicate id "g1" (first used in row 2)', 'g1']);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([3, 4, 5, 6, 7, 8, 12, 14, 16]));
    // A value with HTML in it is shown as the text it is: no element made from it.
    expect(rows).toContainEqual([16, 'type', 'unknown facility type "<img src=x onerror=alert(1)>"', '<img src=x onerror=alert(1)>']);
    expect(await page.locator('.imp-dialog img').count()).toBe(0);
    const suspicious = await page.locator('[data-testid="imp-suspicious"] tbody tr').evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute('data-row')), tr.getAttribute('data-code')]));
    expect(suspicious).toEqual([
      [9, 'samePosition'],
      [10, 'outsideCity'],
    ]);
    expect(await page.locator('[data-testid="imp-summary"]').getAttribute('data-good')).toBe('5');
    await screenshot(page, 'import-report-en');

    await page.locator('[data-testid="imp-fix-swapped"]').click();
    await ready(page);
    expect(await page.locator('[data-testid="imp-summary"]').getAttribute('data-good')).toBe('6');
    expect(await page.locator('[data-testid="imp-swapped-offer"]').count()).toBe(0);

    // Swapped back, row 5 sits where row 2 does: one more row to check. Leaving out the three rows
    // to check imports 3; cancelling imports nothing at all.
    expect(await page.locator('[data-testid="imp-suspicious"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))).toEqual(['5', '5', '9', '10']);
    await page.locator('[data-testid="imp-skip-suspicious"]').check();
    expect(await page.locator('[data-testid="imp-confirm"]').textContent()).toBe('Import 3 sites');
    await page.locator('[data-testid="imp-cancel"]').click();
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(await siteCount(page)).toBe(before);

    // Imported for real, the HTML name stays text: no element made from it, and its script never ran.
    await page.locator('[data-testid="load-sites"]').setInputFiles(fixture('garbage.csv'));
    await ready(page);
    await page.locator('[data-testid="imp-confirm"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="load-report"]')?.textContent?.includes('loaded 5'));
    await page.waitForFunction((n) => document.querySelector('[data-testid="sites-note"]')?.textContent?.includes((n + 5).toLocaleString('en-US')), before);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.title()).toBe(title);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('200,000 rows: parsed in the worker with a moving progress bar while the page keeps answering', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
    const before = await siteCount(page);
    const file = join(dir, 'large.csv');
    writeFileSync(file, largeCsv(200_000));
    // Every progress value the bar shows, recorded in the page as it changes.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __progress: number[] }).__progress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="imp-progress"]');
        const f = Number(bar?.getAttribute('data-fraction'));
        if (bar && seen.at(-1) !== f) seen.push(f);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-fraction'] });
    });
    await page.locator('[data-testid="load-sites"]').setInputFiles(file);
    await page.waitForSelector('[data-testid="imp-progress"][data-phase="parsing"]', { timeout: 60_000 });
    await screenshot(page, 'import-progress-en');
    // While the worker parses, the page runs animation frames and answers: count the answers that
    // came back with the parse still going.
    let answeredWhileParsing = 0;
    for (;;) {
      const state = await page.evaluate(
        () =>
          new Promise<string | null>((ok) =>
            requestAnimationFrame(() => ok(document.querySelector('[data-testid="import-dialog"]')?.getAttribute('data-stage') ?? null)),
          ),
      );
      if (state === 'working') answeredWhileParsing++;
      else break;
    }
    expect(answeredWhileParsing).toBeGreaterThan(0);
    await ready(page);
    const seen = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
    const parsing = seen.filter((f) => f > 0 && f < 1);
    expect(parsing.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    expect(parsing.every((f, i) => i === 0 || f >= parsing[i - 1]!)).toBe(true);
    expect(await page.locator('[data-testid="imp-summary"]').getAttribute('data-good')).toBe(String(200_000 - badRowsOf(200_000).length));
    expect(await page.locator('[data-testid="imp-rejected"] tbody tr').count()).toBe(badRowsOf(200_000).length);
    await screenshot(page, 'import-large-en');
    await page.locator('[data-testid="imp-cancel"]').click();
    expect(await siteCount(page)).toBe(before);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a file over the size limit is refused with a clear message, and nothing changes', async () => {
    const { page } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
    const before = await siteCount(page);
    const file = join(dir, 'huge.csv');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 61 * 1024 * 1024); // sparse: no 61 MB written to disk
    closeSync(fd);
    await page.locator('[data-testid="load-sites"]').setInputFiles(file);
    const message = page.locator('[data-testid="imp-too-large"]');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/61\.0 MB.*60 MB/);
    await screenshot(page, 'import-too-large-zh');
    await page.locator('[data-testid="imp-cancel"]').click();
    expect(await siteCount(page)).toBe(before);
    await page.context().close();
  });

  it('a GBK file dropped on the map opens the dialog, Chinese intact; a second file dropped with it is named as not read', async () => {
    const { page } = await openPage(browser, baseUrl);
    await waitForMap(page);
    const bytes = [...readFileSync(fixture('stations-gbk.csv'))];
    // A real drag from the desktop cannot be scripted; the same events with a real File can.
    await page.evaluate(async (b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'stations-gbk.csv', { type: 'text/csv' }));
      const target = document.querySelector('[data-testid="map"]')!;
      const fire = (type: string) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      fire('dragenter');
      fire('dragover');
      await new Promise((ok) => requestAnimationFrame(ok));
    }, bytes);
    await page.locator('[data-testid="imp-drop-overlay"]').waitFor();
    await screenshot(page, 'import-drop-overlay-zh');
    await page.evaluate(async (b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'stations-gbk.csv', { type: 'text/csv' }));
      dt.items.add(new File(['lon,lat\n121.4,31.2\n'], 'second.csv', { type: 'text/csv' }));
      document.querySelector('[data-testid="map"]')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, bytes);
    await ready(page);
    expect(await page.locator('[data-testid="imp-left-out"]').textContent()).toMatch(/second\.csv/);
    expect(await page.locator('[data-testid="imp-drop-overlay"]').count()).toBe(0);
    expect(await page.locator('[data-testid="imp-file"]').textContent()).toContain('GB18030');
    expect(await page.locator('[data-testid="imp-summary"]').getAttribute('data-good')).toBe('10');
    await page.locator('[data-testid="imp-mode-replace"]').check();
    await page.locator('[data-testid="imp-confirm"]').click();
    const exported = await exportGeojson(page, 'gbk.geojson');
    expect(exported).toContain('白银路站充电站');
    await page.context().close();
  });

  it('unsure columns: the mapping dialog opens, and the chosen type column reads every row', async () => {
    const { page } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.locator('[data-testid="load-sites"]').setInputFiles(fixture('unsure-columns.csv'));
    await ready(page);
    await page.locator('[data-testid="imp-columns"]').waitFor();
    expect(await page.locator('[data-testid="imp-column-lon"]').inputValue()).toBe('坐标X');
    expect(await page.locator('[data-testid="imp-confirm"]').isDisabled()).toBe(true);
    await screenshot(page, 'import-columns-zh');
    await page.locator('[data-testid="imp-column-type"]').selectOption('设施');
    await page.locator('[data-testid="imp-columns-apply"]').click();
    await ready(page);
    expect(await page.locator('[data-testid="imp-summary"]').getAttribute('data-good')).toBe('5');
    expect(await page.locator('[data-testid="imp-rejected"]').count()).toBe(0);
    await page.context().close();
  });
});
