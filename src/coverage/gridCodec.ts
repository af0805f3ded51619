/**
 * A coverage grid as one ArrayBuffer and back (issue #19): the whole city at 25 m takes 1–2 s of CPU
 * to rasterise; reading it back is a few runs expanded. For a cache between sessions (the browser
 * side is src/io/gridCache.ts); pure, no storage here.
 *
 * Layout: 4 bytes magic "CGRD", uint32 format version, uint32 header length H, uint32 CRC-32 of
 * every byte after it, H bytes of UTF-8 JSON (the scalars, the ids, the km², and per typed array its
 * kind, length, encoding and where its payload is), then the payloads, each at an offset aligned to
 * 8 bytes (from the buffer's start). An
 * array the grid shares between two fields (a region's land masks are its masks when no land layer
 * was given) is written once and read back shared.
 *
 * Each array is written the smallest of three ways (version 4): `raw` (its bytes); `runs` (each run
 * of equal values as its value and its length: the per-cell district index and flags, and the
 * regions' counts, which are the whole-cell code for most of a region's cells); `steps` (each run of
 * consecutive integers as its first value and its length: the regions' ascending cell lists, a few
 * spans a row). The city at 25 m with land and townships: 194 MiB raw → a few MiB, so IndexedDB
 * reads and writes a few MiB rather than the grid's size.
 * The projection is rebuilt from its earth model and central meridian.
 *
 * Reading back checks the magic, the version, the CRC-32 (a byte changed anywhere in the kept
 * bytes — a run's value or length that would still decode — is refused rather than counted), every
 * payload's bounds and that every array's runs add up to its length; it does NOT check that the grid
 * was built from the same polygons and cell size the caller now has: the caller keys the cache on
 * those (see src/io/gridCache.ts).
 */
import { crc32 } from '../domain/crc32';
import { createProjection } from './projection';
import type { CoverageGrid, Region } from './grid';

/**
 * 2: one byte of flags a cell and the ring's split cells, instead of insideRing, ringMask and mostlyLand.
 * 3: a region's four counts as one Uint16 code a cell, and only the masks its counts do not imply.
 * 4: every array raw, as runs of equal values or as runs of consecutive integers, whichever is
 *    smallest; a CRC-32 of the header and payloads.
 */
export const GRID_CODEC_VERSION = 4;
const MAGIC = 0x44524743; // "CGRD" little-endian
/** Bytes before the header's JSON: magic, version, header length, CRC-32. */
const PREFIX = 16;

type Typed = Uint8Array | Uint16Array | Uint32Array;
const KINDS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;
type Kind = keyof typeof KINDS;
const kindOf = (a: Typed): Kind => (a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : 'u32');
type TypedOf = new (b: ArrayBufferLike, o: number, n: number) => Typed;

/** How an array's payload is written (see the module comment). */
type Encoding = 'raw' | 'runs' | 'steps';

/**
 * Per array: kind, element count, encoding, run count R (raw: the element count), the payload's
 * byte offset — raw: the elements; runs / steps: R values of the array's kind (steps: u32), then
 * at the next offset aligned to 8, R run lengths (u32).
 */
type TableEntry = [Kind, number, Encoding, number, number];

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
  table: TableEntry[];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Runs of equal values in `a`. */
function countRuns(a: Typed): number {
  let n = a.length > 0 ? 1 : 0;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[i - 1]) n++;
  return n;
}

/** Runs of consecutive integers (each one more than the one before) in `a`. */
function countSteps(a: Typed): number {
  let n = a.length > 0 ? 1 : 0;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[i - 1]! + 1) n++;
  return n;
}

/** Bytes of a payload: raw, or R values of `valueBytes` and R u32 lengths. */
const payloadBytes = (enc: Encoding, a: Typed, r: number) =>
  enc === 'raw' ? a.byteLength : align8(r * (enc === 'steps' ? 4 : a.BYTES_PER_ELEMENT)) + r * 4;

/** Writes the runs of equal values of `a` as values and lengths. */
function writeRuns(a: Typed, values: Typed, lengths: Uint32Array): void {
  if (a.length === 0) return;
  let r = 0;
  let v = a[0]!;
  let from = 0;
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    if (x === v) continue;
    values[r] = v;
    lengths[r++] = i - from;
    v = x;
    from = i;
  }
  values[r] = v;
  lengths[r] = a.length - from;
}

/** Writes the runs of consecutive integers of `a` as first values and lengths. */
function writeSteps(a: Uint32Array, values: Uint32Array, lengths: Uint32Array): void {
  if (a.length === 0) return;
  let r = 0;
  let first = a[0]!;
  let from = 0;
  for (let i = 1; i < a.length; i++) {
    if (a[i] === first + (i - from)) continue;
    values[r] = first;
    lengths[r++] = i - from;
    first = a[i]!;
    from = i;
  }
  values[r] = first;
  lengths[r] = a.length - from;
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
  // Each array's smallest encoding; offsets laid out from 0, then shifted by the (8-byte aligned)
  // start of the data, which depends on the header's length, which holds the offsets: written once
  // with a fixed-width stand-in to measure it.
  const table: TableEntry[] = [];
  let at = 0;
  for (const a of arrays) {
    // The u32 arrays are cell lists, strictly ascending (never runs of one value): steps or raw; the others runs or raw.
    const enc: Encoding = a instanceof Uint32Array ? 'steps' : 'runs';
    const runs = enc === 'steps' ? countSteps(a) : countRuns(a);
    const best: [Encoding, number] = payloadBytes(enc, a, runs) < a.byteLength ? [enc, runs] : ['raw', a.length];
    at = align8(at);
    table.push([kindOf(a), a.length, best[0], best[1], at]);
    at += payloadBytes(best[0], a, best[1]);
  }
  const shifted = (start: number) => JSON.stringify({ ...header, table: table.map(([k, n, e, r, o]) => [k, n, e, r, o + start]) });
  const start = align8(PREFIX + new TextEncoder().encode(shifted(1e12)).length);
  const json = new TextEncoder().encode(shifted(start));
  const buf = new ArrayBuffer(start + at);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, GRID_CODEC_VERSION, true);
  view.setUint32(8, json.length, true);
  new Uint8Array(buf, PREFIX, json.length).set(json);
  arrays.forEach((a, i) => {
    const [kind, , enc, r, o] = table[i]!;
    if (enc === 'raw') new Uint8Array(buf, o + start, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    else {
      const values = new (KINDS[enc === 'steps' ? 'u32' : kind] as TypedOf)(buf, o + start, r);
      const lengths = new Uint32Array(buf, o + start + align8(values.byteLength), r);
      if (enc === 'steps') writeSteps(a as Uint32Array, values as Uint32Array, lengths);
      else writeRuns(a, values, lengths);
    }
  });
  view.setUint32(12, crc32(new Uint8Array(buf, PREFIX)), true);
  return buf;
}

/** Why a buffer is not a grid this version reads. */
export class GridCodecError extends Error {
  override name = 'GridCodecError';
}

/** A view of `n` elements of `C` at `offset`, or a GridCodecError when it is not inside `buf`. */
function viewIn(buf: ArrayBufferLike, C: TypedOf & { BYTES_PER_ELEMENT: number }, offset: number, n: number): Typed {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(n) || offset < 0 || n < 0 || offset % C.BYTES_PER_ELEMENT !== 0 || offset + n * C.BYTES_PER_ELEMENT > buf.byteLength) {
    throw new GridCodecError(`coverage grid cut short or damaged (array at ${offset})`);
  }
  return new C(buf, offset, n);
}

/** Expands runs into `out`: each run's value repeated (`steps`: counting up from it) for its length. */
function expandRuns(values: Typed, lengths: Uint32Array, steps: boolean, out: Typed): void {
  let total = 0;
  for (let r = 0; r < lengths.length; r++) total += lengths[r]!;
  if (total !== out.length) throw new GridCodecError(`coverage grid damaged (runs of ${total} elements for an array of ${out.length})`);
  if (steps) expandSteps(values as Uint32Array, lengths, out as Uint32Array);
  else {
    let at = 0;
    for (let r = 0; r < values.length; r++) {
      const end = at + lengths[r]!;
      out.fill(values[r]!, at, end);
      at = end;
    }
  }
}

function expandSteps(values: Uint32Array, lengths: Uint32Array, out: Uint32Array): void {
  let at = 0;
  for (let r = 0; r < values.length; r++) {
    const end = at + lengths[r]!;
    for (let v = values[r]!; at < end; v++) out[at++] = v;
  }
}

/** Where the grid's arrays are read to: plain memory, or shared memory for helper threads. */
export interface GridReadOptions {
  /** Whether to put the arrays on a SharedArrayBuffer, asked with the grid's cell count (cols × rows). */
  shared?: (cells: number) => boolean;
}

/**
 * The grid of a buffer written by {@link serialiseGrid}; its arrays are expanded into one new buffer
 * (shared when `options.shared` says so), so `buf` can be let go.
 * @throws GridCodecError when the buffer is not a grid of this version, is cut short or damaged.
 */
export function deserialiseGrid(buf: ArrayBuffer | SharedArrayBuffer, options: GridReadOptions = {}): CoverageGrid {
  if (buf.byteLength < PREFIX) throw new GridCodecError('not a coverage grid (too short)');
  const view = new DataView(buf);
  if (view.getUint32(0, true) !== MAGIC) throw new GridCodecError('not a coverage grid (no CGRD mark)');
  const version = view.getUint32(4, true);
  if (version !== GRID_CODEC_VERSION) throw new GridCodecError(`coverage grid format ${version}, this app reads ${GRID_CODEC_VERSION}`);
  const len = view.getUint32(8, true);
  if (PREFIX + len > buf.byteLength) throw new GridCodecError('coverage grid cut short (header)');
  // Before anything is read from them: a changed byte that would still decode (a run's value or
  // length) is refused here, not counted.
  if (crc32(new Uint8Array(buf, PREFIX)) !== view.getUint32(12, true)) throw new GridCodecError('coverage grid damaged (its CRC-32 does not match)');
  let h: Header;
  try {
    // A copy: browsers' TextDecoder refuses views on shared memory.
    h = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, PREFIX, len).slice())) as Header;
  } catch {
    throw new GridCodecError('coverage grid header is not JSON');
  }
  if (!Array.isArray(h.table)) throw new GridCodecError('coverage grid damaged (no array table)');
  // The expanded arrays' layout, then one buffer for them all.
  let size = 0;
  const outAt = h.table.map((e) => {
    const C = Array.isArray(e) ? KINDS[e[0]] : undefined;
    if (!C || !Number.isSafeInteger(e[1]) || e[1] < 0) throw new GridCodecError('coverage grid damaged (array table)');
    size = align8(size);
    const o = size;
    size += e[1] * C.BYTES_PER_ELEMENT;
    return o;
  });
  const out = options.shared?.(h.cols * h.rows) ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  const arrays = h.table.map(([kind, n, enc, r, offset], i) => {
    const C = KINDS[kind] as TypedOf & { BYTES_PER_ELEMENT: number };
    const into = new C(out, outAt[i]!, n);
    if (enc === 'raw') {
      if (r !== n) throw new GridCodecError('coverage grid damaged (array table)');
      into.set(viewIn(buf, C, offset, n));
    } else if (enc === 'runs' || enc === 'steps') {
      const values = viewIn(buf, enc === 'steps' ? Uint32Array : C, offset, r);
      expandRuns(values, viewIn(buf, Uint32Array, offset + align8(values.byteLength), r) as Uint32Array, enc === 'steps', into);
    } else throw new GridCodecError(`coverage grid damaged (encoding ${String(enc)})`);
    return into;
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
