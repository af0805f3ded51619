/**
 * The road readers: GeoJSON, OSM XML and OSM PBF read the same network; each bad file is refused
 * with a message naming the file and what is wrong.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProjection } from '../../src/coverage/projection';
import { buildGraph } from '../../src/network/graph';
import { readGeojsonRoads } from '../../src/network/readGeojsonRoads';
import { OsmXmlReader, readOsmXml } from '../../src/network/readOsmXml';
import { readOsmPbf } from '../../src/network/readOsmPbf';
import { checkRoadFileSize, MAX_ROAD_FILE_BYTES, readRoadFile, roadFormatOf } from '../../src/network/readRoadFile';
import { DRIVE, RoadFileError, WALK, type RoadSet } from '../../src/network/roads';

const file = (path: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(path, import.meta.url))));
const FIXTURE_GEOJSON = '../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson';

/** A RoadSet as plain numbers, for comparison. */
const plain = (r: RoadSet) => ({
  wayStart: [...r.wayStart],
  lonQ: [...r.lonQ],
  latQ: [...r.latQ],
  modes: [...r.modes],
  oneway: [...r.oneway],
  highwayCounts: r.highwayCounts,
});

function refusal(fn: () => unknown): RoadFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RoadFileError) return e;
    throw e;
  }
  throw new Error('expected a RoadFileError');
}

describe("People's Square in three formats", () => {
  const geo = readRoadFile('roads.geojson', file(FIXTURE_GEOJSON));
  const xml = readRoadFile('peoples-square.osm', file('../fixtures/network/peoples-square.osm'));
  const pbf = readRoadFile('peoples-square.osm.pbf', file('../fixtures/network/peoples-square.osm.pbf'));

  it('reads the same ways, vertices, modes and directions', () => {
    expect(geo.wayStart.length - 1).toBe(796);
    expect(plain(xml)).toEqual(plain(geo));
    expect(plain(pbf)).toEqual(plain(geo));
    expect(geo.notes).toEqual([]);
  });

  it('has the classes the file says: 25 trunk + 75 trunk_link ways closed to walking', () => {
    expect(geo.highwayCounts).toMatchObject({ residential: 204, secondary: 164, primary: 155, trunk: 25, trunk_link: 75 });
    let walk = 0;
    let drive = 0;
    for (const m of geo.modes) {
      if (m & WALK) walk++;
      if (m & DRIVE) drive++;
    }
    expect(walk).toBe(796 - 100);
    expect(drive).toBe(796);
    expect([...geo.oneway].filter((o) => o === 1).length).toBe(528);
  });

  it('builds the same graph from each', () => {
    const proj = createProjection();
    for (const mode of ['walk', 'drive'] as const) {
      const a = buildGraph(geo, mode, proj);
      for (const other of [xml, pbf]) {
        const b = buildGraph(other, mode, proj);
        expect([b.nodeCount, b.edgeCount]).toEqual([a.nodeCount, a.edgeCount]);
        expect(b.edgeLen).toEqual(a.edgeLen);
        expect(b.edgeDir).toEqual(a.edgeDir);
      }
    }
  });
});

describe('OSM XML', () => {
  const small = file('../fixtures/network/small.osm');

  it('reads highways with their tags, decodes entities, skips relations and other ways, splits at a missing node', () => {
    const r = readOsmXml('small.osm', small);
    // 100 (3 vertices), 101 (2), 102 split at the missing node 99 into 4 (1, dropped) and 5–6 (2), 104 (2); 103 is a building.
    expect([...r.wayStart]).toEqual([0, 3, 5, 7, 9]);
    expect([...r.oneway]).toEqual([0, -1, 0, 1]);
    expect([...r.modes]).toEqual([WALK | DRIVE, WALK | DRIVE, WALK, DRIVE]);
    expect(r.highwayCounts).toEqual({ residential: 1, secondary: 1, footway: 1, trunk: 1 });
    expect(r.notes[0]).toMatch(/^1 node references/);
    expect(r.lonQ[0]).toBe(1214700000);
    expect(r.latQ[2]).toBe(312310000);
  });

  it('reads the same in any chunking, down to one character at a time', () => {
    const text = new TextDecoder().decode(small);
    const whole = readOsmXml('small.osm', small);
    const reader = new OsmXmlReader('small.osm');
    for (const ch of text) reader.push(ch);
    expect(plain(reader.finish())).toEqual(plain(whole));
    expect(plain(readOsmXml('small.osm', small, undefined, 7))).toEqual(plain(whole));
  });

  it('reads the fixture in 1 kB chunks as a whole', () => {
    const bytes = file('../fixtures/network/peoples-square.osm');
    expect(plain(readOsmXml('p.osm', bytes, undefined, 1024))).toEqual(plain(readOsmXml('p.osm', bytes)));
  });

  it('leaves out what JOSM marks deleted, and reads a DOCTYPE without applying it', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE osm [ <!ENTITY h "highway"> ]>
      <osm version="0.6"><node id="-1" lat="31.23" lon="121.47"/><node id="-2" lat="31.231" lon="121.47"/>
      <node id="-3" lat="31.232" lon="121.47" action="delete"/>
      <way id="-10"><nd ref="-1"/><nd ref="-2"/><tag k="highway" v="service"/></way>
      <way id="-11" action="delete"><nd ref="-1"/><nd ref="-2"/><tag k="highway" v="service"/></way>
      <way id="-12"><nd ref="-2"/><nd ref="-3"/><tag k="&h;" v="service"/></way></osm>`;
    const r = readOsmXml('josm.osm', new TextEncoder().encode(xml));
    expect(r.wayStart.length - 1).toBe(1);
  });

  it('refuses a truncated file, a file that is not OSM, and a node that is not a position', () => {
    const text = new TextDecoder().decode(small);
    expect(refusal(() => readOsmXml('cut.osm', new TextEncoder().encode(text.slice(0, 700)))).message).toMatch(/^cut\.osm: the XML ends inside an element/);
    expect(refusal(() => readOsmXml('x.osm', new TextEncoder().encode('<gpx><trk/></gpx>'))).message).toBe('x.osm: no <osm> element: not an OSM XML file');
    const bad = refusal(() => readOsmXml('b.osm', new TextEncoder().encode('<osm><node id="1" lat="91" lon="121"/></osm>')));
    expect(bad.problem).toBe('broken-geometry');
    expect(bad.message).toBe('b.osm: node 1: lat="91" lon="121" is not a position');
  });
});

describe('OSM PBF', () => {
  const xml = readOsmXml('small.osm', file('../fixtures/network/small.osm'));

  it('reads what osmium wrote from small.osm: dense nodes in zlib blobs, and plain nodes in raw blobs', () => {
    expect(plain(readOsmPbf('small.osm.pbf', file('../fixtures/network/small.osm.pbf')))).toEqual(plain(xml));
    expect(plain(readOsmPbf('small-plain.osm.pbf', file('../fixtures/network/small-plain.osm.pbf')))).toEqual(plain(xml));
  });

  it('reports progress to the end', () => {
    const seen: number[] = [];
    readOsmPbf('p.pbf', file('../fixtures/network/peoples-square.osm.pbf'), { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('refuses a truncated file and a file that is not PBF', () => {
    const bytes = file('../fixtures/network/peoples-square.osm.pbf');
    const cut = refusal(() => readOsmPbf('cut.osm.pbf', bytes.subarray(0, 5000)));
    expect(cut.problem).toBe('unreadable');
    expect(cut.message).toMatch(/^cut\.osm\.pbf: blob \d+ \(OSMData\): \d+ bytes announced, \d+ left \(a truncated file\?\)$/);
    expect(refusal(() => readOsmPbf('notes.pbf', new TextEncoder().encode('hello, this is text'))).message).toMatch(/^notes\.pbf: blob 1: header length \d+ does not fit/);
  });
});

describe('GeoJSON', () => {
  const line = (coordinates: unknown, properties: Record<string, unknown> = { highway: 'residential' }) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
  const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
  const A = [121.47, 31.23];
  const B = [121.471, 31.23];

  it('reads MultiLineStrings part by part, boolean oneway, a list of highway classes; skips what is not a road', () => {
    const r = readGeojsonRoads('r.geojson', fc(
      { type: 'Feature', properties: { highway: 'primary', oneway: true }, geometry: { type: 'MultiLineString', coordinates: [[A, B], [B, [121.472, 31.231]]] } },
      line([A, B], { highway: ['residential', 'unclassified'], oneway: false }),
      line([A, B], { name: 'no highway' }),
      { type: 'Feature', properties: { highway: 'pedestrian' }, geometry: { type: 'Polygon', coordinates: [[A, B, [121.47, 31.231], A]] } },
      { type: 'Feature', properties: { highway: 'path' }, geometry: null },
    ));
    expect(r.wayStart.length - 1).toBe(3);
    expect([...r.oneway]).toEqual([1, 1, 0]);
    expect(r.highwayCounts).toEqual({ primary: 2, residential: 1 });
    expect(r.notes).toEqual(['2 features are not lines (points, polygons or no geometry): skipped', '1 lines have no highway property: skipped']);
  });

  it('refuses broken geometry naming the feature and vertex', () => {
    const e = refusal(() => readGeojsonRoads('bad.geojson', fc(line([A, B]), line([A, ['121.5', 31.2]], { highway: 'service', osm_way_id: 42 }))));
    expect(e.problem).toBe('broken-geometry');
    expect(e.message).toBe('bad.geojson: feature 2 (osm_way_id 42), vertex 2: ["121.5",31.2] is not a [longitude, latitude] position');
    expect(refusal(() => readGeojsonRoads('one.geojson', fc(line([A])))).message).toBe('one.geojson: feature 1 has 1 vertex; a road needs at least 2');
    expect(refusal(() => readGeojsonRoads('range.geojson', fc(line([A, [200, 31]])))).message).toBe('range.geojson: feature 1, vertex 2: [200, 31] is not a longitude and latitude');
    expect(refusal(() => readGeojsonRoads('x.geojson', { type: 'Topology' })).problem).toBe('unreadable');
  });
});

describe('the checks every format shares', () => {
  const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
  const road = (coords: number[][], highway = 'residential') => ({ type: 'Feature', properties: { highway }, geometry: { type: 'LineString', coordinates: coords } });

  it('refuses a file without highways', () => {
    const e = refusal(() => readRoadFile('rivers.geojson', enc({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { waterway: 'river' }, geometry: { type: 'LineString', coordinates: [[121.4, 31.2], [121.5, 31.2]] } }] })));
    expect(e.problem).toBe('no-highways');
    expect(e.message).toMatch(/^rivers\.geojson: no way or line has a highway tag/);
    const closed = refusal(() => readRoadFile('closed.geojson', enc({ type: 'FeatureCollection', features: [{ ...road([[121.4, 31.2], [121.5, 31.2]]), properties: { highway: 'service', access: 'no' } }] })));
    expect(closed.problem).toBe('no-highways');
  });

  it('refuses a network far from Shanghai, and says where it lies', () => {
    const beijing = refusal(() => readRoadFile('beijing.geojson', enc({ type: 'FeatureCollection', features: [road([[116.39, 39.9], [116.4, 39.91]])] })));
    expect(beijing.problem).toBe('far-away');
    expect(beijing.message).toMatch(/^beijing\.geojson: its roads lie around 116\.390° E, 39\.900° N, 1,06\d km from Shanghai: no road in the Shanghai region/);
    const swapped = refusal(() => readRoadFile('swapped.geojson', enc({ type: 'FeatureCollection', features: [road([[31.23, 121.47], [31.24, 121.47]])] })));
    expect(swapped.message).toBe('swapped.geojson: feature 1, vertex 1: [31.23, 121.47] is not a longitude and latitude (longitude and latitude swapped?)');
    const swappedInRange = refusal(() => readRoadFile('swapped.geojson', enc({ type: 'FeatureCollection', features: [road([[31.23, 81.47], [31.24, 81.47]])] })));
    expect(swappedInRange.problem).toBe('far-away');
  });

  it('drops ways wholly outside the Shanghai region, and says so', () => {
    const r = readRoadFile('mixed.geojson', enc({ type: 'FeatureCollection', features: [road([[121.47, 31.23], [121.48, 31.23]]), road([[116.39, 39.9], [116.4, 39.91]])] }));
    expect(r.wayStart.length - 1).toBe(1);
    expect(r.notes).toEqual(['1 of 2 ways lie wholly outside the Shanghai region: left out']);
  });

  it('knows formats by name or by their first bytes, and limits sizes', () => {
    expect(roadFormatOf('a.osm.pbf')).toBe('osm-pbf');
    expect(roadFormatOf('a.OSM')).toBe('osm-xml');
    expect(roadFormatOf('a.geojson')).toBe('geojson');
    expect(roadFormatOf('download', file('../fixtures/network/small.osm.pbf'))).toBe('osm-pbf');
    expect(roadFormatOf('download', file('../fixtures/network/small.osm'))).toBe('osm-xml');
    expect(roadFormatOf('download', new TextEncoder().encode('\uFEFF { "type": "FeatureCollection" }'))).toBe('geojson');
    expect(roadFormatOf('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
    expect(refusal(() => readRoadFile('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff]))).problem).toBe('unknown-format');
    expect(() => checkRoadFileSize('a.osm.pbf', 'osm-pbf', MAX_ROAD_FILE_BYTES['osm-pbf'])).not.toThrow();
    const big = refusal(() => checkRoadFileSize('china.osm.pbf', 'osm-pbf', 1.4 * 2 ** 30));
    expect(big.problem).toBe('too-big');
    expect(big.message).toBe('china.osm.pbf: 1434 MB is over the 300 MB this reader takes for osm-pbf (cut the extract to the area you need, or use .osm.pbf)');
  });
});
