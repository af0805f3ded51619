/**
 * Road files in GCJ-02 / BD-09: the People's Square fixture shifted by gcoord (directly, not through
 * src/io/crs.ts), read back through the network worker's session with the system detected from the
 * file's `crs` member, from its name, or chosen — every graph node lands within 1 m of the
 * original's (haversine, written here), and the graph keeps its shape (vertex identity survives).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import gcoord from 'gcoord';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { NetworkSession } from '../../src/worker/networkSession';
import { crsOfName, geojsonCrsName, roadCrsOf } from '../../src/worker/roadCrs';
import { lonLat } from '../network/world';

const text = readFileSync(fileURLToPath(new URL('../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson', import.meta.url)), 'utf8');
const original = JSON.parse(text) as { type: string; features: Array<{ geometry: { type: string; coordinates: unknown } }> };
const box: Polygon = { type: 'Polygon', coordinates: [[lonLat([-1000, -1300]), lonLat([1700, -1300]), lonLat([1700, 1400]), lonLat([-1000, 1400]), lonLat([-1000, -1300])]] };
const sources = { districts: [{ id: 'ps', geometry: box }] };

/** The fixture with every position moved from WGS-84 to `to` by gcoord, with or without a `crs` member. */
function shifted(to: 'GCJ02' | 'BD09', crsName: string | null): Uint8Array {
  const move = (p: number[]) => gcoord.transform([p[0]!, p[1]!], gcoord.WGS84, gcoord[to]) as number[];
  const features = original.features.map((f) => {
    const g = f.geometry;
    if (g?.type === 'LineString') return { ...f, geometry: { ...g, coordinates: (g.coordinates as number[][]).map(move) } };
    if (g?.type === 'MultiLineString') return { ...f, geometry: { ...g, coordinates: (g.coordinates as number[][][]).map((l) => l.map(move)) } };
    return f;
  });
  const out = { type: 'FeatureCollection', ...(crsName ? { crs: { type: 'name', properties: { name: crsName } } } : {}), features };
  return new TextEncoder().encode(JSON.stringify(out));
}

function haversineM(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLon = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** Every graph node's WGS-84 position, in node order. */
function nodesOf(session: NetworkSession): number[][] {
  const ctx = (session as unknown as { engine: { ctx: { graph: { nodeCount: number; x: Float64Array; y: Float64Array } } } }).engine.ctx;
  const out: number[][] = [];
  const ll = [0, 0];
  for (let n = 0; n < ctx.graph.nodeCount; n++) {
    session.grid.projection.inverse(ctx.graph.x[n]!, ctx.graph.y[n]!, ll);
    out.push([ll[0]!, ll[1]!]);
  }
  return out;
}

function load(name: string, bytes: Uint8Array, crs?: 'wgs84' | 'gcj02' | 'bd09' | 'auto') {
  const session = new NetworkSession(sources, 50);
  const r = session.load(name, bytes, { mode: 'walk', ...(crs ? { crs } : {}) });
  if (!('summary' in r)) throw new Error(r.error.message);
  return { session, summary: r.summary };
}

describe('road files in GCJ-02 and BD-09', () => {
  const base = load('roads.geojson', new TextEncoder().encode(text));
  const want = nodesOf(base.session);

  it('reads the fixture as WGS-84 by default', () => {
    expect(base.summary).toMatchObject({ crs: 'wgs84', crsFrom: 'default', nodes: 1868, edges: 1973 });
  });

  it.each([
    ['the crs member', 'roads.geojson', shifted('GCJ02', 'GCJ-02'), undefined, 'gcj02', 'file'],
    ['the file name', 'roads_gcj02.geojson', shifted('GCJ02', null), 'auto', 'gcj02', 'name'],
    ['the user', 'roads.geojson', shifted('BD09', null), 'bd09', 'bd09', 'chosen'],
    ['a Chinese name', '道路_百度.geojson', shifted('BD09', null), undefined, 'bd09', 'name'],
  ] as const)('converts to WGS-84 when %s says the system: every node within 1 m of the original', (_, name, bytes, chosen, crs, from) => {
    const { session, summary } = load(name, bytes, chosen);
    expect(summary).toMatchObject({ crs, crsFrom: from, nodes: base.summary.nodes, edges: base.summary.edges, joinedCells: base.summary.joinedCells });
    const got = nodesOf(session);
    let worst = 0;
    for (let n = 0; n < want.length; n++) worst = Math.max(worst, haversineM(got[n]!, want[n]!));
    expect(worst).toBeLessThan(1);
  });

  it('unconverted, the same file lies hundreds of metres off', () => {
    const { session } = load('roads.geojson', shifted('GCJ02', null));
    const got = nodesOf(session);
    expect(haversineM(got[0]!, want[0]!)).toBeGreaterThan(300);
  });

  it('reads the crs member and its names', () => {
    expect(geojsonCrsName('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}')).toBe('urn:ogc:def:crs:OGC:1.3:CRS84');
    expect(geojsonCrsName('{"type":"FeatureCollection","features":[]}')).toBeNull();
    expect(crsOfName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('wgs84');
    expect(crsOfName('EPSG:4326')).toBe('wgs84');
    expect(crsOfName('GCJ-02')).toBe('gcj02');
    expect(crsOfName('BD09')).toBe('bd09');
    expect(crsOfName('EPSG:3857')).toBeNull();
    const osm = new TextEncoder().encode('<?xml version="1.0"?><osm></osm>');
    expect(roadCrsOf('extract.osm', osm)).toEqual({ crs: 'wgs84', from: 'default' });
    expect(roadCrsOf('extract_gcj02.osm', osm)).toEqual({ crs: 'gcj02', from: 'name' });
  });
});
