/**
 * Township boundaries a user brings (the shipped file covers 8 of the 16 districts): a GeoJSON of
 * polygons, each matched to the NBS 2023 code list (`township-codes.csv`) by its code — 9 digits, or
 * the 12 of the statistical code (`310112102000`) —, else by its OSM relation (an OSM export; the list
 * carries the relations of the shipped polygons), else by its name (and district, where a name is not
 * unique), else by its name's stem where only one township has it (OSM's 古美路街道 is the list's
 * 古美街道). All or nothing, like a population file: a feature that matches nothing, or two features
 * for one township, refuse the file with the feature named.
 *
 * Pure (no DOM): runs in the import worker, the CLI and the tests.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { TownshipCodeRow } from '../domain/geodata';
import { decodeText } from './textDecoding';
import { toWgs84, type Crs } from './crs';
import { MAX_POPULATION_POLYGON_BYTES } from './importLimits';
import { findDistrict, SHANGHAI_DISTRICTS } from '../domain/districtNames';

export class TownshipReadError extends Error {}

export interface UserTownship {
  code: string;
  name: string;
  district: string;
  geometry: Polygon | MultiPolygon;
}

const CODE_KEYS = ['code', 'code_2023', 'township_code', 'adcode', '区划代码', '代码', '统计用区划代码'];
const NAME_KEYS = ['name', 'township', 'name_zh', '名称', '街道', '乡镇', '街镇'];
const DISTRICT_KEYS = ['district', 'district_code', '区', '所属区'];

const squash = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-.()（）]+/g, '');
const pick = (props: Record<string, unknown>, keys: string[]): string | undefined => {
  for (const [k, v] of Object.entries(props)) if (keys.map(squash).includes(squash(k)) && v !== null && v !== undefined && String(v).trim() !== '') return String(v).trim();
  return undefined;
};

/** A township's name without its kind (街道, 镇, 乡) and a 路 before it: 古美路街道 and 古美街道 are one stem. */
const stem = (name: string) => name.normalize('NFKC').trim().replace(/(街道|镇|乡)$/, '').replace(/路$/, '');

/** OSM relation ids as exports write them: 14187991, "relation/14187991", "r14187991". */
const OSM_KEYS = ['osm_relation', 'osm_id', '@id', 'relation'];
const osmRelationOf = (props: Record<string, unknown>): string | undefined => /^(?:relation\/|r)?(\d+)$/.exec(pick(props, OSM_KEYS) ?? '')?.[1];

/**
 * Reads user township boundaries.
 * @param codes the NBS list to match against
 * @throws TownshipReadError naming the file, the feature and what is wrong
 */
export function readTownshipFile(bytes: Uint8Array | ArrayBuffer, file: string, codes: readonly TownshipCodeRow[], options: { crs?: Crs } = {}): UserTownship[] {
  if (bytes.byteLength > MAX_POPULATION_POLYGON_BYTES) throw new TownshipReadError(`${file} is ${(bytes.byteLength / 1048576).toFixed(1)} MB, over the ${MAX_POPULATION_POLYGON_BYTES / 1048576} MB limit`);
  let doc: { type?: string; features?: unknown[] };
  try {
    doc = JSON.parse(decodeText(bytes).text) as typeof doc;
  } catch (e) {
    throw new TownshipReadError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new TownshipReadError(`${file} is not a GeoJSON FeatureCollection`);
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const seen = new Map<string, number>();
  const crs = options.crs ?? 'wgs84';
  return doc.features.map((raw, i) => {
    const f = raw as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> };
    const props = f.properties ?? {};
    const codeText = pick(props, CODE_KEYS);
    const name = pick(props, NAME_KEYS);
    const where = `feature ${i + 1}${name ? ` (${name})` : ''}`;
    let row: TownshipCodeRow | undefined;
    if (codeText !== undefined && /^\d{9}(\d{3})?$/.test(codeText)) {
      row = byCode.get(codeText.slice(0, 9));
      if (!row) throw new TownshipReadError(`${file}, ${where}: code ${codeText} is not a Shanghai township in the NBS 2023 list`);
    } else if (osmRelationOf(props) !== undefined && codes.some((c) => c.osm_relation === osmRelationOf(props))) {
      row = codes.find((c) => c.osm_relation === osmRelationOf(props))!;
    } else if (name !== undefined) {
      const district = pick(props, DISTRICT_KEYS);
      // The district by its code (310112, or longer codes that start with it) or its name (闵行区, 闵行, Minhang, 浦东).
      const districtCode = district === undefined ? undefined : (findDistrict(district, SHANGHAI_DISTRICTS)?.adcode ?? district);
      const inDistrict = (c: TownshipCodeRow) => districtCode === undefined || c.district === districtCode || districtCode.startsWith(c.district);
      let hits = codes.filter((c) => c.name === name && inDistrict(c));
      if (hits.length === 0) hits = codes.filter((c) => stem(c.name) === stem(name) && inDistrict(c));
      if (hits.length === 0) throw new TownshipReadError(`${file}, ${where}: no township named ${name}${district ? ` in district ${district}` : ''} in the NBS 2023 list`);
      if (hits.length > 1) throw new TownshipReadError(`${file}, ${where}: ${hits.length} townships are named ${name} (${hits.map((h) => h.code).join(', ')}): give its code or district`);
      row = hits[0]!;
    } else throw new TownshipReadError(`${file}, ${where}: it has neither a township code (${CODE_KEYS.slice(0, 3).join(', ')} …) nor a name`);
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new TownshipReadError(`${file}, ${where}: its geometry is ${g?.type ?? 'missing'}, not a polygon`);
    const earlier = seen.get(row.code);
    if (earlier !== undefined) throw new TownshipReadError(`${file}, ${where}: ${row.name} (${row.code}) is also feature ${earlier}`);
    seen.set(row.code, i + 1);
    const pos = (p: number[]): number[] => {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90) {
        throw new TownshipReadError(`${file}, ${where}: (${p[0]}, ${p[1]}) is not a longitude / latitude in degrees`);
      }
      return toWgs84(p[0]!, p[1]!, crs);
    };
    const geometry: Polygon | MultiPolygon =
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: (g.coordinates as number[][][]).map((r) => r.map(pos)) }
        : { type: 'MultiPolygon', coordinates: (g.coordinates as number[][][][]).map((p) => p.map((r) => r.map(pos))) };
    return { code: row.code, name: row.name, district: row.district, geometry };
  });
}

/**
 * Every feature's problem in a refused file, not just the first: each feature is read alone with
 * readTownshipFile's own rules, so the list names every unmatched name or code (and bad geometry) at
 * once. A file that is not a FeatureCollection gives the one reason. Empty: every feature reads alone
 * (the file was refused for a repeat, which readTownshipFile names).
 */
export function townshipFileProblems(bytes: Uint8Array | ArrayBuffer, file: string, codes: readonly TownshipCodeRow[], options: { crs?: Crs; max?: number } = {}): string[] {
  let doc: { type?: string; features?: unknown[] };
  try {
    doc = JSON.parse(decodeText(bytes).text) as typeof doc;
  } catch (e) {
    return [`${file} is not valid JSON (${(e as Error).message})`];
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) return [`${file} is not a GeoJSON FeatureCollection`];
  const problems: string[] = [];
  const encoder = new TextEncoder();
  for (const [i, feature] of doc.features.entries()) {
    if (problems.length >= (options.max ?? 50)) break;
    try {
      readTownshipFile(encoder.encode(JSON.stringify({ type: 'FeatureCollection', features: [feature] })), file, codes, options.crs ? { crs: options.crs } : {});
    } catch (e) {
      if (!(e instanceof TownshipReadError)) throw e;
      // Read alone, the feature is "feature 1": give it back its place in the file.
      problems.push(e.message.replace(/feature 1\b/, `feature ${i + 1}`));
    }
  }
  return problems;
}
