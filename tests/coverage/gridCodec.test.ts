/** A coverage grid written to one buffer and read back is the same grid (and the engine gives the same results on it). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom } from '../../src/coverage/engine';
import { deserialiseGrid, GRID_CODEC_VERSION, GridCodecError, serialiseGrid } from '../../src/coverage/gridCodec';
import { dropCachedGrid, readCachedGrid, storeCachedGrid } from '../../src/io/gridCache';
import { crc32 } from '../../src/domain/crc32';
import { data } from '../geodata/load';

const all = data('districts.geojson') as never as { features: { properties: { adcode: string } }[] };
const two = { features: all.features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) };
const zones = data('zones.geojson') as never as { features: { properties: { id: string } }[] };
const withLand = buildGrid(gridSourcesFrom(two as never, zones as never, data('outer-ring-area.geojson') as never, data('land.geojson') as never), { cellM: 100 });
const noLand = buildGrid(gridSourcesFrom(two as never, undefined, data('outer-ring-area.geojson') as never), { cellM: 200 });

/** Everything but the projection's functions, typed arrays as their kind and a hash of their bytes (fast to compare). */
function plain(g: CoverageGrid): unknown {
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}:${createHash('sha256').update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).digest('hex')}`;
    if (v instanceof Map) return [...v].map(([k, x]) => [k, walk(x)]);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk({ ...g, projection: { earth: g.projection.earth, lon0: g.projection.lon0 } });
}

/** Bytes of every distinct typed array the grid holds. */
function arrayBytes(g: CoverageGrid): number {
  const seen = new Set<ArrayBufferView>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) seen.add(v);
    else if (v instanceof Map) [...v.values()].forEach(walk);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk({ ...g, projection: null });
  return [...seen].reduce((n, a) => n + a.byteLength, 0);
}

/** The bytes with their CRC-32 written again (as a tamperer who knows the format would), to reach the checks after it. */
const signed = (b: ArrayBuffer) => (new DataView(b).setUint32(12, crc32(new Uint8Array(b, 16)), true), b);

describe('grid codec', () => {
  for (const [name, grid] of [['with land and zones', withLand], ['without land', noLand]] as const) {
    it(`round trip, ${name}: the same arrays, numbers and shared arrays; the same results`, () => {
      const back = deserialiseGrid(serialiseGrid(grid));
      expect(plain(back)).toEqual(plain(grid));
      // Arrays shared in the grid are shared back (no land: the land masks are the polygon's).
      const d = [...grid.districts.values()][0]!;
      const db = back.districts.get(d.id)!;
      expect(db.partial!.landMasks === db.partial!.masks).toBe(d.partial!.landMasks === d.partial!.masks);
      expect(back.study.partial).toBeNull();
      expect(back.projection.forward(121.4, 31.1)).toEqual(grid.projection.forward(121.4, 31.1));
      const sites = [{ id: 'a', lon: 121.4, lat: 31.1 }, { id: 'b', lon: 121.45, lat: 31.2, radiusKm: 0.5 }];
      const rule = { insideKm: 0.9, outsideKm: 1.5 };
      const [e1, e2] = [new CoverageEngine(grid), new CoverageEngine(back)];
      e1.setSites(sites);
      e2.setSites(sites);
      expect(e2.breakdown(rule)).toEqual(e1.breakdown(rule));
    });
  }

  it('writes each array the smallest way: runs of values, runs of steps or raw — every way read back the same', () => {
    const buf = serialiseGrid(withLand);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 16, new DataView(buf).getUint32(8, true)))) as { table: [string, number, string, number, number][] };
    const used = new Set(header.table.map((e) => e[2]));
    expect([...used].sort()).toEqual(['raw', 'runs', 'steps']);
    // The per-cell district index and flags as runs of values, the regions' cell lists as runs of steps.
    const raw = arrayBytes(withLand);
    // Measured 14 % at 100 m for these two districts (edges weigh more than at 25 m for the city: 2.3 %).
    expect(buf.byteLength).toBeLessThan(raw / 4);
    // The arrays are expanded into memory of their own: the kept bytes can be let go.
    const back = deserialiseGrid(buf);
    expect(back.district.buffer).not.toBe(buf);
    expect(back.district.buffer).toBe(back.study.cells.buffer);
    expect(back.district.buffer).toBeInstanceOf(ArrayBuffer);
    expect(deserialiseGrid(buf, { shared: () => false }).district.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('refuses a byte changed anywhere (CRC-32); signed again, runs that do not add up to their array and an unknown encoding', () => {
    const buf = serialiseGrid(withLand);
    const len = new DataView(buf).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 16, len))) as { table: [string, number, string, number, number][] };
    const i = header.table.findIndex((e) => e[2] === 'steps' && e[3] > 1);
    const [, , , r, offset] = header.table[i]!;
    // A run's first cell moved by one: it still decodes, to another grid; the checksum refuses it.
    const moved = buf.slice(0);
    new Uint32Array(moved, offset, r)[1]! += 1;
    expect(() => deserialiseGrid(moved)).toThrow(/CRC-32/);
    expect(() => deserialiseGrid(signed(moved))).not.toThrow();
    const damaged = buf.slice(0);
    const lengths = new Uint32Array(damaged, offset + Math.ceil((r * 4) / 8) * 8, r);
    lengths[0]! += 1;
    expect(() => deserialiseGrid(damaged)).toThrow(/CRC-32/);
    expect(() => deserialiseGrid(signed(damaged))).toThrow(/runs of \d+ elements for an array of \d+/);
    // The header's encoding name replaced by one of the same length.
    const text = new TextDecoder().decode(new Uint8Array(buf, 16, len)).replace('"steps"', '"stepz"');
    const renamed = buf.slice(0);
    new Uint8Array(renamed, 16, len).set(new TextEncoder().encode(text));
    expect(() => deserialiseGrid(signed(renamed))).toThrow(/encoding stepz/);
  });

  it('refuses what is not a grid of this version, or is cut short', () => {
    const buf = serialiseGrid(noLand);
    expect(() => deserialiseGrid(new ArrayBuffer(4))).toThrow(GridCodecError);
    expect(() => deserialiseGrid(new Uint8Array(64).buffer)).toThrow(/CGRD/);
    const v2 = buf.slice(0);
    new DataView(v2).setUint32(4, 99, true);
    expect(() => deserialiseGrid(v2)).toThrow(/format 99/);
    expect(() => deserialiseGrid(buf.slice(0, buf.byteLength - 100))).toThrow(/CRC-32/);
    expect(() => deserialiseGrid(signed(buf.slice(0, buf.byteLength - 100)))).toThrow(/cut short/);
  });

  it('the IndexedDB cache (src/io) keeps one grid buffer by key; a refused buffer is dropped by the caller', async () => {
    const f = new IDBFactory();
    const key = `v${GRID_CODEC_VERSION}|a`;
    expect(await readCachedGrid(key, f)).toBeNull();
    await storeCachedGrid(key, serialiseGrid(noLand), f);
    expect(plain(deserialiseGrid((await readCachedGrid(key, f))!))).toEqual(plain(noLand));
    const other = `v${GRID_CODEC_VERSION}|b`;
    await storeCachedGrid(other, new ArrayBuffer(8), f);
    expect(await readCachedGrid(key, f)).toBeNull(); // replaced
    const damaged = (await readCachedGrid(other, f))!;
    expect(() => deserialiseGrid(damaged)).toThrow(GridCodecError);
    await dropCachedGrid(other, f);
    expect(await readCachedGrid(other, f)).toBeNull();
  });
});
