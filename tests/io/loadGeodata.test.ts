import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGeodata, parseGeodataFile, parsePopulationCsv, joinedLoads, COUNTED_FILES, GEODATA_FILES, MAP_ONLY_FILES, POPULATION_FILE } from '../../src/io/loadGeodata';
import { loadGeometryFiles } from '../../src/io/geodataFiles';
import { shippedSources } from '../../src/ui/coverage/earlyCoverage';

const dataDir = fileURLToPath(new URL('../../public/data/', import.meta.url));
const read = (file: string) => readFileSync(dataDir + file, 'utf8');

/** Serves files from public/data the way the browser would fetch them, with optional tampering. */
function fileFetcher(tamper: Record<string, string> = {}) {
  return async (url: string) => {
    const file = url.slice(url.lastIndexOf('/') + 1);
    if (file in tamper) return new Response(tamper[file], { status: 200 });
    try {
      return new Response(read(file), { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

describe('loadGeodata', () => {
  it('loads every shipped file without an error', async () => {
    const { data, errors } = await loadGeodata('data/', fileFetcher());
    expect(errors).toEqual([]);
    for (const key of Object.keys(GEODATA_FILES)) expect(data, key).toHaveProperty(key);
    expect(data.population).toHaveLength(16);
  });

  it('keeps the good files when one is broken, and names the broken one', async () => {
    const { data, errors } = await loadGeodata('data/', fileFetcher({ 'zones.geojson': '{"type":"FeatureCo' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('zones.geojson');
    expect(errors[0]!.message).toMatch(/not valid JSON/);
    expect(data.zones).toBeUndefined();
    expect(data.districts?.features).toHaveLength(16);
  });

  it("reads the counted files at start and the map's later, the two together the same as one read", async () => {
    // Every geometry file is one or the other.
    expect([...COUNTED_FILES, ...MAP_ONLY_FILES].sort()).toEqual(Object.keys(GEODATA_FILES).sort());
    expect(COUNTED_FILES.filter((k) => MAP_ONLY_FILES.includes(k))).toEqual([]);
    const asked: string[] = [];
    const counting = (fetcher: (url: string) => Promise<Response>) => (url: string) => (asked.push(url.slice(url.lastIndexOf('/') + 1)), fetcher(url));
    const counted = await loadGeodata('data/', counting(fileFetcher()), COUNTED_FILES);
    expect(asked.some((f) => MAP_ONLY_FILES.some((k) => GEODATA_FILES[k].file === f))).toBe(false);
    // The coverage worker's grid (and so every figure) is made of the counted read alone.
    const whole = await loadGeodata('data/', fileFetcher());
    expect(shippedSources(counted.data)).toEqual(shippedSources(whole.data));
    const map = await loadGeometryFiles('data/', fileFetcher({ 'rivers.geojson': '[' }), MAP_ONLY_FILES);
    const joined = joinedLoads(counted, map);
    expect(Object.keys(joined.data).sort()).toEqual(Object.keys(whole.data).filter((k) => k !== 'rivers').sort());
    expect(joined.data.metroStations).toEqual(whole.data.metroStations);
    // Errors of both, in file order.
    const broken = await loadGeodata('data/', fileFetcher({ 'zones.geojson': '{' }), COUNTED_FILES);
    expect(joinedLoads(broken, map).errors.map((e) => e.file)).toEqual(['rivers.geojson', 'zones.geojson']);
  });

  it('reports a missing file', async () => {
    const fetcher = async (url: string) =>
      url.endsWith('rivers.geojson') ? new Response('', { status: 404 }) : fileFetcher()(url);
    const { errors } = await loadGeodata('data/', fetcher);
    expect(errors).toEqual([{ file: 'rivers.geojson', message: 'could not be loaded (HTTP 404)' }]);
  });
});

describe('parseGeodataFile', () => {
  it('says which feature and field is wrong', () => {
    const fc = JSON.parse(read('districts.geojson'));
    delete fc.features[4].properties.adcode;
    const r = parseGeodataFile('districts', JSON.stringify(fc));
    expect('error' in r && r.error.message).toMatch(/^feature 5 › properties › adcode: /);
  });

  it('rejects a districts file with a district missing', () => {
    const fc = JSON.parse(read('districts.geojson'));
    fc.features.pop();
    const r = parseGeodataFile('districts', JSON.stringify(fc));
    expect('error' in r && r.error.message).toMatch(/16 districts/);
  });

  it('rejects swapped longitude/latitude', () => {
    const fc = JSON.parse(read('metro-stations.geojson'));
    const [lon, lat] = fc.features[10].geometry.coordinates;
    fc.features[10].geometry.coordinates = [lat, lon];
    const r = parseGeodataFile('metroStations', JSON.stringify(fc));
    expect('error' in r && r.error.message).toMatch(/feature 11 › geometry › coordinates: position is outside the Shanghai region/);
  });
});

describe('parsePopulationCsv', () => {
  it('parses the shipped census CSV', () => {
    const r = parsePopulationCsv(read(POPULATION_FILE));
    expect('value' in r && r.value.find((row) => row.adcode === '310112')?.population_2020_census).toBe(2653489);
  });

  it('reports the line of a bad row', () => {
    const lines = read(POPULATION_FILE).trim().split('\n');
    lines[3] = lines[3]!.replace(/,(\d+),/, ',lots,');
    const r = parsePopulationCsv(lines.join('\n'));
    expect('error' in r && r.error.message).toMatch(/^row 4: population_2020_census: /);
  });
});
