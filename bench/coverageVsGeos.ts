/**
 * `npm run bench:coverage` (issue #19): the coverage engine against GEOS in the same process
 * (bench/coverageGeos.ts: buffer → union → intersection → area on the engine's transverse Mercator
 * plane, 32 segments per quarter circle), on the same seeded sites as `npm run bench`
 * (bench/coverageSites.ts). Charging rule: 0.9 km inside / 1.5 km outside the Outer Ring.
 *
 * Cases (engine: median of rounds over ≥ 1 s; GEOS: median of 3 runs):
 * - minhang-1500: Minhang, 1,500 sites clustered round 8 town centres, 50 m cells; engine
 *   setSites + coverage of Minhang; GEOS on Minhang's inside / outside-ring parts.
 * - minhang-150-random: 150 sites at random over Minhang, the same.
 * - city-50m / city-25m: the 16 districts, 10,000 sites at random; engine full recompute (setSites)
 *   + breakdown (the city, 16 districts, 18 zones); GEOS the whole city's union + intersection
 *   (the city alone, no per-district figures — less work than the engine's breakdown).
 * Output: the human table, then one machine-readable line per case, `ratio <case> <GEOS / engine>`,
 * and `share-pp <case> <engine − GEOS, pp>`. Also, at 25 m: grid build, the grid written to one
 * buffer and read back (the cache between sessions), moving a site, typed arrays held and the peak
 * resident set (child processes, bench/coverageMemory.ts).
 */
import { cpus, loadavg } from 'node:os';
import type { MultiPolygon, Polygon } from 'geojson';
import { buildGrid } from '../src/coverage/grid';
import { deserialiseGrid, serialiseGrid } from '../src/coverage/gridCodec';
import { CoverageEngine, gridSourcesFrom, type CoverageRule } from '../src/coverage/engine';
import { medianMs } from './measure';
import { CITY_SEED, CITY_SITES, gridBytes, memoryChild } from './coverageMemory';
import { clusteredSitesIn, loadCoverageData, MINHANG_CENTRES, randomSitesIn, type BenchSite } from './coverageSites';
import { GeosBaseline, polygonisedAreaRatio, type GeosParts } from './coverageGeos';

const QUAD_SEGS = 32;
const rule: CoverageRule = { insideKm: 0.9, outsideKm: 1.5 };
const MiB = 2 ** 20;
const machine: string[] = [];
const row = (label: string, figure: string, rest = '') => console.log(`${label.padEnd(64)} ${figure.padStart(11)}  ${rest}`.trimEnd());
const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 1)} ms`;
const pct = (x: number) => `${(x * 100).toFixed(3)} %`;
const pp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(3)} pp`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Median of `n` timed runs of `fn`, with its last result. */
function medianOf<T>(n: number, fn: () => T): { ms: number; value: T } {
  const t: number[] = [];
  let value!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    value = fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { ms: t[Math.floor(n / 2)]!, value };
}

const ratios: string[] = [];
function compare(name: string, geos: { ms: number; share: number }, engine: { ms: number; share: number }, goal?: number) {
  const r = geos.ms / engine.ms;
  row(`  GEOS (q = ${QUAD_SEGS})`, ms(geos.ms), `share ${pct(geos.share)}`);
  row('  engine', ms(engine.ms), `share ${pct(engine.share)}  Δ ${pp(engine.share - geos.share)}  → ${r.toFixed(1)}× GEOS${goal ? ` (goal ≥ ${goal}×: ${r >= goal ? 'met' : 'NOT met'})` : ''}`);
  ratios.push(`ratio ${name} ${r.toFixed(2)}`, `share-pp ${name} ${((engine.share - geos.share) * 100).toFixed(4)}`);
}

const t00 = performance.now();
const { districts, zones, ring, minhang } = loadCoverageData();
const sources = gridSourcesFrom(districts, zones, ring);
const ringGeoms = ring.features.map((f) => f.geometry);
machine.push(`${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`machine: ${machine[0]}; load average at start ${load()}`);
console.log(`rule 0.9 km inside / 1.5 km outside the Outer Ring; GEOS ${QUAD_SEGS} segments per quarter circle (its circles hold ${(polygonisedAreaRatio(QUAD_SEGS) * 100).toFixed(3)} % of a disc's area: shares read ≤ ${((1 - polygonisedAreaRatio(QUAD_SEGS)) * 100).toFixed(3)} % of the covered share low)`);

// Minhang, 50 m
const mGrid = buildGrid(gridSourcesFrom({ features: [minhang] }, undefined, ring), { cellM: 50 });
const geos = await GeosBaseline.create(mGrid.projection);
const mParts = geos.parts([minhang.geometry], ringGeoms);
const mEngine = new CoverageEngine(mGrid, { maxDistanceM: 1500 });
const minhangCases: [string, string, BenchSite[], number?][] = [
  ['minhang-1500', '1,500 sites clustered round 8 town centres', clusteredSitesIn(minhang, MINHANG_CENTRES, 1500, 1.0, 20200601), 20],
  ['minhang-150-random', '150 sites at random', randomSitesIn([minhang], 150, 7)],
];
for (const [name, label, sites, goal] of minhangCases) {
  console.log(`Minhang ${mGrid.study.areaKm2.toFixed(1)} km², 50 m cells, ${label}`);
  const g = medianOf(3, () => geos.share(mParts, sites, rule, QUAD_SEGS));
  const g8 = medianOf(3, () => geos.share(mParts, sites, rule, 8));
  let share = 0;
  const tEngine = medianMs(() => {
    mEngine.setSites(sites);
    share = mEngine.coverage({ district: '310112' }, rule).polygon.share;
  });
  compare(`${name}-vs-geos`, { ms: g.ms, share: g.value.share }, { ms: tEngine, share }, goal);
  row('  GEOS at q = 8 (PostGIS default)', ms(g8.ms), `share ${pct(g8.value.share)}  → engine ${(g8.ms / tEngine).toFixed(1)}× it`);
  ratios.push(`ratio ${name}-vs-geos-q8 ${(g8.ms / tEngine).toFixed(2)}`);
}

// Whole city
const cityParts: GeosParts = geos.parts(districts.features.map((f) => f.geometry as Polygon | MultiPolygon), ringGeoms);
const citySites = randomSitesIn(districts.features, CITY_SITES, CITY_SEED);
console.log(`whole city (16 districts), ${CITY_SITES.toLocaleString('en')} sites at random`);
const gCity = medianOf(3, () => geos.share(cityParts, citySites, rule, QUAD_SEGS));
for (const cellM of [50, 25]) {
  const tg = performance.now();
  const grid = buildGrid(sources, { cellM });
  const tGrid = performance.now() - tg;
  const city = new CoverageEngine(grid, { maxDistanceM: 1500 });
  const tFull = medianMs(() => city.setSites(citySites));
  let share = 0;
  const tBreak = medianMs(() => (share = city.breakdown(rule).all.polygon.share));
  console.log(` ${cellM} m cells (${grid.cols} × ${grid.rows}; ${grid.study.cells.length.toLocaleString('en')} study cells): grid build ${ms(tGrid)}`);
  row('  engine full recompute / breakdown', `${ms(tFull)} + ${ms(tBreak)}`, cellM === 25 ? `(goal ≤ 100 ms together: ${tFull + tBreak <= 100 ? 'met' : 'NOT met'})` : '');
  compare(`city-${cellM}m-vs-geos`, { ms: gCity.ms, share: gCity.value.share }, { ms: tFull + tBreak, share }, cellM === 25 ? 3 : undefined);
  if (cellM !== 25) continue;
  row('  grid build (goal ≤ 1 s)', ms(tGrid), tGrid <= 1000 ? 'met' : 'NOT met');
  // The cache between sessions (src/coverage/gridCodec.ts; src/io/gridCache.ts keeps the bytes in IndexedDB):
  // writing and reading the buffer here; the browser's IndexedDB read of it is not measured.
  let bytes = new ArrayBuffer(0);
  const tSer = medianOf(3, () => (bytes = serialiseGrid(grid))).ms;
  const tDe = medianOf(5, () => deserialiseGrid(bytes)).ms;
  row('  grid to one buffer / back from it (the cache)', `${ms(tSer)} / ${ms(tDe)}`, `(${(bytes.byteLength / MiB).toFixed(0)} MiB; IndexedDB's own read not measured)`);
  ratios.push(`ms city-25m-grid-from-buffer ${tDe.toFixed(1)}`);
  let i = 0;
  const tMove = medianMs(() => {
    const s = citySites[i++ % citySites.length]!;
    city.moveSite(s.id, s.lon + 0.001 * (i % 2 ? 1 : -1), s.lat + 0.0005);
  }, 500);
  row('  move one site (goal ≤ 2 ms)', ms(tMove), tMove <= 2 ? 'met' : 'NOT met');
  const held = gridBytes(grid) + city.field.typedArrayBytes();
  row('  typed arrays held: grid + engine', `${(held / MiB).toFixed(0)} MiB`, `(grid ${(gridBytes(grid) / MiB).toFixed(0)} + engine ${(city.field.typedArrayBytes() / MiB).toFixed(0)} MiB; goal ≤ 300 MiB: ${held <= 300 * MiB ? 'met' : 'NOT met'})`);
  ratios.push(`ms city-25m-full-plus-breakdown ${(tFull + tBreak).toFixed(1)}`, `ms city-25m-grid-build ${tGrid.toFixed(0)}`, `ms city-25m-move ${tMove.toFixed(3)}`, `mib city-25m-typed-arrays ${(held / MiB).toFixed(0)}`);
}
// Peak resident set at 25 m: a child that builds the grid and runs the city case, over one that only loads the data.
const base = memoryChild('baseline', 25).peakRssBytes;
const peak = memoryChild('city', 25).peakRssBytes;
row(' 25 m peak RSS over a child that only loads the data', `${((peak - base) / MiB).toFixed(0)} MiB`, `(${(peak / MiB).toFixed(0)} − ${(base / MiB).toFixed(0)} MiB, VmHWM)`);
ratios.push(`mib city-25m-peak-rss ${((peak - base) / MiB).toFixed(0)}`);

console.log(`load average at end ${load()}; ${((performance.now() - t00) / 1000).toFixed(0)} s in all`);
for (const l of ratios) console.log(l);
