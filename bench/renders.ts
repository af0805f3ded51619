/**
 * `npm run bench:renders`: how much of the React tree a site drag re-renders — React's own
 * `<Profiler>` counts, per panel, over the drag bench/drag.ts makes (the sample's 3,180 sites,
 * the charging gap picture on, a charging site near the Outer Ring in Minhang dragged 2 km in 40
 * mouse moves 30 ms apart, zoom 12, headless Chromium).
 *
 * Builds the app with `vite build --mode profile` (React's profiling renderer; the panels wrapped
 * in profilers: src/ui/profiled.tsx) into a temporary folder, or uses RENDERS_DIST=<folder> with
 * such a build already made (and VITE_TEST_HOOKS=true). Counted from the mouse-down until no panel has rendered for 1.5 s
 * (every coverage answer the drag caused has been drawn), then divided by the 40 moves. A panel's
 * count is the commits in which it, or any component inside it, rendered; `app` is the whole tree
 * (every commit), `shell` the app shell's own renders (AppShell in src/ui/App.tsx), `mapView` the map
 * component's own (MapView; `map` also counts its parent's renders that React cut short, children
 * untouched, when none of its store selections had changed).
 * Medians over RUNS drags (default 3), each in a fresh page.
 */
import { cpus } from 'node:os';
import { builtApp } from './builtApp';
import { openPage, waitForIdle, waitForMap, type launchBrowser } from '../tests/e2e/support/browser';
import { dragEnds, dragSteps, MOVE_GAP_MS, MOVES, dragRuns } from './dragSite';
import type { RenderCounts } from '../src/ui/profiled';

const RUNS = Number(process.env.RENDERS_BENCH_RUNS ?? 3);
const QUIET_MS = 1500;
/** The panels in the order the table lists them (those the app wraps in a profiler). */
const PANELS = ['app', 'shell', 'map', 'mapView', 'scorecard', 'coverage', 'sites', 'scenarios', 'optimizer', 'export', 'toolbar', 'siteEditor', 'district'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
};

async function drag(baseUrl: string, browser: Awaited<ReturnType<typeof launchBrowser>>, site: [number, number]): Promise<Record<string, number>> {
  const { page } = await openPage(browser, `${baseUrl}?lang=en`);
  await waitForMap(page);
  await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
  await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 12 }), site);
  await waitForIdle(page);
  await page.waitForTimeout(1500);
  if (!(await page.evaluate(() => window.__renders !== undefined))) throw new Error('no render counts: not a `vite build --mode profile` build');

  const { from, to } = await dragEnds(page, site);
  await page.mouse.move(from.x, from.y);
  await page.evaluate(() => (window.__renders = { renders: {}, last: performance.now() }));
  await dragSteps(page, from, to);
  await page.waitForFunction((quiet) => performance.now() - (window.__renders as RenderCounts).last > quiet, QUIET_MS, { timeout: 60_000, polling: 100 });
  const counts = await page.evaluate(() => ({ ...(window.__renders as RenderCounts).renders }));
  await page.context().close();
  return counts;
}

async function main() {
  const { dist, remove } = await builtApp(process.env.RENDERS_DIST, 'renders-bench', 'profile');
  let runs: Array<Record<string, number>>;
  try {
    runs = await dragRuns(dist, RUNS, drag);
  } finally {
    remove();
  }
  console.log(`renders bench: ${RUNS} drags of a sample charging site 2 km, ${MOVES} moves ${MOVE_GAP_MS} ms apart, zoom 12, headless Chromium, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
  console.log('renders per drag step (median over runs of the count from mouse-down to settled ÷ moves; raw counts per run after)');
  const ids = [...new Set([...PANELS, ...runs.flatMap((r) => Object.keys(r))])];
  console.log('| panel | renders per drag step | renders per drag (runs) |');
  console.log('|---|---:|---|');
  for (const id of ids) {
    const each = runs.map((r) => r[id] ?? 0);
    console.log(`| ${id} | ${(median(each) / MOVES).toFixed(2)} | ${each.join(', ')} |`);
  }
}

await main();
