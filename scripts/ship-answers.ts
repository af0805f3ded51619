/**
 * `node --import tsx scripts/ship-answers.ts OUT_DIR BUILD_ID`, run by `vite build` once the bundle is
 * written (vite.shippedAnswers.ts): computes the coverage worker's answer for the start every first
 * visit makes — the built folder's shipped geodata and base scenario (the published dataset, else the
 * illustrative sample), the app's default settings, nothing kept in the browser — and writes it under
 * the very key the worker looks kept answers up by (src/worker/answerKey.ts), so a first visit's
 * numbers come as soon as the worker knows what is asked, as a next visit's do (issue #19), while the
 * worker computes them itself.
 *
 * Why it is safe: the key is a hash of the build and of every input the worker holds; the worker uses
 * a shipped answer only when its own key for its own inputs is this one (src/worker/shippedAnswers.ts).
 * Any difference — another scenario, a kept layer, a setting, another build — gives another key and
 * the worker computes as before. A browser test holds the shipped figures to the ones the page then
 * computes (tests/e2e/shippedAnswer.e2e.test.ts).
 *
 * Written: OUT_DIR/answers/index.json `{ build, answers: [{ key, cellM, file }] }` and one
 * OUT_DIR/answers/<key>.json per cell size the app picks by default (50 m; 100 m on the smallest
 * devices: src/domain/cellSize.ts). Nothing is written when the default start has no sites, or when
 * the shipped files do not validate (the page then shows their errors and asks for nothing).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGeodata } from '../src/io/loadGeodata';
import { loadBaseScenario } from '../src/io/publishedData';
import { CoverageSession } from '../src/worker/coverageSession';
import { SessionInputs } from '../src/worker/sessionInputs';
import { answerKey, digestOf } from '../src/worker/answerKey';
import { SHIPPED_ANSWERS_DIR, SHIPPED_ANSWERS_INDEX, type ShippedIndex } from '../src/worker/shippedAnswers';
import { PACK_SITES_ABOVE } from '../src/worker/coverageProtocol';
import { packSites, unpackSites } from '../src/domain/packedSites';
import type { Site } from '../src/domain/site';
import { assumptionValues } from '../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../src/domain/bundledPlans';
import { populationInUse } from '../src/domain/population';
import { DEFAULT_CELL_M } from '../src/domain/cellSize';
import { shippedSources } from '../src/ui/coverage/earlyCoverage';
import { COVERAGE_VIEWS } from '../src/ui/coverage/appViews';
import { selectedArea, NO_SELECTION } from '../src/ui/state/selection';

/** The cell sizes a page starts on without a setting kept (src/domain/cellSize.ts `cellSizesFor`). */
const DEFAULT_CELLS = [DEFAULT_CELL_M, 100] as const;

/** A fetcher over a built folder (the page's own requests, as relative paths). */
function folderFetcher(dir: string) {
  return async (url: string): Promise<Response> => {
    const file = join(dir, url.replace(/^\.?\//, ''));
    return existsSync(file) ? new Response(readFileSync(file)) : new Response('not found', { status: 404 });
  };
}

export interface ShippedAnswer {
  key: string;
  cellM: number;
  figures: unknown;
}

/**
 * The worker's inputs on a first visit's start, as the page sends them (src/ui/App.tsx,
 * src/ui/coverage/CoverageFeed.tsx, useCoverage.ts): the scenario's sites as one replacement (packed
 * above PACK_SITES_ABOVE), the bundled assumptions, no as-of year, the first coverage layer in gaps
 * mode on land without capacity, the census residents, the gaps ranked city-wide, no comparison.
 */
export function firstVisitInputs(sites: readonly Site[], census: Parameters<typeof populationInUse>[1]): SessionInputs {
  const inputs = new SessionInputs();
  inputs.applySites({ replace: sites.length > PACK_SITES_ABOVE ? unpackSites(packSites(sites)) : [...sites] });
  inputs.setAssumptions({ ...assumptionValues(BUNDLED_ASSUMPTIONS, {}) });
  inputs.setAsOf(null);
  inputs.setView(COVERAGE_VIEWS[0]?.id ?? null, 'gaps', 'land', false);
  inputs.askPopulation(populationInUse(null, census));
  inputs.setPatchArea(selectedArea(NO_SELECTION));
  inputs.setCompare(null);
  return inputs;
}

/** The answers of a built folder's default start (none when it has no sites or its files do not validate). */
export async function computeShippedAnswers(dir: string, buildId: string, cells: readonly number[] = DEFAULT_CELLS): Promise<ShippedAnswer[]> {
  const fetcher = folderFetcher(dir);
  const loaded = await loadGeodata('data/', fetcher);
  if (loaded.errors.length > 0) return [];
  const sources = shippedSources(loaded.data);
  const base = await loadBaseScenario('', null, fetcher);
  if (!sources || !base.scenario || base.scenario.sites.length === 0 || base.problems.length > 0) return [];
  const sourcesDigest = await digestOf(sources);
  const answers: ShippedAnswer[] = [];
  for (const cellM of cells) {
    const inputs = firstVisitInputs(base.scenario.sites, loaded.data.population);
    const key = await answerKey({ buildId, cellM, sourcesDigest, inputs: inputs.answerInputs() });
    const session = new CoverageSession(sources, { cellM, inputs });
    const update = session.compute({ firstPictureApart: true });
    // What the worker keeps of an answer (src/worker/coverage.worker.ts `keepLater`).
    const figures = { results: update.results, view: update.view, compare: update.compare, population: update.population, timeline: update.timeline };
    // Shipped as JSON: only figures JSON carries unchanged (no typed array, NaN or undefined lost).
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(figures)), figures)) throw new Error(`the ${cellM} m answer does not survive JSON`);
    answers.push({ key, cellM, figures });
  }
  return answers;
}

/** Writes the answers under `dir/answers/` (replacing what a former build left there). */
export function writeShippedAnswers(dir: string, buildId: string, answers: readonly ShippedAnswer[]): void {
  const out = join(dir, SHIPPED_ANSWERS_DIR);
  rmSync(out, { recursive: true, force: true });
  if (answers.length === 0) return;
  mkdirSync(out, { recursive: true });
  const index: ShippedIndex = { build: buildId, answers: answers.map((a) => ({ key: a.key, cellM: a.cellM, file: `${a.key}.json` })) };
  for (const a of answers) writeFileSync(join(out, `${a.key}.json`), JSON.stringify(a.figures));
  writeFileSync(join(out, SHIPPED_ANSWERS_INDEX), JSON.stringify(index));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, buildId] = process.argv.slice(2);
  if (!dir || !buildId) {
    console.error('usage: ship-answers OUT_DIR BUILD_ID');
    process.exit(2);
  }
  const t0 = performance.now();
  const answers = await computeShippedAnswers(dir, buildId);
  writeShippedAnswers(dir, buildId, answers);
  console.log(`shipped answers: ${answers.length === 0 ? 'none (no sites, or the shipped files do not validate)' : answers.map((a) => `${a.cellM} m`).join(', ')} in ${Math.round(performance.now() - t0)} ms`);
}
