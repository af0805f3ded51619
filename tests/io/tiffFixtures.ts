/**
 * Small GeoTIFFs written byte by byte for the tests (no committed binaries): little-endian, one band,
 * striped or tiled, uncompressed or deflate (zlib, as GDAL writes COMPRESS=DEFLATE), any of the
 * sample formats the reader takes, with the GeoKeys a test wants. Written apart from the geotiff
 * package, so the reader is checked against files it did not write itself.
 */
import { zlibSync } from 'fflate';

export type SampleType = 'uint8' | 'int16' | 'uint16' | 'int32' | 'float32' | 'float64' | 'float16';

export interface TiffSpec {
  width: number;
  height: number;
  /** Row by row from the first row of the file. */
  values: ArrayLike<number>;
  type: SampleType;
  /** [west, north] of pixel (0, 0)'s corner (or centre, with pixelIsPoint), and the pixel size; dy < 0: south-up. */
  origin: [number, number];
  pixel: [number, number];
  tile?: number;
  deflate?: boolean;
  nodata?: string;
  /** GeoKey id → value (SHORT values only); default EPSG:4326 geographic. */
  geoKeys?: Record<number, number> | null;
  pixelIsPoint?: boolean;
}

const FORMAT: Record<SampleType, { bits: number; format: number; write: (v: DataView, o: number, x: number) => void }> = {
  uint8: { bits: 8, format: 1, write: (v, o, x) => v.setUint8(o, x) },
  int16: { bits: 16, format: 2, write: (v, o, x) => v.setInt16(o, x, true) },
  uint16: { bits: 16, format: 1, write: (v, o, x) => v.setUint16(o, x, true) },
  int32: { bits: 32, format: 2, write: (v, o, x) => v.setInt32(o, x, true) },
  float32: { bits: 32, format: 3, write: (v, o, x) => v.setFloat32(o, x, true) },
  float64: { bits: 64, format: 3, write: (v, o, x) => v.setFloat64(o, x, true) },
  float16: { bits: 16, format: 3, write: (v, o) => v.setUint16(o, 0, true) },
};

/** GeoKeys of EPSG:4326: model geographic, raster is area, GCS WGS 84. */
export const WGS84_KEYS = { 1024: 2, 1025: 1, 2048: 4326 };

/** A GeoTIFF's bytes. */
export function writeTiff(spec: TiffSpec): ArrayBuffer {
  const f = FORMAT[spec.type];
  const bps = f.bits / 8;
  const tile = spec.tile;
  // Blocks: tiles (padded to whole tiles, as TIFF requires) or one strip per 4 rows.
  const blocks: Uint8Array[] = [];
  const encode = (w: number, h: number, at: (c: number, r: number) => number) => {
    const raw = new Uint8Array(w * h * bps);
    const view = new DataView(raw.buffer);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) f.write(view, (r * w + c) * bps, at(c, r));
    blocks.push(spec.deflate ? zlibSync(raw) : raw);
  };
  const value = (c: number, r: number) => (c < spec.width && r < spec.height ? spec.values[r * spec.width + c]! : 0);
  if (tile) {
    for (let ty = 0; ty < Math.ceil(spec.height / tile); ty++) for (let tx = 0; tx < Math.ceil(spec.width / tile); tx++) encode(tile, tile, (c, r) => value(tx * tile + c, ty * tile + r));
  } else {
    for (let y = 0; y < spec.height; y += 4) encode(spec.width, Math.min(4, spec.height - y), (c, r) => value(c, y + r));
  }
  const keys = spec.geoKeys === undefined ? { ...WGS84_KEYS, ...(spec.pixelIsPoint ? { 1025: 2 } : {}) } : spec.geoKeys;
  type Tag = { id: number; type: number; values: number[] | string };
  const tags: Tag[] = [
    { id: 256, type: 4, values: [spec.width] },
    { id: 257, type: 4, values: [spec.height] },
    { id: 258, type: 3, values: [f.bits] },
    { id: 259, type: 3, values: [spec.deflate ? 8 : 1] },
    { id: 262, type: 3, values: [1] },
    { id: 277, type: 3, values: [1] },
    { id: 284, type: 3, values: [1] },
    { id: 339, type: 3, values: [f.format] },
    { id: 33550, type: 12, values: [spec.pixel[0], Math.abs(spec.pixel[1]), 0] },
    { id: 33922, type: 12, values: [0, 0, 0, spec.origin[0], spec.origin[1], 0] },
  ];
  // Tiepoint is at the pixel (0, 0) corner; a south-up file has a negative y scale, stored as such.
  if (spec.pixel[1] < 0) tags.find((t) => t.id === 33550)!.values = [spec.pixel[0], spec.pixel[1], 0];
  if (tile) tags.push({ id: 322, type: 3, values: [tile] }, { id: 323, type: 3, values: [tile] });
  else tags.push({ id: 278, type: 3, values: [4] });
  if (keys) {
    const entries = Object.entries(keys).map(([k, v]) => [Number(k), 0, 1, v]);
    tags.push({ id: 34735, type: 3, values: [1, 1, 0, entries.length, ...entries.flat()] });
  }
  if (spec.nodata !== undefined) tags.push({ id: 42113, type: 2, values: `${spec.nodata}\0` });
  const offsetsTag: Tag = { id: tile ? 324 : 273, type: 4, values: blocks.map(() => 0) };
  const countsTag: Tag = { id: tile ? 325 : 279, type: 4, values: blocks.map((b) => b.length) };
  tags.push(offsetsTag, countsTag);
  tags.sort((a, b) => a.id - b.id);

  const size = (t: Tag) => (typeof t.values === 'string' ? t.values.length : t.values.length * { 2: 1, 3: 2, 4: 4, 12: 8 }[t.type as 2 | 3 | 4 | 12]);
  const ifdSize = 2 + tags.length * 12 + 4;
  let extra = 8 + ifdSize;
  const extraAt = new Map<Tag, number>();
  for (const t of tags) {
    if (size(t) > 4) {
      extraAt.set(t, extra);
      extra += size(t) + (size(t) % 2);
    }
  }
  let data = extra;
  offsetsTag.values = blocks.map((b) => {
    const at = data;
    data += b.length;
    return at;
  });
  const out = new Uint8Array(data);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  v.setUint32(4, 8, true);
  v.setUint16(8, tags.length, true);
  const put = (t: Tag, at: number) => {
    if (typeof t.values === 'string') for (let i = 0; i < t.values.length; i++) v.setUint8(at + i, t.values.charCodeAt(i));
    else
      t.values.forEach((x, i) => {
        if (t.type === 3) v.setUint16(at + 2 * i, x, true);
        else if (t.type === 4) v.setUint32(at + 4 * i, x, true);
        else v.setFloat64(at + 8 * i, x, true);
      });
  };
  tags.forEach((t, i) => {
    const e = 10 + i * 12;
    v.setUint16(e, t.id, true);
    v.setUint16(e + 2, t.type, true);
    v.setUint32(e + 4, t.values.length, true);
    const at = extraAt.get(t);
    if (at === undefined) put(t, e + 8);
    else {
      v.setUint32(e + 8, at, true);
      put(t, at);
    }
  });
  let at = extra;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out.buffer;
}
