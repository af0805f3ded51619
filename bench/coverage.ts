/**
 * Coverage engine figures for `npm run bench` (called at the end of bench/run.ts).
 * 1. Minhang, charging rule 0.9 km inside / 1.5 km outside the Outer Ring, engine (setSites +
 *    coverage, median) vs turf, the baseline (run once): circle(64 steps) → union → intersect with
 *    the district's inside / outside-ring part → area, the method of the accuracy fixtures
 *    (tests/coverage/fixtures.ts). A 64-gon inscribed in a circle has 0.16 % less area than the
 *    circle, so turf reads at most ≈ 0.16 % of the covered area low (≤ 0.15 pp at these shares).
 *    Two site sets, both with covered shares well below 100 %, so that the shares mean something:
 *    - 1,500 sites (the number) clustered around 8 Minhang town centres (σ 1 km): ≈ 75 %;
 *    - 150 sites spread at random over Minhang: ≈ 90 %.
 *    The engine runs on WGS-84 (as in the app) and, for the share only, on turf's sphere too: turf's
 *    circles and areas are spherical, so the WGS-84 Δ holds the earth model's part (≲ 0.2 pp) and
 *    the sphere Δ the rasterisation's.
 * 2. Whole city, 16 districts, 50 m cells, 10,000 sites: full recompute (median) and peak memory:
 *    the peak resident set of a child process running the case minus that of a child that only
 *    loads the data and draws the sites (bench/coverageMemory.ts; VmHWM, as getrusage's maxRSS of a
 *    child carries its parent's), and the typed-array bytes the grid and the engine hold.
 * 3. Dragging one site: moveSite, and moveSite + coverage of its district.
 */
import { area, circle, difference, featureCollection, intersect, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { buildGrid } from '../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom, type CoverageRule } from '../src/coverage/engine';
import { TURF_SPHERE } from '../src/coverage/projection';
import { medianMs } from './measure';
import { CITY_SEED, CITY_SITES, memoryChild, type MemoryReport } from './coverageMemory';
import { clusteredSitesIn, loadCoverageData, MINHANG_CENTRES, randomSitesIn, type Area, type BenchSite } from './coverageSites';

const median = medianMs;
const TURF_STEPS = 64;
const MiB = 2 ** 20;
/** One output line: label, figure, ratio and the rest in columns. */
const row = (label: string, figure: string, ratio = '', rest = '') => console.log(`${label.padEnd(66)} ${figure.padStart(10)}  ${ratio.padEnd(18)} ${rest}`.trimEnd());
const ms = (t: number, digits: number) => `${t.toFixed(digits)} ms`;
const times = (x: number) => `${Math.round(x).toLocaleString('en')}×`;
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const pp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(2)} pp`;

/** turf's covered share of `district` under the rule (circle → union → intersect → area). */
function turfShare(district: Area, ring: Area, sites: readonly BenchSite[], rule: CoverageRule): number {
  let covered = 0;
  let total = 0;
  for (const [part, km] of [
    [intersect(featureCollection<Polygon | MultiPolygon>([district, ring])), rule.insideKm],
    [difference(featureCollection<Polygon | MultiPolygon>([district, ring])), rule.outsideKm],
  ] as const) {
    if (!part || km === null) continue;
    total += area(part);
    const u = union(featureCollection(sites.map((s) => circle([s.lon, s.lat], km, { steps: TURF_STEPS, units: 'kilometers' }))));
    const c = u && intersect(featureCollection<Polygon | MultiPolygon>([part, u]));
    if (c) covered += area(c);
  }
  return covered / total;
}

export function runCoverageBench(): void {
  const { districts, zones, ring, minhang } = loadCoverageData();
  const ringF = ring.features[0]!;
  const rule: CoverageRule = { insideKm: 0.9, outsideKm: 1.5 };

  // 1. Minhang vs turf
  const mGrid = buildGrid(gridSourcesFrom({ features: [minhang] }, undefined, ring), { cellM: 50 });
  const sGrid = buildGrid(gridSourcesFrom({ features: [minhang] }, undefined, ring), { cellM: 50, earth: TURF_SPHERE });
  const engine = new CoverageEngine(mGrid, { maxDistanceM: 1500 });
  const onSphere = new CoverageEngine(sGrid, { maxDistanceM: 1500 });
  console.log('');
  console.log(`coverage engine (src/coverage), 50 m cells, WGS-84 TM; turf: circle (${TURF_STEPS} steps) + union + intersect + area, on its sphere`);
  console.log(`Minhang ${mGrid.study.areaKm2.toFixed(1)} km², charging rule 0.9 km inside / 1.5 km outside the Outer Ring; turf run once, engine median`);
  const cases: [string, BenchSite[]][] = [
    ['1,500 sites clustered round 8 town centres', clusteredSitesIn(minhang, MINHANG_CENTRES, 1500, 1.0, 20200601)],
    ['150 sites spread at random', randomSitesIn([minhang], 150, 7)],
  ];
  let tTurf1500 = 0;
  for (const [label, sites] of cases) {
    let share = 0;
    const tEngine = median(() => {
      engine.setSites(sites);
      share = engine.coverage({ district: '310112' }, rule).polygon.share;
    });
    onSphere.setSites(sites);
    const sphereShare = onSphere.coverage({ district: '310112' }, rule).polygon.share;
    const t0 = performance.now();
    const tShare = turfShare(minhang, ringF, sites, rule);
    const tTurf = performance.now() - t0;
    if (sites.length === 1500) tTurf1500 = tTurf;
    row(`baseline  turf, ${label}`, ms(tTurf, 0), '(1.00×)', `share ${pct(tShare)}`);
    row(
      `engine    setSites + coverage, same ${sites.length.toLocaleString('en')} sites`,
      ms(tEngine, 1),
      `(${times(tTurf / tEngine)} faster)`,
      `share ${pct(share)}  Δ ${pp(share - tShare)}  (on turf's sphere ${pct(sphereShare)}, Δ ${pp(sphereShare - tShare)})`,
    );
  }

  // 2. Whole city
  const tg = performance.now();
  const grid = buildGrid(gridSourcesFrom(districts, zones, ring), { cellM: 50 });
  const tGrid = performance.now() - tg;
  const city = new CoverageEngine(grid, { maxDistanceM: 1500 });
  const citySites = randomSitesIn(districts.features, CITY_SITES, CITY_SEED);
  const tFull = median(() => city.setSites(citySites));
  const tCov = median(() => city.breakdown(rule), 500);
  row(`city grid build (16 districts, 18 zones, ring; ${grid.cols}×${grid.rows} cells)`, ms(tGrid, 0), '(once)');
  row('city full recompute, 10,000 sites (goal ≤ 100 ms)', ms(tFull, 1), `(${times(tTurf1500 / tFull)} below baseline)`);
  row('city breakdown: all + 16 districts + 18 zones', ms(tCov, 1));

  // Peak memory: fresh processes, so that nothing of this one (turf's garbage) counts. Two rounds,
  // the smaller of each (GC timing moves the peak by a few MiB).
  const runs = { baseline: [] as MemoryReport[], grid: [] as MemoryReport[], city: [] as MemoryReport[] };
  for (let round = 0; round < 2; round++) for (const mode of ['baseline', 'grid', 'city'] as const) runs[mode].push(memoryChild(mode));
  const peak = (mode: keyof typeof runs) => Math.min(...runs[mode].map((r) => r.peakRssBytes));
  const base = peak('baseline');
  const childCity = runs.city[0]!;
  row(
    'city peak RSS, 10,000 sites, over a child that only loads the data',
    `${((peak('city') - base) / MiB).toFixed(0)} MiB`,
    '',
    `(${(peak('city') / MiB).toFixed(0)} − ${(base / MiB).toFixed(0)} MiB, VmHWM of child processes; grid build alone ${((peak('grid') - base) / MiB).toFixed(0)} MiB)`,
  );
  row(
    'city typed arrays held: grid + engine',
    `${((childCity.gridBytes + childCity.engineBytes) / MiB).toFixed(1)} MiB`,
    '',
    `(grid ${(childCity.gridBytes / MiB).toFixed(1)} MiB + engine ${(childCity.engineBytes / MiB).toFixed(1)} MiB)`,
  );

  // 3. Drag one site
  let i = 0;
  const tMove = median(() => {
    const s = citySites[i++ % citySites.length]!;
    city.moveSite(s.id, s.lon + 0.001, s.lat + 0.0005);
  }, 500);
  const tMoveCov = median(() => {
    const s = citySites[i++ % citySites.length]!;
    city.moveSite(s.id, s.lon - 0.001, s.lat);
    city.coverage({ district: '310112' }, rule);
  }, 500);
  row('move one site (goal ≤ 2 ms)', ms(tMove, 3), `(${times(tTurf1500 / tMove)} below baseline)`);
  row('move one site + Minhang coverage', ms(tMoveCov, 3));
}
