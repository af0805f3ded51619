/**
 * One entry for a road file: the format from the name (or the first bytes), the size limit, the
 * reader, and the checks every format shares — the file has highways, and they lie in Shanghai.
 * Every refusal is a {@link RoadFileError} whose message names the file and what is wrong.
 */
import { SHANGHAI_REGION_BBOX } from '../domain/geojson';
import { haversineM } from '../domain/geodesy';
import { readGeojsonRoads } from './readGeojsonRoads';
import { readOsmPbf } from './readOsmPbf';
import { readOsmXml } from './readOsmXml';
import { COORD_SCALE, RoadFileError, type RoadSet } from './roads';

export type RoadFormat = 'geojson' | 'osm-xml' | 'osm-pbf';

/**
 * Largest file read, per format, checked before a byte is read. What a format costs to read sets
 * it: GeoJSON is parsed whole (JSON.parse's object tree takes several times the text), OSM XML is
 * scanned in 4 MB pieces (the bytes and the nodes' positions are held), PBF is ~10× denser than XML
 * and its blocks are inflated one at a time. A whole-city Shanghai extract is ~60–100 MB as PBF.
 */
export const MAX_ROAD_FILE_BYTES: Readonly<Record<RoadFormat, number>> = {
  geojson: 150 * 2 ** 20,
  'osm-xml': 600 * 2 ** 20,
  'osm-pbf': 300 * 2 ** 20,
};

/** Where ground is measured from when a file lies elsewhere: People's Square. */
const SHANGHAI_CENTRE = { lon: 121.4737, lat: 31.2304 };

/** The format by the file name, or by its first bytes when the name does not tell; null when neither does. */
export function roadFormatOf(fileName: string, head?: Uint8Array): RoadFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.pbf')) return 'osm-pbf';
  if (name.endsWith('.osm') || name.endsWith('.xml')) return 'osm-xml';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  if (!head) return null;
  // PBF: a 4-byte length, then a BlobHeader whose first field is the type "OSMHeader".
  const text = new TextDecoder('latin1').decode(head.subarray(0, 64));
  if (text.slice(4, 32).includes('OSMHeader')) return 'osm-pbf';
  const start = text.replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (start.startsWith('<')) return 'osm-xml';
  if (start.startsWith('{')) return 'geojson';
  return null;
}

/** @throws RoadFileError ('too-big') when a file of `bytes` is over its format's limit. */
export function checkRoadFileSize(fileName: string, format: RoadFormat, bytes: number): void {
  const max = MAX_ROAD_FILE_BYTES[format];
  if (bytes > max) {
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
    throw new RoadFileError(fileName, 'too-big', `${mb(bytes)} is over the ${mb(max)} this reader takes for ${format} (cut the extract to the area you need, or use .osm.pbf)`);
  }
}

export interface ReadRoadsOptions {
  onProgress?: (fraction: number) => void;
}

/**
 * Reads a road file and checks it.
 * @throws RoadFileError naming the file and what is wrong with it.
 */
export function readRoadFile(fileName: string, bytes: Uint8Array, options: ReadRoadsOptions = {}): RoadSet {
  const format = roadFormatOf(fileName, bytes);
  if (!format) throw new RoadFileError(fileName, 'unknown-format', 'not a road file this map reads (GeoJSON, OSM XML .osm or OSM PBF .osm.pbf)');
  checkRoadFileSize(fileName, format, bytes.length);
  let roads: RoadSet;
  if (format === 'osm-pbf') roads = readOsmPbf(fileName, bytes, options);
  else if (format === 'osm-xml') roads = readOsmXml(fileName, bytes, options.onProgress);
  else {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new RoadFileError(fileName, 'unreadable', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    roads = readGeojsonRoads(fileName, json);
    options.onProgress?.(1);
  }
  return checkRoads(fileName, roads);
}

/**
 * The checks every format shares: there are highways; some of them are open to a travel mode; and
 * they lie in the Shanghai region (ways wholly outside its box are dropped, and said; a file with
 * none inside is refused, saying where its roads are).
 */
export function checkRoads(fileName: string, roads: RoadSet): RoadSet {
  const classes = Object.keys(roads.highwayCounts);
  if (classes.length === 0) throw new RoadFileError(fileName, 'no-highways', 'no way or line has a highway tag: not a road network (an OSM extract of highways, or lines with a highway property)');
  const ways = roads.wayStart.length - 1;
  if (ways === 0) throw new RoadFileError(fileName, 'no-highways', `its ${classes.length} highway classes are all closed to walking and driving (foot=no, access=no)`);
  const { west, south, east, north } = SHANGHAI_REGION_BBOX;
  const keep = new Uint8Array(ways);
  let kept = 0;
  let sumLon = 0;
  let sumLat = 0;
  for (let w = 0; w < ways; w++) {
    const a = roads.wayStart[w]!;
    const b = roads.wayStart[w + 1]!;
    sumLon += roads.lonQ[a]!;
    sumLat += roads.latQ[a]!;
    for (let i = a; i < b; i++) {
      const lon = roads.lonQ[i]! / COORD_SCALE;
      const lat = roads.latQ[i]! / COORD_SCALE;
      if (lon >= west && lon <= east && lat >= south && lat <= north) {
        keep[w] = 1;
        kept++;
        break;
      }
    }
  }
  if (kept === 0) {
    const lon = sumLon / ways / COORD_SCALE;
    const lat = sumLat / ways / COORD_SCALE;
    const km = Math.round(haversineM(lon, lat, SHANGHAI_CENTRE.lon, SHANGHAI_CENTRE.lat) / 1000);
    const swapped = lat >= west && lat <= east && lon >= south && lon <= north ? ' — longitude and latitude look swapped' : '';
    throw new RoadFileError(fileName, 'far-away', `its roads lie around ${lon.toFixed(3)}° E, ${lat.toFixed(3)}° N, ${km.toLocaleString('en')} km from Shanghai${swapped}: no road in the Shanghai region (${west}–${east}° E, ${south}–${north}° N)`);
  }
  if (kept === ways) return roads;
  return { ...filterWays(roads, keep), notes: [...roads.notes, `${ways - kept} of ${ways} ways lie wholly outside the Shanghai region: left out`] };
}

/** The ways of `roads` whose `keep` is 1. */
function filterWays(roads: RoadSet, keep: Uint8Array): RoadSet {
  const start: number[] = [0];
  const lonQ: number[] = [];
  const latQ: number[] = [];
  const modes: number[] = [];
  const oneway: number[] = [];
  for (let w = 0; w < keep.length; w++) {
    if (!keep[w]) continue;
    for (let i = roads.wayStart[w]!; i < roads.wayStart[w + 1]!; i++) {
      lonQ.push(roads.lonQ[i]!);
      latQ.push(roads.latQ[i]!);
    }
    start.push(lonQ.length);
    modes.push(roads.modes[w]!);
    oneway.push(roads.oneway[w]!);
  }
  return {
    ...roads,
    wayStart: Uint32Array.from(start),
    lonQ: Int32Array.from(lonQ),
    latQ: Int32Array.from(latQ),
    modes: Uint8Array.from(modes),
    oneway: Int8Array.from(oneway),
  };
}
