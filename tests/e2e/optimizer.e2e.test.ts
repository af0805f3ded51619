/**
 * The siting optimiser in a real browser: close Jing'an's charging gap (0.9 km inside the Outer Ring
 * / 1.5 km outside, the sample's charging sites kept), check the result's claim against the coverage
 * panel after "accept all", and that one undo takes every accepted site back. Staging by year (issue
 * #18): best 4 staged two a year from 2021; a zero budget is refused with a message; "add to the
 * scenario with years" gives each site its staged year, and the as-of control then counts only what is
 * built by each year — as of 2021 the layer holds the sample's sites and the two of 2021, and the
 * coverage panel (the map's own engine on the city grid) shows the share the staging re-measured for
 * 2021; as of 2020 neither year's sites, and the share before.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, outsideRequests, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { sampleSiteCount, shareOf } from './support/sample';

const baseUrl = inject('baseUrl');
const JINGAN = '310106';

let browser: Browser;
withBrowser((b) => (browser = b));

/** Waits until the coverage panel has caught up and shows a share for `adcode` other than `from`. */
async function shareChange(page: Page, adcode: string, from: number): Promise<number> {
  await page.waitForFunction(
    ([code, b]) =>
      document.querySelector('[data-testid="sites-note"]')?.getAttribute('data-pending') === 'false' &&
      Number(document.querySelector(`[data-testid="coverage-row-${code}"] td[data-share]`)?.getAttribute('data-share')) !== b,
    [adcode, from] as const,
    { timeout: 60_000 },
  );
  return shareOf(page, adcode);
}

/** Runs best N for Jing'an from the panel and waits for the result. */
async function runBestN(page: Page, n: number) {
  await page.locator('[data-testid="opt-district"]').selectOption(JINGAN);
  await page.locator('[data-testid="opt-goal-bestn"]').check();
  await page.locator('[data-testid="opt-n"]').fill(String(n));
  await page.locator('[data-testid="opt-run"]').click();
  const result = page.locator('[data-testid="opt-result"]');
  await result.waitFor({ timeout: 120_000 });
  expect(Number(await result.getAttribute('data-sites'))).toBe(n);
  return result;
}

/** The coverage layer's site count as of the chosen year, once the worker has caught up and it equals `want`. */
async function layerSites(page: Page, want: number): Promise<number> {
  await page
    .waitForFunction(
      (n) =>
        document.querySelector('[data-testid="sites-note"]')?.getAttribute('data-pending') === 'false' &&
        Number(document.querySelector('[data-testid="layer-sites"]')?.getAttribute('data-n')) === n,
      want,
      { timeout: 60_000 },
    )
    .catch(() => undefined);
  return Number(await page.locator('[data-testid="layer-sites"]').getAttribute('data-n'));
}

describe('siting optimizer', () => {
  it("closes Jing'an's charging gap; accepted sites raise the share to the claim; undo takes them back", async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const before = await shareOf(page, JINGAN);
    expect(before).toBeLessThan(1);

    await page.locator('[data-testid="opt-district"]').selectOption(JINGAN);
    await page.locator('[data-testid="opt-goal-close"]').check();
    await page.locator('[data-testid="opt-target"]').fill('100');
    await page.locator('[data-testid="opt-run"]').click();
    await page.waitForSelector('[data-testid="opt-progress"]', { timeout: 10_000 }).catch(() => undefined);
    const result = page.locator('[data-testid="opt-result"]');
    await result.waitFor({ timeout: 120_000 });

    const count = Number(await result.getAttribute('data-sites'));
    const claimed = Number(await result.getAttribute('data-share-after'));
    const recheck = Number(await result.getAttribute('data-recheck'));
    expect(count).toBeGreaterThan(0);
    expect(claimed).toBeGreaterThan(before);
    // The optimiser's own claim agrees with its coverage-engine re-measurement.
    expect(recheck).toBe(claimed);
    // Which solver ran and what is known about optimality are stated.
    expect(['heuristic', 'exact']).toContain(await result.getAttribute('data-solver'));
    expect((await page.locator('[data-testid="opt-solver-used"]').textContent())!.length).toBeGreaterThan(5);
    expect((await page.locator('[data-testid="opt-bound"]').textContent())!.length).toBeGreaterThan(5);
    expect(await page.locator('[data-testid^="opt-site-"]').count()).toBe(count);

    // The proposals on the map, framed on Jing'an.
    await page.evaluate(() => window.__shanghaiMap!.jumpTo({ center: [121.448, 31.252], zoom: 12.6 }));
    await waitForIdle(page);
    await screenshot(page, 'optimizer-proposed-en');

    await page.locator('[data-testid="opt-accept-all"]').click();
    const after = await shareChange(page, JINGAN, before);
    // The coverage panel (the map's own engine on the city grid) shows the claimed share.
    expect(Math.abs(after - claimed)).toBeLessThan(1e-6);
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain((sampleSiteCount + count).toLocaleString('en-US'));
    await page.waitForSelector('[data-testid="opt-accepted"]');
    await waitForIdle(page);
    await screenshot(page, 'optimizer-accepted-en');

    // One undo removes all of them.
    await page.keyboard.press('Control+z');
    expect(await shareChange(page, JINGAN, after)).toBe(before);
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain(sampleSiteCount.toLocaleString('en-US'));
    // The proposals are on offer again.
    expect(await page.locator('[data-testid="opt-accept-all"]').isEnabled()).toBe(true);

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('best N in Chinese: three proposals, each with its gain, on the map', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=zh`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const result = await runBestN(page, 3);
    expect(await result.getAttribute('data-recheck')).toBe(await result.getAttribute('data-share-after'));
    // Gains are listed largest first (each is what the site adds after the ones above it).
    const gains = await page.locator('[data-testid="opt-sites"] tbody tr td:nth-child(3)').allTextContents();
    const values = gains.map(Number);
    expect(values.every((v, i) => i === 0 || v <= values[i - 1]!)).toBe(true);
    expect(await page.locator('[data-testid="opt-solver-used"]').textContent()).toMatch(/精确|启发式/);
    await page.evaluate(() => window.__shanghaiMap!.jumpTo({ center: [121.448, 31.252], zoom: 12.6 }));
    await waitForIdle(page);
    await screenshot(page, 'optimizer-bestn-zh');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("best 4 in Jing'an staged two a year; added with years, the as-of control counts each year's sites and coverage", async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=zh`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 120_000 });
    // A loaded machine takes a while for the first full check.
    await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 180_000 });
    const before = await shareOf(page, JINGAN);
    const n0 = Number(await page.locator('[data-testid="layer-sites"]').getAttribute('data-n'));
    expect(n0).toBeGreaterThan(0);

    const result = await runBestN(page, 4);
    const recheck = Number(await result.getAttribute('data-recheck'));

    // Bad budgets are refused with a message, and nothing runs.
    const staging = page.locator('[data-testid="opt-staging"]');
    await staging.waitFor();
    await page.locator('[data-testid="opt-stage-start"]').fill('2021');
    await page.locator('[data-testid="opt-stage-per-year"]').fill('0');
    expect(await page.locator('[data-testid="opt-stage-problem"]').textContent()).toContain('每年站点数须为不小于 1 的整数，而不是“0”');
    expect(await page.locator('[data-testid="opt-stage-run"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="opt-stage-per-year"]').fill('-2');
    expect(await page.locator('[data-testid="opt-stage-problem"]').textContent()).toContain('“-2”');

    await page.locator('[data-testid="opt-stage-per-year"]').fill('2');
    expect(await page.locator('[data-testid="opt-stage-problem"]').count()).toBe(0);
    await page.locator('[data-testid="opt-stage-run"]').click();
    await page.locator('[data-testid="opt-stage-table"]').waitFor({ timeout: 60_000 });
    const y2021 = page.locator('[data-testid="opt-stage-year-2021"]');
    const y2022 = page.locator('[data-testid="opt-stage-year-2022"]');
    const sites2021 = (await y2021.getAttribute('data-sites'))!.split(',').map(Number);
    const sites2022 = (await y2022.getAttribute('data-sites'))!.split(',').map(Number);
    expect(sites2021.length).toBe(2);
    expect([...sites2021, ...sites2022].sort()).toEqual([1, 2, 3, 4]);
    expect(await page.locator('[data-testid^="opt-stage-year-"]').count()).toBe(2);
    const share2021 = Number(await y2021.getAttribute('data-share'));
    const share2022 = Number(await y2022.getAttribute('data-share'));
    // The staged union at the last year is the proposal: the optimiser's re-checked share.
    expect(share2022).toBeCloseTo(recheck, 6);
    expect(share2021).toBeGreaterThan(before);
    expect(share2021).toBeLessThan(share2022);
    expect(Number(await page.locator('[data-testid="opt-stage-before"]').getAttribute('data-share'))).toBeCloseTo(before, 6);
    await staging.screenshot({ path: 'test-results/optimizer-staging-zh.png' });

    // Into the scenario with years: every site counted as of "all sites".
    await page.locator('[data-testid="opt-stage-add"]').click();
    await page.waitForSelector('[data-testid="opt-stage-added"]');
    expect(await layerSites(page, n0 + 4)).toBe(n0 + 4);
    expect(Math.abs((await shareOf(page, JINGAN)) - share2022)).toBeLessThan(1e-6);

    // As of 2021: only that year's two staged sites, and the share the staging measured for 2021.
    await page.locator('[data-testid="as-of-year"]').selectOption('2021');
    expect(await layerSites(page, n0 + 2)).toBe(n0 + 2);
    expect(Math.abs((await shareOf(page, JINGAN)) - share2021)).toBeLessThan(1e-6);
    // As of 2020: none of them.
    await page.locator('[data-testid="as-of-year"]').selectOption('2020');
    expect(await layerSites(page, n0)).toBe(n0);
    expect(Math.abs((await shareOf(page, JINGAN)) - before)).toBeLessThan(1e-6);

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('a candidate list is read in the import worker: GBK decoded, every row a candidate, the grid spacing off', async () => {
    const fixture = fileURLToPath(new URL('../fixtures/import/stations-gbk.csv', import.meta.url));
    // Rows counted here, apart from the app: every line after the header is one station.
    const rows = readFileSync(fixture).toString('latin1').trim().split(/\r?\n/).length - 1;
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.locator('[data-testid="opt-file"]').setInputFiles(fixture);
    const note = page.locator('[data-testid="opt-file-note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain(`stations-gbk.csv: ${rows} candidates from the file`);
    expect(await page.locator('[data-testid="opt-spacing"]').isDisabled()).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a run can be cancelled', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=zh`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    // Minhang with the exact solver takes far longer than the click that cancels it.
    await page.locator('[data-testid="opt-district"]').selectOption('310112');
    await page.locator('[data-testid="opt-solver"]').selectOption('exact');
    await page.locator('[data-testid="opt-run"]').click();
    await page.waitForSelector('[data-testid="opt-progress"]');
    await page.locator('[data-testid="opt-cancel"]').click();
    await page.waitForSelector('[data-testid="opt-cancelled"]');
    expect(await page.locator('[data-testid="opt-result"]').count()).toBe(0);
    // The panel is usable again at once.
    expect(await page.locator('[data-testid="opt-run"]').isEnabled()).toBe(true);
    await page.context().close();
  });
});
