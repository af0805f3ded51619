/**
 * The answer shipped with the build for its default start (scripts/ship-answers.ts, looked up by the
 * coverage worker: src/worker/shippedAnswers.ts), in a real browser on the built app: a first visit's
 * scorecard shows it before the worker's grid is ready, and the figures the page then computes itself
 * are the very same; an index of another build is not used (the page computes, as before).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openTrackedPage, outsideRequests, type TrackedPage } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { scorecardAt } from './support/scorecard';

const baseUrl = inject('baseUrl');

let browser: Browser;
withBrowser((b) => (browser = b));

declare global {
  interface Window {
    /** The city summary's text as last shown before the worker's grid was ready (the shipped answer's). */
    __beforeGrid?: string;
  }
}

/**
 * A fresh browser profile (a first visit) whose page records the city summary each time it changes
 * while the worker has no grid yet: figures shown then can only come from an answer looked up.
 */
async function firstVisit(context: BrowserContext): Promise<TrackedPage> {
  await context.addInitScript(() => {
    const record = () => {
      if (performance.getEntriesByName('coverage:ready').length > 0) return;
      const summary = document.querySelector('[data-testid="city-summary"] tbody');
      if (summary && !summary.textContent!.includes('…')) window.__beforeGrid = summary.textContent!;
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return openTrackedPage(context, baseUrl);
}

/** The city summary once the worker's grid is ready and its answer shown. */
async function computedSummary(page: Page): Promise<string> {
  await page.waitForFunction(() => performance.getEntriesByName('coverage:ready').length > 0, undefined, { timeout: 300_000 });
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 300_000 });
  return page.locator('[data-testid="city-summary"] tbody').innerText();
}

const answerMarks = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('coverage:answer').map((m) => (m as PerformanceMark).detail as { fromCache: boolean; cachedFrom?: string }));

const numbersBeforeGrid = (page: Page) =>
  page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
    return at('scorecard:numbers') < at('coverage:ready');
  });

describe('the answer shipped for the default start', () => {
  it("a first visit shows it before the grid is ready, and the page's own computation gives the very same figures", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    const { page, requests, consoleErrors } = await firstVisit(context);
    const after = await computedSummary(page);
    expect((await answerMarks(page))[0]).toMatchObject({ fromCache: true, cachedFrom: 'shipped' });
    expect(await numbersBeforeGrid(page)).toBe(true);
    const before = await page.evaluate(() => window.__beforeGrid ?? '');
    expect(before.replace(/\s+/g, '')).toBe(after.replace(/\s+/g, ''));
    // Read from the app's own folder: the index, then the one answer its key names.
    const answers = requests.filter((u) => u.includes('/answers/'));
    expect(answers.map((u) => u.replace(/^.*\/answers\//, ''))).toEqual(['index.json', expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);

    // Every district's figures as the page computed them, against the shipped file's, figure by figure.
    const shipped = await page.evaluate(async () => {
      const index = (await (await fetch('answers/index.json')).json()) as { answers: Array<{ cellM: number; file: string }> };
      const file = index.answers.find((a) => a.cellM === 50)!.file;
      const figures = (await (await fetch(`answers/${file}`)).json()) as { results: Array<{ targetId: string; current: number | null }> };
      return figures.results.map((r) => [r.targetId, r.current === null ? '' : r.current.toFixed(6)] as const);
    });
    const shippedById = new Map(shipped);
    const tabs = await page.locator('[data-testid^="scorecard-tab-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
    expect(tabs.length).toBe(5);
    let compared = 0;
    for (const tab of tabs) {
      await page.locator(`[data-testid="${tab}"]`).click();
      const rows = await scorecardAt(page, 50);
      for (const [id, current] of rows) {
        expect(shippedById.get(id), id).toBe(current.toFixed(6));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);

  it('an index of another build is not used: the first figures are computed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    let answerFiles = 0;
    await context.route('**/answers/index.json', async (route) => {
      const index = (await (await route.fetch()).json()) as { build: string };
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...index, build: 'another-build' }) });
    });
    await context.route(/\/answers\/[0-9a-f]{64}\.json$/, async (route) => {
      answerFiles++;
      await route.continue();
    });
    const { page, consoleErrors } = await firstVisit(context);
    const after = await computedSummary(page);
    expect(after).not.toContain('…');
    expect((await answerMarks(page)).every((a) => !a.fromCache)).toBe(true);
    expect(await numbersBeforeGrid(page)).toBe(false);
    expect(answerFiles).toBe(0);
    expect(await page.evaluate(() => window.__beforeGrid ?? null)).toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
