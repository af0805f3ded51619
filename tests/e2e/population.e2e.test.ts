/**
 * The residents layer in a real browser: the census default named beside the figures; a GeoTIFF
 * written here (6 × 6 pixels of 0.01° inside Minhang, one nodata) loaded by the file picker, read in
 * the import worker and spread by the coverage worker — Minhang's residents are the raster's sum (a
 * hand-worked case: every pixel lies in Minhang) and its covered residents what the engine gives in
 * this process for the same file, sites and 50 m grid; the scorecard's radius targets carry
 * residents; a projected GeoTIFF is refused with its reason while the layer stays; a reload restores
 * the file (saying so); one click goes back to the census, which a reload keeps; an areas CSV whose
 * residents column cannot be told asks for it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bboxPolygon, booleanWithin } from '@turf/turf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeTiff } from '../io/tiffFixtures';
import { readPopulationFile } from '../../src/io/populationFile';
import { CENSUS_SPREAD_LABEL, type PopulationReport } from '../../src/domain/population';
import { COVERAGE_VIEWS } from '../../src/ui/coverage/appViews';
import type { ResidentsCoverage } from '../../src/domain/coverageResults';
import { launchBrowser, openPage, outsideRequests, screenshot, waitForMap } from './support/browser';
import { MINHANG, minhang } from './support/sample';
import { shippedSession } from '../worker/shippedSession';

const baseUrl = inject('baseUrl');
const NAME = 'minhang_pop_2020.tif';
const W = 6;
const H = 6;
const WEST = 121.42;
const NORTH = 31.08;
const D = 0.01;
const NODATA = -99999;

let browser: Browser;
let dir: string;
let tiffPath: string;
let rasterSum: number;
let want: { minhang: ResidentsCoverage; all: ResidentsCoverage; report: PopulationReport };

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'population-e2e-'));
  // Residents per pixel: uneven, so where a pixel lands matters; one pixel without data.
  const values = Array.from({ length: W * H }, (_, i) => (i === 7 ? NODATA : 500 + ((i * 37) % 11) * 150));
  rasterSum = values.filter((v) => v !== NODATA).reduce((a, b) => a + b, 0);
  const bytes = writeTiff({ width: W, height: H, values, type: 'float32', origin: [WEST, NORTH], pixel: [D, D], nodata: String(NODATA) });
  tiffPath = join(dir, NAME);
  writeFileSync(tiffPath, new Uint8Array(bytes));

  // The engine in this process, as the app runs it: the shipped geometry at 50 m, the sample's sites,
  // the first coverage layer with the bundled assumptions, and the same file read by the same reader.
  const session = shippedSession(50);
  session.setView(COVERAGE_VIEWS[0]!.id, 'none');
  const read = await readPopulationFile(bytes, NAME);
  const status = session.setPopulation(read.input)!;
  const u = session.compute();
  want = { minhang: u.view!.breakdown.districts[MINHANG]!.residents!, all: u.view!.breakdown.all.residents!, report: status.report! };
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const attr = async (page: Page, selector: string, name: string) => Number(await page.locator(selector).first().getAttribute(name));
const minhangRow = `[data-testid="residents-row-${MINHANG}"]`;
const minhangCell = `${minhangRow} td[data-residents]`;

async function sourceKind(page: Page, kind: string): Promise<void> {
  await page.waitForSelector(`[data-testid="pop-source"][data-kind="${kind}"]`, { timeout: 120_000 });
  await page.waitForSelector(`[data-testid="residents-ground"][data-kind="${kind}"]`, { timeout: 120_000 });
}

describe('residents', () => {
  it('a GeoTIFF loaded, its residents in the table as the engine gives them; refused files leave it; kept across a reload; removed in one click', async () => {
    // The fixture's premise: every pixel lies inside Minhang (so all its residents are Minhang's).
    expect(booleanWithin(bboxPolygon([WEST, NORTH - H * D, WEST + W * D, NORTH]), minhang)).toBe(true);
    expect(want.minhang.residents).toBeCloseTo(rasterSum, 1);
    expect(want.all.residents).toBeCloseTo(rasterSum, 1);

    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 120_000 });
    // The default: the census spread evenly, said in its own words beside the figures.
    await sourceKind(page, 'district-census');
    expect(await page.locator('[data-testid="residents-ground"]').textContent()).toContain(CENSUS_SPREAD_LABEL.zh);
    expect(await page.locator('[data-testid="pop-remove"]').count()).toBe(0);
    const censusMinhang = await attr(page, minhangCell, 'data-residents');
    expect(censusMinhang).toBeGreaterThan(2_000_000); // Minhang's census row, not the file's few thousand

    await page.locator('[data-testid="pop-load"]').setInputFiles(tiffPath);
    await sourceKind(page, 'raster');
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-residents')) < 1_000_000, minhangCell);
    // Minhang's residents and those reached: the engine's figures for the same file (and the raster's sum).
    expect(await attr(page, minhangCell, 'data-residents')).toBeCloseTo(want.minhang.residents, 2);
    expect(await attr(page, minhangCell, 'data-residents-covered')).toBeCloseTo(want.minhang.covered, 2);
    expect(await attr(page, `${minhangRow} td[data-residents-share]`, 'data-residents-share')).toBeCloseTo(want.minhang.share, 5);
    expect(await attr(page, `${minhangRow} td[data-residents-not-reached]`, 'data-residents-not-reached')).toBeCloseTo(want.minhang.notReached, 2);
    expect(await attr(page, '[data-testid="residents-row-city"] td[data-residents]', 'data-residents')).toBeCloseTo(want.all.residents, 2);
    // The other districts hold none of the file's residents.
    const others = await page.$$eval(`[data-testid^="residents-row-"]:not(${minhangRow}):not([data-testid="residents-row-city"]) td[data-residents]`, (cells) => cells.map((c) => Number(c.getAttribute('data-residents'))));
    expect(others.length).toBeGreaterThan(2);
    expect(others.every((v) => v === 0)).toBe(true);
    // The panel: the source with its date, the residents placed, the nodata pixel.
    expect(await page.locator('[data-testid="pop-source"]').textContent()).toMatch(new RegExp(`人口栅格 ${NAME}（2020） · 载入于 \\d{4}`));
    expect(await page.locator('[data-testid="residents-ground"]').textContent()).toContain(NAME);
    expect(await attr(page, '[data-testid="pop-report"]', 'data-placed')).toBeCloseTo(want.report.placed, 2);
    expect(await page.locator('[data-testid="pop-nodata"]').textContent()).toContain('1 / 36');
    // What was read, in the interface's language: 6 × 6 pixels with one nodata pixel.
    expect(await page.locator('[data-testid="pop-facts"]').textContent()).toMatch(/读取 6 × 6 像元.*位浮点数.*无数据像元 1 个/);
    await page.waitForSelector('[data-testid="pop-kept"]');
    // The scorecard's radius targets of Minhang carry residents too.
    await page.locator(`[data-testid="scorecard-tab-${MINHANG}"]`).click();
    await page.waitForSelector('[data-testid="target-residents"]');
    expect(await page.locator('.scorecard-panel [data-testid="residents-ground"]').textContent()).toContain(NAME);
    await page.locator('[data-testid="residents-table"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'population-loaded-zh');
    await page.locator('[data-testid="population-panel"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'population-panel-zh');
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="pop-source"]')?.textContent?.includes('population grid'));
    expect(await page.locator('[data-testid="pop-facts"]').textContent()).toMatch(/6 × 6 pixels read of 6 × 6,.*-bit floating point,.* 1 nodata pixels/);
    await screenshot(page, 'population-panel-en');
    await page.locator('[data-testid="residents-table"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'population-loaded-en');
    await page.locator('[data-testid="lang-switch"]').click();

    // A projected GeoTIFF: refused with the file and the reason; the layer in use stays.
    const projected = join(dir, 'projected.tif');
    writeFileSync(projected, new Uint8Array(writeTiff({ width: 2, height: 2, values: [1, 2, 3, 4], type: 'float32', origin: [350000, 3450000], pixel: [100, 100], geoKeys: { 1024: 1, 1025: 1, 3072: 32651 } })));
    await page.locator('[data-testid="pop-load"]').setInputFiles(projected);
    await page.waitForSelector('[data-testid="pop-error"]', { timeout: 60_000 });
    const error = (await page.locator('[data-testid="pop-error"]').textContent())!;
    expect(error).toContain('projected.tif');
    expect(error).toContain('仍使用原人口图层');
    expect(await page.locator('[data-testid="pop-source"]').getAttribute('data-kind')).toBe('raster');
    await page.locator('[data-testid="population-panel"]').scrollIntoViewIfNeeded();
    expect(await attr(page, minhangCell, 'data-residents')).toBeCloseTo(want.minhang.residents, 2);
    await screenshot(page, 'population-refused-zh');
    expect(error).toContain('projected.tif：栅格为投影坐标系（EPSG:32651；');
    // A raster that misses Shanghai: its reason in Chinese, and in English once the language is switched
    // (the panel words the reader's problem code in the language shown).
    const far = join(dir, 'beijing.tif');
    writeFileSync(far, new Uint8Array(writeTiff({ width: 4, height: 4, values: new Array(16).fill(5), type: 'float32', origin: [116.3, 40], pixel: [0.01, 0.01] })));
    await page.locator('[data-testid="pop-load"]').setInputFiles(far);
    const popError = () => page.locator('[data-testid="pop-error"]').textContent();
    await page.waitForFunction(() => document.querySelector('[data-testid="pop-error"]')?.textContent?.includes('beijing.tif'), undefined, { timeout: 60_000 });
    expect(await popError()).toContain('beijing.tif 覆盖 116.30° E 至 116.34° E、39.96° N 至 40.00° N：不含上海（');
    await screenshot(page, 'population-misses-zh');
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="pop-error"]')?.textContent?.includes('it misses Shanghai'));
    expect(await popError()).toContain('beijing.tif covers 116.30° E to 116.34° E, 39.96° N to 40.00° N: it misses Shanghai (');
    await screenshot(page, 'population-misses-en');
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="pop-error"]')?.textContent?.includes('不含上海'));
    expect(await page.locator('[data-testid="pop-source"]').getAttribute('data-kind')).toBe('raster');

    // A reload restores the kept file, saying so while it does.
    await page.reload();
    await page.waitForSelector('[data-testid="pop-status"][data-phase="restoring"]', { timeout: 60_000 });
    await sourceKind(page, 'raster');
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 120_000 });
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-residents')) < 1_000_000, minhangCell);
    expect(await attr(page, minhangCell, 'data-residents-covered')).toBeCloseTo(want.minhang.covered, 2);

    // One click: back to the census, which a reload keeps.
    await page.locator('[data-testid="pop-remove"]').click();
    await sourceKind(page, 'district-census');
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-residents')) > 1_000_000, minhangCell);
    expect(await attr(page, minhangCell, 'data-residents')).toBeCloseTo(censusMinhang, 2);
    expect(await page.locator('[data-testid="residents-ground"]').textContent()).toContain(CENSUS_SPREAD_LABEL.zh);
    await page.waitForSelector('[data-testid="pop-remove"]', { state: 'detached' });
    await page.reload();
    await waitForMap(page);
    await sourceKind(page, 'district-census');
    expect(await page.locator('[data-testid="pop-status"]').count()).toBe(0);

    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('an areas CSV whose residents column cannot be told: the person picks it, and the areas are used', async () => {
    const csv = join(dir, 'areas.csv');
    const square = `POLYGON((121.43 31.03, 121.47 31.03, 121.47 31.07, 121.43 31.07, 121.43 31.03))`;
    writeFileSync(csv, `name,wkt,count_a,count_b\n甲,"${square}",12000,3\n`);
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await waitForMap(page);
    await sourceKind(page, 'district-census');
    await page.locator('[data-testid="pop-load"]').setInputFiles(csv);
    await page.waitForSelector('[data-testid="pop-field"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="pop-error"]').textContent()).toContain('areas.csv');
    await page.locator('[data-testid="pop-field"]').selectOption('count_a');
    await page.locator('[data-testid="pop-use-field"]').click();
    await sourceKind(page, 'polygons');
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-residents')) < 1_000_000, minhangCell);
    expect(await attr(page, minhangCell, 'data-residents')).toBeCloseTo(12000, 1);
    expect(await page.locator('[data-testid="pop-error"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
