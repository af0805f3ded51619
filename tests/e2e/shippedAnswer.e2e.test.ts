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
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';

const baseUrl = inject('baseUrl');

let browser: Browser;
withBrowser((b) => (browser = b));

declare global {
  interface Window {
    /** The figures as last shown before the worker's grid was ready (the shipped answer's), as text. */
    __beforeGrid?: string;
  }
}

/** What a page shows of the figures, as text: the city summary's counts, and the embed's shares (null while any is pending). */
const FIGURES_TEXT = `(() => {
  const summary = document.querySelector('[data-testid="city-summary"] tbody');
  if (!summary || summary.textContent.includes('…')) return null;
  const shares = [...document.querySelectorAll('[data-testid="embed-coverage"] [data-share], [data-testid="embed-coverage"] [data-residents-share]')];
  const values = shares.map((el) => el.getAttribute('data-share') ?? el.getAttribute('data-residents-share'));
  if (values.some((v) => !v)) return null;
  return [summary.textContent.replace(/\\s+/g, ''), ...values].join(' ');
})()`;

/**
 * A fresh browser profile (a first visit) of `path` whose page records the figures each time they
 * change while the worker has no grid yet: figures shown then can only come from an answer looked up.
 */
async function firstVisit(context: BrowserContext, path = ''): Promise<TrackedPage> {
  await context.addInitScript(`(() => {
    const record = () => {
      if (performance.getEntriesByName('coverage:ready').length > 0) return;
      const text = ${FIGURES_TEXT};
      if (text) window.__beforeGrid = text;
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  return openTrackedPage(context, `${baseUrl}${path}`);
}

/** The figures once the worker's grid is ready and its answer shown (the app's or the embed's). */
async function computedFigures(page: Page): Promise<string | null> {
  await page.waitForFunction(() => performance.getEntriesByName('coverage:ready').length > 0, undefined, { timeout: 300_000 });
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"], [data-testid="embed-coverage"][data-pending="false"]', { timeout: 300_000 });
  return page.evaluate(FIGURES_TEXT) as Promise<string | null>;
}

type Share = { share: number };
interface ShippedFigures {
  results: Array<{ targetId: string; current: number | null; status: string }>;
  view: { breakdown: { all: { land: Share; polygon: Share } } };
}

/** The shipped answer of one page's start at `cellM`, read from the served folder as the worker reads it. */
const shippedFigures = (page: Page, start: 'app' | 'embed', cellM: number) =>
  page.evaluate(
    async ([start, cellM]) => {
      const index = (await (await fetch('answers/index.json')).json()) as { answers: Array<{ page: string; cellM: number; file: string }> };
      const file = index.answers.find((a) => a.page === start && a.cellM === cellM)!.file;
      return (await (await fetch(`answers/${file}`)).json()) as ShippedFigures;
    },
    [start, cellM] as const,
  );

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
    const after = await computedFigures(page);
    expect(after).toMatch(/\d/);
    expect((await answerMarks(page))[0]).toMatchObject({ fromCache: true, cachedFrom: 'shipped' });
    expect(await numbersBeforeGrid(page)).toBe(true);
    expect(await page.evaluate(() => window.__beforeGrid ?? null)).toBe(after);
    // Read from the app's own folder: the index, then the one answer its key names.
    const answers = requests.filter((u) => u.includes('/answers/'));
    expect(answers.map((u) => u.replace(/^.*\/answers\//, ''))).toEqual(['index.json', expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);

    // Every district's figures as the page computed them, against the shipped file's, figure by figure.
    const shipped = await shippedFigures(page, 'app', 50);
    const shippedById = new Map(shipped.results.map((r) => [r.targetId, r.current === null ? '' : r.current.toFixed(6)]));
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

  it("the embed's first visit takes its own shipped answer, whose figures are the ones the embed then computes", async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    const { page, requests, consoleErrors } = await firstVisit(context, 'embed.html?lang=en');
    const after = await computedFigures(page);
    expect((await answerMarks(page))[0]).toMatchObject({ fromCache: true, cachedFrom: 'shipped' });
    // Here the embed's page is still drawing its sites (software WebGL) when the shipped and the computed
    // answers come, so it may draw only the second: the shipped file is held to what it shows instead.
    const shipped = await shippedFigures(page, 'embed', 50);
    const statuses = ['met', 'short', 'not-computed', 'not-checkable'];
    const counts = BUNDLED_PLANS.map((plan) => {
      const of = (status: string) => plan.targets.filter((t) => shipped.results.find((r) => r.targetId === t.id)?.status === status).length;
      return `${plan.name_en}${plan.targets.length}${statuses.map(of).join('')}`;
    });
    const { land, polygon } = shipped.view.breakdown.all;
    expect(after).toBe([counts.join(''), land.share.toFixed(6), polygon.share.toFixed(6)].join(' '));
    expect(requests.filter((u) => /\/answers\/[0-9a-f]{64}\.json$/.test(u))).toHaveLength(2); // the worker's, the test's
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
    expect(await computedFigures(page)).toMatch(/\d/);
    expect((await answerMarks(page)).every((a) => !a.fromCache)).toBe(true);
    expect(await numbersBeforeGrid(page)).toBe(false);
    expect(answerFiles).toBe(0);
    expect(await page.evaluate(() => window.__beforeGrid ?? null)).toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
