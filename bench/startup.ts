/**
 * `npm run bench:startup`: the main app's start, from navigation to the first scorecard numbers
 * (issue #19's goal: ≤ 1.5 s on this machine).
 *
 * Builds the app as a deployment serves it (no test handles: the bench reads only the page's
 * performance marks; or STARTUP_DIST=<folder>, a build made with `npx vite build --outDir <folder>`), serves
 * it from loopback (the browser tests' static server, with deploy/nginx.conf's caching headers: the
 * hashed scripts cached a year, the pages and data revalidated) and opens it in headless Chromium
 * (Debian's, as in the browser tests). Each of RUNS visitors gets a fresh browser context: a first
 * visit (cold cache, empty IndexedDB: the illustrative sample opens and the coverage grid is built),
 * then, once the worker kept that grid (src/worker/gridSupply.ts), a second visit in the same context
 * (the grid read back, the answer the first visit kept looked up: a planner's next morning).
 * Medians. Figures, ms from navigation start:
 * - the app's own start-up marks (performance.mark): `geodata:loaded` (every shipped file fetched and
 *   validated), `coverage:init-sent` (the coverage worker started and sent its grid's sources),
 *   `coverage:ready` (the worker's grid built; its build time in the mark's detail),
 *   `library:ready` (the saved scenarios or the sample in place), `coverage:sites-sent` (the opened
 *   scenario's sites first sent to the worker), `scorecard:numbers` (the
 *   first commit in which the scorecard shows computed numbers for the opened scenario), then
 *   `map:created` and `map:drawn` (the main app's map waits for the first numbers: src/ui/firstNumbers.ts);
 * - the baseline, measured in the same run and from the same server: first-contentful-paint of a
 *   blank page, so a slower or busier machine shows in both. Printed as `ratio startup-vs-blank-fcp`.
 * Machine-readable lines: `startup <mark> <ms>` and `ratio <name> <number>`.
 * STARTUP_CELL_M=25 opens every visit with that cell size picked (the 25 m grid built, then read back).
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { builtApp } from './builtApp';
import { launchBrowser } from '../tests/e2e/support/browser';
import { startStaticServer } from '../tests/e2e/support/staticServer';

const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 5);
/** STARTUP_CELL_M=25: every visitor has picked 25 m cells (default: the device's default, 50 m here). */
const CELL_M = Number(process.env.STARTUP_CELL_M ?? 0) || null;
const GOAL_MS = 1500;
const BLANK = '<!doctype html><html><head><meta charset="UTF-8"><link rel="icon" href="data:,"><title>blank</title></head><body><p>blank</p></body></html>';
const MARKS = ['geodata:loaded', 'coverage:init-sent', 'coverage:ready', 'library:ready', 'coverage:sites-sent', 'scorecard:numbers', 'map:created', 'map:drawn'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (t: number) => `${Math.round(t).toLocaleString('en')} ms`;

interface Run {
  fcp: number;
  marks: Record<string, number>;
  gridMs: number;
  cellM: number;
  gridFrom: string;
  /** When the worker took the init, ms from navigation start. */
  initAt: number;
  gridTimings: { keyMs: number; readMs: number; buildMs: number };
  /** The coverage worker's answers before the first numbers: when each came, its revision and timings. */
  answers: Array<{ at: number; revision: number; totalMs: number; fromCache?: boolean; cachedFrom?: 'kept' | 'shipped' }>;
}

export async function runStartupBench(): Promise<void> {
  const { dist, remove } = await builtApp(process.env.STARTUP_DIST, 'startup-bench', undefined, false);
  const server = await startStaticServer(dist, { 'blank.html': BLANK }, { caching: true });
  const browser = await launchBrowser();
  try {
    console.log(`\napp start to the first scorecard numbers (${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    const read = async (page: import('playwright-core').Page): Promise<Run> =>
      (await page.evaluate(`({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
        gridMs: performance.getEntriesByName('coverage:ready')[0]?.detail?.gridMs ?? NaN,
        cellM: performance.getEntriesByName('coverage:ready')[0]?.detail?.cellM ?? NaN,
        gridFrom: performance.getEntriesByName('coverage:ready')[0]?.detail?.gridFrom ?? '?',
        initAt: performance.getEntriesByName('coverage:ready')[0]?.detail?.initAt ?? NaN,
        gridTimings: performance.getEntriesByName('coverage:ready')[0]?.detail?.gridTimings ?? { keyMs: NaN, readMs: NaN, buildMs: NaN },
        answers: performance.getEntriesByName('coverage:answer').map((m) => ({ at: m.startTime, ...m.detail })),
      })`)) as Run;
    // The numbers, then the map drawn (it waits for them: src/ui/firstNumbers.ts), so its marks are read too.
    const numbersIn = (page: import('playwright-core').Page) =>
      page.waitForFunction(() => performance.getEntriesByName('scorecard:numbers').length > 0 && performance.getEntriesByName('map:drawn').length > 0, undefined, { timeout: 120_000 });
    const blankFcpOnce = async (): Promise<Run> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}blank.html`);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 30_000 });
      const run = await read(page);
      await context.close();
      return run;
    };
    /**
     * One visitor: a first visit (fresh context: empty cache and IndexedDB), then — once the worker
     * has kept the grid it built — a second visit in the same context, as a planner's next morning.
     */
    const visit = async (): Promise<{ cold: Run; warm: Run; kept: string | null }> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1, locale: 'zh-CN' });
      // A cell size picked by the user (src/io/cellSizeSetting.ts), kept before the first visit.
      if (CELL_M) await context.addInitScript(`localStorage.setItem('shanghai-siting:cell-size', '${CELL_M}')`);
      const page = await context.newPage();
      await page.goto(server.url);
      await numbersIn(page);
      const cold = await read(page);
      await page.waitForFunction(() => performance.getEntriesByName('coverage:grid-kept').length > 0, undefined, { timeout: 120_000 });
      const kept = (await page.evaluate(`performance.getEntriesByName('coverage:grid-kept')[0].detail.problem`)) as string | null;
      await page.goto('about:blank');
      await page.goto(server.url);
      await numbersIn(page);
      const warm = await read(page);
      await context.close();
      return { cold, warm, kept };
    };
    // One untimed round each warms the OS file cache and Chromium's start-up paths.
    await blankFcpOnce();
    await visit();
    const blank: Run[] = [];
    const cold: Run[] = [];
    const warm: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      blank.push(await blankFcpOnce());
      const v = await visit();
      if (v.kept !== null) console.log(`grid not kept: ${v.kept}`);
      cold.push(v.cold);
      warm.push(v.warm);
    }
    const blankFcp = median(blank.map((r) => r.fcp));
    console.log(`blank page first-contentful-paint (median of ${RUNS})`.padEnd(60), ms(blankFcp));
    const report = (label: string, app: Run[], tag: string) => {
      const at = (name: string) => median(app.map((r) => r.marks[name] ?? NaN));
      console.log(`\n${label}`);
      console.log('app first-contentful-paint'.padEnd(60), ms(median(app.map((r) => r.fcp))));
      for (const name of MARKS) {
        console.log(name.padEnd(60), ms(at(name)));
        console.log(`startup${tag} ${name} ${Math.round(at(name))}`);
      }
      const from = [...new Set(app.map((r) => r.gridFrom))].join('/');
      console.log(`coverage grid in the worker (${median(app.map((r) => r.cellM))} m cells, ${from})`.padEnd(60), ms(median(app.map((r) => r.gridMs))));
      const part = (f: (r: Run) => number) => ms(median(app.map(f)));
      console.log('  the worker took the init at'.padEnd(60), part((r) => r.initAt));
      console.log('  hashing the sources / reading the kept grid / building'.padEnd(60), `${part((r) => r.gridTimings.keyMs)} / ${part((r) => r.gridTimings.readMs)} / ${part((r) => r.gridTimings.buildMs)}`);
      for (const r of app) console.log(`answers before the numbers: ${r.answers.filter((a) => a.at <= (r.marks['scorecard:numbers'] ?? Infinity)).map((a) => `rev ${a.revision} at ${Math.round(a.at)} ms (${a.fromCache ? `${a.cachedFrom === 'shipped' ? 'shipped with the build' : 'kept from the last visit'}, looked up in ${Math.round(a.totalMs)} ms` : `${Math.round(a.totalMs)} ms in the worker`})`).join(', ')}`);
      // Numbers from a kept or shipped answer come before the worker's own; when its own came (read with the map drawn).
      console.log('the first figures computed in the worker'.padEnd(60), part((r) => r.answers.find((a) => !a.fromCache)?.at ?? NaN));
      const numbers = at('scorecard:numbers');
      console.log(`runs, first numbers: ${app.map((r) => Math.round(r.marks['scorecard:numbers'] ?? NaN)).join(' ')} ms; goal ≤ ${GOAL_MS} ms — ${numbers <= GOAL_MS ? 'met' : 'NOT met'}`);
      console.log(`ratio startup${tag}-numbers-vs-blank-fcp ${(numbers / blankFcp).toFixed(2)}`);
      console.log(`ratio startup${tag}-numbers-vs-goal ${(numbers / GOAL_MS).toFixed(2)}`);
    };
    const size = CELL_M ? `-${CELL_M}m` : '';
    if (CELL_M) console.log(`every visit with ${CELL_M} m cells picked`);
    report('first visit (empty cache: the grid is built)', cold, size);
    report('next visit (the grid kept by the first)', warm, `${size}-warm`);
  } finally {
    await browser.close();
    await server.close();
    remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runStartupBench();
