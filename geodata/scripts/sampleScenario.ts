/**
 * Builds `public/data/sample-scenario.geojson`: an ILLUSTRATIVE set of sites (made up, not a plan and
 * not an inventory) so that a newcomer sees coverage and gaps on first start.
 *
 *   npm run geodata                                        (runs this at its end)
 *   node --import tsx geodata/scripts/sampleScenario.ts    (this file alone)
 *
 * Made from the shipped geometry in public/data/ (districts, municipal outline, ocean, Outer Ring
 * area, rivers, metro stations) with seeded pseudo-random numbers and no trigonometry, so the same
 * data gives a byte-identical file: coordinates rounded to 6 decimals, sites in generation order,
 * compact JSON. Every site lies inside a district polygon and the land-clipped municipal outline, not
 * in the sea, and at least {@link RIVER_CLEARANCE_M} m from the GSHHG river lines.
 *
 * - EV charging stations: next to a seeded subset of the metro stations, plus a sparse seeded scatter
 *   outside the Outer Ring (sparser on Chongming), so the plan districts show gaps under the
 *   0.9 / 1.5 km rule; a few `planned` stations placed in gaps.
 * - 5G macro sites: a jittered hexagonal lattice over the five plan districts (500 m spacing inside
 *   the Outer Ring, 1.3 km outside, for the assumed 0.3 / 0.8 km radii), 12 % of points dropped; a few
 *   dropped points come back as `candidate` sites.
 * - Parcel lockers: next to a seeded subset of the metro stations, plus a scatter in Jing'an, Yangpu,
 *   Minhang and Fengxian.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { FacilityTypeId } from '../../src/domain/facilityTypes.ts';
import {
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  parseScenarioFile,
  scenarioFileSchema,
  scenarioToGeoJSON,
  type ScenarioMeta,
} from '../../src/domain/scenarioFile.ts';
import type { Site, SiteStatus } from '../../src/domain/site.ts';
import { OUTPUT_DIR, round6, toJson } from './common.ts';

export const SAMPLE_SCENARIO_FILE = 'sample-scenario.geojson';

/**
 * The districts whose 5G lattice the sample draws: the plan districts when the sample was made
 * (Minhang, Yangpu, Chongming, Fengxian, Jing'an). Written out, not read from seeds/plans: the
 * sample is a fixed illustration whose fingerprint every share link made against it carries, so a
 * plan added later starts with no sample 5G sites until someone rebuilds the sample on purpose (and
 * adds the district here).
 */
export const SAMPLE_5G_DISTRICTS = ['310112', '310110', '310151', '310120', '310106'] as const;

/** Minimum distance of a site from a river line (m), by the approximate planar test below. */
export const RIVER_CLEARANCE_M = 120;

const SEED = 'shanghai-siting-sample-v1';

// 5G lattice: spacing a little under √3 × the assumed radius (0.3 km inside, 0.8 km outside).
const LATTICE_INSIDE_M = 500;
const LATTICE_OUTSIDE_M = 1300;
const LATTICE_JITTER = 0.12; // ± fraction of the spacing, per axis
const LATTICE_DROP = 0.12; // share of lattice points left out
const CANDIDATE_5G_PER_DISTRICT = 2;

// EV charging stations.
const EV_METRO_SHARE = 0.55;
const EV_SCATTER_KM2_PER_DART: Record<string, number> = { default: 3, '310151': 15 };
const EV_SCATTER_MIN_SPACING_M = 2000;
const EV_PILES = [4, 20] as const;
const EV_PLANNED: ReadonlyArray<[string, number]> = [
  ['310112', 2],
  ['310120', 2],
  ['310151', 2],
];
const EV_PLANNED_GAP_M = 2000;

// Parcel lockers.
const LOCKER_METRO_SHARE = 0.3;
const LOCKER_SCATTER: ReadonlyArray<[string, number]> = [
  ['310106', 40],
  ['310110', 50],
  ['310112', 110],
  ['310120', 50],
];
const LOCKER_MIN_SPACING_M = 400;

// ---------------------------------------------------------------------------------------------
// Seeded pseudo-random numbers (mulberry32; integer arithmetic only, identical on every platform)

function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Rng = () => number;

/** A stream of numbers in [0, 1); one stream per purpose, so changing one part leaves the others. */
function rng(purpose: string): Rng {
  let a = hashSeed(`${SEED}:${purpose}`);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
const intBetween = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// ---------------------------------------------------------------------------------------------
// Local plane: metres east/north of 121.5° E, 31.2° N. Fixed scale factors (WGS-84 at 31.2° N), so
// no trigonometry runs; over Shanghai (30.7–31.9° N) the east scale is off by ≤ 1.2 %.

const LON0 = 121.5;
const LAT0 = 31.2;
const M_PER_DEG_LON = 95_318;
const M_PER_DEG_LAT = 110_865;

const toX = (lon: number) => (lon - LON0) * M_PER_DEG_LON;
const toY = (lat: number) => (lat - LAT0) * M_PER_DEG_LAT;
const toLon = (x: number) => LON0 + x / M_PER_DEG_LON;
const toLat = (y: number) => LAT0 + y / M_PER_DEG_LAT;

// ---------------------------------------------------------------------------------------------
// Geometry tests

interface Box {
  w: number;
  s: number;
  e: number;
  n: number;
}
interface Area {
  /** Each polygon with its box; rings as read (lon/lat). */
  parts: { box: Box; rings: Position[][] }[];
  box: Box;
}

function boxOf(points: Position[]): Box {
  const b = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity };
  for (const [x, y] of points) {
    b.w = Math.min(b.w, x!);
    b.e = Math.max(b.e, x!);
    b.s = Math.min(b.s, y!);
    b.n = Math.max(b.n, y!);
  }
  return b;
}

function areaOf(g: Polygon | MultiPolygon): Area {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const parts = polys.map((rings) => ({ box: boxOf(rings[0]!), rings }));
  return { parts, box: boxOf(parts.flatMap((p) => [[p.box.w, p.box.s], [p.box.e, p.box.n]])) };
}

const inBox = (b: Box, lon: number, lat: number) => lon >= b.w && lon <= b.e && lat >= b.s && lat <= b.n;

/** Even-odd ray casting in lon/lat (as turf's booleanPointInPolygon: planar, holes subtracted). */
function inRing(ring: Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > lat !== yj! > lat && lon < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

function inArea(a: Area, lon: number, lat: number): boolean {
  if (!inBox(a.box, lon, lat)) return false;
  for (const p of a.parts) {
    if (!inBox(p.box, lon, lat) || !inRing(p.rings[0]!, lon, lat)) continue;
    if (!p.rings.slice(1).some((hole) => inRing(hole, lon, lat))) return true;
  }
  return false;
}

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

function segmentDistance(s: Segment, x: number, y: number): number {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - s.ax) * dx + (y - s.ay) * dy) / len2));
  const ex = s.ax + t * dx - x;
  const ey = s.ay + t * dy - y;
  return Math.sqrt(ex * ex + ey * ey);
}

// ---------------------------------------------------------------------------------------------
// The shipped geometry

type DistrictProps = { adcode: string; name: string; name_en: string; area_km2_geodesic: number };
type StationProps = { name_zh: string; name_latin: string; lines: string[] };

interface World {
  districts: { adcode: string; name: string; name_en: string; km2: number; area: Area }[];
  municipal: Area;
  ocean: Area;
  ring: Area;
  rivers: Segment[];
  stations: { lon: number; lat: number; name: string }[];
}

function readData<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as T;
}

function loadWorld(dir: string): World {
  const districts = readData<FeatureCollection<Polygon | MultiPolygon, DistrictProps>>(dir, 'districts.geojson');
  const municipal = readData<FeatureCollection<MultiPolygon>>(dir, 'municipal.geojson');
  const ocean = readData<FeatureCollection<Polygon | MultiPolygon>>(dir, 'ocean.geojson');
  const ring = readData<FeatureCollection<Polygon>>(dir, 'outer-ring-area.geojson');
  const rivers = readData<FeatureCollection<LineString>>(dir, 'rivers.geojson');
  const stations = readData<FeatureCollection<Point, StationProps>>(dir, 'metro-stations.geojson');
  const union = (fc: FeatureCollection<Polygon | MultiPolygon>): Area => {
    const areas = fc.features.map((f) => areaOf(f.geometry));
    const parts = areas.flatMap((a) => a.parts);
    return { parts, box: boxOf(parts.flatMap((p) => [[p.box.w, p.box.s], [p.box.e, p.box.n]])) };
  };
  return {
    districts: districts.features.map((f) => ({
      adcode: f.properties.adcode,
      name: f.properties.name,
      name_en: f.properties.name_en,
      km2: f.properties.area_km2_geodesic,
      area: areaOf(f.geometry),
    })),
    municipal: union(municipal),
    ocean: union(ocean),
    ring: union(ring),
    rivers: rivers.features.flatMap((f) =>
      f.geometry.coordinates.slice(1).map((b, i) => {
        const a = f.geometry.coordinates[i]!;
        return { ax: toX(a[0]!), ay: toY(a[1]!), bx: toX(b[0]!), by: toY(b[1]!) };
      }),
    ),
    stations: stations.features.map((f) => ({
      lon: f.geometry.coordinates[0]!,
      lat: f.geometry.coordinates[1]!,
      name: f.properties.name_zh,
    })),
  };
}

/** Adcode of the district a (rounded) position is in when it is on land, away from rivers; else null. */
function landDistrict(w: World, lon: number, lat: number): string | null {
  if (!inArea(w.municipal, lon, lat) || inArea(w.ocean, lon, lat)) return null;
  const d = w.districts.find((x) => inArea(x.area, lon, lat));
  if (!d) return null;
  const x = toX(lon);
  const y = toY(lat);
  for (const s of w.rivers) if (segmentDistance(s, x, y) < RIVER_CLEARANCE_M) return null;
  return d.adcode;
}

// ---------------------------------------------------------------------------------------------
// Generation

type Group = 'ev' | '5g' | 'locker';
const GROUP_TYPE: Record<Group, FacilityTypeId> = {
  ev: 'ev-charging-station',
  '5g': '5g-macro',
  locker: 'parcel-locker',
};
const GROUP_NAME: Record<Group, string> = { ev: '示例充电站', '5g': '示例5G基站', locker: '示例快递柜' };
const STATUS_SUFFIX: Record<SiteStatus, string> = { existing: '', planned: '（规划）', candidate: '（候选）' };

interface Placed {
  lon: number;
  lat: number;
  x: number;
  y: number;
  district: string;
  status: SiteStatus;
  capacity?: number;
}

/** Sites of one group, with a coarse spatial index for "is any site within d metres". */
class Layer {
  readonly items: Placed[] = [];
  private cells = new Map<string, Placed[]>();
  private static CELL = 2000;

  add(p: Placed): void {
    this.items.push(p);
    const k = `${Math.floor(p.x / Layer.CELL)},${Math.floor(p.y / Layer.CELL)}`;
    const list = this.cells.get(k);
    if (list) list.push(p);
    else this.cells.set(k, [p]);
  }

  anyWithin(x: number, y: number, d: number): boolean {
    const r = Math.ceil(d / Layer.CELL);
    const cx = Math.floor(x / Layer.CELL);
    const cy = Math.floor(y / Layer.CELL);
    for (let i = cx - r; i <= cx + r; i++) {
      for (let j = cy - r; j <= cy + r; j++) {
        for (const p of this.cells.get(`${i},${j}`) ?? []) {
          const ex = p.x - x;
          const ey = p.y - y;
          if (ex * ex + ey * ey < d * d) return true;
        }
      }
    }
    return false;
  }
}

function placed(w: World, lon: number, lat: number, status: SiteStatus = 'existing'): Placed | null {
  const rl = round6(lon);
  const ra = round6(lat);
  const district = landDistrict(w, rl, ra);
  return district === null ? null : { lon: rl, lat: ra, x: toX(rl), y: toY(ra), district, status };
}

/** A land position `minM`–`maxM` from a station (uniform in the annulus), or null after 30 tries. */
function nearStation(w: World, r: Rng, lon: number, lat: number, minM: number, maxM: number): Placed | null {
  for (let t = 0; t < 30; t++) {
    const dx = between(r, -maxM, maxM);
    const dy = between(r, -maxM, maxM);
    const d2 = dx * dx + dy * dy;
    if (d2 < minM * minM || d2 > maxM * maxM) continue;
    const p = placed(w, toLon(toX(lon) + dx), toLat(toY(lat) + dy));
    if (p) return p;
  }
  return null;
}

/** A uniform land position in district `adcode` (optionally only on one side of the ring), or null. */
function inDistrict(w: World, r: Rng, adcode: string, ring?: 'inside' | 'outside', tries = 200): Placed | null {
  const d = w.districts.find((x) => x.adcode === adcode);
  if (!d) throw new Error(`no district ${adcode}`);
  const b = d.area.box;
  for (let t = 0; t < tries; t++) {
    const p = placed(w, between(r, b.w, b.e), between(r, b.s, b.n));
    if (!p || p.district !== adcode) continue;
    if (ring !== undefined && inArea(w.ring, p.lon, p.lat) !== (ring === 'inside')) continue;
    return p;
  }
  return null;
}

function generateEv(w: World): Layer {
  const ev = new Layer();
  const r = rng('ev-metro');
  for (const s of w.stations) {
    const take = r() < EV_METRO_SHARE;
    const p = nearStation(w, r, s.lon, s.lat, 80, 300);
    const piles = intBetween(r, EV_PILES[0], EV_PILES[1]);
    if (take && p) ev.add({ ...p, capacity: piles });
  }
  const rs = rng('ev-scatter');
  for (const d of w.districts) {
    const darts = Math.round(d.km2 / (EV_SCATTER_KM2_PER_DART[d.adcode] ?? EV_SCATTER_KM2_PER_DART.default!));
    for (let i = 0; i < darts; i++) {
      const p = inDistrict(w, rs, d.adcode);
      const piles = intBetween(rs, EV_PILES[0], EV_PILES[1]);
      if (!p || inArea(w.ring, p.lon, p.lat) || ev.anyWithin(p.x, p.y, EV_SCATTER_MIN_SPACING_M)) continue;
      ev.add({ ...p, capacity: piles });
    }
  }
  const rp = rng('ev-planned');
  for (const [adcode, n] of EV_PLANNED) {
    let added = 0;
    for (let t = 0; t < 2000 && added < n; t++) {
      const p = inDistrict(w, rp, adcode, 'outside', 1);
      const piles = intBetween(rp, EV_PILES[0], EV_PILES[1]);
      if (!p || ev.anyWithin(p.x, p.y, EV_PLANNED_GAP_M)) continue;
      ev.add({ ...p, status: 'planned', capacity: piles });
      added++;
    }
  }
  return ev;
}

function generate5g(w: World): Layer {
  const g = new Layer();
  const dropped: Placed[] = [];
  const plan = new Set<string>(SAMPLE_5G_DISTRICTS);
  const planBox = boxOf(
    w.districts.filter((d) => plan.has(d.adcode)).flatMap((d) => [[d.area.box.w, d.area.box.s], [d.area.box.e, d.area.box.n]]),
  );
  const lattices: { spacing: number; inside: boolean; box: Box }[] = [
    { spacing: LATTICE_INSIDE_M, inside: true, box: w.ring.box },
    { spacing: LATTICE_OUTSIDE_M, inside: false, box: planBox },
  ];
  for (const { spacing, inside, box } of lattices) {
    const r = rng(`5g-lattice-${spacing}`);
    const rowStep = (spacing * Math.sqrt(3)) / 2;
    const j0 = Math.floor(toY(box.s) / rowStep) - 1;
    const j1 = Math.ceil(toY(box.n) / rowStep) + 1;
    const i0 = Math.floor(toX(box.w) / spacing) - 1;
    const i1 = Math.ceil(toX(box.e) / spacing) + 1;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const jx = between(r, -LATTICE_JITTER, LATTICE_JITTER) * spacing;
        const jy = between(r, -LATTICE_JITTER, LATTICE_JITTER) * spacing;
        const drop = r() < LATTICE_DROP;
        const x = (i + (j % 2 === 0 ? 0 : 0.5)) * spacing + jx;
        const y = j * rowStep + jy;
        const lon = toLon(x);
        const lat = toLat(y);
        if (!inBox(planBox, lon, lat)) continue;
        const p = placed(w, lon, lat);
        if (!p || !plan.has(p.district) || inArea(w.ring, p.lon, p.lat) !== inside) continue;
        if (drop) dropped.push(p);
        else g.add(p);
      }
    }
  }
  const rc = rng('5g-candidates');
  for (const adcode of SAMPLE_5G_DISTRICTS) {
    const pool = dropped.filter((p) => p.district === adcode);
    for (let k = 0; k < CANDIDATE_5G_PER_DISTRICT && pool.length > 0; k++) {
      const [p] = pool.splice(Math.floor(rc() * pool.length), 1);
      g.add({ ...p!, status: 'candidate' });
    }
  }
  return g;
}

function generateLockers(w: World): Layer {
  const lk = new Layer();
  const r = rng('locker-metro');
  for (const s of w.stations) {
    const take = r() < LOCKER_METRO_SHARE;
    const p = nearStation(w, r, s.lon, s.lat, 30, 150);
    if (take && p) lk.add(p);
  }
  const rs = rng('locker-scatter');
  for (const [adcode, n] of LOCKER_SCATTER) {
    let added = 0;
    for (let t = 0; t < n * 20 && added < n; t++) {
      const p = inDistrict(w, rs, adcode, undefined, 1);
      if (!p || lk.anyWithin(p.x, p.y, LOCKER_MIN_SPACING_M)) continue;
      lk.add(p);
      added++;
    }
  }
  return lk;
}

export const SAMPLE_SCENARIO_META: ScenarioMeta = {
  format: SCENARIO_FORMAT,
  version: SCENARIO_VERSION,
  name_zh: '示例情景（虚构，仅供演示）',
  name_en: 'Illustrative sample (made up, for demonstration)',
  illustrative: true,
  description_zh:
    '虚构的示例站点，仅用于演示地图如何显示覆盖率与缺口。它不是任何区的规划，也不是现状设施清单；位置与数量均为随机生成。',
  description_en:
    'Made-up sites that only show how the map draws coverage and gaps. This is not any district\'s plan and not an inventory of real facilities: positions and numbers are generated at random.',
  method_en:
    `Generated by geodata/scripts/sampleScenario.ts from the shipped districts, municipal outline, sea, Outer Ring, rivers and metro stations with seeded pseudo-random numbers (seed "${SEED}"), so it rebuilds byte for byte. ` +
    `EV charging stations sit next to ${Math.round(EV_METRO_SHARE * 100)} % of the metro stations plus a sparse scatter outside the Outer Ring (sparser on Chongming) and a few planned ones in gaps; 5G macro sites lie on a jittered hexagonal lattice over the five plan districts (${LATTICE_INSIDE_M} m spacing inside the Outer Ring, ${LATTICE_OUTSIDE_M} m outside) with ${Math.round(LATTICE_DROP * 100)} % of the points dropped (a few come back as candidates); parcel lockers sit next to ${Math.round(LOCKER_METRO_SHARE * 100)} % of the stations plus a scatter in Jing'an, Yangpu, Minhang and Fengxian. ` +
    `Every site is inside a district polygon and the land-clipped municipal outline and at least ${RIVER_CLEARANCE_M} m from the GSHHG river lines; nothing here describes a real facility.`,
};

export interface SampleScenario {
  /** The file's text (compact JSON, trailing newline). */
  text: string;
  sites: Site[];
  /** Adcode of each site's district, by site id. */
  districtOf: Map<string, string>;
}

/**
 * Generates the sample scenario from the geometry in `dataDir` (default: public/data/). Pure apart
 * from reading those files: the same data gives the same text.
 */
export function buildSampleScenario(dataDir: string = OUTPUT_DIR): SampleScenario {
  const w = loadWorld(dataDir);
  const groups: [Group, Layer][] = [
    ['ev', generateEv(w)],
    ['5g', generate5g(w)],
    ['locker', generateLockers(w)],
  ];
  const sites: Site[] = [];
  const districtOf = new Map<string, string>();
  for (const [group, layer] of groups) {
    layer.items.forEach((p, i) => {
      const n = i + 1;
      const id = `sample-${group}-${String(n).padStart(4, '0')}`;
      const site: Site = {
        id,
        type: GROUP_TYPE[group],
        lon: p.lon,
        lat: p.lat,
        name: `${GROUP_NAME[group]} ${n}${STATUS_SUFFIX[p.status]}`,
        status: p.status,
      };
      if (p.capacity !== undefined) site.capacity = p.capacity;
      site.illustrative = true;
      sites.push(site);
      districtOf.set(id, p.district);
    });
  }
  const file = scenarioToGeoJSON(SAMPLE_SCENARIO_META, sites);
  const check = scenarioFileSchema.safeParse(file);
  if (!check.success) throw new Error(`sample scenario fails its schema: ${check.error.issues[0]?.message}`);
  const text = toJson(file);
  const back = parseScenarioFile(JSON.parse(text));
  if (toJson(scenarioToGeoJSON(back.meta, back.sites)) !== text) throw new Error('sample scenario does not round-trip');
  return { text, sites, districtOf };
}

/** Counts per facility type and status, and per type and district. */
export function summarise(s: SampleScenario): string[] {
  const lines: string[] = [];
  const types = [...new Set(s.sites.map((x) => x.type))];
  const adcodes = [...new Set(s.districtOf.values())].sort();
  for (const type of types) {
    const of = s.sites.filter((x) => x.type === type);
    const byStatus = (['existing', 'planned', 'candidate'] as const)
      .map((st) => [st, of.filter((x) => x.status === st).length] as const)
      .filter(([, c]) => c > 0)
      .map(([st, c]) => `${c} ${st}`)
      .join(', ');
    lines.push(`  ${type.padEnd(20)} ${String(of.length).padStart(5)}  (${byStatus})`);
    const perDistrict = adcodes
      .map((a) => [a, of.filter((x) => s.districtOf.get(x.id) === a).length] as const)
      .filter(([, c]) => c > 0)
      .map(([a, c]) => `${a}${(SAMPLE_5G_DISTRICTS as readonly string[]).includes(a) ? '*' : ''} ${c}`);
    for (let i = 0; i < perDistrict.length; i += 8) lines.push(`      ${perDistrict.slice(i, i + 8).join('  ')}`);
  }
  return lines;
}

/** Radii (km) inside / outside the Outer Ring used for the printed coverage estimate. */
const RULES: ReadonlyArray<[FacilityTypeId, number, number]> = [
  ['ev-charging-station', 0.9, 1.5],
  ['5g-macro', 0.3, 0.8],
  ['parcel-locker', 0.5, 0.5],
];

/**
 * Rough covered share of each plan district by the existing sites of each type, sampled on a 200 m
 * lattice of the district polygon (for the printout only; the app's coverage engine is the measure).
 */
function coverageLines(dataDir: string, sites: readonly Site[]): string[] {
  const w = loadWorld(dataDir);
  const step = 200;
  const lines: string[] = [];
  for (const [type, rIn, rOut] of RULES) {
    const layer = new Layer();
    for (const s of sites) {
      if (s.type === type && s.status === 'existing') {
        layer.add({ lon: s.lon, lat: s.lat, x: toX(s.lon), y: toY(s.lat), district: '', status: 'existing' });
      }
    }
    const parts = SAMPLE_5G_DISTRICTS.map((adcode) => {
      const d = w.districts.find((x) => x.adcode === adcode)!;
      let all = 0;
      let covered = 0;
      for (let y = Math.ceil(toY(d.area.box.s) / step) * step; y <= toY(d.area.box.n); y += step) {
        for (let x = Math.ceil(toX(d.area.box.w) / step) * step; x <= toX(d.area.box.e); x += step) {
          const lon = toLon(x);
          const lat = toLat(y);
          if (!inArea(d.area, lon, lat)) continue;
          all++;
          const r = (inArea(w.ring, lon, lat) ? rIn : rOut) * 1000;
          if (layer.anyWithin(x, y, r)) covered++;
        }
      }
      return `${d.name_en.replace(' District', '')} ${all > 0 ? ((100 * covered) / all).toFixed(0) : '–'} %`;
    });
    const radii = rIn === rOut ? `${rIn}` : `${rIn}/${rOut}`;
    lines.push(`  covered (${radii} km, existing) ${type}: ${parts.join(', ')}`);
  }
  return lines;
}

/** Generates the file, writes it to public/data/ and prints the counts and a coverage estimate. */
export function writeSampleScenario(dataDir: string = OUTPUT_DIR): SampleScenario {
  const s = buildSampleScenario(dataDir);
  writeFileSync(resolve(dataDir, SAMPLE_SCENARIO_FILE), s.text);
  const kib = (Buffer.byteLength(s.text) / 1024).toFixed(1);
  console.log(
    `sample scenario (illustrative, made up): wrote public/data/${SAMPLE_SCENARIO_FILE}, ${s.sites.length} sites, ${kib} KiB (* = plan district)`,
  );
  for (const line of summarise(s)) console.log(line);
  for (const line of coverageLines(dataDir, s.sites)) console.log(line);
  return s;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeSampleScenario();
