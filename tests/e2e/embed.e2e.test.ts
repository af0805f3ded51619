/**
 * The read-only embed (embed.html): its built chunks hold none of the editor, import, optimiser or
 * CSV code; a host page on another origin embeds it in an iframe, steers it through postMessage
 * (select Minhang, switch to English) and hears back (ready, selection, scorecard — Minhang's
 * covered share checked against turf); a page whose origin is not on the allow-list can do
 * neither; the locked view does not move. Nothing is requested from any host but loopback.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hostEventSchema, HOST_API, type HostEvent } from '../../src/share/hostApi';
import { canvasStats, launchBrowser, openPage, outsideRequests, screenshot } from './support/browser';
import { chargingSites, MINHANG, turfMinhangShare } from './support/sample';

const baseUrl = inject('baseUrl');
/** A Minhang zone with plan targets, and their ids read straight from the plan file. */
const ZONE = 'maqiao-ai-zone';
const zoneTargetIds = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../seeds/plans/minhang.json', import.meta.url)), 'utf8')) as {
    targets: Array<{ id: string; scope: { kind: string; zone?: string } }>;
  }
).targets
  .filter((t) => t.scope.kind === 'zone' && t.scope.zone === ZONE)
  .map((t) => t.id);
const appOrigin = new URL(baseUrl).origin;
const DIST = process.env.E2E_DIST ? `${resolve(process.env.E2E_DIST)}/` : fileURLToPath(new URL('../../dist/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The built chunks

/** JS files a page loads: its script and modulepreload tags, then every chunk, worker or asset a chunk names. */
function reachableChunks(page: string): Set<string> {
  const html = readFileSync(`${DIST}${page}`, 'utf8');
  const todo = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.m?js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const files = new Set(readdirSync(`${DIST}assets`));
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(`${DIST}assets/${file}`, 'utf8');
    // Static and dynamic imports, `new URL("…", import.meta.url)` workers and preload lists all name the file.
    for (const m of code.matchAll(/["'`/]([\w.-]+\.m?js)["'`]/g)) if (files.has(m[1]!)) todo.push(m[1]!);
  }
  return seen;
}

/** Source modules bundled into the chunks (from their source maps), as repository paths. */
function sourcesOf(chunks: Set<string>): string[] {
  const out: string[] = [];
  for (const chunk of chunks) {
    // MapLibre's own worker is copied in as a file (src/map/maplibreSetup.ts), not bundled: no map.
    if (/^maplibre-gl-worker-[\w-]+\.mjs$/.test(chunk)) {
      out.push('node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs');
      continue;
    }
    // The bundler's own runtime (the helpers of dynamic imports): no source of ours, no map.
    if (/^rolldown-runtime-[\w-]+\.js$/.test(chunk)) continue;
    const map = `${DIST}assets/${chunk}.map`;
    if (!existsSync(map)) throw new Error(`${chunk} has no source map: the check needs build.sourcemap`);
    out.push(...(JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, '')));
  }
  return out;
}

const FORBIDDEN = [
  /^src\/ui\/editing\//,
  /^src\/ui\/import\//,
  /^src\/ui\/optimizer\//,
  /^src\/optimize\//,
  /node_modules\/highs\//,
  // No road network in the embed: it computes no network figure, so it shows none.
  /^src\/network\//,
  /^src\/ui\/network\//,
];
/**
 * The site-file reader and its CSV parser: in the embed only as a chunk loaded on demand, for a
 * deployer's published dataset (src/io/publishedData.ts); an embed of the sample never loads it.
 */
const LAZY = [/^src\/io\/siteFile\.ts$/, /node_modules\/papaparse\//];

describe('embed bundle', () => {
  it('reaches no editing, import, optimiser, CSV or MILP code, while the main page does', () => {
    const embed = sourcesOf(reachableChunks('embed.html'));
    const main = sourcesOf(reachableChunks('index.html'));
    // What the embed needs is there (the check sees modules, it is not vacuous)…
    for (const needed of ['src/embed/EmbedApp.tsx', 'src/ui/mapView/MapView.tsx', 'src/worker/coverage.worker.ts', 'src/share/hostApi.ts']) {
      expect(embed).toContain(needed);
    }
    // …and the main page's editor and CSV parser are found by the same method.
    expect(main.some((s) => /^src\/ui\/editing\//.test(s))).toBe(true);
    expect(main.some((s) => /node_modules\/papaparse\//.test(s))).toBe(true);
    expect(embed.filter((s) => FORBIDDEN.some((f) => f.test(s)))).toEqual([]);
    // The published-data reader is reachable (on demand; the page test below holds that the sample's embed never loads it).
    expect(embed.some((s) => LAZY[0]!.test(s))).toBe(true);
  });

  it('ships the embed with a self-only Content-Security-Policy, the app with the same but for tile servers, and no inline script', () => {
    const policies = ['index.html', 'embed.html'].map((page) => {
      const html = readFileSync(`${DIST}${page}`, 'utf8');
      // Every script element loads a file of our own; none carries code.
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1]).toMatch(/src="\.\/assets\//);
        expect(m[2]!.trim()).toBe('');
      }
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
      expect(csp, page).toBeDefined();
      return new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    });
    const [app, embed] = policies as [Map<string, string[]>, Map<string, string[]>];
    expect(embed.get('default-src')).toEqual(["'self'"]);
    expect(embed.get('script-src')).toEqual(["'self'"]);
    // No other host anywhere in the embed's policy.
    expect([...embed.values()].flat().join(' ')).not.toMatch(/https?:|\*/);
    // The app's is the embed's, but that it may connect to a tile server the user types (README "Base
    // map tiles"; the code requests only from that host: tests/e2e/tiles.e2e.test.ts).
    expect([...app.keys()]).toEqual([...embed.keys()]);
    for (const [k, v] of embed) expect(app.get(k), k).toEqual(k === 'connect-src' ? [...v, 'https:', 'http:'] : v);
  });
});

// ---------------------------------------------------------------------------------------------
// Host pages on other origins

interface HostServer {
  origin: string;
  /** A host page framing `src`, recording every message it receives in `window.__events`. */
  pageUrl: (src: string) => string;
  close: () => Promise<void>;
}

/** A tiny server for host pages, on its own loopback port (another origin than the app's). */
async function startHostServer(): Promise<HostServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const src = url.searchParams.get('src');
    if (url.pathname !== '/host.html' || !src) {
      res.writeHead(404).end();
      return;
    }
    const attr = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>闵行区融媒体 · host page</title>
<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:12px;background:#f3f1ec} h1{font-size:18px;margin:0 0 8px} iframe{border:1px solid #bbb;background:#fff}</style>
<script>window.__events = []; addEventListener('message', function (e) { window.__events.push({ origin: e.origin, data: e.data }); });</script>
</head><body><h1>闵行区新基建进展 · District editor's page (host)</h1>
<iframe id="map" src="${attr}" width="1000" height="640" title="map"></iframe></body></html>`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (src) => `${origin}/host.html?src=${encodeURIComponent(src)}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

declare global {
  interface Window {
    __events: Array<{ origin: string; data: unknown }>;
  }
}

/** Waits for an event of `type` after the first `after` received, whose members include `match`; returns it, validated. */
async function hostEventAfter(page: Page, after: number, type: string, match: Record<string, unknown> = {}): Promise<HostEvent> {
  const handle = await page.waitForFunction(
    ([after, type, match]) =>
      window.__events
        .slice(after)
        .find((e) => {
          const d = e.data as Record<string, unknown> | null;
          return d !== null && typeof d === 'object' && d.type === type && Object.entries(match).every(([k, v]) => d[k] === v);
        }) ?? null,
    [after, type, match] as const,
    { timeout: 90_000 },
  );
  const event = (await handle.jsonValue()) as { origin: string; data: unknown };
  expect(event.origin).toBe(appOrigin);
  const parsed = hostEventSchema.safeParse(event.data);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return parsed.data!;
}

const eventCount = (page: Page) => page.evaluate(() => window.__events.length);
const send = (page: Page, message: unknown) =>
  page.evaluate(([m, origin]) => (document.getElementById('map') as HTMLIFrameElement).contentWindow!.postMessage(m, origin), [message, appOrigin] as const);
const command = (body: Record<string, unknown>) => ({ api: HOST_API, v: 1, ...body });

async function embedFrame(page: Page): Promise<Frame> {
  await page.waitForFunction(() => (document.getElementById('map') as HTMLIFrameElement | null)?.contentWindow !== null);
  const frame = page.frames().find((f) => f.url().includes('/embed.html'));
  if (!frame) throw new Error('embed frame not found');
  await frame.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
  return frame;
}

let browser: Browser;
let host: HostServer;
let otherHost: HostServer;
beforeAll(async () => {
  [browser, host, otherHost] = await Promise.all([launchBrowser(), startHostServer(), startHostServer()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.close(), otherHost?.close()]);
});

describe('embedded in a host page', () => {
  it('is steered by an allowed host through postMessage and reports back', async () => {
    const src = `${baseUrl}embed.html?origins=${encodeURIComponent(host.origin)}`;
    const { page, requests, consoleErrors } = await openPage(browser, host.pageUrl(src), { width: 1040, height: 720 });

    const ready = await hostEventAfter(page, 0, 'ready');
    if (ready.type !== 'ready') throw new Error('not ready');
    expect(ready.state).toMatchObject({ lang: 'zh', district: null, locked: false });
    expect(ready.state.sites).toBeGreaterThan(3000); // the bundled sample
    expect(ready.scorecard.illustrative).toBe(true);
    expect(ready.scorecard.districts.map((d) => d.adcode).sort()).toEqual(['310106', '310110', '310112', '310120', '310151']);
    const frame = await embedFrame(page);
    // The map under the frame is drawn, not blank.
    const stats = await canvasStats(frame);
    expect(stats.variance).toBeGreaterThan(100);
    expect(await frame.locator('[data-testid="embed-scenario-name"]').textContent()).toContain('示例');

    // Select Minhang and switch to English.
    let seen = await eventCount(page);
    await send(page, command({ type: 'selectDistrict', adcode: MINHANG, fit: true }));
    await send(page, command({ type: 'setLanguage', lang: 'en' }));
    const selection = await hostEventAfter(page, seen, 'selectionChanged', { district: MINHANG });
    expect(selection).toMatchObject({ district: MINHANG, zone: null });
    const card = await hostEventAfter(page, seen, 'scorecard');
    if (card.type !== 'scorecard') throw new Error('no scorecard');
    expect(card.scorecard.scope.district).toBe(MINHANG);
    expect(card.scorecard.targets.length).toBeGreaterThan(3);
    // Minhang's charging coverage as the host receives it, against turf's circles on the same sample sites.
    const minhangShare = card.scorecard.districts.find((d) => d.adcode === MINHANG)!.coveredShare!;
    expect(Math.abs(minhangShare - turfMinhangShare(chargingSites))).toBeLessThan(0.005);
    // `ready` already carried the numbers of these sites (not of an empty start).
    expect(ready.scorecard.districts.find((d) => d.adcode === MINHANG)!.coveredShare).toBe(minhangShare);
    await frame.waitForSelector('[data-testid="embed"][data-lang="en"]');
    expect(await frame.locator('[data-testid="embed-district-name"]').textContent()).toBe('Minhang District');
    // The map follows too, although it was still loading tiles for the new view: English labels, Minhang selected.
    const mapState = await frame.evaluate(() => {
      const map = window.__shanghaiMap!;
      return {
        labels: JSON.stringify(map.getLayoutProperty('district-labels', 'text-field')),
        selected: map.getFeatureState({ source: 'districts', id: '310112' }).selected,
      };
    });
    expect(mapState.labels).toContain('name_en');
    expect(mapState.selected).toBe(true);
    expect(await frame.locator('[data-testid="legend"] h2').textContent()).toBe('Legend');
    expect(Number(await frame.locator('[data-testid="embed-covered-share"]').getAttribute('data-share'))).toBeCloseTo(minhangShare, 6);
    // fit: the view now frames Minhang.
    const center = await frame.evaluate(() => window.__shanghaiMap!.getCenter().toArray());
    expect(center[0]).toBeGreaterThan(121.3);
    expect(center[0]).toBeLessThan(121.55);
    expect(center[1]).toBeGreaterThan(30.95);
    expect(center[1]).toBeLessThan(31.25);

    // getScorecard answers at once; a zone narrows the targets to it.
    seen = await eventCount(page);
    await send(page, command({ type: 'selectZone', zone: ZONE }));
    const zoneSel = await hostEventAfter(page, seen, 'selectionChanged', { zone: ZONE });
    expect(zoneSel).toMatchObject({ district: MINHANG, zone: ZONE });
    seen = await eventCount(page);
    await send(page, command({ type: 'getScorecard' }));
    const zoneCard = await hostEventAfter(page, seen, 'scorecard');
    if (zoneCard.type !== 'scorecard') throw new Error('no scorecard');
    expect(zoneCard.scorecard.scope).toEqual({ district: MINHANG, zone: ZONE });
    expect(zoneCard.scorecard.targets.map((t) => t.id)).toEqual(zoneTargetIds);
    expect(zoneCard.scorecard.targets.every((t) => t.zone === ZONE)).toBe(true);

    // Layers: metro off.
    await send(page, command({ type: 'setLayers', layers: { metro: false } }));
    await frame.waitForFunction(() => window.__shanghaiMap!.getLayoutProperty('metro-lines', 'visibility') === 'none');

    // A malformed message for this API gets an error naming the field; other traffic is ignored.
    seen = await eventCount(page);
    await send(page, { type: 'unrelated-widget-chatter' });
    await send(page, command({ type: 'selectDistrict', adcode: 'Minhang' }));
    const error = await hostEventAfter(page, seen, 'error');
    if (error.type !== 'error') throw new Error('no error');
    expect(error.message).toContain('adcode');
    expect(await frame.getAttribute('[data-testid="embed"]', 'data-district')).toBe(MINHANG);

    await send(page, command({ type: 'selectZone', zone: null }));
    await frame.waitForSelector('[data-testid="embed"][data-zone=""]');
    await frame.evaluate(() => new Promise<void>((ok) => {
      const map = window.__shanghaiMap!;
      map.once('idle', () => ok());
      map.triggerRepaint();
    }));
    await screenshot(page, 'embed-host-minhang-en');
    expect(outsideRequests(requests)).toEqual([]);
    expect(requests.some((u) => u.startsWith(host.origin))).toBe(true);
    expect(requests.some((u) => u.startsWith(`${appOrigin}/data/`))).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('ignores a host whose origin is not on the list, and tells it nothing', async () => {
    const src = `${baseUrl}embed.html?origins=${encodeURIComponent(host.origin)}`;
    const { page, requests } = await openPage(browser, otherHost.pageUrl(src), { width: 1040, height: 720 });
    const frame = await embedFrame(page);
    await send(page, command({ type: 'selectDistrict', adcode: MINHANG }));
    // The embed counts what it ignored; once it has ignored the command, its state shows it was not obeyed.
    await frame.waitForSelector('[data-testid="embed"][data-host-ignored="1"]');
    expect(await frame.getAttribute('[data-testid="embed"]', 'data-district')).toBe('');
    // Ready has been reached (and would have been posted): this page heard nothing.
    expect(await page.evaluate(() => window.__events)).toEqual([]);
    expect(outsideRequests(requests)).toEqual([]);
    await page.context().close();
  });

  it('keeps a locked view still for the reader, while the host can still move it', async () => {
    const src = `${baseUrl}embed.html?locked=1&lang=en&origins=${encodeURIComponent(host.origin)}`;
    const { page } = await openPage(browser, host.pageUrl(src), { width: 1040, height: 720 });
    await hostEventAfter(page, 0, 'ready');
    const frame = await embedFrame(page);
    const handlers = await frame.evaluate(() => {
      const m = window.__shanghaiMap!;
      return [m.dragPan.isEnabled(), m.scrollZoom.isEnabled(), m.doubleClickZoom.isEnabled(), m.touchZoomRotate.isEnabled(), m.keyboard.isEnabled()];
    });
    expect(handlers).toEqual([false, false, false, false, false]);
    expect(await frame.locator('.maplibregl-ctrl-zoom-in').isVisible()).toBe(false);
    expect(await frame.locator('[data-testid="reset-view"]').isVisible()).toBe(false);
    const before = await frame.evaluate(() => [...window.__shanghaiMap!.getCenter().toArray(), window.__shanghaiMap!.getZoom()]);
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + 300);
    await page.mouse.wheel(0, -600);
    await page.mouse.down();
    await page.mouse.move(box.x + 450, box.y + 380, { steps: 8 });
    await page.mouse.up();
    await page.mouse.dblclick(box.x + 300, box.y + 300);
    await frame.evaluate(() => new Promise<void>((ok) => {
      const map = window.__shanghaiMap!;
      map.once('idle', () => ok());
      map.triggerRepaint();
    }));
    const after = await frame.evaluate(() => [...window.__shanghaiMap!.getCenter().toArray(), window.__shanghaiMap!.getZoom()]);
    expect(after).toEqual(before);
    await send(page, command({ type: 'setView', view: { lon: 121.47, lat: 31.23, zoom: 12 } }));
    await frame.waitForFunction(() => Math.abs(window.__shanghaiMap!.getZoom() - 12) < 1e-9);
    const moved = await frame.evaluate(() => window.__shanghaiMap!.getCenter().toArray());
    expect(moved[0]).toBeCloseTo(121.47, 6);
    expect(moved[1]).toBeCloseTo(31.23, 6);
    await page.context().close();
  });
});

describe('embed opened on its own', () => {
  it('shows a tampered link’s problem over the default map with the sample', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}embed.html#s=1.AAAAAAAAAAAAAAAAAAAAAA`);
    await page.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="embed-link-error"]').textContent()).toContain('链接已损坏或不完整');
    expect(Number(await page.locator('[data-testid="embed-site-count"]').getAttribute('data-count'))).toBeGreaterThan(3000);
    expect((await canvasStats(page)).variance).toBeGreaterThan(100);
    await screenshot(page, 'embed-bad-link-zh');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('draws the districts before the rest of the embed loads, then moves that same map into its layout', async () => {
    const { page, requests, consoleErrors } = await openPage(browser, `${baseUrl}embed.html`, { width: 1000, height: 640 });
    // The first frame with the districts, noted from inside the page as it happens.
    await page.waitForFunction(() => window.__shanghaiMap !== undefined);
    const firstMap = await page.evaluateHandle(() => window.__shanghaiMap!);
    await page.waitForSelector('[data-testid="embed"][data-ready="true"]', { timeout: 90_000 });
    expect(await page.evaluate((m) => m === window.__shanghaiMap, firstMap)).toBe(true);
    // Nothing is published here: the site-file reader's chunk is never fetched.
    const loaded = new Set(requests.map((u) => /\/assets\/([^/?#]+\.m?js)$/.exec(new URL(u).pathname)?.[1]).filter((f): f is string => f !== undefined));
    expect(sourcesOf(loaded).filter((s) => LAZY.some((f) => f.test(s)))).toEqual([]);
    // In the order the requests went out (MapLibre's worker's included): the districts before
    // the other data files and before the rest of the embed's code.
    const first = (pattern: RegExp) => requests.findIndex((url) => pattern.test(new URL(url).pathname));
    const order = {
      districts: first(/\/data\/districts\.geojson$/),
      zones: first(/\/data\/zones\.geojson$/),
      metro: first(/\/data\/metro-lines\.geojson$/),
      app: first(/\/assets\/startEmbedApp-[\w-]+\.js$/),
    };
    expect(order.districts, requests.join('\n')).toBeGreaterThanOrEqual(0);
    expect(order.zones).toBeGreaterThan(order.districts);
    expect(order.metro).toBeGreaterThan(order.districts);
    expect(order.app).toBeGreaterThan(order.districts);
    // The start-up skeleton is gone; the map fills the app's map area.
    expect(await page.locator('#embed-boot').count()).toBe(0);
    const sizes = await page.evaluate(() => {
      const area = document.querySelector('.embed-map')!.getBoundingClientRect();
      const canvas = window.__shanghaiMap!.getCanvas().getBoundingClientRect();
      return { area: [area.left, area.top, area.width, area.height], canvas: [canvas.left, canvas.top, canvas.width, canvas.height] };
    });
    expect(sizes.canvas).toEqual(sizes.area);
    expect(await page.evaluate(() => document.querySelector('[data-testid="map"]')!.contains(window.__shanghaiMap!.getCanvas()))).toBe(true);
    // Labels come from the validated districts: one per district.
    const labelCount = await page.evaluate(() => window.__shanghaiMap!.querySourceFeatures('district-labels').length);
    expect(labelCount).toBeGreaterThanOrEqual(16);
    expect((await canvasStats(page)).variance).toBeGreaterThan(100);
    await screenshot(page, 'embed-default-zh');
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('drops a data file that fails validation from the map it drew unchecked, and says which', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 640 } });
    // Zones with a feature whose longitude and latitude are swapped: valid JSON, outside Shanghai.
    await context.route('**/data/zones.geojson', async (route) => {
      const response = await route.fetch();
      const fc = JSON.parse(await response.text());
      fc.features[0].geometry.coordinates[0][0] = [31.2, 121.4];
      await route.fulfill({ response, body: JSON.stringify(fc) });
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}embed.html`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 90_000 });
    const errors = (await page.locator('[data-testid="data-errors"]').textContent())!;
    expect(errors).toContain('zones.geojson');
    expect(errors).toContain('feature 1');
    const counts = await page.evaluate(() => {
      const map = window.__shanghaiMap!;
      return {
        zones: map.querySourceFeatures('zones').length,
        zoneLabels: map.querySourceFeatures('zone-labels').length,
        districts: map.querySourceFeatures('districts').length,
      };
    });
    expect(counts).toMatchObject({ zones: 0, zoneLabels: 0 });
    expect(counts.districts).toBeGreaterThanOrEqual(16);
    expect((await canvasStats(page)).variance).toBeGreaterThan(100);
    await screenshot(page, 'embed-broken-zones');
    await context.close();
  });
});
