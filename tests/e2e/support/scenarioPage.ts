/** Waiting on the app's scenario state in browser tests (shared by the durability and tab tests). */
import type { Page } from 'playwright-core';
import { waitForMap } from './browser';

/** The map drawn, the coverage table shown and the numbers settled. */
export async function appReady(page: Page): Promise<void> {
  await waitForMap(page);
  await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });
}

/** Waits until the page shows `want` sites in its current scenario. */
export async function siteCount(page: Page, want: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const m = /([\d,]+)/.exec(document.querySelector('[data-testid="sites-note"]')?.textContent ?? '');
      return m !== null && Number(m[1]!.replace(/,/g, '')) === n;
    },
    want,
    { timeout },
  );
}

/** Waits until autosave has written the state on screen to IndexedDB. */
export async function autosaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') === 'false', undefined, { timeout: 30_000 });
}
