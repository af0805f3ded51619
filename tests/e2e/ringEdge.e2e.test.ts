/**
 * What the map draws is what it counts, at the Outer Ring's edge: the illustrative sample's charging
 * sites near the S20 (0.9 km for ground inside the ring, 1.5 km outside). The service areas are read
 * from the deck.gl layers as drawn (discs, and discs clipped by the ring's edge); the gap picture is
 * read off the screen — the map as the user sees it with the gap picture and without it, every
 * other overlay hidden: a pixel is a gap pixel when the picture changes it.
 *
 * - Points inside a drawn service area (near the S20) are never on a gap pixel.
 * - Points on gap pixels lie in no drawn service area, and some of them lie within 1.5 km of a site
 *   outside the ring but inside the ring themselves — ground a circle drawn by the site's side would
 *   have claimed (so the check bites).
 * Points within MARGIN_M of a drawn edge or of the ring's edge are skipped: the picture is counted on
 * 50 m cells (half a diagonal: 35 m), a screen pixel is ~20 m at zoom 13, drawn circles are 64-gons
 * on turf's sphere (≤ 6 m from the engine's WGS-84 circle) and picture tiles stray ≤ 4 m.
 */
import { booleanPointInPolygon, destination, distance, multiPolygon, point, pointToLineDistance, polygonToLine } from '@turf/turf';
import type { Feature, LineString, MultiLineString, Position } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { changedPixelMask, elementSnapshot, openPage, outsideRequests, screenshot, waitForIdle, waitForMap } from './support/browser';
import { withBrowser } from './support/withBrowser';
import { ring } from './support/sample';

const baseUrl = inject('baseUrl');
const MARGIN_M = 80;
const M = { units: 'meters' } as const;

let browser: Browser;
withBrowser((b) => (browser = b));

type Drawn = { kind: 'disc'; lon: number; lat: number; r: number } | { kind: 'clipped'; lon: number; lat: number; polys: Position[][][] };

const ringLines = (() => {
  const l = polygonToLine(ring) as Feature<LineString | MultiLineString> | { features: Feature<LineString | MultiLineString>[] };
  return 'features' in l ? l.features : [l];
})();
const ringEdgeM = (p: Position) => Math.min(...ringLines.map((l) => pointToLineDistance(p, l as Feature<LineString>, M)));
const insideRing = (p: Position) => booleanPointInPolygon(point(p), ring);

/** Whether p is in a drawn area, and how far it is from that area's edge (m). */
function against(area: Drawn, p: Position): { inside: boolean; edgeM: number } {
  if (area.kind === 'disc') {
    const d = distance([area.lon, area.lat], p, M);
    return { inside: d <= area.r, edgeM: Math.abs(d - area.r) };
  }
  const lines = area.polys.flat().map((r) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: r } }));
  return { inside: booleanPointInPolygon(point(p), multiPolygon(area.polys)), edgeM: Math.min(...lines.map((l) => pointToLineDistance(p, l, M))) };
}

/** The drawn service areas, from the deck.gl layers as the map holds them: whole discs, and clipped areas (a row per ring). */
async function drawnAreas(page: Page): Promise<Drawn[]> {
  return page.evaluate(() => {
    type Row = { site: { lon: number; lat: number }; area: { kind: string; radiusM?: number; geometry?: { type: string; coordinates: unknown } } };
    const layers = (window.__shanghaiDeck as unknown as { _props: { layers: Array<{ id: string; props: { data: Row[] } }> } })._props.layers;
    const rows = ['coverage-circles', 'coverage-areas'].flatMap((id) => layers.find((l) => l.id === id)!.props.data);
    const seen = new Set<object>();
    const out: Array<Record<string, unknown>> = [];
    for (const { site, area } of rows) {
      if (seen.has(area)) continue;
      seen.add(area);
      if (area.kind === 'disc') out.push({ kind: 'disc', lon: site.lon, lat: site.lat, r: area.radiusM });
      else if (area.kind === 'clipped') {
        const g = area.geometry!;
        out.push({ kind: 'clipped', lon: site.lon, lat: site.lat, polys: g.type === 'Polygon' ? [g.coordinates] : g.coordinates });
      }
    }
    return out;
  }) as Promise<Drawn[]>;
}

describe('the Outer Ring rule, drawn and counted the same way', () => {
  it('near the S20: points in drawn service areas are not gaps, points on gaps are in no drawn area', { timeout: 300_000 }, async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}?lang=en`);
    await waitForMap(page);
    await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
    const settle = async () => {
      await page.waitForSelector('[data-testid="sites-note"][data-pending="false"]');
      await waitForIdle(page);
      await page.waitForTimeout(300);
    };
    await settle();
    const all = await drawnAreas(page);
    // Areas of sites within 2 km of the S20.
    const near = all.filter((a) => ringEdgeM([a.lon, a.lat]) < 2000);
    expect(near.filter((a) => a.kind === 'clipped').length).toBeGreaterThan(10);
    // Only the picture stays: sites and service areas hidden.
    await page.locator('[data-testid="show-circles"]').uncheck();
    await page.locator('[data-testid="show-sites"]').uncheck();

    let inAreaChecked = 0;
    let gapChecked = 0;
    let bites = 0;
    const bad: string[] = [];
    // Views along the S20 in Minhang, Pudong and Baoshan.
    for (const [lon, lat] of [[121.375, 31.155], [121.41, 31.075], [121.58, 31.16], [121.45, 31.33]] as const) {
      await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 13 }), [lon, lat]);
      await page.locator('[data-testid="coverage-mode-gaps"]').check();
      await settle();
      const withPicture = await elementSnapshot(page, '[data-testid="map"]');
      if (lon === 121.375) await screenshot(page, 'ring-edge-gaps-en');
      await page.locator('[data-testid="coverage-mode-none"]').check();
      await settle();
      const without = await elementSnapshot(page, '[data-testid="map"]');
      // A gap pixel: one the picture changes.
      const { width, height, mask } = await changedPixelMask(page, withPicture, without);
      const bounds = await page.evaluate(() => window.__shanghaiMap!.getBounds().toArray());
      const project = (ps: Position[]) =>
        page.evaluate((q) => q.map((p) => {
          const xy = window.__shanghaiMap!.project(p as [number, number]);
          return [xy.x, xy.y];
        }), ps);
      const isGap = (x: number, y: number) => mask[Math.floor(y) * width + Math.floor(x)] === 1;
      // Clear of what floats over the map: the edit toolbar (top), zoom and reset buttons (top right), scale and attribution (bottom).
      const onScreen = ([x, y]: Position) => x! > 5 && y! > 70 && x! < width - 5 && y! < height - 40 && !(x! > width - 150 && y! < 170);
      const [[w, s], [e, n]] = bounds as [[number, number], [number, number]];

      // 1. Points inside drawn areas near the S20, away from every edge: never a gap pixel.
      let seed = 11;
      const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const samples: Position[] = [];
      for (const a of near) {
        if (a.lon < w - 0.02 || a.lon > e + 0.02 || a.lat < s - 0.02 || a.lat > n + 0.02) continue;
        for (let k = 0; k < 60; k++) {
          const p = destination([a.lon, a.lat], (a.kind === 'disc' ? a.r : 1500) * Math.sqrt(rnd()), rnd() * 360 - 180, M).geometry.coordinates;
          const r = against(a, p);
          if (!r.inside || r.edgeM < MARGIN_M || ringEdgeM(p) < MARGIN_M) continue;
          samples.push(p);
        }
      }
      const px = await project(samples);
      samples.forEach((p, i) => {
        if (!onScreen(px[i]!)) return;
        inAreaChecked++;
        if (isGap(px[i]![0]!, px[i]![1]!)) bad.push(`point ${p.map((v) => v.toFixed(5)).join(',')} inside a drawn area is a gap pixel`);
      });

      // 2. A lattice of points on gap pixels: inside no drawn area (away from every edge).
      const lattice: Position[] = [];
      for (let x = w; x <= e; x += (e - w) / 40) for (let y = s; y <= n; y += (n - s) / 40) lattice.push([x, y]);
      const lp = await project(lattice);
      lattice.forEach((p, i) => {
        if (!onScreen(lp[i]!) || !isGap(lp[i]![0]!, lp[i]![1]!) || ringEdgeM(p) < MARGIN_M) return;
        const hits = all.filter((a) => Math.abs(a.lat - p[1]!) < 0.03 && Math.abs(a.lon - p[0]!) < 0.04).map((a) => against(a, p));
        if (hits.some((h) => h.edgeM < MARGIN_M)) return;
        gapChecked++;
        if (hits.some((h) => h.inside)) bad.push(`gap point ${p.map((v) => v.toFixed(5)).join(',')} lies in a drawn area`);
        // Inside the ring, within 1.5 km of a site outside it: a circle by the site's side would cover it.
        if (insideRing(p) && all.some((a) => !insideRing([a.lon, a.lat]) && distance([a.lon, a.lat], p, M) < 1500 - MARGIN_M)) bites++;
      });
    }
    console.log(`checked ${inAreaChecked} points in drawn areas, ${gapChecked} gap points (${bites} within a site-side circle's reach)`);
    expect(bad.slice(0, 5)).toEqual([]);
    // Measured: 243 points in drawn areas, 2,292 gap points, 48 of them within a site-side circle's reach.
    expect(inAreaChecked).toBeGreaterThan(150);
    expect(gapChecked).toBeGreaterThan(1000);
    expect(bites).toBeGreaterThan(20);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
