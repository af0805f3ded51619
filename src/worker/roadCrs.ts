/**
 * Road files in GCJ-02 or BD-09 (an export from AMap / Baidu tools, or a GIS office's layer drawn on
 * them): which system a file is in, and its vertices converted to WGS-84 before the graph is built —
 * the same systems and arithmetic as site files (src/io/crs.ts, gcoord).
 *
 * Which system: the user's choice when made; else the file's own word — a GeoJSON `crs` member's
 * name (`"crs": {"type": "name", "properties": {"name": "GCJ-02"}}`; the OGC names of WGS-84,
 * `urn:ogc:def:crs:OGC:1.3:CRS84` and `EPSG:4326`, read as WGS-84); else a hint in the file name
 * (`roads_gcj02.geojson`, `道路_百度.osm`); else WGS-84, as OSM data always is.
 *
 * Conversion keeps the model's vertex identity: equal coordinates convert to equal coordinates, so
 * two ways that shared a vertex (to 1e-7°) still share it after conversion.
 */
import { crsHintFromHeader, toWgs84, type Crs } from '../io/crs';
import { COORD_SCALE, type RoadSet } from '../network/roads';

export interface RoadCrsChoice {
  crs: Crs;
  /** Why: the user chose it, the file says it, its name hints at it, or nothing said otherwise. */
  from: 'chosen' | 'file' | 'name' | 'default';
}

/** Bytes of a GeoJSON file searched for its `crs` member (it comes before the features in every writer we know). */
const HEAD_BYTES = 8192;

/** The `crs` member's name in the first bytes of a GeoJSON text, or null. */
export function geojsonCrsName(head: string): string | null {
  const m = /"crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*"([^"]{1,200})"/.exec(head);
  return m ? m[1]! : null;
}

/** The system a GeoJSON `crs` name means: the OGC / EPSG names of WGS-84, or a word crs.ts knows (`GCJ-02`, `BD09`, `高德`). */
export function crsOfName(name: string): Crs | null {
  if (/CRS84|EPSG:+4326|EPSG::4326/i.test(name)) return 'wgs84';
  return crsHintFromHeader(name);
}

/** Which system a road file is in (see the module head). */
export function roadCrsOf(fileName: string, bytes: Uint8Array, chosen?: Crs | 'auto'): RoadCrsChoice {
  if (chosen !== undefined && chosen !== 'auto') return { crs: chosen, from: 'chosen' };
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, HEAD_BYTES));
  const name = head.trimStart().replace(/^\uFEFF/, '').startsWith('{') ? geojsonCrsName(head) : null;
  const fromFile = name === null ? null : crsOfName(name);
  if (fromFile) return { crs: fromFile, from: 'file' };
  const fromName = crsHintFromHeader(fileName.replace(/\.[^.]*$/, ''));
  if (fromName) return { crs: fromName, from: 'name' };
  return { crs: 'wgs84', from: 'default' };
}

/** The roads with every vertex converted from `crs` to WGS-84 (the same object when already WGS-84). */
export function convertRoads(roads: RoadSet, crs: Crs): RoadSet {
  if (crs === 'wgs84') return roads;
  const n = roads.lonQ.length;
  const lonQ = new Int32Array(n);
  const latQ = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [lon, lat] = toWgs84(roads.lonQ[i]! / COORD_SCALE, roads.latQ[i]! / COORD_SCALE, crs);
    lonQ[i] = Math.round(lon * COORD_SCALE);
    latQ[i] = Math.round(lat * COORD_SCALE);
  }
  return { ...roads, lonQ, latQ };
}
