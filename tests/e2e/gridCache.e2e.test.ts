/**
 * The coverage grid kept between visits (src/worker/gridSupply.ts) in a real browser: the first
 * visit builds the grid and keeps it in IndexedDB; the next reads it back and shows the very same
 * scorecard; a kept grid tampered with is refused by its reader, built again — same figures — and kept anew.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, outsideRequests, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { MINHANG } from './support/sample';
import { scorecardAt } from './support/scorecard';
import { MAP_WAIT_CAP_MS, SIDE_PANEL_WAIT_CAP_MS } from '../../src/ui/firstNumbers';

const baseUrl = inject('baseUrl');

let browser: Browser;
withBrowser((b) => (browser = b));

interface Ready {
  gridFrom: string;
  cacheProblem: string | null;
  cellM: number;
}

const readyOf = (page: Page) =>
  page.evaluate(() => (performance.getEntriesByName('coverage:ready')[0] as PerformanceMark).detail as { gridFrom: string; cacheProblem: string | null; cellM: number });

/** Opens Minhang's scorecard once the worker is ready; its figures and where the grid came from. */
async function visit(page: Page): Promise<{ ready: Ready; figures: Map<string, number> }> {
  await waitForMap(page);
  await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
  const figures = await scorecardAt(page, 50);
  return { ready: await readyOf(page), figures };
}

/**
 * The main app's map is made once the scorecard shows its first numbers, or once it has waited
 * MAP_WAIT_CAP_MS after the data validated (src/ui/firstNumbers.ts) — never before both.
 */
async function expectMapAfterNumbers(page: Page): Promise<void> {
  const at = await page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return { loaded: mark('geodata:loaded'), numbers: mark('scorecard:numbers'), created: mark('map:created'), drawn: mark('map:drawn') };
  });
  expect(at.created).toBeGreaterThanOrEqual(Math.min(at.numbers, at.loaded + MAP_WAIT_CAP_MS));
  expect(at.drawn).toBeGreaterThan(at.created);
  // The side panel's sections likewise: with the numbers, once the worker says they are computed, or
  // SIDE_PANEL_WAIT_CAP_MS after they began to wait (a timer: a few ms of slack for its clock); never
  // at the page's first commit.
  const side = await page.evaluate(() => ({
    waiting: performance.getEntriesByName('side-panel:waiting')[0]?.startTime ?? NaN,
    shown: performance.getEntriesByName('side-panel:shown')[0]?.startTime ?? NaN,
    computing: performance.getEntriesByName('coverage:computing')[0]?.startTime ?? Infinity,
  }));
  const released = Math.min(at.numbers, side.computing, side.waiting + SIDE_PANEL_WAIT_CAP_MS - 5);
  expect(side.shown).toBeGreaterThanOrEqual(released);
  // The map-only files (src/ui/startupReads.ts) are read from then on, and the map drawn with them.
  const mapFilesAt = await page.evaluate(() => performance.getEntriesByName('geodata:map-loaded')[0]?.startTime ?? NaN);
  expect(mapFilesAt).toBeGreaterThanOrEqual(released);
  expect(mapFilesAt).toBeLessThan(at.created);
  await expect.poll(() => page.locator('.side-panel .foldable').count()).toBeGreaterThan(5);
}

const kept = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByName('coverage:grid-kept').length > 0, undefined, { timeout: 120_000 }).then(() =>
    page.evaluate(() => ((performance.getEntriesByName('coverage:grid-kept')[0] as PerformanceMark).detail as { problem: string | null }).problem),
  );

describe('the coverage grid kept between visits', () => {
  it('built and kept on the first visit, read back on the next with the same figures; a tampered one is built again', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    const first = await visit(page);
    expect(first.ready).toMatchObject({ gridFrom: 'built', cacheProblem: null, cellM: 50 });
    expect(first.figures.size).toBeGreaterThan(3);
    await expectMapAfterNumbers(page);
    expect(await kept(page)).toBeNull();

    // The first visit's answer is kept once edits pause (src/worker/coverage.worker.ts).
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('shanghai-answers');
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('answers')) return resolve(false);
            const count = db.transaction('answers').objectStore('answers').count();
            count.onsuccess = () => resolve(count.result > 0);
            count.onerror = () => resolve(false);
          };
        }),
      undefined,
      { timeout: 30_000, polling: 250 },
    );
    await page.reload();
    const second = await visit(page);
    expect(second.ready).toMatchObject({ gridFrom: 'cache', cacheProblem: null });
    expect(second.figures).toEqual(first.figures);
    await expectMapAfterNumbers(page);
    // The numbers came first from the answer kept for the same inputs; the computation followed with the same figures.
    // (The marks go on to the first answer computed here, which follows with the picture.)
    const answers = await page.evaluate(() => performance.getEntriesByName('coverage:answer').map((m) => (m as PerformanceMark).detail as { fromCache: boolean; cachedFrom?: string }));
    expect(answers[0]).toMatchObject({ fromCache: true, cachedFrom: 'kept' });

    // Tamper with the kept bytes (same key, the grid's header overwritten): the reader refuses them.
    const tampered = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('shanghai-grids');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('grids', 'readwrite');
            const store = tx.objectStore('grids');
            const keys = store.getAllKeys();
            keys.onsuccess = () => {
              for (const key of keys.result) store.put(new Uint8Array(4096).fill(7).buffer, key);
              tx.oncomplete = () => resolve(keys.result.length);
            };
          };
        }),
    );
    expect(tampered).toBe(1);
    await page.reload();
    const third = await visit(page);
    expect(third.ready.gridFrom).toBe('built');
    expect(third.ready.cacheProblem).toMatch(/unreadable/);
    expect(third.figures).toEqual(first.figures);
    expect(await kept(page)).toBeNull();
    await page.reload();
    expect((await visit(page)).ready.gridFrom).toBe('cache');

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 600_000);
});
