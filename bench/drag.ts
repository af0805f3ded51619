/**
 * `npm run bench:drag`: how smooth a drag is in the browser with the sample scenario (3,180 sites)
 * and the charging gap picture on — the frame gaps the user sees while the coverage worker answers
 * every step with a new picture.
 *
 * Builds the app into a temporary folder (or uses DRAG_DIST=<folder> with a build already made,
 * with VITE_TEST_HOOKS=true), serves it from loopback, opens it in headless Chromium (Debian's, software WebGL, as in the
 * browser tests) at zoom 12 on a charging site near the Outer Ring in Minhang, and drags the site
 * 2 km in 40 mouse moves 30 ms apart (a steady hand). Figures, medians over RUNS drags, each in a
 * fresh page:
 * - frame gaps: time between consecutive animation frames during the drag (median, 95th percentile,
 *   longest); a smooth map keeps them near 16 ms, software WebGL on 2 cores cannot;
 * - long tasks on the main thread (> 50 ms) during the drag: count and longest;
 * - coverage answers that reached the page during the drag, and the picture bytes they carried;
 * - settle: from the mouse-up until the coverage table shows the dropped position's numbers.
 * The baseline printed first is the same page's frame gaps while nothing happens (idle map), measured
 * in the same run.
 */
import { cpus } from 'node:os';
import { builtApp } from './builtApp';
import type { Page } from 'playwright-core';
import { openPage, waitForIdle, waitForMap, type launchBrowser } from '../tests/e2e/support/browser';
import { dragEnds, dragSteps, MOVE_GAP_MS, MOVES, dragRuns } from './dragSite';

const RUNS = Number(process.env.DRAG_BENCH_RUNS ?? 3);

interface DragFigures {
  gaps: number[];
  longTasks: number[];
  answers: number;
  pictureBytes: number;
  settleMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

/** Installs frame, long-task and worker-message recorders in the page. */
async function record(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap the page code's named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const w = window;
    w.__bench = { frames: [], longTasks: [], on: false };
    const tick = (t) => {
      if (w.__bench.on) w.__bench.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      if (!w.__bench.on) return;
      for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  })()`);
}

async function collect(page: Page): Promise<{ gaps: number[]; longTasks: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; longTasks: number[]; on: boolean } };
    w.__bench.on = false;
    const f = w.__bench.frames;
    return { gaps: f.slice(1).map((t, i) => t - f[i]!), longTasks: [...w.__bench.longTasks] };
  });
}

async function drag(baseUrl: string, browser: Awaited<ReturnType<typeof launchBrowser>>, site: [number, number]): Promise<DragFigures & { idleGaps: number[] }> {
  const { page } = await openPage(browser, `${baseUrl}?lang=en`);
  // Count the coverage worker's answers and the picture bytes they carry, as the page receives them.
  await page.addInitScript(`(() => {
    const w = window;
    w.__answers = { n: 0, bytes: 0, on: false, last: 0 };
    const sizeOf = (v) => {
      if (v instanceof ArrayBuffer) return v.byteLength;
      if (ArrayBuffer.isView(v)) return v.byteLength;
      if (Array.isArray(v)) return v.reduce((s, x) => s + sizeOf(x), 0);
      if (v && typeof v === 'object') return Object.values(v).reduce((s, x) => s + sizeOf(x), 0);
      return 0;
    };
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        if (!String(url).includes('coverage')) return;
        this.addEventListener('message', (e) => {
          if (!e.data || e.data.kind !== 'update') return;
          w.__answers.last = performance.now();
          if (!w.__answers.on) return;
          w.__answers.n++;
          w.__answers.bytes += sizeOf(e.data.image ?? e.data.picture ?? null);
        });
      }
    };
  })()`);
  await page.reload();
  await waitForMap(page);
  await page.waitForSelector('[data-testid="coverage-table"]', { timeout: 60_000 });
  // Variants for finding where the time goes (not part of the reported figures).
  if (process.env.DRAG_CIRCLES === '0') await page.locator('[data-testid="show-circles"]').uncheck();
  if (process.env.DRAG_MODE) await page.locator(`[data-testid="coverage-mode-${process.env.DRAG_MODE}"]`).check();
  await page.evaluate(([x, y]) => window.__shanghaiMap!.jumpTo({ center: [x!, y!], zoom: 12 }), site);
  await waitForIdle(page);
  await page.waitForTimeout(1500);
  await record(page);

  // Baseline: the idle map's frames for one second.
  await page.evaluate(() => ((window as unknown as { __bench: { on: boolean } }).__bench.on = true));
  await page.waitForTimeout(1000);
  const idle = await collect(page);

  const { from, to } = await dragEnds(page, site);
  await page.evaluate(() => {
    (window as unknown as { __bench: { on: boolean; frames: number[]; longTasks: number[] } }).__bench = Object.assign(
      (window as unknown as { __bench: object }).__bench,
      { on: true, frames: [], longTasks: [] },
    );
    (window as unknown as { __answers: { on: boolean } }).__answers.on = true;
  });
  await page.mouse.move(from.x, from.y);
  await dragSteps(page, from, to);
  const up = await page.evaluate(() => performance.now());
  const figures = await collect(page);
  // Settled: the last coverage answer, once none has come for 1 s.
  await page.waitForFunction(() => performance.now() - (window as unknown as { __answers: { last: number } }).__answers.last > 1000, undefined, { timeout: 60_000, polling: 100 });
  const settleMs = (await page.evaluate(() => (window as unknown as { __answers: { last: number } }).__answers.last)) - up;
  const answers = await page.evaluate(() => (window as unknown as { __answers: { n: number; bytes: number } }).__answers);
  await page.context().close();
  return { ...figures, idleGaps: idle.gaps, answers: answers.n, pictureBytes: answers.bytes, settleMs };
}

async function main() {
  const { dist, remove } = await builtApp(process.env.DRAG_DIST, 'drag-bench');
  let runs: Array<DragFigures & { idleGaps: number[] }>;
  try {
    runs = await dragRuns(dist, RUNS, drag);
  } finally {
    remove();
  }
  const m = (f: (r: DragFigures & { idleGaps: number[] }) => number) => median(runs.map(f));
  const idle = m((r) => median(r.idleGaps));
  console.log(`drag bench: ${RUNS} drags of a sample charging site 2 km across the Outer Ring edge, ${MOVES} moves ${MOVE_GAP_MS} ms apart, zoom 12, headless Chromium (software WebGL), ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}`);
  console.log(`baseline: idle map frame gap (median) ${idle.toFixed(1)} ms`);
  console.log(`frame gap during drag: median ${m((r) => median(r.gaps)).toFixed(1)} ms (${(m((r) => median(r.gaps)) / idle).toFixed(2)}× idle), p95 ${m((r) => pct(r.gaps, 0.95)).toFixed(0)} ms, longest ${m((r) => Math.max(...r.gaps)).toFixed(0)} ms`);
  console.log(`long tasks (> 50 ms) during drag: ${m((r) => r.longTasks.length)} (longest ${m((r) => Math.max(0, ...r.longTasks)).toFixed(0)} ms)`);
  console.log(`coverage answers during drag: ${m((r) => r.answers)}, picture bytes per answer ${(m((r) => r.pictureBytes / Math.max(1, r.answers)) / 1e6).toFixed(2)} MB`);
  console.log(`settle after mouse-up: ${m((r) => r.settleMs).toFixed(0)} ms`);
  for (const [i, r] of runs.entries()) {
    console.log(`  run ${i + 1}: gaps median ${median(r.gaps).toFixed(1)} / p95 ${pct(r.gaps, 0.95).toFixed(0)} / max ${Math.max(...r.gaps).toFixed(0)} ms, ${r.gaps.length + 1} frames, ${r.longTasks.length} long tasks, ${r.answers} answers, ${(r.pictureBytes / 1e6).toFixed(1)} MB`);
  }
}

await main();
