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
 * Written: OUT_DIR/answers/index.json `{ build, answers: [{ key, page, cellM, file }] }` and one
 * OUT_DIR/answers/<key>.json per start: the main app at each cell size it picks by default (50 m;
 * 100 m on the smallest devices: src/domain/cellSize.ts) and the embed (50 m; every embed address
 * without a share link or `year=` makes that start, whatever its language, camera or lock). Nothing is written when the default start has no sites, or when
 * the shipped files do not validate (the page then shows their errors and asks for nothing).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGeodata, type Geodata } from '../src/io/loadGeodata';
import { loadBaseScenario } from '../src/io/publishedData';
import { CoverageSession, type SessionSources } from '../src/worker/coverageSession';
import { SessionInputs } from '../src/worker/sessionInputs';
import { answerKey } from '../src/worker/answerKey';
import { layerTextsOf, sessionLayersDigest } from '../src/worker/layerSources';
import { asciiEscaped } from '../vite.asciiData';
import { SHIPPED_ANSWERS_DIR, SHIPPED_ANSWERS_INDEX, type ShippedIndex } from '../src/worker/shippedAnswers';
import { PACK_SITES_ABOVE } from '../src/worker/coverageProtocol';
import { packSites, unpackSites } from '../src/domain/packedSites';
import type { Site } from '../src/domain/site';
import type { AreaSelector } from '../src/coverage/engine';
import { assumptionValues } from '../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../src/domain/bundledPlans';
import { populationInUse } from '../src/domain/population';
import { DEFAULT_CELL_M } from '../src/domain/cellSize';
import { shippedSources } from '../src/ui/coverage/earlyCoverage';
import { COVERAGE_VIEWS } from '../src/ui/coverage/appViews';
import { selectedArea, NO_SELECTION } from '../src/ui/state/selection';

/** The cell sizes the main app starts on without a setting kept (src/domain/cellSize.ts `cellSizesFor`); the embed's is the default. */
const APP_CELLS = [DEFAULT_CELL_M, 100] as const;

/** A fetcher over a built folder (the page's own requests, as relative paths). */
function folderFetcher(dir: string) {
  return async (url: string): Promise<Response> => {
    const file = join(dir, url.replace(/^\.?\//, ''));
    return existsSync(file) ? new Response(readFileSync(file)) : new Response('not found', { status: 404 });
  };
}

export interface ShippedAnswer {
  key: string;
  /** Which page's start: the main app's or the embed's. */
  page: 'app' | 'embed';
  cellM: number;
  figures: unknown;
}

/**
 * The worker's inputs on a first visit's start, as the page sends them (src/ui/App.tsx,
 * src/ui/coverage/CoverageFeed.tsx, src/embed/EmbedApp.tsx, useCoverage.ts): the scenario's sites as
 * one replacement (packed above PACK_SITES_ABOVE), the bundled assumptions, no as-of year, the first
 * coverage layer in gaps mode on land without capacity, no comparison — and, as each page asks, the
 * census residents (the app; the embed reads no census: none) and where the gaps are ranked (the
 * app: city-wide; the embed: nowhere).
 */
export function firstVisitInputs(sites: readonly Site[], asked: { census: Parameters<typeof populationInUse>[1]; patchArea: AreaSelector | null }): SessionInputs {
  const inputs = new SessionInputs();
  inputs.applySites({ replace: sites.length > PACK_SITES_ABOVE ? unpackSites(packSites(sites)) : [...sites] });
  inputs.setAssumptions({ ...assumptionValues(BUNDLED_ASSUMPTIONS, {}) });
  inputs.setAsOf(null);
  inputs.setView(COVERAGE_VIEWS[0]?.id ?? null, 'gaps', 'land', false);
  inputs.askPopulation(populationInUse(null, asked.census));
  inputs.setPatchArea(asked.patchArea);
  inputs.setCompare(null);
  return inputs;
}

/** The two starts a first visit makes: the main app's (shipped townships, census, city-wide gaps) and the embed's. */
export function firstVisitStarts(data: Geodata): Array<{ page: ShippedAnswer['page']; sources: SessionSources; cells: readonly number[]; census: Geodata['population']; patchArea: AreaSelector | null }> {
  const app = shippedSources(data);
  if (!app) return [];
  // The embed's grid has no townships (useCoverage's init without them) and it reads no census.
  const embed: SessionSources = { districts: app.districts, zones: app.zones, outerRing: app.outerRing, land: app.land };
  return [
    { page: 'app', sources: app, cells: APP_CELLS, census: data.population, patchArea: selectedArea(NO_SELECTION) },
    { page: 'embed', sources: embed, cells: [DEFAULT_CELL_M], census: undefined, patchArea: null },
  ];
}

/** The answers of a built folder's default starts (none when it has no sites or its files do not validate). */
export async function computeShippedAnswers(dir: string, buildId: string, only?: { page: ShippedAnswer['page']; cellM: number }): Promise<ShippedAnswer[]> {
  const fetcher = folderFetcher(dir);
  const loaded = await loadGeodata('data/', fetcher);
  if (loaded.errors.length > 0) return [];
  const base = await loadBaseScenario('', null, fetcher);
  if (!base.scenario || base.scenario.sites.length === 0 || base.problems.length > 0) return [];
  const answers: ShippedAnswer[] = [];
  for (const start of firstVisitStarts(loaded.data)) {
    // As the page's worker hashes them: the texts the layers were read from (src/worker/layerSources.ts).
    const sourcesDigest = await sessionLayersDigest(start.sources, layerTextsOf(start.sources, loaded.data.townships) ?? undefined);
    for (const cellM of start.cells) {
      if (only && (only.page !== start.page || only.cellM !== cellM)) continue;
      const inputs = firstVisitInputs(base.scenario.sites, start);
      const key = await answerKey({ buildId, cellM, sourcesDigest, inputs: inputs.answerInputs() });
      const session = new CoverageSession(start.sources, { cellM, inputs });
      const update = session.compute({ firstPictureApart: true });
      // What the worker keeps of an answer (src/worker/coverage.worker.ts `keepLater`).
      const figures = { results: update.results, view: update.view, compare: update.compare, population: update.population, timeline: update.timeline };
      // Shipped as JSON: only figures JSON carries unchanged (no typed array, NaN or undefined lost).
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(figures)), figures)) throw new Error(`the ${start.page}'s ${cellM} m answer does not survive JSON`);
      answers.push({ key, page: start.page, cellM, figures });
    }
  }
  return answers;
}

/** Writes the answers under `dir/answers/` (replacing what a former build left there). */
export function writeShippedAnswers(dir: string, buildId: string, answers: readonly ShippedAnswer[]): void {
  const out = join(dir, SHIPPED_ANSWERS_DIR);
  rmSync(out, { recursive: true, force: true });
  if (answers.length === 0) return;
  mkdirSync(out, { recursive: true });
  const index: ShippedIndex = { build: buildId, answers: answers.map((a) => ({ key: a.key, page: a.page, cellM: a.cellM, file: `${a.key}.json` })) };
  // ASCII-only, as the shipped data (vite.asciiData.ts): the worker decodes and parses it one byte a character.
  for (const a of answers) writeFileSync(join(out, `${a.key}.json`), asciiEscaped(JSON.stringify(a.figures)));
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
  console.log(`shipped answers: ${answers.length === 0 ? 'none (no sites, or the shipped files do not validate)' : answers.map((a) => `${a.page} ${a.cellM} m`).join(', ')} in ${Math.round(performance.now() - t0)} ms`);
}
