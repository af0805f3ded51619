/**
 * Walking distance on the street network in a real browser: the People's Square extract loaded by
 * the file input, a charging site placed and dragged, and the network figure the coverage panel
 * shows compared with the CLI's computation (scripts/networkLayers.ts) run here on the same file,
 * the same grid and the sites the app exports; the hover's distance against the engine's field; a
 * refused file leaves the roads in use; a reload restores the roads; remove returns to the straight
 * line only. Nothing leaves loopback.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { buildGrid } from '../../src/coverage/grid';
import { gridSourcesFrom } from '../../src/coverage/engine';
import { NetworkEngine } from '../../src/network/networkEngine';
import { cellAt } from '../../src/network/route';
import { networkCoverage, readRoads } from '../../scripts/networkLayers';
import { lonLatAt, openPage, outsideRequests, screenPoint, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';

const baseUrl = inject('baseUrl');
const HUANGPU = '310101';
const CHARGING = new Set(['ev-charging-pile', 'ev-fast-charging-pile', 'ev-charging-station']);
const ROADS_FILE = fileURLToPath(new URL('../fixtures/network/peoples-square.osm', import.meta.url));
const roadBytes = new Uint8Array(readFileSync(ROADS_FILE));
/** The charging layer's rule inside the Outer Ring (People's Square lies well inside it); checked against the layer's label below. */
const RULE = { insideKm: 0.9, outsideKm: 1.5 };
const PEOPLES_SQUARE: [number, number] = [121.4737, 31.2304];
const JINGAN = '310106';
const MINHANG = '310112';
/** 石门二路街道 (Jing'an), north-west of People's Square: the road file reaches its south-eastern part (9.8% of its land on foot from the two sites, measured). */
const SHIMEN = '310106011';
/** A second site near the Huangpu–Jing'an border, so that the walk reaches into Jing'an's townships. */
const BORDER: [number, number] = [121.464, 31.232];
/** The first test's site after its drag: 400 m east of where it was placed. */
const EAST: [number, number] = [121.4745 + 0.4 / (111.32 * Math.cos((31.2318 * Math.PI) / 180)), 31.2318];

const data = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../public/data/${file}`, import.meta.url)), 'utf8'));
/** The app's grid: the coverage worker's sources (districts, zones, the Outer Ring, land, the shipped townships) at 50 m. */
const grid = buildGrid(gridSourcesFrom(data('districts.geojson'), data('zones.geojson'), data('outer-ring-area.geojson'), data('land.geojson'), data('townships.geojson')), { cellM: 50 });
const roads = readRoads(grid, 'peoples-square.osm', roadBytes, 'walk', 200);

let browser: Browser;
withBrowser((b) => (browser = b));

/** The sites as the app exports them (every digit), of the charging layer's types. */
async function exportedSites(page: Page): Promise<Array<{ id: string; lon: number; lat: number }>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-geojson"]').click()]);
  const fc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { features: Array<{ properties: { id: string; type: string }; geometry: { coordinates: [number, number] } }> };
  return fc.features.filter((f) => CHARGING.has(f.properties.type)).map((f) => ({ id: f.properties.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}

/** The network figure Huangpu's row shows once nothing is pending. */
async function networkShare(page: Page, other?: string): Promise<string> {
  const cell = page.locator(`[data-testid="network-row-${HUANGPU}"] [data-share-network]`);
  await page.waitForFunction(
    ([id, before]) => {
      const td = document.querySelector(`[data-testid="network-row-${id}"] [data-share-network]`);
      const pending = document.querySelector('[data-testid="network-compare"] .updating');
      return td !== null && pending === null && td.getAttribute('data-share-network') !== before;
    },
    [HUANGPU, other ?? null] as const,
    { timeout: 60_000 },
  );
  return (await cell.getAttribute('data-share-network'))!;
}

const expected = (sites: Array<{ id: string; lon: number; lat: number }>) => networkCoverage(roads.ctx, sites, RULE, [HUANGPU])[HUANGPU]!.land.share.toFixed(6);

/** The map drawn: up to 3 min on a loaded machine (the deck's first frame waits for the coverage worker), then waitForMap's checks. */
async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-map-ready="true"][data-deck-ready="true"]', { timeout: 180_000 });
  await waitForMap(page);
}

/** The scenario cleared, the map at People's Square, and the roads read by the file input. */
async function clearAndLoadRoads(page: Page): Promise<void> {
  await page.locator('[data-testid="clear-sites"]').click();
  await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 14 }), PEOPLES_SQUARE);
  await waitForIdle(page);
  await page.locator('[data-testid="roads-file"]').setInputFiles(ROADS_FILE);
  await page.waitForSelector('[data-testid="roads-status"]', { timeout: 120_000 });
}

describe('walking distance on the street network', () => {
  it('loads the roads by the file input, shows the figure the CLI computes, follows a drag, keeps the roads over a reload, removes them', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await mapReady(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="coverage-view"] option:checked').textContent()).toContain('0.9');
    // One site of our own: the scenario cleared, a charging station added at People's Square.
    await clearAndLoadRoads(page);
    expect(await page.locator('[data-testid="roads-status"]').getAttribute('data-file')).toBe('peoples-square.osm');
    await page.waitForSelector('[data-testid="roads-kept"]', { timeout: 30_000 });

    await page.locator('[data-testid="tool-add"]').click();
    await page.locator('[data-testid="add-type"]').selectOption('ev-charging-station');
    const at = await screenPoint(page, [121.4745, 31.2318]);
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press('Escape');
    const placed = await networkShare(page, '0.000000');
    const sites = await exportedSites(page);
    expect(sites).toHaveLength(1);
    expect(placed).toBe(expected(sites));
    // The network figure sits beside the straight line's, each labelled with its ground.
    expect(await page.locator('[data-testid="network-head-straight"]').textContent()).toBe('straight line');
    expect(await page.locator('[data-testid="network-head-network"]').textContent()).toBe('on foot along streets (peoples-square.osm)');
    const straight = Number(await page.locator(`[data-testid="network-row-${HUANGPU}"] [data-share-straight]`).getAttribute('data-share-straight'));
    expect(Number(placed)).toBeLessThan(straight);
    await screenshot(page, 'network-placed-en');

    // Drag it 400 m east: the figure follows, and equals the CLI's for the new position.
    await page.locator('[data-testid="tool-select"]').click();
    const to = await screenPoint(page, [121.4745 + 0.4 / (111.32 * Math.cos((31.2318 * Math.PI) / 180)), 31.2318]);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move((at.x + to.x) / 2, at.y, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    const dragged = await networkShare(page, placed);
    const moved = await exportedSites(page);
    expect(moved[0]!.lon).not.toBe(sites[0]!.lon);
    expect(dragged).toBe(expected(moved));

    // Hover: the distance along the streets is the engine's for the cell under the pointer, and a route is drawn.
    await page.keyboard.press('Escape'); // the site editor closed: the pointer reaches the map
    const hoverAt = await screenPoint(page, [121.4725, 31.2295]);
    await page.mouse.move(hoverAt.x, hoverAt.y);
    await page.mouse.move(hoverAt.x + 2, hoverAt.y + 1);
    await page.waitForSelector('[data-testid="hover-network"][data-kind="route"]', { timeout: 30_000 });
    const pointer = await lonLatAt(page, { x: hoverAt.x + 2, y: hoverAt.y + 1 });
    const engine = new NetworkEngine(roads.ctx, { maxDistanceM: 900 });
    engine.setSites(moved);
    const shown = Number(await page.locator('[data-testid="hover-network"]').getAttribute('data-distance-m'));
    expect(shown).toBeCloseTo(engine.distanceField()[cellAt(roads.ctx, pointer[0], pointer[1])]!, 1);
    await screenshot(page, 'network-hover-en');

    // A file with no road in Shanghai is refused with where its roads lie; the roads in use stay.
    const far = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[116.39, 39.9], [116.4, 39.91]] } }] };
    await page.locator('[data-testid="roads-file"]').setInputFiles({ name: 'beijing.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(far)) });
    await page.waitForSelector('[data-testid="roads-error"][data-problem="far-away"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="roads-error"]').textContent()).toContain('km from Shanghai');
    expect(await page.locator('[data-testid="roads-status"]').getAttribute('data-file')).toBe('peoples-square.osm');

    // A reload reads the kept roads again and says so; the same figure.
    await page.reload();
    await mapReady(page);
    await page.waitForSelector('[data-testid="roads-restored"]', { timeout: 120_000 });
    expect(await networkShare(page)).toBe(dragged);

    // Remove: back to the straight line only, and the reload after it finds no roads.
    await page.locator('[data-testid="roads-remove"]').click();
    await page.waitForSelector('[data-testid="roads-status"]', { state: 'detached' });
    expect(await page.locator('[data-testid="network-compare"]').count()).toBe(0);
    expect(await page.locator('[data-testid="coverage-table"]').count()).toBe(1);
    await page.reload();
    await mapReady(page);
    await page.waitForSelector('[data-testid="roads-demo"]', { timeout: 60_000 });
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid="roads-status"]').count()).toBe(0);

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 400_000); // three cold page loads (up to 3 min each on a loaded machine)

  it('shows the on-foot figure in the township table and the scorecard row, as the engine computes it (zh)', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=zh`);
    await mapReady(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    await clearAndLoadRoads(page);
    expect(await page.locator('[data-testid="roads-crs-used"]').getAttribute('data-crs')).toBe('wgs84');
    // Two charging stations: one east of People's Square, one near the Jing'an border, so that the walk reaches into Jing'an's townships.
    for (const at of [EAST, BORDER]) {
      await page.locator('[data-testid="tool-add"]').click();
      await page.locator('[data-testid="add-type"]').selectOption('ev-charging-station');
      const p = await screenPoint(page, at);
      await page.mouse.click(p.x, p.y);
      await page.keyboard.press('Escape');
    }
    const both = await exportedSites(page);
    expect(both).toHaveLength(2);
    const want = expected(both);
    await page.waitForFunction(([id, w]) => document.querySelector(`[data-testid="network-row-${id}"] [data-share-network]`)?.getAttribute('data-share-network') === w, [HUANGPU, want] as const, { timeout: 60_000 });
    const engine = new NetworkEngine(roads.ctx, { maxDistanceM: 1500 });
    engine.setSites(both);
    // The township table's on-foot column: the engine's share of 石门二路街道's land, below the straight-line share.
    await page.locator(`[data-testid="scorecard-tab-${JINGAN}"]`).click();
    const twCell = `[data-testid="township-row-${SHIMEN}"] td[data-share-network]`;
    const wantTw = engine.coverage({ township: SHIMEN }, RULE).land.share;
    await page.waitForFunction(([sel, w]) => document.querySelector(sel!)?.getAttribute('data-share-network') === w, [twCell, wantTw.toFixed(6)] as const, { timeout: 60_000 });
    expect(wantTw).toBeGreaterThan(0.03);
    // The straight-line figure comes from the other worker and may land after the on-foot one: wait for
    // its answer for the two new stations (any share above none) before comparing.
    const straightCell = `[data-testid="township-row-${SHIMEN}"] td[data-share]`;
    await page.waitForFunction(
      (sel) => Number(document.querySelector(sel)?.getAttribute('data-share') ?? 0) > 0 && document.querySelector('[data-testid="coverage-panel"] .updating') === null,
      straightCell,
      { timeout: 60_000 },
    );
    const straightTw = Number(await page.locator(straightCell).getAttribute('data-share'));
    expect(wantTw).toBeLessThan(straightTw);
    expect(await page.locator('[data-testid="tw-network-ground"]').textContent()).toContain('沿街步行，吸附 200 m');
    await page.locator('[data-testid="township-table"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'network-townships-zh');
    // Minhang's charging radius target (the layer's rule): the on-foot line, the engine's figure there
    // (the extract does not reach Minhang: none of it is reached along the streets).
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    const line = page.locator('[data-target-id="minhang-ev-charging-radius"] [data-testid="target-network"]');
    await line.waitFor({ timeout: 60_000 });
    expect(await line.getAttribute('data-share')).toBe(engine.coverage({ district: MINHANG }, RULE).land.share.toFixed(6));
    expect(await line.textContent()).toContain('沿街步行，吸附 200 m');
    // Only the layer's targets carry a network line (the 5G targets belong to another layer).
    expect(await page.locator('[data-target-id="minhang-5g-full-coverage"] [data-testid="target-network"]').count()).toBe(0);
    await line.scrollIntoViewIfNeeded();
    await screenshot(page, 'network-scorecard-zh');
    // The report of Minhang carries the same on-foot figure beside the straight line, naming the road file.
    const lineShare = await line.getAttribute('data-share');
    await page.locator('[data-testid="report-district"]').selectOption(MINHANG);
    await page.locator('[data-testid="open-report"]').click();
    const reportLine = page.locator('[data-testid="report-network-minhang-ev-charging-radius"]');
    await reportLine.waitFor({ timeout: 60_000 });
    expect(await reportLine.getAttribute('data-share')).toBe(lineShare);
    expect(await page.locator('[data-testid="report-network"] h2').textContent()).toBe('沿街距离（路网）');
    expect(await page.locator('[data-testid="report-network"]').textContent()).toContain('peoples-square.osm');
    await screenshot(page, 'network-report-zh');
    await page.locator('[data-testid="report-close"]').click();
    // Compared with another scenario: a copy with a third station, compared with these two; Huangpu's
    // on-foot difference is the CLI computation's for three sites less its figure for two.
    await page.locator('[data-testid="scenario-duplicate"]').click();
    await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 14 }), PEOPLES_SQUARE);
    await waitForIdle(page);
    await page.locator('[data-testid="tool-add"]').click();
    await page.locator('[data-testid="add-type"]').selectOption('ev-charging-station');
    const third = await screenPoint(page, [121.4785, 31.2262]);
    await page.mouse.click(third.x, third.y);
    await page.keyboard.press('Escape');
    const three = await exportedSites(page);
    expect(three).toHaveLength(3);
    const shareOf3 = (list: typeof three) => networkCoverage(roads.ctx, list, RULE, [HUANGPU])[HUANGPU]!.land.share;
    const wantDelta = (shareOf3(three) - shareOf3(both)).toFixed(6);
    expect(Number(wantDelta)).toBeGreaterThan(0);
    const original = await page.locator('[data-testid="scenario-list"] button[data-current="false"]').getAttribute('data-testid');
    await page.locator('[data-testid="compare-select"]').selectOption(original!.replace('scenario-item-', ''));
    const deltaCell = `[data-testid="network-row-${HUANGPU}"] td[data-delta-network]`;
    await page.waitForFunction(([sel, w]) => document.querySelector(sel!)?.getAttribute('data-delta-network') === w, [deltaCell, wantDelta] as const, { timeout: 60_000 });
    await page.locator('[data-testid="network-compare"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'network-compare-zh');
    // Removed roads: no network line is left claiming a figure.
    await page.locator('[data-testid="roads-remove"]').click();
    await page.waitForSelector('[data-testid="roads-status"]', { state: 'detached' });
    expect(await page.locator('[data-testid="target-network"]').count()).toBe(0);
    expect(await page.locator('[data-testid="tw-network-ground"]').count()).toBe(0);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
