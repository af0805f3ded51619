/**
 * The plan scorecard in a real browser: Minhang's 4,500 5G target with its citation, the city
 * summary, and assumptions shown as assumptions; on a cross-origin isolated page the coverage
 * worker's helper threads fill the distance field, and the figures are those of one thread.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { openPage, outsideRequests, screenshot, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { scorecardAt } from './support/scorecard';
import { startStaticServer } from './support/staticServer';
import { DIST } from './support/distFolder';

const baseUrl = inject('baseUrl');
const minhangSource = readFileSync(
  fileURLToPath(new URL('../../seeds/sources/000_71f8e23333d7bc4b.txt', import.meta.url)),
  'utf8',
);

let browser: Browser;
withBrowser((b) => (browser = b));

describe('scorecard', () => {
  it('shows Minhang’s 4,500 5G target with its verbatim citation', async () => {
    const { page, requests } = await openPage(browser, baseUrl);
    await waitForMap(page);
    // Start from an empty scenario (the illustrative sample loads by default).
    await page.locator('[data-testid="clear-sites"]').click();
    await page.locator('[data-testid="scorecard-tab-310112"]').click();
    const row = page.locator('[data-target-id="minhang-5g-sites-2022"]');
    await row.waitFor();
    expect(await row.locator('[data-testid="target-goal"]').textContent()).toContain('4,500');
    // No sites: the current count is 0, short by the whole target.
    await page.waitForFunction(
      () => document.querySelector('[data-target-id="minhang-5g-sites-2022"] [data-testid="target-current"]')?.textContent === '0',
    );
    expect(await row.locator('[data-testid="target-status"]').textContent()).toBe('差 4,500');
    await row.locator('[data-testid="cite-toggle"]').click();
    const quote = (await row.locator('[data-testid="citation"] blockquote').textContent())!.replace(/^「|」$/g, '');
    expect(quote.length).toBeGreaterThan(5);
    expect(minhangSource).toContain(quote);
    expect(await row.locator('[data-testid="cite-toggle"]').textContent()).toContain('二(一)1');
    // The charging radius rule goes through the coverage engine: with no sites nothing is covered.
    const charging = page.locator('[data-target-id="minhang-ev-charging-radius"]');
    expect(await charging.locator('[data-testid="target-goal"]').textContent()).toMatch(/0\.9.*1\.5/);
    expect(await charging.locator('[data-testid="target-current"]').textContent()).toBe('0.0%');
    expect(await charging.locator('[data-testid="target-status"]').textContent()).toBe('差 100.0 pp');
    await screenshot(page, 'scorecard-minhang-zh');
    expect(outsideRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it('clicking a plan district on the map opens its scorecard; the city summary lists every plan district', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    const summary = page.locator('[data-testid="city-summary"]');
    await summary.waitFor();
    for (const { district } of BUNDLED_PLANS) expect(await summary.locator(`[data-testid="summary-${district}"]`).count()).toBe(1);
    expect(await summary.locator('[data-testid^="summary-3"]').count()).toBe(BUNDLED_PLANS.length);
    await summary.locator('[data-testid="summary-310110"] button').click();
    expect(await page.locator('[data-testid="scorecard-tab-310110"]').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-target-id="yangpu-5g-pole-sites-2021"]').count()).toBe(1);
    await page.locator('[data-testid="assumptions"] summary').click();
    expect(await page.locator('[data-testid="assumptions"]').textContent()).toContain('not plan figures');
    await screenshot(page, 'scorecard-yangpu-en');
    await page.context().close();
  });

  it('isolated: the coverage worker starts its helper threads, and Minhang’s figures are those of a page that is not (no helpers)', async () => {
    /**
     * Whether the page may share memory, and the most helper threads ready in the coverage worker's
     * first answers (whether one also joins a given recompute depends on it getting a core in time on
     * a busy machine; that helpers fill a field to the same bits is tests/coverage/fillPool.test.ts's).
     */
    const threadsOf = (page: Page) =>
      page.evaluate(() => ({
        isolated: crossOriginIsolated,
        helpers: Math.max(0, ...performance.getEntriesByName('coverage:answer').map((e) => ((e as PerformanceMark).detail as { fillHelpers?: number }).fillHelpers ?? 0)),
      }));
    const figures = async (url: string) => {
      const { page, requests, consoleErrors } = await openPage(browser, url);
      await waitForMap(page);
      await page.locator('[data-testid="scorecard-tab-310112"]').click();
      const scorecard = await scorecardAt(page, 50);
      // The helpers are counted in a computed answer's timings (a first visit's numbers come from the shipped one first).
      await page.waitForFunction(() => performance.getEntriesByName('coverage:answer').some((e) => !((e as PerformanceMark).detail as { fromCache?: boolean }).fromCache), undefined, { timeout: 120_000 });
      const threads = await threadsOf(page);
      expect(outsideRequests(requests)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
      return { scorecard, ...threads };
    };
    const isolated = await figures(baseUrl);
    // Served as deployed (COOP + COEP): shared memory, and this machine's 2 cores give one helper.
    expect(isolated.isolated).toBe(true);
    expect(isolated.helpers).toBeGreaterThanOrEqual(1);
    const plain = await startStaticServer(DIST, {}, { isolated: false });
    try {
      const single = await figures(plain.url);
      expect(single).toMatchObject({ isolated: false, helpers: 0 });
      expect(isolated.scorecard.size).toBeGreaterThan(3);
      expect([...isolated.scorecard]).toEqual([...single.scorecard]);
    } finally {
      await plain.close();
    }
  }, 300_000);
});
