/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, so they compare
 * across machines. Each case runs until it has taken at least MIN_MS and reports the median of its
 * rounds.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { GEODATA_FILES, parseGeodataFile, type Geodata, type GeodataKey } from '../src/io/loadGeodata';
import { buildBaseStyle, DEFAULT_VISIBILITY } from '../src/map/baseStyle';
import { inlineBaseSources } from '../src/map/baseSources';
import { medianMs } from './measure';

const MIN_MS = 1500;

const measure = (fn: () => unknown) => medianMs(fn, MIN_MS);

const texts = Object.fromEntries(
  (Object.keys(GEODATA_FILES) as GeodataKey[]).map((k) => [
    k,
    readFileSync(fileURLToPath(new URL(`../public/data/${GEODATA_FILES[k].file}`, import.meta.url)), 'utf8'),
  ]),
) as Record<GeodataKey, string>;
const totalBytes = Object.values(texts).reduce((s, t) => s + t.length, 0);

const data: Geodata = {};
function parseAll() {
  for (const key of Object.keys(texts) as GeodataKey[]) {
    const r = parseGeodataFile(key, texts[key]);
    if ('value' in r) (data as Record<string, unknown>)[key] = r.value;
  }
}

const baseline = measure(() => {
  for (const t of Object.values(texts)) JSON.parse(t);
});
const validated = measure(parseAll);
const style = measure(() => buildBaseStyle(inlineBaseSources(data), 'zh', DEFAULT_VISIBILITY));

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`shipped geodata: ${(totalBytes / 1e6).toFixed(2)} MB in ${Object.keys(texts).length} files`);
console.log(`baseline  JSON.parse of all files           ${baseline.toFixed(1)} ms  (1.00×)`);
console.log(`load      JSON.parse + zod validation        ${validated.toFixed(1)} ms  (${(validated / baseline).toFixed(2)}× baseline)`);
console.log(`style     build base style (label anchors)   ${style.toFixed(1)} ms  (${(style / baseline).toFixed(2)}× baseline)`);

const { runCoverageBench } = await import('./coverage');
runCoverageBench();

// Residents (issue #15): a WorldPop-sized raster read and resampled; their cost in a full recompute.
const { runPopulationBench } = await import('./population');
await runPopulationBench();

// Siting optimiser (Minhang charging gap; ~1–2 min, most of it the 60 s MILP).
const { runOptimizerBench } = await import('./optimizer');
await runOptimizerBench();

// Embed page vs a bare MapLibre page: gzipped JS and paint times in headless Chromium (~1 min; builds once).
const { runEmbedBench } = await import('./embed');
await runEmbedBench();
