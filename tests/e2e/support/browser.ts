/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser) and records
 * every request a page makes, so tests can assert that nothing leaves loopback.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of each browser run: an ignored folder (a picture is committed only on purpose, under docs/). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

/**
 * Chromium's own omnibox popup, drawn as a web page (its "top-chrome WebUI"): without this, every new
 * browser context — each test's page and each bench visitor — starts a renderer that loads it, ~1.1 s
 * of one core within 3 s and ~0.25 s more of the browser process (measured here, Chromium 156), beside
 * the page under test on a 2-core machine. A visitor's browser loads it once per profile, not per
 * page. Puppeteer turns the same two features off by default (puppeteer/puppeteer#15278).
 * CHROMIUM_OMNIBOX_WEBUI=1 leaves them on (to measure what they cost).
 */
const CHROMIUM_UI_OFF = process.env.CHROMIUM_OMNIBOX_WEBUI === '1' ? [] : ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      ...CHROMIUM_UI_OFF,
    ],
  });
}

export interface TrackedPage {
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 820 }): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  return openTrackedPage(context, url);
}

/** A new page of `context` at `url`, its requests and console errors recorded from the start. */
export async function openTrackedPage(context: BrowserContext, url: string): Promise<TrackedPage> {
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  return { page, requests, consoleErrors };
}

/** Waits until the map has loaded its style and drawn a first frame. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('[data-map-ready="true"][data-deck-ready="true"]', { timeout: 60_000 });
  await page.evaluate(
    () =>
      new Promise<void>((ok) => {
        const map = window.__shanghaiMap!;
        if (map.loaded() && !map.isMoving()) ok();
        else map.once('idle', () => ok());
      }),
  );
}

/**
 * Waits for the map to finish drawing after a change. The repaint makes sure an `idle` event
 * follows even when the change was drawn before the listener was attached.
 */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok) => {
        const map = window.__shanghaiMap!;
        map.once('idle', () => ok());
        map.triggerRepaint();
      }),
  );
}

/** Page coordinates of a lon/lat on the map (for mouse events). */
export async function screenPoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([x, y]) => window.__shanghaiMap!.project([x!, y!]), lonLat);
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/** The lon/lat under a page point (where a click on whole pixels really landed). */
export async function lonLatAt(page: Page, at: { x: number; y: number }): Promise<[number, number]> {
  return page.evaluate(({ x, y }) => {
    const r = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    return window.__shanghaiMap!.unproject([x - r.left, y - r.top]).toArray() as [number, number];
  }, at);
}

/** Hosts a request may go to: the app's own origin (loopback) and in-page data/blob URLs. */
export function outsideRequests(requests: string[]): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const host = new URL(u).hostname;
    return !(host === '127.0.0.1' || host === 'localhost' || host === '[::1]');
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path });
  return path;
}

/**
 * Statistics of the map canvas's pixels, read in the page (the canvas keeps its drawing buffer).
 * `variance` near zero means a blank or single-colour map.
 */
export async function canvasStats(page: Page | Frame): Promise<{ mean: number; variance: number; distinctColours: number }> {
  return page.evaluate(async () => {
    // Read during a frame: the embed's map does not keep its drawing buffer once a frame is shown.
    const map = window.__shanghaiMap!;
    const source = map.getCanvas();
    const c = document.createElement('canvas');
    c.width = source.width;
    c.height = source.height;
    const ctx = c.getContext('2d')!;
    await new Promise<void>((drawn) => {
      map.once('render', () => {
        ctx.drawImage(source, 0, 0);
        drawn();
      });
      map.triggerRepaint();
    });
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let sum = 0;
    let sumSq = 0;
    const colours = new Set<number>();
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const lum = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      sum += lum;
      sumSq += lum * lum;
      if (i % 64 === 0) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    const mean = sum / n;
    return { mean, variance: sumSq / n - mean * mean, distinctColours: colours.size };
  });
}

/** The base map canvas (MapLibre alone, without the deck.gl overlay) as a PNG data URL. */
export async function canvasSnapshot(page: Page): Promise<string> {
  // Taken during a frame, as canvasStats.
  return page.evaluate(
    () =>
      new Promise<string>((taken) => {
        const map = window.__shanghaiMap!;
        map.once('render', () => taken(map.getCanvas().toDataURL('image/png')));
        map.triggerRepaint();
      }),
  );
}

/**
 * Which pixels differ between two captures of the same size (PNG data URLs): a byte a pixel, row by
 * row, 1 where the colours differ by more than 30 (sum over R, G, B).
 */
export async function changedPixelMask(page: Page, a: string, b: string): Promise<{ width: number; height: number; mask: Uint8Array }> {
  const out = await page.evaluate(
    async ([x, y]) => {
      const load = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return { width: c.width, height: c.height, data: ctx.getImageData(0, 0, c.width, c.height).data };
      };
      const [da, db] = await Promise.all([load(x), load(y)]);
      let bits = '';
      for (let i = 0; i < da.data.length; i += 4) {
        const d = Math.abs(da.data[i]! - db.data[i]!) + Math.abs(da.data[i + 1]! - db.data[i + 1]!) + Math.abs(da.data[i + 2]! - db.data[i + 2]!);
        bits += d > 30 ? '1' : '0';
      }
      return { width: da.width, height: da.height, bits };
    },
    [a, b] as const,
  );
  return { width: out.width, height: out.height, mask: Uint8Array.from(Buffer.from(out.bits, 'latin1'), (c) => c - 48) };
}

export async function changedPixelShare(page: Page, a: string, b: string): Promise<number> {
  const { mask } = await changedPixelMask(page, a, b);
  return mask.reduce((n, v) => n + v, 0) / mask.length;
}

/** A PNG data URL of an element as the user sees it (MapLibre and the deck.gl overlay composited). */
export async function elementSnapshot(page: Page, selector: string): Promise<string> {
  const png = await page.locator(selector).screenshot();
  return `data:image/png;base64,${png.toString('base64')}`;
}

