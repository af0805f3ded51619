/**
 * A big library opens by its list: at start only the list and the current scenario are read
 * (src/io/autosave.ts loadLibrary); a scenario's sites are read when it is opened or compared; a
 * damaged record is named when it is opened, the rest stay usable; the panel shows what the
 * browser stores. Start-up time against library size is measured in `npm run bench:library`.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, screenshot } from './support/browser';
import { browserForFile } from './support/browserForFile';

const baseUrl = inject('baseUrl');

const browser = browserForFile();

const SCENARIOS = 60;
const SITES = 5_000;
const CURRENT = 10;
const DAMAGED = 40;
/** Listed the old way (no summary in the list): its size is unknown until it is read. */
const OLD_STYLE = 50;

/** Writes a library of SCENARIOS × SITES into the page's IndexedDB (generated in the page). */
function writeLibrary(page: Page): Promise<void> {
  return page.evaluate(
    ({ scenarios, sites, current, damaged, oldStyle }) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('shanghai-siting', 1);
        open.onsuccess = () => {
          const tx = open.result.transaction('autosave', 'readwrite');
          const store = tx.objectStore('autosave');
          store.clear();
          const entries = [];
          for (let i = 0; i < scenarios; i++) {
            const id = `big-${i}`;
            entries.push(i === oldStyle ? { id, name: `Plan ${i}` } : { id, name: `Plan ${i}`, meta: null, count: sites + i, illustrative: false });
            const list = [];
            for (let k = 0; k < sites + i; k++) {
              list.push({ id: `s${i}-${k}`, type: 'ev-charging-pile', lon: 121.2 + ((k * 7919) % 5000) / 10000, lat: 31.0 + ((k * 104729) % 3000) / 10000, status: 'existing' });
            }
            if (i === damaged) list[3] = { ...list[3]!, lat: 'north' } as never;
            store.put({ version: 2, savedAt: 'x', rev: 1, writer: 'bench', meta: null, sites: list }, `scenario:${id}`);
          }
          store.put({ version: 2, revision: 1, writer: 'bench', currentId: `big-${current}`, entries }, 'library');
          tx.oncomplete = () => {
            open.result.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    { scenarios: SCENARIOS, sites: SITES, current: CURRENT, damaged: DAMAGED, oldStyle: OLD_STYLE },
  );
}

const item = (page: Page, i: number) => page.locator(`[data-testid="scenario-item-big-${i}"]`);
const sitesNote = (page: Page) => page.locator('[data-testid="sites-note"]');

describe('big library', () => {
  it('opens by its list, reads a scenario when it is opened or compared, and names a damaged one when it is opened', async () => {
    const { page, consoleErrors } = await openPage(browser(), `${baseUrl}?lang=en`);
    await page.waitForSelector('[data-testid="scenario-list"]', { timeout: 60_000 });
    await writeLibrary(page);
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-item-big-0"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid^="scenario-item-"]').count()).toBe(SCENARIOS);
    expect(await item(page, CURRENT).getAttribute('data-current')).toBe('true');
    await page.waitForFunction((n) => /Sites in the scenario: ([\d,]+)/.exec(document.querySelector('[data-testid="sites-note"]')?.textContent ?? '')?.[1] === n, (SITES + CURRENT).toLocaleString('en-US'));
    // Sizes come from the list; the old-style entry was not read, so its size is not known yet.
    expect(await item(page, 30).locator('.scenario-count').textContent()).toBe((SITES + 30).toLocaleString('en-US'));
    expect(await item(page, OLD_STYLE).locator('.scenario-count').textContent()).toBe('…');
    // Nor was the damaged one: nothing is reported until it is opened.
    expect(await page.locator('[data-testid="sites-panel"] [role="alert"]').count()).toBe(0);
    expect(await page.locator('[data-testid="storage-use"]').textContent()).toMatch(/^Stored in this browser: [\d.,]+ (k|M|G)B of [\d.,]+ (M|G|T)B/);
    await screenshot(page, 'big-library-en');

    // Opening the damaged one: named, left out of the list, the current scenario unchanged.
    await item(page, DAMAGED).click();
    const alert = page.locator('[data-testid="sites-panel"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Plan ${DAMAGED}`);
    expect(await alert.textContent()).toMatch(/lat/);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="scenario-item-"]').length === n, SCENARIOS - 1);
    expect(await item(page, CURRENT).getAttribute('data-current')).toBe('true');

    // Opening others reads them.
    await item(page, OLD_STYLE).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-item-big-50"]')?.getAttribute('data-current') === 'true');
    await page.waitForFunction((n) => (document.querySelector('[data-testid="sites-note"]')?.textContent ?? '').includes(n), (SITES + OLD_STYLE).toLocaleString('en-US'));
    expect(await item(page, OLD_STYLE).locator('.scenario-count').textContent()).toBe((SITES + OLD_STYLE).toLocaleString('en-US'));
    // Comparing with one not read yet reads it.
    await page.locator('[data-testid="compare-select"]').selectOption('big-20');
    await page.locator('[data-testid="compare-summary"]').waitFor({ timeout: 60_000 });

    // Saved and reopened: the damaged record is still in storage (not deleted by this tab), and the
    // old-style entry now has its size in the list.
    await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') !== 'true');
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-item-big-0"]', { timeout: 60_000 });
    expect(await item(page, OLD_STYLE).getAttribute('data-current')).toBe('true');
    expect(await page.locator('[data-testid^="scenario-item-"]').count()).toBe(SCENARIOS);
    expect(await sitesNote(page).textContent()).toContain((SITES + OLD_STYLE).toLocaleString('en-US'));
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
