/**
 * Coverage engine figures for `npm run bench` (called at the end of bench/run.ts).
 * 1. Minhang, 1,500 seeded random charging sites, 0.9 km inside / 1.5 km outside the Outer Ring:
 *    engine (setSites + coverage) vs turf circle(64)+union+intersect+area, the baseline, run once.
 * 2. Whole city, 16 districts, 50 m cells, 10,000 sites: full recompute and peak memory.
 * 3. Dragging one site: moveSite + coverage of its district.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon, circle, difference, featureCollection, intersect, point, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildGrid } from '../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom } from '../src/coverage/engine';
import { medianMs } from './measure';

type Area = Feature<Polygon | MultiPolygon>;
const read = <T>(f: string): T => JSON.parse(readFileSync(fileURLToPath(new URL(`../public/data/${f}`, import.meta.url)), 'utf8')) as T;

const median = medianMs;

function randomSitesIn(areas: Area[], n: number, seed: number) {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const sites: { id: string; lon: number; lat: number }[] = [];
  const [w, so, e, no] = [120.85, 30.68, 122.2, 31.88];
  const boxes = areas.map((a) => {
    const cs = (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flatMap((p) => p[0]!);
    return [Math.min(...cs.map((c) => c[0]!)), Math.min(...cs.map((c) => c[1]!)), Math.max(...cs.map((c) => c[0]!)), Math.max(...cs.map((c) => c[1]!))];
  });
  const one = areas.length === 1 ? boxes[0]! : [w, so, e, no];
  while (sites.length < n) {
    const p: [number, number] = [one[0]! + rnd() * (one[2]! - one[0]!), one[1]! + rnd() * (one[3]! - one[1]!)];
    if (areas.some((a, i) => {
      const b = boxes[i]!;
      return p[0] >= b[0]! && p[0] <= b[2]! && p[1] >= b[1]! && p[1] <= b[3]! && booleanPointInPolygon(point(p), a);
    })) sites.push({ id: `s${sites.length}`, lon: p[0], lat: p[1] });
  }
  return sites;
}

export function runCoverageBench(): void {
  const districts = read<FeatureCollection<Polygon | MultiPolygon, { adcode: string }>>('districts.geojson');
  const zones = read<FeatureCollection<Polygon | MultiPolygon, { id: string }>>('zones.geojson');
  const ring = read<FeatureCollection<Polygon>>('outer-ring-area.geojson');
  const minhang = districts.features.find((f) => f.properties.adcode === '310112')!;
  const rule = { insideKm: 0.9, outsideKm: 1.5 };

  // 1. Minhang vs turf
  const sites = randomSitesIn([minhang], 1500, 20200601);
  const mGrid = buildGrid(gridSourcesFrom({ features: [minhang] }, undefined, ring), { cellM: 50 });
  const engine = new CoverageEngine(mGrid, { maxDistanceM: 1500 });
  let share = 0;
  const tEngine = median(() => {
    engine.setSites(sites);
    share = engine.coverage({ district: '310112' }, rule).share;
  });
  const t0 = performance.now();
  const ringF = ring.features[0]!;
  let covered = 0;
  let total = 0;
  for (const [part, km] of [
    [intersect(featureCollection<Polygon | MultiPolygon>([minhang, ringF])), 0.9],
    [difference(featureCollection<Polygon | MultiPolygon>([minhang, ringF])), 1.5],
  ] as const) {
    if (!part) continue;
    total += area(part);
    const u = union(featureCollection(sites.map((s) => circle([s.lon, s.lat], km, { steps: 64, units: 'kilometers' }))));
    const c = u && intersect(featureCollection<Polygon | MultiPolygon>([part, u]));
    if (c) covered += area(c);
  }
  const tTurf = performance.now() - t0;
  const turfShare = covered / total;
  console.log('');
  console.log('coverage engine (src/coverage), 50 m cells, WGS-84 TM (turf: sphere — expect ≲0.2 pp from the earth model alone)');
  console.log(`baseline  turf circle+union+intersect+area, Minhang, 1,500 sites   ${tTurf.toFixed(0)} ms  (1.00×)  share ${(turfShare * 100).toFixed(2)} %`);
  console.log(`engine    setSites + coverage, same sites                          ${tEngine.toFixed(1)} ms  (${(tTurf / tEngine).toFixed(0)}× faster)  share ${(share * 100).toFixed(2)} %  (Δ ${((share - turfShare) * 100).toFixed(2)} pp)`);

  // 2. Whole city
  const tg = performance.now();
  const grid = buildGrid(gridSourcesFrom(districts, zones, ring), { cellM: 50 });
  const tGrid = performance.now() - tg;
  const city = new CoverageEngine(grid, { maxDistanceM: 1500 });
  const citySites = randomSitesIn(districts.features, 10_000, 42);
  const tFull = median(() => city.setSites(citySites));
  const tCov = median(() => city.breakdown(rule), 500);
  const rss = process.memoryUsage();
  console.log(`city grid build (16 districts, 18 zones, ring; ${grid.cols}×${grid.rows} cells)   ${tGrid.toFixed(0)} ms  (once)`);
  console.log(`city full recompute, 10,000 sites (goal ≤ 100 ms)                  ${tFull.toFixed(1)} ms  (${(tTurf / tFull).toFixed(0)}× below baseline)`);
  console.log(`city breakdown: all + 16 districts + 18 zones                      ${tCov.toFixed(1)} ms`);
  console.log(`memory after city run: rss ${(rss.rss / 2 ** 20).toFixed(0)} MiB, heap ${(rss.heapUsed / 2 ** 20).toFixed(0)} MiB, typed arrays ${(rss.arrayBuffers / 2 ** 20).toFixed(0)} MiB`);

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
  console.log(`move one site (goal ≤ 2 ms)                                         ${tMove.toFixed(3)} ms  (${(tTurf / tMove).toFixed(0)}× below baseline)`);
  console.log(`move one site + Minhang coverage                                    ${tMoveCov.toFixed(3)} ms`);
}
