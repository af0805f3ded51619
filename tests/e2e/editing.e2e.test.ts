/**
 * What-if editing in a real browser: add a charging site in a Minhang gap and watch the share rise by
 * what turf says its disc adds; undo and redo restore the exact numbers; drag moves it; Delete removes
 * it; a reload finds the edited scenario intact (IndexedDB autosave).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, outsideRequests, lonLatAt, screenPoint, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { MINHANG, minhangGap, sampleSiteCount, shareOf, turfGainAt, waitForShareChange } from './support/sample';

const baseUrl = inject('baseUrl');

let browser: Browser;
withBrowser((b) => (browser = b));

const shareChange = (page: Page, from: number) => waitForShareChange(page, MINHANG, from);

describe('editing sites', () => {
  it('add in a gap, undo, redo, drag, delete; a reload keeps the scenario', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const before = await shareOf(page, MINHANG);
    const { point } = minhangGap();
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 12 }), point);
    await waitForIdle(page);

    // Add: the add tool with the charging type, one click on the gap.
    await page.locator('[data-testid="tool-add"]').click();
    await page.locator('[data-testid="add-type"]').selectOption('ev-charging-station');
    const at = await screenPoint(page, point);
    await page.mouse.click(at.x, at.y);
    const added = await shareChange(page, before);
    // The click lands on a whole pixel (≤ 40 m at zoom 12); turf's gain at the true click position.
    const clicked = await lonLatAt(page, at);
    expect(Math.abs(added - before - turfGainAt(clicked))).toBeLessThan(0.002);
    await page.waitForSelector('[data-testid="site-editor"]');
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain((sampleSiteCount + 1).toLocaleString('en-US'));
    await screenshot(page, 'editing-added-en');

    // Undo restores the exact earlier numbers; redo brings the site back.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    expect(await shareChange(page, added)).toBe(before);
    await page.keyboard.press('Control+y');
    expect(await shareChange(page, before)).toBe(added);

    // Drag the site 2 km west, into covered ground: the share falls, mid-drag updates included.
    const target = await screenPoint(page, [point[0] - 2 / (111.32 * Math.cos((point[1] * Math.PI) / 180)), point[1]]);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move((at.x + target.x) / 2, at.y, { steps: 5 });
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    const dragged = await shareChange(page, added);
    expect(dragged).toBeLessThan(added);
    expect(dragged).toBeGreaterThan(before);
    // One drag is one undo step.
    await page.keyboard.press('Control+z');
    expect(await shareChange(page, dragged)).toBe(added);

    // Esc during a drag cancels it: moving on and releasing neither resumes the drag nor commits it.
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move((at.x + target.x) / 2, at.y, { steps: 5 });
    const midDrag = await shareChange(page, added);
    expect(midDrag).not.toBe(added);
    await page.keyboard.press('Escape');
    expect(await shareChange(page, midDrag)).toBe(added);
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(500);
    expect(await shareOf(page, MINHANG)).toBe(added);
    // Nothing was committed: the undo stack still ends with the add, whose undo restores the sample.
    await page.keyboard.press('Control+z');
    expect(await shareChange(page, added)).toBe(before);
    await page.keyboard.press('Control+y');
    expect(await shareChange(page, before)).toBe(added);

    // Reload: the autosaved scenario comes back with the added site.
    await page.waitForFunction(
      (n) => document.documentElement.getAttribute('data-autosave-pending') === 'false' && document.documentElement.getAttribute('data-autosaved') === String(n),
      sampleSiteCount + 1,
    );
    await page.reload();
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    // The saved scenario replaces the sample once the library is read: wait for its site count.
    await page.waitForFunction((n) => document.querySelector('[data-testid="sites-note"]')?.textContent?.includes(n), (sampleSiteCount + 1).toLocaleString('en-US'), { timeout: 120_000 });
    expect(await shareOf(page, MINHANG)).toBe(added);

    // Select it and press Delete: back to the sample's share.
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 12 }), point);
    await waitForIdle(page);
    const again = await screenPoint(page, clicked);
    await page.mouse.move(again.x, again.y);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForSelector('[data-testid="site-editor"]');
    await page.keyboard.press('Delete');
    expect(await shareChange(page, added)).toBe(before);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a refused property value shows why and keeps the site as it was', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    await page.locator('[data-testid="tool-add"]').click();
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="site-editor"]');
    await page.locator('[data-testid="site-capacity"]').fill('-3');
    await page.locator('[data-testid="site-name"]').click();
    expect(await page.locator('[data-testid="site-error"]').textContent()).toContain('capacity');
    await page.locator('[data-testid="site-status"]').selectOption('planned');
    expect(await page.locator('[data-testid="site-status"]').inputValue()).toBe('planned');
    await page.context().close();
  });

  it('the scenario exports as GeoJSON and loads back to the same sites and numbers', async () => {
    const { page } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const share = await shareOf(page, MINHANG);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-geojson"]').click()]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { scenario: { illustrative: boolean }; features: unknown[] };
    expect(exported.features.length).toBe(sampleSiteCount);
    expect(exported.scenario.illustrative).toBe(true);
    await page.locator('[data-testid="clear-sites"]').click();
    expect(await shareChange(page, share)).toBe(0);
    await page.locator('[data-testid="load-sites"]').setInputFiles(file);
    await page.locator('[data-testid="imp-confirm"]').click(); // the import dialog: import the good rows
    await page.waitForFunction((n) => document.querySelector('[data-testid="load-report"]')?.textContent?.includes(`loaded ${n}`), sampleSiteCount.toLocaleString('en-US'));
    expect(await shareChange(page, 0)).toBe(share);
    // Every site came back made-up-labelled: the warning stays.
    expect(await page.locator('[data-testid="scenario-name"] .illustrative-badge').count()).toBe(1);
    await page.context().close();
  });
});
