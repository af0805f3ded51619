/**
 * `npm run bench:library`: how long the app takes to open its saved library, small and big.
 *
 * Builds the app into a temporary folder (or uses LIBRARY_DIST=<folder>, built with
 * VITE_TEST_HOOKS=true), serves it from loopback, and in headless Chromium (Debian's, as in the
 * browser tests) writes a library straight into the page's IndexedDB, then reloads the page RUNS
 * times and reads:
 * - ready: the `library:ready` mark (ms from navigation until the list and the current scenario are
 *   in place, see useScenarioLibrary);
 * - heap: the page's used JS heap once ready (Chromium's performance.memory).
 * Baseline, measured in the same run: a library of one scenario of SITES sites. Then SCENARIOS
 * scenarios of SITES sites each (default 100 × 20,000 = 2,000,000 sites, as in issue #20). The ratio
 * big / baseline is what the library's size costs at start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildForBench } from './builtApp';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../tests/e2e/support/browser';
import { startStaticServer } from '../tests/e2e/support/staticServer';

const RUNS = Number(process.env.LIBRARY_BENCH_RUNS ?? 3);
const SCENARIOS = Number(process.env.LIBRARY_BENCH_SCENARIOS ?? 100);
const SITES = Number(process.env.LIBRARY_BENCH_SITES ?? 20_000);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

/** Writes `scenarios` × `sites` into the page's IndexedDB, ten scenarios per transaction. */
async function writeLibrary(page: Page, scenarios: number, sites: number): Promise<void> {
  for (let from = 0; from < scenarios; from += 10) {
    await page.evaluate(
      ({ from, to, scenarios, sites }) =>
        new Promise<void>((ok, fail) => {
          const open = indexedDB.open('shanghai-siting', 1);
          open.onsuccess = () => {
            const tx = open.result.transaction('autosave', 'readwrite');
            const store = tx.objectStore('autosave');
            if (from === 0) store.clear();
            for (let i = from; i < to; i++) {
              const list = [];
              for (let k = 0; k < sites; k++) {
                list.push({ id: `s${i}-${k}`, type: 'ev-charging-pile', lon: 121.2 + ((k * 7919) % 5000) / 10000, lat: 31.0 + ((k * 104729) % 3000) / 10000, status: 'existing', name: `site ${i}-${k}` });
              }
              store.put({ version: 2, savedAt: 'bench', rev: 1, writer: 'bench', meta: null, sites: list }, `scenario:lib-${i}`);
            }
            if (to === scenarios) {
              const entries = Array.from({ length: scenarios }, (_, i) => ({ id: `lib-${i}`, name: `Plan ${i}`, meta: null, count: sites, illustrative: false }));
              store.put({ version: 2, revision: 1, writer: 'bench', currentId: 'lib-0', entries }, 'library');
            }
            tx.oncomplete = () => {
              open.result.close();
              ok();
            };
            tx.onerror = () => fail(tx.error);
          };
        }),
      { from, to: Math.min(scenarios, from + 10), scenarios, sites },
    );
  }
}

async function measure(browser: Browser, url: string, scenarios: number, sites: number): Promise<{ ready: number[]; heapMb: number[]; crashed: boolean }> {
  const { page } = await openPage(browser, `${url}?lang=en`);
  await page.waitForSelector('[data-testid="scenario-list"]', { timeout: 120_000 });
  await writeLibrary(page, scenarios, sites);
  const ready: number[] = [];
  const heapMb: number[] = [];
  let crashed = false;
  page.on('crash', () => (crashed = true));
  for (let r = 0; r < RUNS && !crashed; r++) {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('library:ready').length > 0, undefined, { timeout: 120_000 });
    const figures = await page.evaluate(() => ({
      ready: performance.getEntriesByName('library:ready')[0]!.startTime,
      heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN,
    }));
    const items = await page.locator('[data-testid^="scenario-item-"]').count();
    if (items !== scenarios) throw new Error(`expected ${scenarios} scenarios listed, saw ${items}`);
    ready.push(figures.ready);
    heapMb.push(figures.heap / 1e6);
  }
  await page.context().close();
  return { ready, heapMb, crashed };
}

async function main() {
  let dist = process.env.LIBRARY_DIST;
  let temp: string | null = null;
  if (!dist) {
    temp = mkdtempSync(join(tmpdir(), 'library-bench-'));
    dist = temp;
    await buildForBench(dist);
  }
  const server = await startStaticServer(dist);
  const browser = await launchBrowser();
  try {
    const base = await measure(browser, server.url, 1, SITES);
    const big = await measure(browser, server.url, SCENARIOS, SITES);
    console.log(`library bench: ${RUNS} reloads each, headless Chromium, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
    console.log(`baseline: 1 scenario × ${SITES.toLocaleString('en-US')} sites: ready ${median(base.ready).toFixed(0)} ms, heap ${median(base.heapMb).toFixed(0)} MB`);
    console.log(
      `library: ${SCENARIOS} scenarios × ${SITES.toLocaleString('en-US')} sites: ready ${median(big.ready).toFixed(0)} ms (${(median(big.ready) / median(base.ready)).toFixed(2)}× baseline), heap ${median(big.heapMb).toFixed(0)} MB (${(median(big.heapMb) / median(base.heapMb)).toFixed(2)}×)${big.crashed ? ', TAB CRASHED' : ''}`,
    );
    console.log(`  runs: baseline ${base.ready.map((x) => x.toFixed(0)).join(' / ')} ms; library ${big.ready.map((x) => x.toFixed(0)).join(' / ')} ms`);
  } finally {
    await browser.close();
    await server.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

await main();
