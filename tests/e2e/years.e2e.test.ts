/**
 * Years in a real browser (issue #18): a CSV whose sites carry a 建成年份 column, the as-of control
 * set to 2020, and the scorecard's "new" count and Minhang's charging coverage moving to the values
 * this test computes itself (counts by hand, coverage with turf); the year-by-year timeline shows
 * and the share link carries the as-of year.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSiteFile } from '../../src/io/siteFile';
import { launchBrowser, openPage, outsideRequests, screenshot, waitForMap } from './support/browser';
import { MINHANG, shareOf, turfMinhangShare } from './support/sample';

const baseUrl = inject('baseUrl');
const FIXTURE = fileURLToPath(new URL('../fixtures/sites/minhang-charging-years.csv', import.meta.url));
const TARGET = 'minhang-ev-charging-piles-new-2022';
const CHARGING = new Set(['ev-charging-pile', 'ev-fast-charging-pile', 'ev-charging-station']);

// The file as the test reads it: sites, years and units, to count by hand below.
const sites = parseSiteFile(readFileSync(FIXTURE, 'utf8'), { format: 'csv' }).sites;
const charging = sites.filter((s) => CHARGING.has(s.type));
/** Units of the Minhang "new piles" target by hand: piles (capacity, 1 when absent) built in 2020..asOf. */
const newUnits = (asOf: number) =>
  sites.filter((s) => s.type === 'ev-charging-pile' && s.year !== undefined && s.year >= 2020 && s.year <= asOf).reduce((n, s) => n + (s.capacity ?? 1), 0);
const coordsBuiltBy = (asOf: number | null) => charging.filter((s) => asOf === null || s.year === undefined || s.year <= asOf).map((s): [number, number] => [s.lon, s.lat]);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'years-e2e-'));
});
afterAll(async () => {
  await browser?.close();
});

describe('years', () => {
  it('a CSV with years: as of 2020 the new count and the charging coverage drop to the hand and turf figures; the timeline shows each year', async () => {
    // The fixture's piles by hand: mh-5 (1, 2020), mh-2 (4, 2021), mh-4 (6, 2022) are new; mh-1 (2018) and
    // mh-6 (2019) came before the plan period; mh-3 (2 piles) has no year.
    expect([2020, 2021, 2022].map(newUnits)).toEqual([1, 1 + 4, 1 + 4 + 6]);
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 180_000 });
    await page.locator('[data-testid="clear-sites"]').click();
    const csv = join(dir, 'minhang-years.csv');
    copyFileSync(FIXTURE, csv);
    await page.locator('[data-testid="load-sites"]').setInputFiles(csv);
    await page.locator('[data-testid="imp-confirm"]').click();
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    const row = page.locator(`[data-target-id="${TARGET}"]`);
    await row.waitFor();
    const current = async () => (await row.locator('[data-testid="target-current"]').textContent())!.trim();

    // Every site: new = piles of 2020–2022; the pile without a year is "year unknown".
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-target-id="${id}"] [data-testid="target-current"]`)?.textContent?.trim() === want,
      [TARGET, String(newUnits(2022))] as const,
      { timeout: 60_000 },
    );
    const unknown = row.locator('[data-testid="target-year-unknown"]');
    expect(await unknown.getAttribute('data-n')).toBe('2');
    expect(await unknown.textContent()).toContain('年份不详 2 个');
    expect(await page.locator('[data-testid="plan-period"]').textContent()).toContain('2020–2022');
    const shareAll = await shareOf(page, MINHANG);
    // Engine vs turf: measured 0.09 pp on the sample (coverage.e2e); 0.22 pp allowed.
    expect(Math.abs(shareAll - turfMinhangShare(coordsBuiltBy(null)))).toBeLessThan(0.0022);

    // The timeline: the target's value at the end of 2020, 2021, 2022.
    const timeline = row.locator('[data-testid="target-timeline"]');
    await timeline.waitFor();
    expect(await timeline.getAttribute('data-values')).toBe([2020, 2021, 2022].map(newUnits).join(','));
    expect(await timeline.locator('rect').count()).toBe(3);

    // As of 2020: the 2021 and 2022 sites are not built yet.
    await page.locator('[data-testid="as-of-year"]').selectOption('2020');
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-target-id="${id}"] [data-testid="target-current"]`)?.textContent?.trim() === want,
      [TARGET, String(newUnits(2020))] as const,
      { timeout: 60_000 },
    );
    expect(await current()).toBe('1');
    expect(await unknown.getAttribute('data-n')).toBe('2');
    const share2020 = await shareOf(page, MINHANG);
    const want2020 = turfMinhangShare(coordsBuiltBy(2020));
    expect(want2020).toBeLessThan(turfMinhangShare(coordsBuiltBy(null)) - 0.005);
    expect(Math.abs(share2020 - want2020), `engine ${share2020} vs turf ${want2020}`).toBeLessThan(0.0022);
    // The as-of year's bar is outlined.
    expect(await timeline.locator('rect.tl-asof').count()).toBe(1);
    await page.locator('[data-testid="scorecard"]').screenshot({ path: 'test-results/years-scorecard-zh.png' });
    await row.screenshot({ path: 'test-results/years-new-piles-zh.png' });
    await screenshot(page, 'years-2020-zh');

    // Back to every site: the figures return.
    await page.locator('[data-testid="as-of-year"]').selectOption('');
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-target-id="${id}"] [data-testid="target-current"]`)?.textContent?.trim() === want,
      [TARGET, String(newUnits(2022))] as const,
      { timeout: 60_000 },
    );
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
