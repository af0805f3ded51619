/**
 * Nothing lost: an edit shown on screen survives a reload 0 ms after it, an import confirmed and
 * reloaded at once, and a closed and reopened page — the write-ahead journal
 * (src/io/editJournal.ts) holds what IndexedDB has not yet, and the next page replays it.
 */
import { describe, expect, inject, it } from 'vitest';
import { openPage, screenPoint, waitForIdle } from './support/browser';
import { browserForFile } from './support/browserForFile';
import { minhangGap, sampleSiteCount } from './support/sample';
import { appReady, siteCount } from './support/scenarioPage';

const baseUrl = inject('baseUrl');

const browser = browserForFile();



describe('nothing lost', () => {
  it('a site added and the page reloaded at once (0 ms) is there after the reload', async () => {
    const { page } = await openPage(browser(), `${baseUrl}?lang=en`);
    await appReady(page);
    await siteCount(page, sampleSiteCount);
    const { point } = minhangGap();
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 12 }), point);
    await waitForIdle(page);
    await page.locator('[data-testid="tool-add"]').click();
    const at = await screenPoint(page, point);
    await page.mouse.click(at.x, at.y);
    // No wait at all: the reload starts as soon as the click has been handled.
    await page.reload();
    await appReady(page);
    await siteCount(page, sampleSiteCount + 1);
    // Which path saved it is a race by design: the save the closing page starts may reach IndexedDB
    // before the reload reads it (no notice), or the journal carries it over (the notice says so).
    const notice = page.locator('[data-testid="recovered-notice"]');
    if ((await notice.count()) > 0) expect(await notice.textContent()).toMatch(/Recovered/);
    // …and once it is in IndexedDB the journal is gone: another reload has no notice, same count.
    await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') === 'false');
    await page.reload();
    await appReady(page);
    await siteCount(page, sampleSiteCount + 1);
    expect(await page.locator('[data-testid="recovered-notice"]').count()).toBe(0);
    await page.context().close();
  });

  it('two rows imported with "add" and the page reloaded at once are there after the reload', async () => {
    const { page } = await openPage(browser(), `${baseUrl}?lang=en`);
    await appReady(page);
    await siteCount(page, sampleSiteCount);
    await page.locator('[data-testid="load-sites"]').setInputFiles({
      name: 'two.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,type,lon,lat\nFirst new,charging,121.401,31.101\nSecond new,charging,121.402,31.102\n'),
    });
    await page.locator('[data-testid="imp-mode-add"]').check();
    await page.locator('[data-testid="imp-confirm"]').click();
    await page.reload();
    await appReady(page);
    await siteCount(page, sampleSiteCount + 2);
    await page.context().close();
  });

  it('an edit in a page closed at once is there when the map is opened again', async () => {
    const { page } = await openPage(browser(), `${baseUrl}?lang=en`);
    const context = page.context();
    await appReady(page);
    await siteCount(page, sampleSiteCount);
    await page.locator('[data-testid="clear-sites"]').click();
    await page.close();
    const again = await context.newPage();
    await again.goto(`${baseUrl}?lang=en`);
    await appReady(again);
    await siteCount(again, 0);
    await context.close();
  });
});
