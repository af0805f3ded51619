/**
 * A coverage grid as one ArrayBuffer and back (issue #19): the whole city at 25 m takes 3–4 s of CPU
 * to rasterise, reading it back is a few views over the buffer. For a cache between sessions (the
 * browser side is src/io/gridCache.ts); pure, no storage here.
 *
 * Layout: 4 bytes magic "CGRD", uint32 format version, uint32 header length H, H bytes of UTF-8
 * JSON (the scalars, the ids, the km², and per typed array its kind, byte offset and length), then
 * the arrays, each at an offset aligned to 8 bytes (from the buffer's start). An array the grid
 * shares between two fields (a region's land masks are its masks when no land layer was given) is
 * written once and read back shared.
 * The projection is rebuilt from its earth model and central meridian.
 *
 * Reading back checks the magic, the version and every array's bounds; it does NOT check that the
 * grid was built from the same polygons and cell size the caller now has: the caller keys the cache
 * on those (see src/io/gridCache.ts).
 */
import { createProjection } from './projection';
import type { CoverageGrid, Region } from './grid';

/**
 * 2: one byte of flags a cell and the ring's split cells, instead of insideRing, ringMask and mostlyLand.
 * 3: a region's four counts as one Uint16 code a cell, and only the masks its counts do not imply.
 */
export const GRID_CODEC_VERSION = 3;
const MAGIC = 0x44524743; // "CGRD" little-endian

type Typed = Uint8Array | Uint16Array | Uint32Array;
const KINDS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;
type Kind = keyof typeof KINDS;
const kindOf = (a: Typed): Kind => (a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : 'u32');

/** Index into the header's array table; null for a missing array. */
type Ref = number | null;

interface RegionHeader {
  id: string;
  km2: [number, number, number, number, number, number];
  /** cells, counts, and the partial masks' region indices, masks and land masks (null for the study area). */
  arrays: [Ref, Ref, Ref, Ref, Ref];
}

interface Header {
  cellM: number;
  cols: number;
  rows: number;
  x0: number;
  y0: number;
  earth: { a: number; f: number };
  lon0: number;
  districtIds: string[];
  hasLand: boolean;
  cells: [Ref, Ref, Ref, Ref];
  study: RegionHeader;
  districts: RegionHeader[];
  zones: RegionHeader[];
  townships: RegionHeader[];
  /** Per array: kind, byte offset, element count. */
  table: Array<[Kind, number, number]>;
}

/** The grid as one buffer (see the module comment). */
export function serialiseGrid(grid: CoverageGrid): ArrayBuffer {
  const arrays: Typed[] = [];
  const index = new Map<Typed, number>();
  const ref = (a: Typed | null): Ref => {
    if (a === null) return null;
    let i = index.get(a);
    if (i === undefined) {
      i = arrays.length;
      arrays.push(a);
      index.set(a, i);
    }
    return i;
  };
  const region = (r: Region): RegionHeader => ({
    id: r.id,
    km2: [r.insideKm2, r.outsideKm2, r.areaKm2, r.landInsideKm2, r.landOutsideKm2, r.landKm2],
    arrays: [ref(r.cells), ref(r.counts), ref(r.partial?.q ?? null), ref(r.partial?.masks ?? null), ref(r.partial?.landMasks ?? null)],
  });
  const header: Omit<Header, 'table'> = {
    cellM: grid.cellM,
    cols: grid.cols,
    rows: grid.rows,
    x0: grid.x0,
    y0: grid.y0,
    earth: { a: grid.projection.earth.a, f: grid.projection.earth.f },
    lon0: grid.projection.lon0,
    districtIds: grid.districtIds,
    hasLand: grid.hasLand,
    cells: [ref(grid.district), ref(grid.cellFlags), ref(grid.ringSplit.cells), ref(grid.ringSplit.masks)],
    study: region(grid.study),
    districts: [...grid.districts.values()].map(region),
    zones: [...grid.zones.values()].map(region),
    townships: [...grid.townships.values()].map(region),
  };
  // Offsets depend on the header's length, which holds the offsets: lay the arrays out from 0, then
  // shift them all by the (8-byte aligned) start of the data, written as a fixed-width number.
  const table: Array<[Kind, number, number]> = [];
  let at = 0;
  for (const a of arrays) {
    at = Math.ceil(at / 8) * 8;
    table.push([kindOf(a), at, a.length]);
    at += a.byteLength;
  }
  const draft = JSON.stringify({ ...header, table: table.map(([k, o, n]) => [k, o + 1e12, n]) });
  const start = Math.ceil((12 + new TextEncoder().encode(draft).length) / 8) * 8;
  const json = new TextEncoder().encode(JSON.stringify({ ...header, table: table.map(([k, o, n]) => [k, o + start, n]) }));
  const buf = new ArrayBuffer(start + at);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, GRID_CODEC_VERSION, true);
  view.setUint32(8, json.length, true);
  new Uint8Array(buf, 12, json.length).set(json);
  arrays.forEach((a, i) => new Uint8Array(buf, table[i]![1] + start, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
  return buf;
}

/** Why a buffer is not a grid this version reads. */
export class GridCodecError extends Error {
  override name = 'GridCodecError';
}

/**
 * The grid of a buffer written by {@link serialiseGrid}; its arrays are views over `buf` (no copy).
 * @throws GridCodecError when the buffer is not a grid of this version or is cut short.
 */
export function deserialiseGrid(buf: ArrayBuffer | SharedArrayBuffer): CoverageGrid {
  if (buf.byteLength < 12) throw new GridCodecError('not a coverage grid (too short)');
  const view = new DataView(buf);
  if (view.getUint32(0, true) !== MAGIC) throw new GridCodecError('not a coverage grid (no CGRD mark)');
  const version = view.getUint32(4, true);
  if (version !== GRID_CODEC_VERSION) throw new GridCodecError(`coverage grid format ${version}, this app reads ${GRID_CODEC_VERSION}`);
  const len = view.getUint32(8, true);
  if (12 + len > buf.byteLength) throw new GridCodecError('coverage grid cut short (header)');
  let h: Header;
  try {
    // A copy: browsers' TextDecoder refuses views on shared memory (a grid read into it, gridSupply.ts).
    h = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 12, len).slice())) as Header;
  } catch {
    throw new GridCodecError('coverage grid header is not JSON');
  }
  const arrays = h.table.map(([kind, offset, n]) => {
    const C = KINDS[kind];
    if (!C || offset % C.BYTES_PER_ELEMENT !== 0 || offset + n * C.BYTES_PER_ELEMENT > buf.byteLength) {
      throw new GridCodecError(`coverage grid cut short or damaged (array at ${offset})`);
    }
    return new (C as new (b: ArrayBufferLike, o: number, n: number) => Typed)(buf, offset, n);
  });
  const get = <T extends Typed>(r: Ref): T => {
    const a = r === null ? undefined : arrays[r];
    if (!a) throw new GridCodecError('coverage grid damaged (missing array)');
    return a as T;
  };
  const region = (r: RegionHeader): Region => {
    const [cells, counts, pq, masks, landMasks] = r.arrays;
    const [insideKm2, outsideKm2, areaKm2, landInsideKm2, landOutsideKm2, landKm2] = r.km2;
    return {
      id: r.id,
      cells: get(cells),
      counts: get(counts),
      insideKm2,
      outsideKm2,
      areaKm2,
      landInsideKm2,
      landOutsideKm2,
      landKm2,
      partial: pq === null ? null : { q: get(pq), masks: get(masks), landMasks: get(landMasks) },
    };
  };
  const byId = (list: RegionHeader[]) => new Map(list.map((r) => [r.id, region(r)] as const));
  const [district, cellFlags, splitCells, splitMasks] = h.cells;
  return {
    projection: createProjection(h.earth, h.lon0),
    cellM: h.cellM,
    cols: h.cols,
    rows: h.rows,
    x0: h.x0,
    y0: h.y0,
    districtIds: h.districtIds,
    district: get(district),
    cellFlags: get(cellFlags),
    ringSplit: { cells: get(splitCells), masks: get(splitMasks) },
    hasLand: h.hasLand,
    study: region(h.study),
    districts: byId(h.districts),
    zones: byId(h.zones),
    townships: byId(h.townships),
  };
}
