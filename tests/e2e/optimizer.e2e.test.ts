/**
 * The siting optimiser in a real browser: close Jing'an's charging gap (0.9 km inside the Outer Ring
 * / 1.5 km outside, the sample's charging sites kept), check the result's claim against the coverage
 * panel after "accept all", and that one undo takes every accepted site back.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, outsideRequests, screenshot, waitForIdle, waitForMap } from './support/browser';
import { sampleSiteCount, shareOf } from './support/sample';

const baseUrl = inject('baseUrl');
const JINGAN = '310106';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

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
    await page.locator('[data-testid="opt-district"]').selectOption(JINGAN);
    await page.locator('[data-testid="opt-goal-bestn"]').check();
    await page.locator('[data-testid="opt-n"]').fill('3');
    await page.locator('[data-testid="opt-run"]').click();
    const result = page.locator('[data-testid="opt-result"]');
    await result.waitFor({ timeout: 120_000 });
    expect(Number(await result.getAttribute('data-sites'))).toBe(3);
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
