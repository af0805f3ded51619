/**
 * Inputs of the coverage benchmark, shared by bench/coverage.ts and the memory child
 * (bench/coverageMemory.ts) so that both use the same data and the same seeded sites.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Area = Feature<Polygon | MultiPolygon>;
export interface BenchSite {
  id: string;
  lon: number;
  lat: number;
}

const read = <T>(f: string): T => JSON.parse(readFileSync(fileURLToPath(new URL(`../public/data/${f}`, import.meta.url)), 'utf8')) as T;

/** The shipped districts, zones and Outer Ring area. */
export function loadCoverageData() {
  const districts = read<FeatureCollection<Polygon | MultiPolygon, { adcode: string }>>('districts.geojson');
  const zones = read<FeatureCollection<Polygon | MultiPolygon, { id: string }>>('zones.geojson');
  const ring = read<FeatureCollection<Polygon>>('outer-ring-area.geojson');
  const minhang = districts.features.find((f) => f.properties.adcode === '310112')!;
  return { districts, zones, ring, minhang };
}

/** The layers the app adds to its grid: the shipped land and townships (the app's configuration, issue #19). */
export function loadAppLayers() {
  const land = read<FeatureCollection<Polygon | MultiPolygon>>('land.geojson');
  const townships = read<FeatureCollection<Polygon | MultiPolygon, { code: string }>>('townships.geojson');
  return { land, townships };
}

/** Park–Miller generator: the same sequence on every machine. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function bbox(a: Area): [number, number, number, number] {
  const cs = (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flatMap((p) => p[0]!);
  return [Math.min(...cs.map((c) => c[0]!)), Math.min(...cs.map((c) => c[1]!)), Math.max(...cs.map((c) => c[0]!)), Math.max(...cs.map((c) => c[1]!))];
}

/** `n` sites uniformly at random inside the union of `areas` (one area: its bounding box is sampled; several: the city's). */
export function randomSitesIn(areas: Area[], n: number, seed: number): BenchSite[] {
  const rnd = lcg(seed);
  const sites: BenchSite[] = [];
  const boxes = areas.map(bbox);
  const one = areas.length === 1 ? boxes[0]! : [120.85, 30.68, 122.2, 31.88];
  while (sites.length < n) {
    const p: [number, number] = [one[0]! + rnd() * (one[2]! - one[0]!), one[1]! + rnd() * (one[3]! - one[1]!)];
    if (areas.some((a, i) => {
      const b = boxes[i]!;
      return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && booleanPointInPolygon(point(p), a);
    })) sites.push({ id: `s${sites.length}`, lon: p[0], lat: p[1] });
  }
  return sites;
}

/**
 * Town centres of Minhang (approximate, WGS-84): Xinzhuang, Qibao, Hongqiao, Zhuanqiao, Maqiao,
 * Pujiang, Wujing, Huacao.
 */
export const MINHANG_CENTRES: ReadonlyArray<readonly [number, number]> = [
  [121.385, 31.111],
  [121.35, 31.157],
  [121.395, 31.185],
  [121.414, 31.062],
  [121.36, 31.02],
  [121.505, 31.085],
  [121.465, 31.045],
  [121.295, 31.205],
];

/**
 * `n` sites in `area`, clustered: round-robin over `centres`, each offset by a 2-D Gaussian of
 * standard deviation `sigmaKm` per axis (Box–Muller); draws outside `area` are dropped.
 */
export function clusteredSitesIn(area: Area, centres: ReadonlyArray<readonly [number, number]>, n: number, sigmaKm: number, seed: number): BenchSite[] {
  const rnd = lcg(seed);
  const b = bbox(area);
  const sites: BenchSite[] = [];
  for (let i = 0; sites.length < n; i++) {
    const c = centres[i % centres.length]!;
    const r = sigmaKm * Math.sqrt(-2 * Math.log(rnd()));
    const t = 2 * Math.PI * rnd();
    const lon = c[0] + (r * Math.cos(t)) / (111.32 * Math.cos((c[1] * Math.PI) / 180));
    const lat = c[1] + (r * Math.sin(t)) / 110.95;
    if (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && booleanPointInPolygon(point([lon, lat]), area)) {
      sites.push({ id: `m${sites.length}`, lon, lat });
    }
  }
  return sites;
}
