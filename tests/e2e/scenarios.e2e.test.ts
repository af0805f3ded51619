/**
 * Named scenarios in a real browser: duplicate the sample, rename (a taken name is refused), add a
 * charger in a Minhang gap, compare with the sample (per-target and per-district deltas equal to
 * turf's gain for the new disc; the difference picture appears), switch back and forth, reload and
 * find both scenarios, delete one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { changedPixelShare, canvasSnapshot, openPage, outsideRequests, lonLatAt, screenPoint, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { MINHANG, minhangGap, sampleSiteCount, shareOf, turfGainAt, waitForShareChange } from './support/sample';

const baseUrl = inject('baseUrl');
/** Minhang's 2020 census: the app's default residents (public/data/district-population.csv). */
const MINHANG_CENSUS = Number(
  readFileSync(fileURLToPath(new URL('../../public/data/district-population.csv', import.meta.url)), 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${MINHANG},`))!
    .split(',')[3],
);

let browser: Browser;
withBrowser((b) => (browser = b));

const items = (page: Page) => page.locator('[data-testid="scenario-list"] li button');
const currentName = (page: Page) => page.locator('[data-testid="scenario-list"] button[data-current="true"] .scenario-name').textContent();
const settled = (page: Page) => page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 60_000 });

describe('named scenarios', () => {
  it('duplicate, rename, edit, compare, switch, reload, delete', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    expect(await items(page).count()).toBe(1);
    const sampleName = await currentName(page);
    expect(await page.locator('[data-testid="scenario-list"] .scenario-chip').count()).toBe(1);
    const before = await shareOf(page, MINHANG);

    // Duplicate: a second scenario, current, named after the first.
    await page.locator('[data-testid="scenario-duplicate"]').click();
    expect(await items(page).count()).toBe(2);
    expect(await currentName(page)).toBe(`${sampleName} copy`);

    // Rename: the sample's name is taken; "what-if A" is accepted.
    await page.locator('[data-testid="scenario-rename"]').click();
    await page.locator('[data-testid="scenario-rename-input"]').fill(sampleName!.toUpperCase());
    await page.locator('[data-testid="scenario-rename-save"]').click();
    expect(await page.locator('[data-testid="scenario-name-error"]').textContent()).toContain('already');
    await page.locator('[data-testid="scenario-rename-input"]').fill('what-if A');
    await page.locator('[data-testid="scenario-rename-input"]').press('Enter');
    expect(await currentName(page)).toBe('what-if A');

    // Add a charger in Minhang's worst gap.
    const { point } = minhangGap();
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 12 }), point);
    await waitForIdle(page);
    await page.locator('[data-testid="tool-add"]').click();
    await page.locator('[data-testid="add-type"]').selectOption('ev-charging-station');
    const at = await screenPoint(page, point);
    await page.mouse.click(at.x, at.y);
    const added = await waitForShareChange(page, MINHANG, before);
    await page.keyboard.press('Escape');
    const clicked = await lonLatAt(page, at);
    const gain = turfGainAt(clicked);
    expect(Math.abs(added - before - gain)).toBeLessThan(0.002);

    // Compare with the sample: the map picture changes to the difference, the deltas equal the gain.
    const gapsPicture = await canvasSnapshot(page);
    const sampleId = await page.locator('[data-testid="scenario-list"] button[data-current="false"]').getAttribute('data-testid');
    await page.locator('[data-testid="compare-select"]').selectOption(sampleId!.replace('scenario-item-', ''));
    await page.waitForSelector(`[data-testid="coverage-row-${MINHANG}"] td[data-delta]`, { timeout: 60_000 });
    await settled(page);
    const rowDelta = Number(await page.locator(`[data-testid="coverage-row-${MINHANG}"] td[data-delta]`).getAttribute('data-delta'));
    expect(Math.abs(rowDelta - gain)).toBeLessThan(0.002);
    expect(Math.abs(rowDelta - (added - before))).toBeLessThan(1e-6);
    expect(await page.locator('[data-testid="compare-summary"]').textContent()).toContain('sites only in this scenario 1');
    // Residents: the census is spread evenly over Minhang's land, so the residents gained are its
    // census × the land share gained: 44,529 here, 1.0 resident off (the layer keeps residents in Float32).
    const residentsDelta = Number(await page.locator(`[data-testid="residents-row-${MINHANG}"] td[data-residents-delta]`).getAttribute('data-residents-delta'));
    expect(residentsDelta).toBeGreaterThan(0);
    expect(Math.abs(residentsDelta - MINHANG_CENSUS * rowDelta)).toBeLessThan(3);
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    const deltas = (await page.locator('[data-testid="target-delta"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-delta') || 'NaN'))))
      .filter((d) => Number.isFinite(d) && d !== 0);
    // The one charging-radius target over Minhang gains what the panel shows; nothing else changed sign.
    expect(deltas.some((d) => Math.abs(d - rowDelta) < 1e-6)).toBe(true);
    expect(deltas.every((d) => d > 0)).toBe(true);
    await waitForIdle(page);
    expect(await changedPixelShare(page, gapsPicture, await canvasSnapshot(page))).toBeGreaterThan(0.05);
    await page.locator('[data-testid="difference-legend"]').waitFor();
    await screenshot(page, 'scenarios-compare-en');

    // Switch to the sample: its own share; the comparison swaps sides (now against what-if A).
    await page.locator(`[data-testid="${sampleId}"]`).click();
    expect(await waitForShareChange(page, MINHANG, added)).toBe(before);
    await page.waitForFunction(
      (code) => Number(document.querySelector(`[data-testid="coverage-row-${code}"] td[data-delta]`)?.getAttribute('data-delta')) < 0,
      MINHANG,
      { timeout: 60_000 },
    );
    expect(await page.locator('[data-testid="compare-select"] option:checked').textContent()).toBe('what-if A');

    // Reload: both scenarios, the names and the current one survive.
    await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') === 'false' && document.documentElement.getAttribute('data-saved-scenarios') === '2');
    await page.reload();
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="scenario-list"]');
    expect(await items(page).count()).toBe(2);
    expect(await currentName(page)).toBe(sampleName);
    expect(await shareOf(page, MINHANG)).toBe(before);
    // Its sites are read when it is opened (the start read only the list and the current scenario).
    await page.locator('[data-testid="scenario-list"] button[data-current="false"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-list"] button[data-current="true"] .scenario-name')?.textContent === 'what-if A');
    expect(await waitForShareChange(page, MINHANG, before)).toBe(added);
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain((sampleSiteCount + 1).toLocaleString('en-US'));

    // Delete what-if A (two steps): the sample is current again, also after a reload.
    await page.locator('[data-testid="scenario-delete"]').click();
    await page.locator('[data-testid="scenario-delete-confirm"]').click();
    expect(await items(page).count()).toBe(1);
    expect(await waitForShareChange(page, MINHANG, added)).toBe(before);
    expect(await page.locator('[data-testid="scenario-delete"]').isDisabled()).toBe(true);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') === 'false' && document.documentElement.getAttribute('data-saved-scenarios') === '1');
    await page.reload();
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    expect(await items(page).count()).toBe(1);

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a damaged saved scenario is reported and skipped; a version-1 record is taken over', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await page.waitForSelector('[data-testid="scenario-list"]', { timeout: 60_000 });
    const site = { id: 'kept-1', type: 'ev-charging-station', lon: 121.4, lat: 31.1, status: 'planned' };
    const write = (records: Record<string, unknown>) =>
      page.evaluate(
        (recs) =>
          new Promise<void>((ok, fail) => {
            const open = indexedDB.open('shanghai-siting', 1);
            open.onsuccess = () => {
              const tx = open.result.transaction('autosave', 'readwrite');
              const store = tx.objectStore('autosave');
              store.clear();
              for (const [k, v] of Object.entries(recs)) store.put(v, k);
              tx.oncomplete = () => {
                open.result.close();
                ok();
              };
              tx.onerror = () => fail(tx.error);
            };
          }),
        records,
      );
    await write({
      library: { version: 2, currentId: 'scenario-2', entries: [{ id: 'scenario-1', name: 'good one' }, { id: 'scenario-2', name: 'broken one' }] },
      'scenario:scenario-1': { version: 2, savedAt: 'x', meta: null, sites: [site] },
      'scenario:scenario-2': { version: 2, savedAt: 'x', meta: null, sites: [{ ...site, lon: 'east' }] },
    });
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-list"]', { timeout: 60_000 });
    expect(await items(page).count()).toBe(1);
    expect(await currentName(page)).toBe('good one');
    const alert = (await page.locator('[data-testid="sites-panel"] [role="alert"]').textContent()) ?? '';
    expect(alert).toContain('broken one');
    expect(alert).toMatch(/lon/);
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain('Sites in the scenario: 1');

    // Version 1 (one record, before named scenarios): becomes the first scenario, saved anew.
    await write({ 'current-scenario': { version: 1, savedAt: 'x', meta: null, sites: [site, { ...site, id: 'kept-2', lat: 31.2 }] } });
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-list"]', { timeout: 60_000 });
    expect(await items(page).count()).toBe(1);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-autosave-pending') === 'false');
    await page.reload();
    await page.waitForSelector('[data-testid="scenario-list"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="sites-note"]').textContent()).toContain('Sites in the scenario: 2');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
