/**
 * `npm run coverage -- --sites FILE [--district ID]… [--cell M] [--population FILE] [--roads FILE]`: the
 * analysts' command-line check of a site inventory against the plan targets, without opening the map.
 *
 * Why a CLI: analysts iterate on CSVs in a spreadsheet and want the scorecard's numbers (and the
 * covered shares inside / outside the Outer Ring) as JSON they can diff or feed to other tools. It uses
 * exactly the app's pieces — the shipped geometry through its zod schemas, `parseSiteFile`, the plan
 * checker and the coverage engine — so its figures are the map's figures.
 *
 * Residents (issue #15): every area's figures carry the residents the rule reaches, from `--population`
 * (a GeoTIFF in EPSG:4326, or areas / points in GeoJSON or CSV) or, without it, from the 2020 census
 * per district spread evenly over each district's land — which the output and stderr say.
 *
 * Output: JSON on stdout; rejected rows and warnings on stderr, one per line (`row N, field F: reason`).
 * Exit codes: 0 done (even with rejected rows), 2 bad arguments (usage printed), 1 a file could not be
 * read or held no sites at all. Messages only, never stack traces.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assumptionKeyOf, assumptionValues } from '../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS } from '../src/domain/bundledPlans';
import type { TargetCheck } from '../src/domain/checker';
import { targetFacilities, type RingPart, type Target } from '../src/domain/plan';
import type { Site } from '../src/domain/site';
import type { CoverageResult, CoverageRule, GroundCoverage, PartCoverage, ResidentsCoverage } from '../src/coverage/engine';
import type { CoverageGrid, Region } from '../src/coverage/grid';
import { regionAndRule, targetPoolKey } from '../src/coverage/radiusEvaluator';
import { EnginePool } from '../src/coverage/syncedEngine';
import { ruleReachKm } from '../src/domain/serviceRule';
import { resolveViewRule } from '../src/domain/coverageViews';
import { CoverageSession } from '../src/worker/coverageSession';
import { parseGeodataFile, type GeodataKey } from '../src/io/loadGeodata';
import { CRS_IDS, type Crs } from '../src/io/crs';
import { createReference, reviewImport, type OffsetReport } from '../src/io/offsetDetection';
import { parseSiteFileBytes, type RowProblem, type SiteFileResult } from '../src/io/siteFile';
import { SITE_YEAR, sitesAsOf } from '../src/domain/siteYear';
import { MAX_ROAD_FILE_BYTES } from '../src/network/readRoadFile';
import { networkCoverage, readRoads, type RoadsRead } from './networkLayers';
import { MAX_IMPORT_BYTES, MAX_POPULATION_RASTER_BYTES } from '../src/io/importLimits';
import { parsePopulationCsv, parseTownshipCodeList, parseTownships, POPULATION_FILE, TOWNSHIPS_FILE } from '../src/io/loadGeodata';
import { findDistrict } from '../src/domain/districtNames';
import { readTownshipFile, TownshipReadError } from '../src/io/townshipFile';
import { mergeTownships } from '../src/domain/townships';
import { MAX_ZONE_FILE_BYTES, readZoneFile } from '../src/io/zoneFile';
import { zonesInUse } from '../src/domain/userZones';
import type { ZoneCollection } from '../src/domain/geodata';
import { isPopulationFileError, readPopulationFile, type PopulationFileResult } from '../src/io/populationFile';
import { censusPopulationInput, type PopulationInput } from '../src/domain/population';

const USAGE = `usage: npm run coverage -- --sites FILE [--crs SYSTEM] [--district ID]... [--cell M] [--max-mb N]
                            [--population FILE [--population-field NAME] [--population-crs SYSTEM]]
                            [--townships FILE] [--zones FILE [--zones-crs SYSTEM]] [--year Y] [--gaps N]

  --sites FILE     CSV (header row: lon, lat, type, …; UTF-8 or GBK), GeoJSON or KML points
  --crs SYSTEM     the file's coordinate system: wgs84, gcj02 (AMap, Tencent) or bd09 (Baidu);
                   default: what the coordinate headers say (lng_gcj02, 经度(百度)), else wgs84
  --district ID    adcode (310112) or name (minhang, Minhang, 闵行, 闵行区, 浦东); repeat or separate
                   with commas; default: every district with a plan in seeds/plans
  --cell M         grid cell size in metres, 20–1000 (default 50)
  --max-mb N       refuse site files larger than N MB (default ${MAX_IMPORT_BYTES / 1048576}, the app's limit)
  --roads FILE     a road network (GeoJSON lines with a highway property, OSM XML .osm, OSM PBF
                   .osm.pbf): each layer is also measured by distance along the roads
  --distance D     straight, network or both (default: straight; both with --roads)
  --mode M         walk or drive on the roads (default walk); --snap M: how far ground may lie from
                   a road and still be reached, in metres (default 200)
  --roads-crs SYSTEM  the road file's coordinates: wgs84, gcj02 or bd09 (default: the GeoJSON crs
                   member or a hint in the file name, else wgs84); converted to WGS-84 first
  --population FILE  residents: a GeoTIFF of residents per pixel in EPSG:4326 (WorldPop, GHSL), or
                   areas / points with a resident count (GeoJSON; CSV with a WKT or lon/lat columns);
                   default: the 2020 census per district, spread evenly over each district's land
  --population-field NAME  the residents column of an areas file (default: found by name)
  --population-crs SYSTEM  the coordinates of an areas file: wgs84, gcj02 or bd09
  --year Y         as of the end of year Y (1990–2100): only the sites built by then (a site's year
                   column: year, 建成年份, 建设年份 or 年份); sites without a year count at every year;
                   "new" targets count the sites whose year lies in the plan's period and ≤ Y
  --townships FILE township (街道/镇) polygons, GeoJSON in WGS-84, each with a 9- or 12-digit NBS code
                   or a name matched to public/data/township-codes.csv; they replace or join the
                   shipped ones (which cover 8 districts)
  --zones FILE     official key-zone boundaries (GeoJSON, KML, or CSV with a WKT column), each matched
                   to a shipped zone by its id or name (zh or en); each replaces that zone's polygon
                   in every figure; --zones-crs SYSTEM: wgs84, gcj02 or bd09 (default: what the file
                   names, else wgs84)
  --gaps N         the N largest gaps by residents of every layer in every district (the app's list
                   under the residents table: patch, district, township, residents, km²), default 10,
                   0: none; given, they are also written to stderr as text

Prints JSON on stdout; rejected rows go to stderr. Exit 0 ok, 1 a file that cannot be read or holds
no usable site, 2 bad arguments.`;

/** An expected failure: printed as a message with this exit code. */
class CliError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

interface Args {
  sites: string;
  crs?: Crs;
  districts: string[];
  cellM: number;
  maxBytes: number;
  roads?: string;
  distance: 'straight' | 'network' | 'both';
  mode: 'walk' | 'drive';
  snapM: number;
  roadsCrs?: Crs;
  population?: string;
  populationField?: string;
  populationCrs?: Crs;
  townships?: string;
  zones?: string;
  zonesCrs?: Crs;
  /** As of the end of this year (null: every site). */
  year: number | null;
  /** Largest gaps by residents listed per layer and district (0: none), and whether --gaps was given (text on stderr too). */
  gaps: number;
  gapsText: boolean;
}

function parseCli(argv: string[]): Args | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sites: { type: 'string' },
        district: { type: 'string', multiple: true },
        cell: { type: 'string' },
        crs: { type: 'string' },
        'max-mb': { type: 'string' },
        roads: { type: 'string' },
        distance: { type: 'string' },
        mode: { type: 'string' },
        snap: { type: 'string' },
        'roads-crs': { type: 'string' },
        population: { type: 'string' },
        'population-field': { type: 'string' },
        'population-crs': { type: 'string' },
        townships: { type: 'string' },
        zones: { type: 'string' },
        'zones-crs': { type: 'string' },
        year: { type: 'string' },
        gaps: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  if (values.help) return 'help';
  if (!values.sites) throw new CliError('--sites FILE is required', 2);
  const cellM = values.cell === undefined ? 50 : Number(values.cell);
  if (!Number.isFinite(cellM) || cellM < 20 || cellM > 1000) {
    throw new CliError(`--cell must be a number of metres from 20 to 1000, not "${values.cell}"`, 2);
  }
  const districts = (values.district ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter((d) => d !== '');
  const crsArg = (flag: string, value: string | undefined): Crs | undefined => {
    const c = value?.trim().toLowerCase();
    if (c !== undefined && !(CRS_IDS as readonly string[]).includes(c)) throw new CliError(`${flag} must be one of ${CRS_IDS.join(', ')}, not "${value}"`, 2);
    return c as Crs | undefined;
  };
  const crs = crsArg('--crs', values.crs);
  const populationCrs = crsArg('--population-crs', values['population-crs']);
  const roadsCrs = crsArg('--roads-crs', values['roads-crs']);
  const zonesCrs = crsArg('--zones-crs', values['zones-crs']);
  if (values.zones === undefined && zonesCrs !== undefined) throw new CliError('--zones-crs goes with --zones FILE', 2);
  if (values.population === undefined && (values['population-field'] !== undefined || populationCrs !== undefined)) {
    throw new CliError('--population-field and --population-crs go with --population FILE', 2);
  }
  const maxMb = values['max-mb'] === undefined ? MAX_IMPORT_BYTES / 1048576 : Number(values['max-mb']);
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new CliError(`--max-mb must be a positive number of megabytes, not "${values['max-mb']}"`, 2);
  const distance = values.distance ?? (values.roads === undefined ? 'straight' : 'both');
  if (distance !== 'straight' && distance !== 'network' && distance !== 'both') throw new CliError(`--distance must be straight, network or both, not "${distance}"`, 2);
  if (distance !== 'straight' && values.roads === undefined) throw new CliError(`--distance ${distance} needs --roads FILE`, 2);
  const mode = values.mode ?? 'walk';
  if (mode !== 'walk' && mode !== 'drive') throw new CliError(`--mode must be walk or drive, not "${mode}"`, 2);
  const snapM = values.snap === undefined ? 200 : Number(values.snap);
  if (!Number.isFinite(snapM) || snapM < 0 || snapM > 2000) throw new CliError(`--snap must be a number of metres from 0 to 2000, not "${values.snap}"`, 2);
  const year = values.year === undefined ? null : Number(values.year);
  if (year !== null && !(Number.isInteger(year) && year >= SITE_YEAR.min && year <= SITE_YEAR.max)) {
    throw new CliError(`--year must be a whole year from ${SITE_YEAR.min} to ${SITE_YEAR.max}, not "${values.year}"`, 2);
  }
  const gaps = values.gaps === undefined ? 10 : Number(values.gaps);
  if (!Number.isInteger(gaps) || gaps < 0 || gaps > 1000) throw new CliError(`--gaps must be a whole number from 0 to 1000, not "${values.gaps}"`, 2);
  return {
    year,
    gaps,
    gapsText: values.gaps !== undefined && gaps > 0,
    sites: values.sites,
    districts,
    cellM,
    maxBytes: maxMb * 1048576,
        ...(values.roads === undefined ? {} : { roads: values.roads }),
    distance,
    mode,
    snapM,
    ...(roadsCrs === undefined ? {} : { roadsCrs }),
    ...(crs === undefined ? {} : { crs }),
    ...(values.population === undefined ? {} : { population: values.population }),
    ...(values['population-field'] === undefined ? {} : { populationField: values['population-field'] }),
    ...(populationCrs === undefined ? {} : { populationCrs }),
    ...(values.townships === undefined ? {} : { townships: values.townships }),
    ...(values.zones === undefined ? {} : { zones: values.zones }),
    ...(zonesCrs === undefined ? {} : { zonesCrs }),
  };
}

function readText(path: string, what: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(`cannot read ${what} ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, 1);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Spreadsheets on Chinese Windows often save CSV as GB18030 (GBK); without ICU, decode lossily.
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

/**
 * The shipped zones with the user's boundaries from --zones put in (src/io/zoneFile.ts: all of the
 * file's boundaries, or none and every problem on stderr).
 */
function userZonesIn(shipped: ZoneCollection, args: Args): ZoneCollection {
  if (args.zones === undefined) return shipped;
  const targets = shipped.features.map((f) => ({ ...f.properties, geometry: f.geometry }));
  let read;
  try {
    read = readZoneFile(readBytes(args.zones, 'zones file', MAX_ZONE_FILE_BYTES), args.zones, targets, args.zonesCrs ? { crs: args.zonesCrs } : {});
  } catch (e) {
    throw new CliError((e as Error).message, 1);
  }
  if (read.problems.length > 0) {
    for (const p of read.problems) process.stderr.write(`${p}\n`);
    throw new CliError(`${args.zones}: ${read.problems.length} problem${read.problems.length === 1 ? '' : 's'}; no boundary was used`, 1);
  }
  const savedAt = new Date().toISOString();
  process.stderr.write(`note: user boundaries from ${args.zones} (${read.crs}): ${read.boundaries.map((b) => b.id).join(', ')}\n`);
  return zonesInUse(shipped, new Map(read.boundaries.map((b) => [b.id, { id: b.id, geometry: b.geometry, source: args.zones!, savedAt }])));
}

function loadData<K extends GeodataKey>(key: K, file: string) {
  const path = fileURLToPath(new URL(`../public/data/${file}`, import.meta.url));
  const result = parseGeodataFile(key, readText(path, 'data file'));
  if ('error' in result) throw new CliError(`${result.error.file}: ${result.error.message}`, 1);
  return result.value;
}

type DistrictRow = { adcode: string; name: string; name_en: string; name_pinyin: string };

/** Adcodes of the requested districts (any of adcode, 闵行区, 闵行, Minhang, Minhang District, 浦东; Jing'an as jingan: src/domain/districtNames.ts). */
function resolveDistricts(wanted: readonly string[], all: readonly DistrictRow[]): DistrictRow[] {
  if (wanted.length === 0) {
    const planned = new Set(BUNDLED_PLANS.map((p) => p.district));
    return all.filter((d) => planned.has(d.adcode));
  }
  const out: DistrictRow[] = [];
  for (const w of wanted) {
    const hit = findDistrict(w, all);
    if (!hit) throw new CliError(`unknown district "${w}" (use an adcode such as 310112 or a name such as minhang or 闵行)`, 2);
    if (!out.includes(hit)) out.push(hit);
  }
  return out;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function partOut(p: PartCoverage | null) {
  if (p === null) return null;
  return { share: round(p.share, 6), areaKm2: round(p.areaKm2, 4), coveredKm2: round(p.coveredKm2, 4), uncoveredKm2: round(p.areaKm2 - p.coveredKm2, 4) };
}

function groundOut(g: GroundCoverage) {
  return {
    share: round(g.share, 6),
    areaKm2: round(g.areaKm2, 4),
    coveredKm2: round(g.coveredKm2, 4),
    uncoveredKm2: round(g.uncoveredKm2, 4),
    inside: partOut(g.inside),
    outside: partOut(g.outside),
  };
}

function residentsOut(r: ResidentsCoverage) {
  const part = (p: ResidentsCoverage['inside']) =>
    p === null ? null : { share: round(p.share, 6), residents: Math.round(p.residents), covered: Math.round(p.covered), notReached: Math.round(p.residents - p.covered) };
  // Whole residents: spreading gives fractions, which are no figure of anyone.
  return {
    share: round(r.share, 6),
    residents: Math.round(r.residents),
    covered: Math.round(r.covered),
    notReached: Math.round(r.notReached),
    inside: part(r.inside),
    outside: part(r.outside),
  };
}

/** Both grounds of one area: land (the default of every share) and the whole polygon; and its residents. */
function coverageOut(c: CoverageResult) {
  return { land: groundOut(c.land), polygon: groundOut(c.polygon), ...(c.residents ? { residents: residentsOut(c.residents) } : {}) };
}

/** A layer's shares by network distance, district by district (as `districts`, for the `network` member). */
function networkOut(roads: RoadsRead, sites: readonly Site[], rule: NonNullable<ReturnType<typeof resolveViewRule>>, adcodes: readonly string[]) {
  const by = networkCoverage(roads.ctx, sites, rule, adcodes);
  return { mode: roads.summary.mode, districts: Object.fromEntries(adcodes.map((a) => [a, by[a] ? coverageOut(by[a]) : null])) };
}

/** The region and rule a service-radius target is measured on (the radius evaluator's own choice), or null. */
function radiusSetup(t: Target, grid: CoverageGrid, assumptions: Readonly<Record<string, number>>): { region: Region; rule: CoverageRule } | null {
  if (t.metric !== 'service-radius') return null;
  const parts: { part: RingPart; radiusKm: number }[] = [];
  for (const r of t.goal.rule) {
    const key = r.radiusFrom === undefined ? null : assumptionKeyOf(r.radiusFrom);
    const radiusKm = r.radiusKm ?? (key === null ? undefined : assumptions[key]);
    if (radiusKm === undefined) return null;
    parts.push({ part: r.part, radiusKm });
  }
  return regionAndRule(grid, { target: t, parts });
}

/**
 * A file's bytes, refusing what is not a regular file (a device such as /dev/zero, a pipe, a folder)
 * and files over `maxBytes` before reading a byte of them.
 */
function readBytes(path: string, what: string, maxBytes = Infinity): Uint8Array {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new CliError(`cannot read ${what} ${path}: it is a folder`, 1);
    if (!info.isFile()) throw new CliError(`cannot read ${what} ${path}: not a regular file (a device, a pipe or a socket)`, 1);
    if (info.size > maxBytes) {
      const mb = (n: number) => (n / 1048576).toFixed(1);
      throw new CliError(`${what} ${path} is ${mb(info.size)} MB, over the ${mb(maxBytes)} MB limit (raise it with --max-mb)`, 1);
    }
    return readFileSync(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new CliError(`cannot read ${what} ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.message}`, 1);
  }
}

const CRS_NAMES: Readonly<Record<Crs, string>> = { wgs84: 'WGS-84', gcj02: 'GCJ-02 (AMap, Tencent)', bd09: 'BD-09 (Baidu)' };

/** The coordinate-system warning, when the points fit the map clearly better read in another system. */
function offsetLine(report: OffsetReport, used: Crs): string | null {
  if (report.likely === null || report.likely === used) return null;
  const score = (crs: Crs) => report.scores.find((s) => s.crs === crs);
  const fit = (crs: Crs) =>
    report.basis === 'features' ? `median ${Math.round(score(crs)!.medianM)} m to the nearest metro station, metro line or elevated road` : `${score(crs)!.outside} of ${report.sampled} points outside Shanghai's outline`;
  return (
    `warning: the points look offset: read as ${CRS_NAMES[used]} they lie off the map's features (${fit(used)}); ` +
    `read as ${CRS_NAMES[report.likely]} they fit (${fit(report.likely)}; ${report.confidence} confidence). ` +
    `If the file comes from ${report.likely === 'bd09' ? 'Baidu maps' : report.likely === 'gcj02' ? 'AMap or Tencent maps' : 'a GPS'}, run again with --crs ${report.likely}`
  );
}

/** Why a file gave no site, in one line: nothing after the header, or every row refused (the first reason named). */
function whyNoSites(parsed: SiteFileResult): string {
  const fileLevel = parsed.rejected.find((p) => p.row === 0);
  if (fileLevel) return fileLevel.reason;
  if (parsed.rowCount === 0) return 'it has no rows after its header';
  const rows = new Set(parsed.rejected.map((p) => p.row)).size;
  const first = parsed.rejected[0];
  return `all ${rows} row${rows === 1 ? ' was' : 's were'} refused${first ? ` (first: ${problemLine(first)})` : ''}`;
}

function problemLine(p: RowProblem): string {
  return `row ${p.row}, field ${p.field}: ${p.reason}${p.value === undefined ? '' : ` (${JSON.stringify(p.value)})`}`;
}

/** The residents input: the file given, read as the app's import worker reads it, or the census default. */
type GapsOut = ReturnType<typeof gapsOut>;

/**
 * The N largest gaps by residents of the layer last computed in one district: the app's list under
 * the residents table (src/coverage/gapPatches.ts through the coverage worker's own session), without
 * the outlines.
 */
function gapsOut(session: CoverageSession, district: string, limit: number, townshipNames: ReadonlyMap<string, string>) {
  session.setPatchArea({ district });
  const answer = session.patches(limit);
  session.setPatchArea(null);
  if (!answer) return null;
  const { list } = answer;
  return {
    count: list.count,
    residentsNotReached: Math.round(list.residentsNotReached),
    patches: list.patches.map((p, i) => ({
      rank: i + 1,
      district: p.district,
      township: p.township === null ? null : { code: p.township, name: townshipNames.get(p.township) ?? null },
      residents: Math.round(p.residents),
      landKm2: round(p.landKm2, 4),
      cells: p.cells,
      center: [round(p.center[0], 6), round(p.center[1], 6)],
      bbox: p.bbox.map((v) => round(v, 6)),
    })),
  };
}

/** The largest gaps of one layer and district as text (stderr, when --gaps is given). */
function gapsText(layer: string, d: { adcode: string; name: string; name_en: string }, gaps: GapsOut): string {
  if (!gaps) return '';
  const n = (x: number) => x.toLocaleString('en');
  const lines = [
    `largest gaps by residents — ${layer}, ${d.name} ${d.name_en} (${d.adcode}): ${n(gaps.count)} patch${gaps.count === 1 ? '' : 'es'}, ${n(gaps.residentsNotReached)} residents not reached`,
    ...gaps.patches.map(
      (p) =>
        `  #${String(p.rank).padEnd(3)} ${p.district}  ${(p.township ? `${p.township.code} ${p.township.name ?? ''}` : '—').padEnd(22)} ${n(p.residents).padStart(9)} residents ${p.landKm2.toFixed(2).padStart(7)} km²  at ${p.center[0]!.toFixed(4)}, ${p.center[1]!.toFixed(4)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function populationInput(args: Args): Promise<{ input: PopulationInput; file: PopulationFileResult | null }> {
  if (args.population === undefined) {
    const text = readText(fileURLToPath(new URL(`../public/data/${POPULATION_FILE}`, import.meta.url)), 'data file');
    const rows = parsePopulationCsv(text);
    if ('error' in rows) throw new CliError(`${rows.error.file}: ${rows.error.message}`, 1);
    return { input: censusPopulationInput(rows.value), file: null };
  }
  const bytes = readBytes(args.population, 'population file', MAX_POPULATION_RASTER_BYTES);
  try {
    const file = await readPopulationFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, args.population, {
      ...(args.populationField === undefined ? {} : { field: args.populationField }),
      ...(args.populationCrs === undefined ? {} : { crs: args.populationCrs }),
    });
    return { input: file.input, file };
  } catch (e) {
    if (isPopulationFileError(e)) throw new CliError(e.message, 1);
    throw e;
  }
}

async function run(argv: string[]): Promise<number> {
  const args = parseCli(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const districts = loadData('districts', 'districts.geojson');
  const chosen = resolveDistricts(args.districts, districts.features.map((f) => f.properties));

  const parsed = parseSiteFileBytes(readBytes(args.sites, 'site file', args.maxBytes), { fileName: args.sites, ...(args.crs ? { crs: args.crs } : {}) });
  const reference = createReference({
    municipal: loadData('municipal', 'municipal.geojson'),
    metroStations: loadData('metroStations', 'metro-stations.geojson'),
    metroLines: loadData('metroLines', 'metro-lines.geojson'),
    elevatedRoads: loadData('elevatedRoads', 'elevated-roads.geojson'),
  });
  const offset = reviewImport(parsed, reference);
  for (const p of parsed.rejected) process.stderr.write(`${problemLine(p)}\n`);
  for (const p of parsed.warnings) process.stderr.write(`warning: ${problemLine(p)}\n`);
  if (parsed.sites.length === 0) throw new CliError(`no sites could be read from ${args.sites}: ${whyNoSites(parsed)}`, 1);
  const detection = parsed.detection;
  if (detection && !detection.sure && parsed.columns) {
    const used = Object.entries(parsed.columns).map(([field, header]) => `${field} = "${header}"`);
    process.stderr.write(`note: the columns were guessed (${used.join(', ')}); check them\n`);
  }
  if (!args.crs && parsed.crs !== 'wgs84') process.stderr.write(`note: coordinates read as ${CRS_NAMES[parsed.crs]}, as the column headers say (--crs overrides)\n`);
  const offsetWarning = offsetLine(offset, parsed.crs);
  if (offsetWarning) process.stderr.write(`${offsetWarning}\n`);

  const zones = userZonesIn(loadData('zones', 'zones.geojson'), args);
  const outerRing = loadData('outerRingArea', 'outer-ring-area.geojson');
  const land = loadData('land', 'land.geojson');
  const assumptions = assumptionValues(BUNDLED_ASSUMPTIONS);
  // The coverage worker's own session: the same grid, engines, checker and layer breakdown as the app.
  const townshipsRead = parseTownships(readText(fileURLToPath(new URL(`../public/data/${TOWNSHIPS_FILE}`, import.meta.url)), 'data file'));
  if ('error' in townshipsRead) throw new CliError(`${townshipsRead.error.file}: ${townshipsRead.error.message}`, 1);
  // The shipped townships, replaced or joined by the user's (matched to the NBS list by code or name),
  // by the app's own rule (domain/townships.ts).
  let mine: ReturnType<typeof readTownshipFile> = [];
  if (args.townships !== undefined) {
    const listRead = parseTownshipCodeList(readText(fileURLToPath(new URL('../public/data/township-codes.csv', import.meta.url)), 'data file'));
    if ('error' in listRead) throw new CliError(`${listRead.error.file}: ${listRead.error.message}`, 1);
    try {
      mine = readTownshipFile(readBytes(args.townships, 'townships file', MAX_IMPORT_BYTES), args.townships, listRead.value);
      process.stderr.write(`note: ${mine.length} township${mine.length === 1 ? '' : 's'} from ${args.townships}\n`);
    } catch (e) {
      if (e instanceof TownshipReadError) throw new CliError(e.message, 1);
      throw e;
    }
  }
  const townships = mergeTownships(townshipsRead.value.features, mine);
  const session = new CoverageSession({ districts, zones, outerRing, land, townships }, { cellM: args.cellM });
  // As of a year: every figure below is of the sites built by its end.
  const built = sitesAsOf(parsed.sites, args.year);
  if (args.year !== null) process.stderr.write(`note: as of the end of ${args.year}: ${built.length} of ${parsed.sites.length} sites (${parsed.sites.filter((s) => s.year === undefined).length} without a year count at every year)\n`);
  session.applySites({ replace: [...built] });
  session.setAsOf(args.year);
  session.setAssumptions(assumptions);
  const grid = session.grid;
  const population = await populationInput(args);
  const status = session.setPopulation(population.input)!;
  if (status.error !== null) throw new CliError(`${population.input.source.name}: ${status.error}`, 1);
  const report = status.report!;
  if (population.file === null) {
    process.stderr.write(`note: no --population file: residents are the 2020 census per district spread evenly over each district's land (${population.input.source.label.en})\n`);
  } else {
    process.stderr.write(`note: residents from ${args.population}: ${population.file.facts}\n`);
    if (report.moved > 0) process.stderr.write(`note: ${(report.movedShare * 100).toFixed(2)} % of the residents lay on water inside a district and were moved to its nearest land\n`);
    if (report.landWithoutData > 0.001) process.stderr.write(`warning: ${(report.landWithoutData * 100).toFixed(1)} % of the districts' land has no data in ${args.population} (outside it or nodata): no residents there\n`);
  }
  const codes = new Set(chosen.map((d) => d.adcode));
  let roads: RoadsRead | null = null;
  if (args.roads !== undefined) {
    const bytes = readBytes(args.roads, 'road file', Math.max(...Object.values(MAX_ROAD_FILE_BYTES)));
    try {
      roads = readRoads(grid, args.roads, bytes, args.mode, args.snapM, args.roadsCrs);
    } catch (e) {
      throw new CliError((e as Error).message, 1);
    }
    for (const note of roads.summary.notes) process.stderr.write(`note: ${args.roads}: ${note}\n`);
  }
  for (const d of chosen) {
    if (!BUNDLED_PLANS.some((p) => p.district === d.adcode)) process.stderr.write(`note: ${d.name_en} (${d.adcode}) has no plan targets; its coverage is in "layers"\n`);
  }

  const townshipNames = new Map(townships.features.map((t) => [t.properties.code, t.properties.name]));
  // Every coverage layer the app offers, for every district asked for: what the app's coverage table shows.
  const layers = [...session.views.values()].map((view) => {
    session.setView(view.id, 'none');
    const update = session.compute();
    const rule = resolveViewRule(view, assumptions);
    const breakdown = update.view?.breakdown;
    return {
      id: view.id,
      facilities: view.facilities,
      rule,
      assumed: view.assumed,
      sites: update.view?.sites ?? 0,
      ...(args.distance === 'network' ? {} : { districts: Object.fromEntries(chosen.map((d) => [d.adcode, breakdown?.districts[d.adcode] ? coverageOut(breakdown.districts[d.adcode]!) : null])) }),
      // The townships of the chosen districts (the shipped polygons cover 8 districts), straight-line
      // ground like the districts above.
      ...(args.distance === 'network' ? {} : { townships: Object.fromEntries(
        townships.features
          .filter((t) => codes.has(t.properties.district))
          .map((t) => {
            const c = breakdown?.townships?.[t.properties.code];
            return [t.properties.code, c ? { name: t.properties.name, district: t.properties.district, ...coverageOut(c) } : null];
          }),
      ) }),
      ...(args.distance === 'network' || args.gaps === 0 ? {} : { gaps: Object.fromEntries(chosen.map((d) => [d.adcode, gapsOut(session, d.adcode, args.gaps, townshipNames)])) }),
      ...(roads === null || rule === null ? {} : { network: networkOut(roads, built.filter((s) => (view.facilities as readonly string[]).includes(s.type)), rule, chosen.map((d) => d.adcode)) }),
    };
  });

  // Targets of the chosen districts' plans, checked as the app checks them.
  session.setView(null, 'none');
  const checks = new Map(session.compute().results.map((c) => [c.targetId, c]));
  const targets = session.targets.filter((t) => codes.has(t.district));
  // Each service-radius target's own area (its region and rule), measured by an engine per facility-type set.
  const engines = new EnginePool(grid);
  const setups = targets.map((t) => radiusSetup(t, grid, assumptions));
  const rows = targets.map((t, i) => {
    const c = checks.get(t.id) as TargetCheck;
    const setup = setups[i];
    let coverage;
    if (setup) {
      const types = new Set<string>(targetFacilities(t));
      const engine = engines.engineFor(targetPoolKey(t), built.filter((s: Site) => types.has(s.type)), { radiusM: ruleReachKm(setup.rule) * 1000, factor: 1 });
      engine.setPopulation(session.populationLayer);
      coverage = coverageOut(engine.regionCoverage(setup.region, setup.rule));
    }
    return {
      id: t.id,
      district: t.district,
      metric: t.metric,
      facility: t.facility,
      status: c.status,
      current: c.current,
      ...(c.ground === undefined ? {} : { ground: c.ground }),
      ...(c.polygon === undefined ? {} : { polygon: c.polygon }),
      target: c.target,
      unit: c.unit,
      ...(c.shortBy === undefined ? {} : { shortBy: c.shortBy }),
      ...(c.reason === undefined ? {} : { reason: c.reason }),
      ...(c.newYears === undefined ? {} : { newYears: c.newYears, yearUnknown: c.yearUnknown }),
      ...(c.aim === undefined ? {} : { aim: c.aim }),
      ...(coverage === undefined ? {} : { coverage }),
    };
  });

  const out = {
    sites: { file: args.sites, accepted: parsed.sites.length, rejected: new Set(parsed.rejected.map((p) => p.row)).size },
    input: { format: parsed.format, encoding: parsed.encoding, crs: parsed.crs, likelyCrs: offset.likely, suspicious: parsed.warnings.length },
    cellM: args.cellM,
    asOf: args.year === null ? null : { year: args.year, sites: built.length, withoutYear: built.filter((s) => s.year === undefined).length },
    ground: 'Shares and km² are given on land (district ∩ public/data/land.geojson: no river or lake surface, no sea) and on the whole district polygon.',
    population: {
      source: population.input.source,
      note:
        population.file === null
          ? `No --population file: residents are the 2020 census per district spread evenly over each district's land (${population.input.source.label.zh} / ${population.input.source.label.en}).`
          : `Residents from ${args.population} (${population.file.facts}): each pixel's or area's residents split between the districts by area, then spread evenly over its land there; parts with no land moved to the district's nearest land.`,
      residents: 'residents: those living in the area (per ring part), those within the radius that serves their ground (covered), those not reached, and the share covered.',
      inputTotal: Math.round(report.inputTotal),
      placed: Math.round(report.placed),
      outsideDistricts: Math.round(report.outside),
      moved: Math.round(report.moved),
      movedShare: round(report.movedShare, 6),
      landWithoutData: round(report.landWithoutData, 6),
      districts: Object.fromEntries(chosen.map((d) => [d.adcode, Math.round(report.districts[d.adcode] ?? 0)])),
    },
    districts: chosen.map((d) => ({ adcode: d.adcode, name: d.name, name_en: d.name_en })),
    // The zones whose figures are on the user's boundary (--zones), not the shipped polygon.
    userZones: zones.features.filter((f) => f.properties.user_source !== undefined).map((f) => ({ id: f.properties.id, source: f.properties.user_source })),
    ...(roads === null ? {} : { roads: roads.summary }),
    layers,
    targets: rows,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  if (args.gapsText) for (const layer of layers) if (layer.gaps) for (const d of chosen) process.stderr.write(gapsText(layer.id, d, layer.gaps[d.adcode]!));
  return 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (e) {
  if (e instanceof CliError) {
    process.stderr.write(`coverage: ${e.message}\n`);
    if (e.code === 2) process.stderr.write(`\n${USAGE}\n`);
    process.exitCode = e.code;
  } else {
    process.stderr.write(`coverage: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
