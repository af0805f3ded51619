/**
 * Builds the tile-archive test fixtures from the shipped People's Square road fixture
 * (public/data/roads-peoples-square.geojson, OSM, ODbL-1.0):
 *
 * - tests/fixtures/tiles/peoples-square-vector.pmtiles — MVT in the Protomaps basemap schema (layer
 *   `roads`: kind, kind_detail, name; zooms 12–15; tiles gzip-compressed);
 * - tests/fixtures/tiles/peoples-square-raster.pmtiles — PNG tiles of the same roads drawn on a pale
 *   ground (zooms 13–15; tiles uncompressed, PNG is already deflated).
 *
 * Deterministic (byte-identical on every run): no timestamps, fixed order. The MVT is written with
 * `pbf`, the PNG with fflate's zlib and a CRC of our own, and the PMTiles v3 header and root directory
 * here per the spec (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): one root
 * directory, no leaves, internal compression none, clustered.
 *
 *   node --import tsx scripts/build-tile-fixture.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PbfWriter } from 'pbf';
import { gzipSync, zlibSync } from 'fflate';
import { zxyToTileId } from 'pmtiles';
import { crc32 } from '../src/domain/crc32';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'tests/fixtures/tiles');
export const EXTENT = 4096;

interface Road {
  name: string | null;
  highway: string;
  coords: Array<[number, number]>;
}

export function readRoads(): Road[] {
  const g = JSON.parse(readFileSync(resolve(ROOT, 'public/data/roads-peoples-square.geojson'), 'utf8')) as {
    features: Array<{ properties: { name?: string; highway: string }; geometry: { type: string; coordinates: Array<[number, number]> } }>;
  };
  return g.features.filter((f) => f.geometry.type === 'LineString').map((f) => ({ name: f.properties.name ?? null, highway: f.properties.highway, coords: f.geometry.coordinates }));
}

/** Protomaps' road kinds from OSM's highway tag (as the Protomaps basemap build maps them; kind_detail keeps the tag). */
export function protomapsKind(highway: string): string {
  const h = highway.replace(/_link$/, '');
  if (h === 'motorway') return 'highway';
  if (['trunk', 'primary', 'secondary', 'tertiary'].includes(h)) return 'major_road';
  return 'minor_road';
}

/** World pixel of a lon/lat at zoom z, in tile units (x, y in [0, 2^z)). */
export function tileUnits(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * n, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n];
}

function tileRange(bounds: [number, number, number, number], z: number): { x0: number; x1: number; y0: number; y1: number } {
  const [a, b] = [tileUnits(bounds[0], bounds[3], z), tileUnits(bounds[2], bounds[1], z)];
  return { x0: Math.floor(a[0]), x1: Math.floor(b[0]), y0: Math.floor(a[1]), y1: Math.floor(b[1]) };
}

function roadBounds(roads: Road[]): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  for (const r of roads)
    for (const [x, y] of r.coords) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}

/** A road's vertices in the tile's coordinates (0..EXTENT), or null when it lies wholly outside the tile and its margin. */
function inTile(r: Road, z: number, x: number, y: number, margin: number): Array<[number, number]> | null {
  const pts = r.coords.map(([lon, lat]) => {
    const [u, v] = tileUnits(lon, lat, z);
    return [Math.round((u - x) * EXTENT), Math.round((v - y) * EXTENT)] as [number, number];
  });
  const lo = -margin;
  const hi = EXTENT + margin;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  if (Math.max(...xs) < lo || Math.min(...xs) > hi || Math.max(...ys) < lo || Math.min(...ys) > hi) return null;
  return pts;
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** One MVT layer `roads` (spec 2.1): lines unclipped (the tile's features may reach past its edge). */
function mvtTile(roads: Road[], z: number, x: number, y: number): Uint8Array | null {
  const keys = ['kind', 'kind_detail', 'name'];
  const values: string[] = [];
  const valueIndex = (v: string) => {
    let i = values.indexOf(v);
    if (i < 0) i = values.push(v) - 1;
    return i;
  };
  const features: Array<{ id: number; tags: number[]; geometry: number[] }> = [];
  roads.forEach((r, i) => {
    const pts = inTile(r, z, x, y, 64);
    if (!pts) return;
    const tags = [0, valueIndex(protomapsKind(r.highway)), 1, valueIndex(r.highway)];
    if (r.name) tags.push(2, valueIndex(r.name));
    const geometry: number[] = [(1 & 7) | (1 << 3)];
    let [cx, cy] = [0, 0];
    pts.forEach(([px, py], k) => {
      if (k === 1) geometry.push((2 & 7) | ((pts.length - 1) << 3));
      geometry.push(zigzag(px - cx), zigzag(py - cy));
      [cx, cy] = [px, py];
    });
    features.push({ id: i + 1, tags, geometry });
  });
  if (features.length === 0) return null;
  const pbf = new PbfWriter();
  pbf.writeMessage(3, (_: unknown, p: PbfWriter) => {
    p.writeVarintField(15, 2);
    p.writeStringField(1, 'roads');
    for (const f of features)
      p.writeMessage(
        2,
        (_f: unknown, q: PbfWriter) => {
          q.writeVarintField(1, f.id);
          q.writePackedVarint(2, f.tags);
          q.writeVarintField(3, 2); // LINESTRING
          q.writePackedVarint(4, f.geometry);
        },
        null,
      );
    for (const k of keys) p.writeStringField(3, k);
    for (const v of values) p.writeMessage(4, (_v: unknown, q: PbfWriter) => q.writeStringField(1, v), null);
    p.writeVarintField(5, EXTENT);
  }, null);
  return pbf.finish();
}

/** A 256 px PNG (RGBA, 8 bit) of the roads over the tile: dark blue lines on a pale ground. */
function pngTile(roads: Road[], z: number, x: number, y: number): Uint8Array {
  const size = 256;
  const px = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) px.set([238, 236, 228, 255], i * 4);
  const dot = (cx: number, cy: number) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const [ix, iy] = [Math.round(cx) + dx, Math.round(cy) + dy];
        if (ix >= 0 && iy >= 0 && ix < size && iy < size) px.set([40, 70, 140, 255], (iy * size + ix) * 4);
      }
  };
  for (const r of roads) {
    const pts = inTile(r, z, x, y, 64);
    if (!pts) continue;
    for (let k = 1; k < pts.length; k++) {
      const [a, b] = [pts[k - 1]!, pts[k]!];
      const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / (EXTENT / size / 2)));
      for (let s = 0; s <= steps; s++) dot(((a[0] + ((b[0] - a[0]) * s) / steps) * size) / EXTENT, ((a[1] + ((b[1] - a[1]) * s) / steps) * size) / EXTENT);
    }
  }
  const raw = new Uint8Array(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) raw.set(px.subarray(row * size * 4, (row + 1) * size * 4), row * (size * 4 + 1) + 1);
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, size);
  new DataView(ihdr.buffer).setUint32(4, size);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return concat([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function varints(values: number[]): Uint8Array {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return new Uint8Array(out);
}

export interface ArchiveSpec {
  tiles: Array<{ z: number; x: number; y: number; data: Uint8Array }>;
  tileType: 1 | 2; // MVT, PNG
  tileCompression: 1 | 2; // none, gzip
  bounds: [number, number, number, number];
  metadata: Record<string, unknown>;
}

/** A PMTiles v3 archive: header (127 bytes), root directory, JSON metadata, tile data. */
export function writePmtiles(spec: ArchiveSpec): Uint8Array {
  const tiles = spec.tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const entries = tiles.map((t) => {
    const e = { id: t.id, offset, length: t.data.length };
    offset += t.data.length;
    return e;
  });
  const dir = varints([
    entries.length,
    ...entries.map((e, i) => e.id - (i > 0 ? entries[i - 1]!.id : 0)),
    ...entries.map(() => 1),
    ...entries.map((e) => e.length),
    // 0: right after the previous entry's tile; otherwise offset + 1.
    ...entries.map((e, i) => (i > 0 ? 0 : e.offset + 1)),
  ]);
  const meta = new TextEncoder().encode(JSON.stringify(spec.metadata));
  const data = concat(tiles.map((t) => t.data));
  const header = new Uint8Array(127);
  const v = new DataView(header.buffer);
  header.set(new TextEncoder().encode('PMTiles'), 0);
  v.setUint8(7, 3);
  const u64 = (at: number, n: number) => {
    v.setUint32(at, n % 2 ** 32, true);
    v.setUint32(at + 4, Math.floor(n / 2 ** 32), true);
  };
  const dirAt = 127;
  const metaAt = dirAt + dir.length;
  const dataAt = metaAt + meta.length;
  u64(8, dirAt);
  u64(16, dir.length);
  u64(24, metaAt);
  u64(32, meta.length);
  u64(40, dataAt); // no leaf directories
  u64(48, 0);
  u64(56, dataAt);
  u64(64, data.length);
  u64(72, tiles.length);
  u64(80, entries.length);
  u64(88, tiles.length);
  v.setUint8(96, 1); // clustered
  v.setUint8(97, 1); // internal compression: none
  v.setUint8(98, spec.tileCompression);
  v.setUint8(99, spec.tileType);
  const zs = tiles.map((t) => t.z);
  v.setUint8(100, Math.min(...zs));
  v.setUint8(101, Math.max(...zs));
  const e7 = (d: number) => Math.round(d * 1e7);
  v.setInt32(102, e7(spec.bounds[0]), true);
  v.setInt32(106, e7(spec.bounds[1]), true);
  v.setInt32(110, e7(spec.bounds[2]), true);
  v.setInt32(114, e7(spec.bounds[3]), true);
  v.setUint8(118, Math.max(...zs));
  v.setInt32(119, e7((spec.bounds[0] + spec.bounds[2]) / 2), true);
  v.setInt32(123, e7((spec.bounds[1] + spec.bounds[3]) / 2), true);
  return concat([header, dir, meta, data]);
}

const ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

export function buildFixtures(): { vector: Uint8Array; raster: Uint8Array } {
  const roads = readRoads();
  const bounds = roadBounds(roads);
  const vectorTiles: ArchiveSpec['tiles'] = [];
  for (let z = 12; z <= 15; z++) {
    const r = tileRange(bounds, z);
    for (let x = r.x0; x <= r.x1; x++)
      for (let y = r.y0; y <= r.y1; y++) {
        const mvt = mvtTile(roads, z, x, y);
        if (mvt) vectorTiles.push({ z, x, y, data: gzipSync(mvt, { level: 9, mtime: 0 }) });
      }
  }
  const rasterTiles: ArchiveSpec['tiles'] = [];
  for (let z = 13; z <= 15; z++) {
    const r = tileRange(bounds, z);
    for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) rasterTiles.push({ z, x, y, data: pngTile(roads, z, x, y) });
  }
  const description = "People's Square road fixture (OSMnx drive network), test data only";
  const vector = writePmtiles({
    tiles: vectorTiles,
    tileType: 1,
    tileCompression: 2,
    bounds,
    metadata: {
      name: 'peoples-square-vector',
      description,
      attribution: ATTRIBUTION,
      type: 'baselayer',
      vector_layers: [{ id: 'roads', fields: { kind: 'String', kind_detail: 'String', name: 'String' }, minzoom: 12, maxzoom: 15 }],
    },
  });
  const raster = writePmtiles({ tiles: rasterTiles, tileType: 2, tileCompression: 1, bounds, metadata: { name: 'peoples-square-raster', description, attribution: ATTRIBUTION } });
  return { vector, raster };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { vector, raster } = buildFixtures();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(resolve(OUT, 'peoples-square-vector.pmtiles'), vector);
  writeFileSync(resolve(OUT, 'peoples-square-raster.pmtiles'), raster);
  console.log(`vector ${vector.length} bytes, raster ${raster.length} bytes → ${OUT}`);
}
