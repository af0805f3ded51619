/**
 * Residents in the gap picture and the optimizer, in a real browser (issue #15):
 * - "Largest gaps by residents" for Minhang under the first coverage layer, the sample's sites and
 *   the census default: the rows are sorted by residents and equal what the coverage session gives in
 *   this process for the same sites, rule and population; a click on a row flies the map to that
 *   patch (the view then holds the patch's box, centred on it) and outlines it (the outline layer's
 *   data is the patch's outline).
 * - The optimizer with the residents objective (Jing'an, best 3, heuristic): the result says it
 *   counts residents, each proposal lists the residents it adds, and they add up to the claimed gain.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataText } from '../geodata/load';
import { censusPopulationInput } from '../../src/domain/population';
import { parsePopulationCsv, POPULATION_FILE } from '../../src/io/loadGeodata';
import { COVERAGE_VIEWS } from '../../src/ui/coverage/appViews';
import type { GapPatchList } from '../../src/coverage/gapPatches';
import { launchBrowser, openPage, outsideRequests, screenshot, waitForMap } from './support/browser';
import { MINHANG } from './support/sample';
import { shippedSession } from '../worker/shippedSession';

const baseUrl = inject('baseUrl');
const JINGAN = '310106';

let browser: Browser;
let want: GapPatchList;

beforeAll(async () => {
  browser = await launchBrowser();
  const session = shippedSession(50);
  session.setView(COVERAGE_VIEWS[0]!.id, 'none');
  const census = parsePopulationCsv(dataText(POPULATION_FILE));
  if (!('value' in census)) throw new Error('census did not parse');
  session.setPopulation(censusPopulationInput(census.value));
  session.setPatchArea({ district: MINHANG });
  session.compute();
  want = session.patches()!.list;
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('residents in the gaps and the optimizer', () => {
  it('largest gaps by residents: sorted, as the session gives them; a click flies to the patch and outlines it', async () => {
    expect(want.patches.length).toBe(10);
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 120_000 });
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    await page.waitForSelector('[data-testid="gap-patch-1"]', { timeout: 120_000 });
    await page.waitForFunction((n) => document.querySelector('[data-testid="gap-patches"]')?.getAttribute('data-count') === String(n), want.count, { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid^="gap-patch-"][data-residents]', (trs) =>
      trs.map((tr) => ({ residents: Number(tr.getAttribute('data-residents')), land: Number(tr.getAttribute('data-land-km2')), bbox: tr.getAttribute('data-bbox')!.split(',').map(Number), district: tr.children[1]!.textContent })),
    );
    expect(rows).toHaveLength(10);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.residents).toBeLessThanOrEqual(rows[i - 1]!.residents);
    rows.forEach((r, i) => {
      expect(r.residents).toBeCloseTo(want.patches[i]!.residents, 1);
      expect(r.land).toBeCloseTo(want.patches[i]!.landKm2, 5);
      expect(r.district).toBe('闵行区');
    });
    expect(Number(await page.locator('[data-testid="gap-patches-summary"]').getAttribute('data-residents-not-reached'))).toBeCloseTo(want.residentsNotReached, 0);
    // The shipped township polygons are the 8 central districts': none in Minhang, so no township is named
    // (tests/coverage/gapPatches.test.ts checks the naming where polygons are).
    expect(new Set(await page.locator('[data-testid^="gap-patch-"][data-residents] td:nth-child(3)').allTextContents())).toEqual(new Set(['—']));
    await page.locator('[data-testid="gap-patches"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'gap-patches-zh');

    // Fly to the third patch: the view holds its box, centred on it, and the outline is drawn.
    const pick = 3;
    const [w, s, e, n] = rows[pick - 1]!.bbox as [number, number, number, number];
    const before = await page.evaluate(() => window.__shanghaiMap!.getCenter().toArray());
    await page.locator(`[data-testid="gap-patch-${pick}"]`).click();
    await page.waitForFunction(() => !window.__shanghaiMap!.isMoving() && window.__shanghaiMap!.getLayer('gap-patch-outline') !== undefined, undefined, { timeout: 30_000 });
    await page.waitForTimeout(800);
    const view = await page.evaluate(() => {
      const m = window.__shanghaiMap!;
      const b = m.getBounds();
      return { center: m.getCenter().toArray(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], moving: m.isMoving() };
    });
    expect(view.moving).toBe(false);
    expect(Math.hypot(view.center[0]! - before[0]!, view.center[1]! - before[1]!)).toBeGreaterThan(0.001);
    // fitBounds centres the box (to a few metres: the projection is Mercator, the box is lon/lat).
    expect(view.center[0]).toBeCloseTo((w + e) / 2, 3);
    expect(Math.abs(view.center[1]! - (s + n) / 2)).toBeLessThan(0.002);
    expect(view.bounds[0]).toBeLessThanOrEqual(w);
    expect(view.bounds[1]).toBeLessThanOrEqual(s);
    expect(view.bounds[2]).toBeGreaterThanOrEqual(e);
    expect(view.bounds[3]).toBeGreaterThanOrEqual(n);
    const outline = await page.evaluate(async () => {
      const source = window.__shanghaiMap!.getSource('gap-patch') as unknown as { getData(): Promise<GeoJSON.Feature> };
      return (await source.getData()).geometry;
    });
    expect(outline).toEqual(want.patches[pick - 1]!.outline);
    expect(await page.locator(`[data-testid="gap-patch-${pick}"]`).getAttribute('class')).toContain('selected');
    await screenshot(page, 'gap-patch-flown-zh');

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('optimizer, residents objective: residents added per proposal, adding up to the claim', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 120_000 });
    await page.locator('[data-testid="opt-district"]').selectOption(JINGAN);
    await page.locator('[data-testid="opt-objective-residents"]').check();
    await page.locator('[data-testid="opt-goal-bestn"]').check();
    await page.locator('[data-testid="opt-n"]').fill('3');
    await page.locator('[data-testid="opt-solver"]').selectOption('heuristic');
    await page.locator('[data-testid="opt-run"]').click();
    const result = page.locator('[data-testid="opt-result"]');
    await result.waitFor({ timeout: 180_000 });
    expect(await result.getAttribute('data-objective')).toBe('residents');
    const total = Number(await page.locator('[data-testid="opt-residents-total"]').getAttribute('data-residents'));
    expect(total).toBeGreaterThan(100_000); // Jing'an's census: ~976,000
    const added = await page.$$eval('[data-testid="opt-sites"] td[data-residents]', (tds) => tds.map((td) => Number(td.getAttribute('data-residents'))));
    expect(added).toHaveLength(3);
    expect(added.every((v) => v > 0)).toBe(true);
    const before = Number(await result.getAttribute('data-share-after'));
    const sum = added.reduce((a, b) => a + b, 0);
    // The claim's share of residents after, against before + what the sites add (to 0.1 resident a site).
    const shareBefore = before - sum / total;
    expect(shareBefore).toBeGreaterThanOrEqual(0);
    expect(Number(await result.getAttribute('data-recheck'))).toBeCloseTo(before, 6);
    expect(await page.locator('[data-testid="opt-land-share"]').textContent()).toMatch(/%.*→.*%/);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'optimizer-residents-zh');
    await page.locator('[data-testid="opt-objective"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'optimizer-residents-settings-zh');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
