/**
 * Residents figures for `npm run bench` (called at the end of bench/run.ts; alone:
 * `npm run bench:population`). Issue #15's goals:
 * 1. A WorldPop-sized raster over Shanghai — 1,400 × 1,400 pixels of 3″ (~90 m), Float32, synthetic
 *   (generated here: 40 town-centred densities with noise), written as a GeoTIFF, then read (geotiff)
 *   and resampled onto the city's 50 m grid with land: goal ≤ 1 s for both. Twice: with water as
 *   nodata (as WorldPop has it), and the worst case, residents on water too (every such pixel part is
 *   moved to the nearest land).
 * 2. The extra cost of residents in a full recompute (10,000 sites set, then the breakdown of the city,
 *   16 districts and 18 zones on land and polygon): goal ≤ 10 %. Calls with and without the layer run
 *   in pairs, back to back, and each side's median is taken (the machine's other load then falls on
 *   both); also the breakdown alone and a one-site move with Minhang re-measured.
 * 3. Residents per unit (2SFCA, src/coverage/capacity.ts) for 1,000 and 10,000 sites with capacities.
 * Baselines are measured in the same run: the grid's own build for the load, the recompute without
 * residents for the extra cost.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeArrayBuffer } from 'geotiff';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildGrid, mostlyLandAt } from '../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom, type CoverageRule } from '../src/coverage/engine';
import { buildPopulationLayer } from '../src/coverage/population';
import { capacityBreakdown } from '../src/coverage/capacity';
import { fileSource } from '../src/domain/population';
import { readPopulationRaster } from '../src/io/populationRaster';
import { CITY_SEED, CITY_SITES } from './coverageMemory';
import { loadCoverageData, randomSitesIn } from './coverageSites';

const row = (label: string, figure: string, ratio = '', rest = '') => console.log(`${label.padEnd(66)} ${figure.padStart(10)}  ${ratio.padEnd(18)} ${rest}`.trimEnd());
const ms = (t: number, digits = 0) => `${t.toFixed(digits)} ms`;

/** Park–Miller generator: the same raster on every machine. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

export const RASTER = { width: 1400, height: 1400, west: 120.85, north: 31.88, d: 1 / 1200 } as const;

/**
 * Residents per pixel: 40 town centres (Gaussian, σ 1.5–6 km), a rural floor and noise, ~25 million
 * over Shanghai. `water`: what lies on water — nodata, as WorldPop's grids have it (`'nodata'`), or
 * residents like the land around (`'residents'`: the worst case, every such pixel part is moved).
 */
export function syntheticWorldPop(onLand: ((lon: number, lat: number) => boolean) | null = null): Float32Array {
  const { width: W, height: H, west, north, d } = RASTER;
  const rnd = lcg(20201101);
  const centres = Array.from({ length: 40 }, (_, i) => ({
    lon: i === 0 ? 121.47 : 120.95 + rnd() * 1.0,
    lat: i === 0 ? 31.23 : 30.75 + rnd() * 1.05,
    peak: i === 0 ? 160 : 20 + rnd() * 70,
    sigmaKm: i === 0 ? 9 : 1.5 + rnd() * 4.5,
  }));
  const values = new Float32Array(W * H);
  const kx = 111.32 * Math.cos((31.3 * Math.PI) / 180);
  for (let y = 0; y < H; y++) {
    const lat = north - (y + 0.5) * d;
    for (let x = 0; x < W; x++) {
      const lon = west + (x + 0.5) * d;
      let v = 1.5;
      for (const c of centres) {
        const dx = (lon - c.lon) * kx;
        const dy = (lat - c.lat) * 110.95;
        const r2 = dx * dx + dy * dy;
        if (r2 < 9 * c.sigmaKm * c.sigmaKm) v += c.peak * Math.exp(-r2 / (2 * c.sigmaKm * c.sigmaKm));
      }
      values[y * W + x] = onLand && !onLand(lon, lat) ? -99999 : v * (0.7 + 0.6 * rnd());
    }
  }
  return values;
}

/** A GeoTIFF of the raster (Float32, striped, uncompressed, nodata −99999) as the geotiff package writes it. */
function tiffOf(values: Float32Array): ArrayBuffer {
  const { width, height, west, north, d } = RASTER;
  return writeArrayBuffer(values, {
    width,
    height,
    ModelPixelScale: [d, d, 0],
    ModelTiepoint: [0, 0, 0, west, north, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    SampleFormat: [3],
    BitsPerSample: [32],
    GDAL_NODATA: '-99999',
  });
}

export async function runPopulationBench(): Promise<void> {
  const { districts, zones, ring } = loadCoverageData();
  const land = JSON.parse(readFileSync(fileURLToPath(new URL('../public/data/land.geojson', import.meta.url)), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  console.log('');
  console.log('residents (issue #15): city grid 50 m on land, synthetic WorldPop-sized raster (1,400 × 1,400 pixels of 3″, Float32)');
  const tg = performance.now();
  const grid = buildGrid(gridSourcesFrom(districts, zones, ring, land), { cellM: 50 });
  const tGrid = performance.now() - tg;
  console.log(`load average when it started: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (${cpus().length} cores)`);
  row(`baseline  city grid build with land (${grid.cols}×${grid.rows} cells)`, ms(tGrid), '(1.00×)');

  // Water as WorldPop has it (nodata: pixel centres off the grid's land), and the worst case (residents on it).
  const xy = new Float64Array(2);
  const onLand = (lon: number, lat: number) => {
    grid.projection.forward(lon, lat, xy);
    const col = Math.floor((xy[0]! - grid.x0) / grid.cellM);
    const row = Math.floor((xy[1]! - grid.y0) / grid.cellM);
    return col >= 0 && row >= 0 && col < grid.cols && row < grid.rows && mostlyLandAt(grid, row * grid.cols + col);
  };
  const realistic = syntheticWorldPop(onLand);
  const worst = syntheticWorldPop();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  let read: Awaited<ReturnType<typeof readPopulationRaster>> | null = null;
  for (const [label, raster] of [
    ['water nodata, as in WorldPop', realistic],
    ['worst case: residents on water too', worst],
  ] as const) {
    const tiff = tiffOf(raster);
    // Three rounds of read + resample (a cold first one included in the median).
    const reads: number[] = [];
    const spreads: number[] = [];
    let report = null as ReturnType<typeof buildPopulationLayer>['report'] | null;
    let layerBytes = 0;
    const cpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c0 = process.cpuUsage().user;
      const t0 = performance.now();
      const got = await readPopulationRaster(tiff, 'synthetic-worldpop.tif');
      const t1 = performance.now();
      const layer = buildPopulationLayer(grid, { kind: 'raster', source: fileSource('raster', 'synthetic-worldpop.tif'), raster: got.raster });
      if (raster === realistic) read = got;
      const t2 = performance.now();
      reads.push(t1 - t0);
      spreads.push(t2 - t1);
      cpu.push((process.cpuUsage().user - c0) / 1000);
      report = layer.report;
      layerBytes = [...layer.regions.values()].reduce((s, r) => s + r.values.byteLength + r.splitCells.byteLength + r.splitInside.byteLength, 0);
    }
    const tRead = median(reads);
    const tSpread = median(spreads);
    console.log(`${label}: ${Math.round(report!.placed).toLocaleString('en')} residents placed, ${(report!.movedShare * 100).toFixed(2)} % moved off water; layer ${(layerBytes / 2 ** 20).toFixed(1)} MiB`);
    row(`  raster read (geotiff, ${(tiff.byteLength / 1e6).toFixed(1)} MB, window ${RASTER.width}×${RASTER.height})`, ms(tRead), `(${(tRead / tGrid).toFixed(2)}× grid)`);
    row('  resample onto the grid (districts, zones, ring parts, land)', ms(tSpread), `(${(tSpread / tGrid).toFixed(2)}× grid)`);
    const runs = reads.map((r, k) => r + spreads[k]!);
    row(
      '  load + resample (goal ≤ 1 s)',
      ms(tRead + tSpread),
      `(${((tRead + tSpread) / tGrid).toFixed(2)}× grid)`,
      `${tRead + tSpread <= 1000 ? 'met' : 'not met'}; runs ${runs.map((r) => r.toFixed(0)).join(' / ')} ms (the first cold); CPU time ${ms(median(cpu))}`,
    );
  }

  // Full recompute with and without residents, alternated so that load changes hit both alike.
  const layer = buildPopulationLayer(grid, { kind: 'raster', source: fileSource('raster', 'synthetic-worldpop.tif'), raster: read!.raster });
  const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
  const sites = randomSitesIn(districts.features, CITY_SITES, CITY_SEED);
  const rule: CoverageRule = { insideKm: 0.9, outsideKm: 1.5 };
  // Each pair of calls runs back to back (without, then with), so that the machine's other load
  // falls on both alike; medians of each side.
  const pairs = (n: number, run: () => void): [number, number] => {
    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < n; i++) {
      for (const [withResidents, out] of [
        [false, off],
        [true, on],
      ] as const) {
        engine.setPopulation(withResidents ? layer : null);
        const t0 = performance.now();
        run();
        out.push(performance.now() - t0);
      }
    }
    return [median(off), median(on)];
  };
  // setSites never reads the layer: a recompute's residents cost is the breakdown's difference,
  // measured over many pairs (a whole recompute's own spread under load is larger than that cost).
  const [tA, tB] = pairs(15, () => {
    engine.setSites(sites);
    engine.breakdown(rule);
  });
  const [tBa, tBb] = pairs(60, () => engine.breakdown(rule));
  const extra = (tBb - tBa) / tA;
  row('baseline  full recompute, 10,000 sites: setSites + breakdown, no residents', ms(tA, 1), '(1.00×)', `with residents ${ms(tB, 1)} (${(tB / tA).toFixed(2)}×: the load's noise)`);
  row('          breakdown: without / with residents (60 pairs)', `${tBa.toFixed(1)} / ${tBb.toFixed(1)} ms`, `(${(tBb / tBa).toFixed(3)}×)`);
  row('          residents in a full recompute: breakdown difference / recompute (goal ≤ 10 %)', `${(extra * 100).toFixed(1)} %`, '', extra <= 0.1 ? 'met' : 'not met');
  let i = 0;
  const [tMoveA, tMoveB] = pairs(400, () => {
    const s = sites[i++ % sites.length]!;
    engine.moveSite(s.id, s.lon + (i % 2 ? 0.001 : -0.001), s.lat);
    engine.coverage({ district: '310112' }, rule);
  });
  row('          move one site + Minhang coverage: without / with residents', `${tMoveA.toFixed(2)} / ${tMoveB.toFixed(2)} ms`, `(${(tMoveB / tMoveA).toFixed(3)}×)`);

  // Residents per unit (2SFCA): what the coverage worker adds to an update when the layer's sites carry capacities.
  for (const n of [1_000, CITY_SITES]) {
    const withUnits = sites.slice(0, n).map((s, k) => ({ ...s, capacity: 1 + (k % 12) }));
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      capacityBreakdown(grid, layer, rule, withUnits);
      runs.push(performance.now() - t0);
    }
    const t = median(runs);
    row(`          residents per unit (2SFCA) by district, ${n.toLocaleString('en')} sites with capacities`, ms(t, 1), `(${(t / tA).toFixed(2)}× recompute)`);
  }
}

if (process.argv[1]?.endsWith("bench/population.ts")) await runPopulationBench();
