/**
 * Embed figures for `npm run bench` (called at the end of bench/run.ts; runs alone too:
 * `node --import tsx bench/embed.ts`).
 *
 * Builds the app once (into a temporary folder; a test build, whose `window.__shanghaiMap` times
 * the districts' first frame; the hooks add ~0.2 kB gzipped to all its JS) and, beside it, a bare page:
 * MapLibre alone drawing public/data/districts.geojson (fill and outline, no tiles, nothing else) —
 * the least a page can do to show the same districts. Both are served by the test static server
 * from one loopback origin and opened in headless Chromium (Debian's, as in the browser tests),
 * alternately, each in a fresh browser context (cold cache), in the same run. Figures:
 * - JS size, gzipped (level 9): the scripts a page loads before its map can draw (entry, static
 *   imports, preloads) and, separately, its Web Workers (MapLibre's; the embed's coverage worker).
 * - Paint times from navigation start, medians over the runs: the browser's first-contentful-paint;
 *   the districts first painted (the first map frame drawn with the districts source loaded); the
 *   map fully drawn (`data-map-ready`: the bare page's first `idle`; for the embed, the first
 *   `idle` after its files are validated and its labels added — every source and layer drawn); and
 *   when the embed is `ready` for its host page (map drawn and first coverage numbers in). The
 *   embed's own start-up marks (performance.mark) are listed too, to show where its time goes.
 * Goal: the embed's districts-painted time ≤ 1.5 × the bare page's (the fully-drawn ratio is shown
 * beside it: the embed draws a whole base map — land, sea, rivers, roads, metro, zones, labels — where
 * the bare page draws the districts only).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { buildForBench } from './builtApp';
import { launchBrowser } from '../tests/e2e/support/browser';
import { startStaticServer } from '../tests/e2e/support/staticServer';
import { SHANGHAI_BOUNDS } from '../src/map/baseStyle';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.EMBED_BENCH_RUNS ?? 7);
const GOAL = 1.5;

/** The bare page: MapLibre and the districts, nothing else. */
const BARE_HTML = `<!doctype html>
<html><head><meta charset="UTF-8"><link rel="icon" href="data:,"><title>bare MapLibre</title>
<style>html,body,#map{margin:0;height:100%}</style></head>
<body><div id="map"></div><script type="module" src="./main.js"></script></body></html>`;
const BARE_JS = `import 'maplibre-gl/dist/maplibre-gl.css';
import { Map, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
setWorkerUrl(new URL(workerUrl, location.href).href);
const map = new Map({
  container: 'map',
  bounds: ${JSON.stringify(SHANGHAI_BOUNDS)},
  attributionControl: false,
  style: {
    version: 8,
    sources: { districts: { type: 'geojson', data: new URL('../data/districts.geojson', location.href).href } },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#cfe3ef' } },
      { id: 'fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#f4efe6' } },
      { id: 'line', type: 'line', source: 'districts', paint: { 'line-color': '#8c7b68', 'line-width': 1 } },
    ],
  },
});
window.__shanghaiMap = map;
map.once('idle', () => document.getElementById('map').setAttribute('data-map-ready', 'true'));
`;

/**
 * Run in each page before its own scripts: timestamps taken when the marks appear (no polling).
 * Both pages publish their map as window.__shanghaiMap right after creating it; the setter watches
 * its frames for the first one drawn with the districts loaded. A string, not a function: the
 * TypeScript loader would wrap named functions in a helper the page does not have.
 */
const MARKS_SCRIPT = `
  const marks = {};
  window.__marks = marks;
  let live;
  Object.defineProperty(window, '__shanghaiMap', {
    configurable: true,
    get: () => live,
    set: (map) => {
      live = map;
      const onRender = () => {
        if (marks.districts || !map.getSource('districts') || !map.isSourceLoaded('districts')) return;
        marks.districts = performance.now();
        map.off('render', onRender);
      };
      map.on('render', onRender);
    },
  });
  new MutationObserver(() => {
    if (!marks.mapDrawn && document.querySelector('[data-map-ready="true"]')) marks.mapDrawn = performance.now();
    if (!marks.ready && document.querySelector('[data-ready="true"]')) marks.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-ready', 'data-ready'] });
`;

/**
 * JS files a page loads before its map can draw: its script and preload tags and every chunk they
 * import statically. Chunks reached only through `import()` (the embed's app and deck.gl, loaded
 * once the districts are drawn) are counted apart as `lazy`; files named as URLs with "worker" in the name are Web Workers.
 */
function pageScripts(dist: string, page: string): { main: string[]; lazy: string[]; workers: string[] } {
  const html = readFileSync(join(dist, page), 'utf8');
  const dir = join(dist, page, '..', 'assets');
  const files = new Set(readdirSync(dir));
  const entry = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.m?js)"/g)].map((m) => m[1]!);
  const workers = new Set<string>();
  const dynamicRoots = new Set<string>();
  /** Files reachable from `roots` by static imports; dynamic imports and workers are noted on the way. */
  const closure = (roots: Iterable<string>): Set<string> => {
    const seen = new Set<string>();
    const todo = [...roots];
    while (todo.length > 0) {
      const file = todo.pop()!;
      if (seen.has(file) || !files.has(file)) continue;
      seen.add(file);
      const code = readFileSync(join(dir, file), 'utf8');
      for (const m of code.matchAll(/\b(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["']\.\/([\w.-]+\.m?js)["']/g)) todo.push(m[1]!);
      for (const m of code.matchAll(/\bimport\(\s*["'`]\.\/([\w.-]+\.m?js)["'`]\s*\)/g)) dynamicRoots.add(m[1]!);
      for (const m of code.matchAll(/["'`/]([\w.-]*worker[\w.-]*\.m?js)["'`]/gi)) if (files.has(m[1]!)) workers.add(m[1]!);
    }
    return seen;
  };
  const main = closure(entry);
  // Everything reached through import() from there, at any depth (the embed's app, deck.gl).
  const lazy = new Set<string>();
  for (let size = -1; size !== lazy.size; ) {
    size = lazy.size;
    for (const f of closure([...dynamicRoots])) lazy.add(f);
  }
  for (const f of [...lazy]) if (main.has(f) || workers.has(f)) lazy.delete(f);
  const abs = (xs: Iterable<string>) => [...xs].map((f) => join(dir, f));
  return { main: abs([...main].filter((f) => !workers.has(f))), lazy: abs(lazy), workers: abs(workers) };
}

const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
const raw = (files: string[]) => files.reduce((sum, f) => sum + readFileSync(f).length, 0);
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (label: string, figure: string, rest = '') => console.log(`${label.padEnd(64)} ${figure.padStart(12)}  ${rest}`.trimEnd());

interface PaintTimes {
  fcp: number;
  /** The first frame drawn with the districts source loaded: the districts are on screen. */
  districts: number;
  /** The map's first `idle`: every layer drawn, labels faded in. */
  mapDrawn: number;
  ready: number | null;
  /** The embed's own start-up marks (performance.mark), by name. */
  marks: Record<string, number>;
}

export async function runEmbedBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'embed-bench-'));
  const dist = join(work, 'dist');
  // The bare page's sources sit under node_modules/.cache so that `maplibre-gl` resolves from the repository.
  const bareRoot = join(ROOT, 'node_modules', '.cache', 'embed-bench-bare');
  try {
    console.log('\nembed (embed.html) vs a bare MapLibre page drawing the same districts');
    await buildForBench(dist);
    mkdirSync(bareRoot, { recursive: true });
    writeFileSync(join(bareRoot, 'index.html'), BARE_HTML);
    writeFileSync(join(bareRoot, 'main.js'), BARE_JS);
    await build({
      root: bareRoot,
      configFile: false,
      base: './',
      logLevel: 'warn',
      build: { outDir: join(dist, 'bare'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
    });

    const embedJs = pageScripts(dist, 'embed.html');
    const bareJs = pageScripts(dist, 'bare/index.html');
    const embedMain = gz(embedJs.main);
    const bareMain = gz(bareJs.main);
    const embedAll = embedMain + gz(embedJs.lazy) + gz(embedJs.workers);
    const bareAll = bareMain + gz(bareJs.workers);
    row('JS before the map draws, gzipped: bare page', kB(bareMain), `(${kB(raw(bareJs.main))} raw; 1.00×)`);
    row('JS before the map draws, gzipped: embed', kB(embedMain), `(${kB(raw(embedJs.main))} raw; ${(embedMain / bareMain).toFixed(2)}× bare)`);
    row('JS loaded once the districts are drawn (the embed app, deck.gl), gzipped', kB(gz(embedJs.lazy)), `(${kB(raw(embedJs.lazy))} raw)`);
    row('JS with workers, gzipped: bare page (+ MapLibre worker)', kB(bareAll), '(1.00×)');
    row('JS with workers, gzipped: embed (+ deck.gl, MapLibre, coverage workers)', kB(embedAll), `(${(embedAll / bareAll).toFixed(2)}× bare)`);

    const server = await startStaticServer(dist);
    const browser = await launchBrowser();
    try {
      const measure = async (path: string, waitReady: boolean): Promise<PaintTimes> => {
        const context = await browser.newContext({ viewport: { width: 1000, height: 640 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.addInitScript(MARKS_SCRIPT);
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector('[data-map-ready="true"]', { timeout: 120_000 });
        if (waitReady) await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
        const times = (await page.evaluate(`({
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          districts: window.__marks.districts,
          mapDrawn: window.__marks.mapDrawn,
          ready: window.__marks.ready ?? null,
          marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
        })`)) as PaintTimes;
        await context.close();
        return times;
      };
      // One untimed round each warms the OS file cache and Chromium's start-up paths.
      await measure('bare/index.html', false);
      await measure('embed.html', true);
      const bare: PaintTimes[] = [];
      const embed: PaintTimes[] = [];
      for (let i = 0; i < RUNS; i++) {
        bare.push(await measure('bare/index.html', false));
        embed.push(await measure('embed.html', true));
      }
      const med = (xs: PaintTimes[], k: 'fcp' | 'districts' | 'mapDrawn' | 'ready') => median(xs.map((t) => t[k] ?? NaN));
      const ms = (t: number) => `${Math.round(t).toLocaleString('en')} ms`;
      const pair = (label: string, k: 'fcp' | 'districts' | 'mapDrawn', goal: boolean) => {
        const b = med(bare, k);
        const e = med(embed, k);
        const verdict = goal ? `; goal ≤ ${GOAL}× — ${e / b <= GOAL ? 'met' : 'NOT met'}` : '';
        row(`${label}: bare page (median of ${RUNS})`, ms(b), '(1.00×)');
        row(`${label}: embed`, ms(e), `(${(e / b).toFixed(2)}× bare${verdict})`);
        return b;
      };
      pair('first contentful paint', 'fcp', false);
      pair('districts first painted', 'districts', true);
      const bareIdle = pair('map fully drawn (every file, labels)', 'mapDrawn', false);
      const ready = med(embed, 'ready');
      row('embed ready for its host (map + first coverage numbers)', ms(ready), `(${(ready / bareIdle).toFixed(2)}× bare map fully drawn)`);
      const markNames = [...new Set(embed.flatMap((t) => Object.keys(t.marks)))].sort((a, b) => median(embed.map((t) => t.marks[a] ?? NaN)) - median(embed.map((t) => t.marks[b] ?? NaN)));
      row('embed start-up marks (medians)', '', markNames.map((n) => `${n} ${ms(median(embed.map((t) => t.marks[n] ?? NaN)))}`).join(' · '));
      row('runs, districts painted (bare | embed)', `${bare.map((t) => Math.round(t.districts)).join(' ')} | ${embed.map((t) => Math.round(t.districts)).join(' ')}`);
      row('runs, fully drawn (bare | embed)', `${bare.map((t) => Math.round(t.mapDrawn)).join(' ')} | ${embed.map((t) => Math.round(t.mapDrawn)).join(' ')}`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(bareRoot, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runEmbedBench();
