/**
 * User key-zone boundaries in a real browser: a boundary file for 南京西路 written here is imported,
 * the zone's parcel-locker share in the scorecard changes to turf's figure on the new boundary
 * (boundary ∩ land ∩ the site's disc, computed in this process), "用户边界" shows, a reload keeps it,
 * and revert brings the shipped figure back; a bad file is refused with every problem named. Then
 * draw mode: it opens with the zone's vertices, a vertex dragged with the mouse and saved is the
 * zone's new boundary.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { area, centroid, circle, destination, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { landOf } from '../geodata/landOf';
import { launchBrowser, lonLatAt, openPage, outsideRequests, screenPoint, screenshot, waitForIdle, waitForMap } from './support/browser';

const baseUrl = inject('baseUrl');
type Area = Feature<Polygon | MultiPolygon>;
const readJson = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../public/data/${file}`, import.meta.url)), 'utf8')) as { features: Feature[] };
const zones = readJson('zones.geojson').features as Area[];
const landFeatures = readJson('land.geojson').features as Area[];
const assumptions = JSON.parse(readFileSync(fileURLToPath(new URL('../../seeds/assumptions.json', import.meta.url)), 'utf8')) as { assumptions: { key: string; value: number }[] };
const LOCKER_KM = assumptions.assumptions.find((a) => a.key === 'parcel-locker-radius')!.value;

const JINGAN = '310106';
const ZONE = 'nanjing-west-road';
const TARGET = 'jingan-nanjing-west-road-lockers';
const shipped = zones.find((f) => f.properties!.id === ZONE)!;
const centre = centroid(shipped);
// The user's boundary: a pentagon of ~1 km around the zone's centre (the shipped one is smaller).
const corners = [0, 72, 144, 216, 288].map((deg, i) => destination(centre, i === 0 ? 1.1 : 0.9, deg, { units: 'kilometers' }).geometry.coordinates);
const BOUNDARY: Polygon = { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
// One locker 0.5 km north of the centre: its disc covers 17 % of the shipped corridor's land, 35 % of the pentagon's.
const SITE = destination(centre, 0.5, 0, { units: 'kilometers' }).geometry.coordinates as [number, number];

/** turf: the share of `zone`'s land within `km` of `site` (the land layer cut to the zone's box, slivers dropped). */
function turfZoneShare(zone: Polygon | MultiPolygon, site: [number, number], km: number): number {
  const zoneLand = landOf(zone, landFeatures)!;
  const covered = intersect(featureCollection([zoneLand, circle(site, km, { steps: 256, units: 'kilometers' }) as Area]));
  return covered ? area(covered) / area(zoneLand) : 0;
}

/** waitForMap, after up to 3 minutes for the first draw (a cold page on a loaded machine took over a minute). */
async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-map-ready="true"][data-deck-ready="true"]', { timeout: 180_000 });
  await waitForMap(page);
}

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'zones-e2e-'));
});
afterAll(async () => {
  await browser?.close();
});

const row = (page: Page) => page.locator(`[data-testid="target-row"][data-target-id="${TARGET}"] [data-testid="target-current"]`);
async function zoneShare(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]', { timeout: 90_000 });
  await page.waitForFunction((t) => (document.querySelector(`[data-testid="target-row"][data-target-id="${t}"] [data-testid="target-current"]`)?.getAttribute('data-current') ?? '') !== '', TARGET, {
    timeout: 90_000,
  });
  return Number(await row(page).getAttribute('data-current'));
}
/** Waits until the target's share is no longer `before` (the worker restarted on the new zones). */
async function shareChangedFrom(page: Page, before: number): Promise<number> {
  await page.waitForFunction(
    ({ t, b }) => {
      const v = document.querySelector(`[data-testid="target-row"][data-target-id="${t}"] [data-testid="target-current"]`)?.getAttribute('data-current');
      return v !== null && v !== undefined && v !== '' && Math.abs(Number(v) - b) > 1e-6;
    },
    { t: TARGET, b: before },
    { timeout: 90_000 },
  );
  return zoneShare(page);
}

async function oneLocker(page: Page) {
  await page.locator('[data-testid="clear-sites"]').click();
  const csv = join(dir, 'one-locker.csv');
  writeFileSync(csv, `name,type,lon,lat\nZone test,parcel-locker,${SITE[0].toFixed(6)},${SITE[1].toFixed(6)}\n`);
  await page.locator('[data-testid="load-sites"]').setInputFiles(csv);
  await page.locator('[data-testid="imp-confirm"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="load-report"]')?.textContent?.includes('1'));
  await page.locator(`[data-testid="scorecard-tab-${JINGAN}"]`).click();
}

describe('key zones: user boundaries', () => {
  it('an imported boundary: the share is turf’s on it, “用户边界” shows, a reload keeps it, revert restores the shipped figure; a bad file is refused', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, baseUrl);
    await mapReady(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    await oneLocker(page);
    // The worker's answer with the locker in (the clear before it gave 0).
    const shippedShare = await shareChangedFrom(page, 0);
    const wantShipped = turfZoneShare(shipped.geometry, SITE, LOCKER_KM);
    const wantUser = turfZoneShare(BOUNDARY, SITE, LOCKER_KM);
    // The two boundaries give clearly different figures, neither 0 nor 1.
    expect(Math.abs(wantUser - wantShipped)).toBeGreaterThan(0.1);
    expect(wantUser).toBeGreaterThan(0.05);
    expect(wantUser).toBeLessThan(0.9);
    // 50 m cells against turf's exact cut: measured 0.12 pp on the shipped corridor (0.1745 vs 0.1733)
    // and 0.02 pp on the user's pentagon (0.3526 vs 0.3528); ~2.5× the larger.
    expect(Math.abs(shippedShare - wantShipped), `shipped ${shippedShare} vs turf ${wantShipped}`).toBeLessThan(0.003);

    // A bad file first: every problem named (file, feature, field); nothing is replaced.
    const bow: Polygon = { type: 'Polygon', coordinates: [[corners[0]!, corners[2]!, corners[1]!, corners[3]!, corners[0]!]] };
    const bad = join(dir, 'bad-zones.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: '人民广场' }, geometry: BOUNDARY },
      { type: 'Feature', properties: { id: 'daning' }, geometry: bow },
      { type: 'Feature', properties: { name_en: 'Suhe Bay' }, geometry: { type: 'Point', coordinates: SITE } },
    ] }));
    await page.locator('[data-testid="zone-file"]').setInputFiles(bad);
    const error = page.locator('[data-testid="zone-error"]');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('bad-zones.geojson, feature 1 (人民广场), field "name": no key zone is named "人民广场"');
    expect(text).toContain('bad-zones.geojson, feature 2 (daning), field "geometry": it is self-intersecting');
    expect(text).toContain('bad-zones.geojson, feature 3 (Suhe Bay), field "geometry": it is Point');
    expect(await page.locator('[data-testid^="zone-user-"]').count()).toBe(0);

    // The good file: matched by the zone's Chinese name.
    const good = join(dir, '南京西路官方边界.geojson');
    writeFileSync(good, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '南京西路' }, geometry: BOUNDARY }] }));
    await page.locator('[data-testid="zone-file"]').setInputFiles(good);
    await page.waitForSelector(`[data-testid="zones-panel"] [data-testid="zone-user-${ZONE}"]`);
    expect(await page.locator('[data-testid="zone-error"]').count()).toBe(0);
    expect(await page.locator(`[data-testid="zone-user-${ZONE}"]`).first().textContent()).toContain('用户边界 · 南京西路官方边界.geojson · 20');
    const userShare = await shareChangedFrom(page, shippedShare);
    expect(Math.abs(userShare - wantUser), `user ${userShare} vs turf ${wantUser}`).toBeLessThan(0.003);
    // The scorecard names the boundary its figure is on.
    expect(await page.locator(`[data-testid="target-row"][data-target-id="${TARGET}"] .scope-chip`).textContent()).toContain('用户边界：南京西路官方边界.geojson');
    await page.evaluate(() => window.__shanghaiMap!.fitBounds([[121.43, 31.215], [121.48, 31.245]], { duration: 0 }));
    await waitForIdle(page);
    await screenshot(page, 'zones-user-boundary-zh');

    // A reload keeps it: the same figure on the same boundary.
    await page.reload();
    await mapReady(page);
    await page.locator(`[data-testid="scorecard-tab-${JINGAN}"]`).click();
    await page.waitForSelector(`[data-testid="zone-user-${ZONE}"]`, { timeout: 60_000 });
    await page.waitForFunction((t) => document.querySelector(`[data-testid="target-row"][data-target-id="${t}"] [data-testid="target-current"]`)?.getAttribute('data-current'), TARGET, { timeout: 90_000 });
    expect(await zoneShare(page)).toBeCloseTo(userShare, 6);
    const onMap = await page.evaluate((id) => window.__shanghaiMap!.querySourceFeatures('zones').some((f) => f.properties.id === id && f.properties.user_source !== undefined), ZONE);
    expect(onMap).toBe(true);

    // Revert: the shipped boundary and its figure come back.
    await page.locator(`[data-testid="zone-revert-${ZONE}"]`).click();
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="zone-user-${id}"]`), ZONE);
    expect(await shareChangedFrom(page, userShare)).toBeCloseTo(shippedShare, 6);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('draw mode opens with the zone’s vertices; a vertex dragged with the mouse and saved is the new boundary', async () => {
    const { page, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await mapReady(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const ring = (shipped.geometry as Polygon).coordinates[0]!;
    await page.locator(`[data-testid="zone-draw-${ZONE}"]`).click();
    await page.waitForSelector(`[data-testid="zone-drawer"][data-zone="${ZONE}"][data-vertices="${ring.length - 1}"]`);
    await page.waitForFunction(() => !window.__shanghaiMap!.isMoving());
    await waitForIdle(page);
    // terra-draw draws each vertex as a selection point on the map.
    const points = await page.evaluate(() => window.__shanghaiMap!.queryRenderedFeatures().filter((f) => f.source.startsWith('zone-draw') && f.geometry.type === 'Point').length);
    expect(points).toBeGreaterThanOrEqual(ring.length - 1);
    await screenshot(page, 'zones-draw-mode-en');
    // Drag the first vertex 60 px to the right and 40 px down.
    const from = await screenPoint(page, ring[0] as [number, number]);
    const to = { x: Math.round(from.x + 60), y: Math.round(from.y + 40) };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(from.x + (to.x - from.x) * (k / 10), from.y + (to.y - from.y) * (k / 10));
    await page.mouse.up();
    const want = await lonLatAt(page, to);
    await screenshot(page, 'zones-draw-moved-en');
    await page.locator('[data-testid="zone-draw-save"]').click();
    await page.waitForSelector('[data-testid="zone-drawer"]', { state: 'detached' });
    await page.waitForSelector(`[data-testid="zone-user-${ZONE}"]`);
    expect(await page.locator(`[data-testid="zones-panel"] [data-testid="zone-user-${ZONE}"]`).textContent()).toContain('user boundary · drawn');
    await waitForIdle(page);
    // The zones source's data as set (querySourceFeatures would give tile-clipped pieces).
    const saved = await page.evaluate(async (id) => {
      const source = window.__shanghaiMap!.getSource('zones') as unknown as { getData(): Promise<{ features: Array<{ properties: { id: string }; geometry: { coordinates: number[][][] } }> }> };
      const f = (await source.getData()).features.find((g) => g.properties.id === id);
      return f ? f.geometry.coordinates[0]! : null;
    }, ZONE);
    expect(saved).not.toBeNull();
    // The moved vertex is where the mouse let go: both are the map's unprojection of the same pixel,
    // apart from terra-draw's rounding to 1e-9° (≤ 0.08 mm). Measured 0.04 mm; 0.2 mm allowed.
    const nearest = Math.min(...saved!.map((p) => Math.hypot((p[0]! - want[0]) * 95_000, (p[1]! - want[1]) * 111_000)));
    expect(nearest).toBeLessThan(0.0002);
    // The other vertices stayed.
    for (const p of ring.slice(1, -1)) expect(Math.min(...saved!.map((q) => Math.hypot((q[0]! - p[0]!) * 95_000, (q[1]! - p[1]!) * 111_000)))).toBeLessThan(0.0002);
    expect(saved!.length).toBe(ring.length);
    await page.locator(`[data-testid="zone-revert-${ZONE}"]`).click();
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="zone-user-${id}"]`), ZONE);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
