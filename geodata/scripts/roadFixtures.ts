/**
 * Writes the People's Square road fixture as OSM XML (tests/fixtures/network/peoples-square.osm),
 * so that the three road readers (GeoJSON, OSM XML, OSM PBF) are checked on the same network:
 *
 *   node --import tsx geodata/scripts/roadFixtures.ts
 *   osmium cat tests/fixtures/network/peoples-square.osm -o tests/fixtures/network/peoples-square.osm.pbf --overwrite
 *
 * The GeoJSON (geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson, an OSMnx export)
 * carries no node ids: every distinct coordinate becomes a node, numbered 1, 2, … in the order the
 * features first use it; each feature becomes a way with its `osm_way_id` and its string
 * properties as tags (`length_m` and `osm_way_id` are not tags). Deterministic: the same source
 * writes the same bytes. The PBF is written by osmium-tool (Debian package `osmium-tool`, 1.15),
 * a writer independent of this project's reader; it is committed, so the tests need no osmium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, LineString } from 'geojson';
import { REPO_ROOT, SOURCE_DIR } from './common';

export const ROAD_FIXTURE_SOURCE = 'shanghai_roads_peoples_square_osm_fixture.geojson';
const OUT_DIR = resolve(REPO_ROOT, 'tests', 'fixtures', 'network');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function roadFixtureXml(fc: FeatureCollection<LineString, Record<string, unknown>>): string {
  const idOf = new Map<string, number>();
  const nodes: string[] = [];
  const ways: string[] = [];
  for (const f of fc.features) {
    const refs = f.geometry.coordinates.map(([lon, lat]) => {
      const key = `${lon!.toFixed(7)},${lat!.toFixed(7)}`;
      let id = idOf.get(key);
      if (id === undefined) {
        id = idOf.size + 1;
        idOf.set(key, id);
        nodes.push(`  <node id="${id}" version="1" lat="${lat!.toFixed(7)}" lon="${lon!.toFixed(7)}"/>`);
      }
      return id;
    });
    const tags = Object.entries(f.properties)
      .filter(([k, v]) => k !== 'osm_way_id' && k !== 'length_m' && v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `    <tag k="${escape(k)}" v="${escape(String(v))}"/>`);
    ways.push([`  <way id="${String(f.properties.osm_way_id)}" version="1">`, ...refs.map((r) => `    <nd ref="${r}"/>`), ...tags, '  </way>'].join('\n'));
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!-- People's Square roads: geodata/source/${ROAD_FIXTURE_SOURCE} as OSM XML (geodata/scripts/roadFixtures.ts). © OpenStreetMap contributors, ODbL-1.0 -->`,
    `<osm version="0.6" generator="shanghai-newinfra-map roadFixtures.ts">`,
    ...nodes,
    ...ways,
    `</osm>`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fc = JSON.parse(readFileSync(resolve(SOURCE_DIR, ROAD_FIXTURE_SOURCE), 'utf8')) as FeatureCollection<LineString, Record<string, unknown>>;
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(resolve(OUT_DIR, 'peoples-square.osm'), roadFixtureXml(fc));
  console.log(`wrote tests/fixtures/network/peoples-square.osm (${fc.features.length} ways)`);
}
