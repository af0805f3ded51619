/**
 * The shipped illustrative sample scenario (public/data/sample-scenario.geojson), checked with turf
 * independently of the generator's own tests (geodata/scripts/sampleScenario.ts), and rebuilt to
 * prove the file is what the generator makes from the shipped geometry.
 */
import { bbox, booleanPointInPolygon, distance, point, pointToLineDistance } from '@turf/turf';
import type { BBox, LineString, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_5G_DISTRICTS, SAMPLE_SCENARIO_FILE, buildSampleScenario } from '../../geodata/scripts/sampleScenario';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { parseScenarioFile, type ScenarioMeta } from '../../src/domain/scenarioFile';
import type { Site } from '../../src/domain/site';
import { data, dataText, districts, type AreaFeature } from './load';

const text = dataText(SAMPLE_SCENARIO_FILE);
let meta: ScenarioMeta;
let sites: Site[];
/** Adcode of each site's district by turf, or undefined. */
const districtOf = new Map<string, string | undefined>();

const withBox = <T extends AreaFeature | { geometry: LineString }>(f: T) => ({ f, box: bbox(f as never) as BBox });
const inBox = (b: BBox, lon: number, lat: number, margin = 0) =>
  lon >= b[0] - margin && lon <= b[2] + margin && lat >= b[1] - margin && lat <= b[3] + margin;

const districtBoxes = districts().map(withBox);
const ring = data<Polygon>('outer-ring-area.geojson').features[0]!;
const municipal = data<MultiPolygon>('municipal.geojson').features[0]!;
const ocean = data<Polygon | MultiPolygon>('ocean.geojson').features;
const rivers = data<LineString>('rivers.geojson').features.map(withBox);

function turfDistrict(lon: number, lat: number): string | undefined {
  const p = point([lon, lat]);
  return districtBoxes.find(({ f, box }) => inBox(box, lon, lat) && booleanPointInPolygon(p, f))?.f.properties.adcode;
}

beforeAll(() => {
  ({ meta, sites } = parseScenarioFile(JSON.parse(text)));
  for (const s of sites) districtOf.set(s.id, turfDistrict(s.lon, s.lat));
});

const ofType = (type: Site['type']) => sites.filter((s) => s.type === type);

describe('sample scenario (illustrative)', () => {
  it('parses with the scenario schema and is labelled illustrative, file and every site', () => {
    expect(meta.format).toBe('shanghai-siting-scenario');
    expect(meta.illustrative).toBe(true);
    expect(meta.name_zh).toBe('示例情景（虚构，仅供演示）');
    expect(meta.name_en).toBe('Illustrative sample (made up, for demonstration)');
    expect(meta.method_en).toMatch(/seeded/);
    expect(sites.every((s) => s.illustrative === true)).toBe(true);
    expect(sites.every((s) => s.name?.startsWith('示例'))).toBe(true);
  });

  it('is compact: under 1 MB, coordinates to at most 6 decimals', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(1_000_000);
    for (const s of sites) {
      expect(Math.round(s.lon * 1e6) / 1e6).toBe(s.lon);
      expect(Math.round(s.lat * 1e6) / 1e6).toBe(s.lat);
    }
  });

  it('puts every site inside a district polygon, on land (municipal outline, not the sea)', () => {
    const outside = sites.filter((s) => districtOf.get(s.id) === undefined).map((s) => s.id);
    expect(outside).toEqual([]);
    const offLand = sites
      .filter((s) => !booleanPointInPolygon(point([s.lon, s.lat]), municipal) || ocean.some((o) => booleanPointInPolygon(point([s.lon, s.lat]), o)))
      .map((s) => s.id);
    expect(offLand).toEqual([]);
  });

  it('keeps every site at least 80 m from every river line', () => {
    let nearest = Infinity;
    for (const s of sites) {
      const p = point([s.lon, s.lat]);
      for (const { f, box } of rivers) {
        // Beyond 0.002° (> 190 m here) of a line's box, the line is further than 80 m.
        if (!inBox(box, s.lon, s.lat, 0.002)) continue;
        const d = pointToLineDistance(p, f, { units: 'meters' });
        nearest = Math.min(nearest, d);
        expect(d, `${s.id} is ${d.toFixed(0)} m from a river`).toBeGreaterThanOrEqual(80);
      }
    }
    expect(nearest).toBeLessThan(1000); // the check did meet rivers
  });

  it('has all three statuses: planned charging stations and candidate 5G sites', () => {
    expect(new Set(sites.map((s) => s.status))).toEqual(new Set(['existing', 'planned', 'candidate']));
    const planned = sites.filter((s) => s.status === 'planned');
    const candidate = sites.filter((s) => s.status === 'candidate');
    expect(planned.every((s) => s.type === 'ev-charging-station')).toBe(true);
    expect(candidate.every((s) => s.type === '5g-macro')).toBe(true);
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(planned.length).toBeLessThanOrEqual(12);
    expect(candidate.length).toBeGreaterThanOrEqual(3);
    expect(candidate.length).toBeLessThanOrEqual(15);
  });

  it('has the intended numbers of each type, where intended', () => {
    expect(new Set(sites.map((s) => s.type))).toEqual(new Set(['ev-charging-station', '5g-macro', 'parcel-locker']));
    const ev = ofType('ev-charging-station');
    const g5 = ofType('5g-macro');
    const lockers = ofType('parcel-locker');
    expect(ev.length).toBeGreaterThanOrEqual(200);
    expect(ev.length).toBeLessThanOrEqual(1000);
    expect(g5.length).toBeGreaterThanOrEqual(300);
    expect(g5.length).toBeLessThanOrEqual(3000);
    expect(lockers.length).toBeGreaterThanOrEqual(200);
    expect(lockers.length).toBeLessThanOrEqual(600);
    // Charging piles per station: 4–20.
    expect(ev.every((s) => s.capacity !== undefined && s.capacity >= 4 && s.capacity <= 20)).toBe(true);
    expect([...g5, ...lockers].every((s) => s.capacity === undefined)).toBe(true);
    // Charging stations in every district; 5G sites only, and in each of, the sample's plan districts.
    const evDistricts = new Set(ev.map((s) => districtOf.get(s.id)));
    expect(evDistricts.size).toBe(16);
    const g5Districts = new Set(g5.map((s) => districtOf.get(s.id)));
    expect([...g5Districts].sort()).toEqual([...SAMPLE_5G_DISTRICTS].sort());
    for (const a of SAMPLE_5G_DISTRICTS) expect(BUNDLED_PLANS.map((p) => p.district), a).toContain(a);
    // Lockers in the four scatter districts at least.
    const lockerDistricts = new Set(lockers.map((s) => districtOf.get(s.id)));
    for (const a of ['310106', '310110', '310112', '310120']) expect(lockerDistricts.has(a)).toBe(true);
  });

  it('leaves gaps: existing charging stations cover ~60–85 % of Minhang under 0.9 / 1.5 km, less of Chongming', () => {
    const ev = ofType('ev-charging-station').filter((s) => s.status === 'existing');
    const share = (adcode: string): number => {
      const d = districtBoxes.find(({ f }) => f.properties.adcode === adcode)!;
      const step = 0.003; // ~300 m
      let all = 0;
      let covered = 0;
      for (let lat = d.box[1] + step / 2; lat < d.box[3]; lat += step) {
        for (let lon = d.box[0] + step / 2; lon < d.box[2]; lon += step) {
          const p = point([lon, lat]);
          if (!booleanPointInPolygon(p, d.f)) continue;
          all++;
          const radiusKm = booleanPointInPolygon(p, ring) ? 0.9 : 1.5;
          const near = ev.filter((s) => Math.abs(s.lon - lon) < 0.02 && Math.abs(s.lat - lat) < 0.02);
          if (near.some((s) => distance(p, point([s.lon, s.lat]), { units: 'kilometers' }) <= radiusKm)) covered++;
        }
      }
      return covered / all;
    };
    const minhang = share('310112');
    const chongming = share('310151');
    expect(minhang).toBeGreaterThan(0.6);
    expect(minhang).toBeLessThan(0.85);
    expect(chongming).toBeLessThan(minhang);
    expect(chongming).toBeGreaterThan(0.1);
  });

  it('is what the generator makes from the shipped geometry, byte for byte', () => {
    const rebuilt = buildSampleScenario();
    expect(rebuilt.text === text, 'public/data/sample-scenario.geojson is stale: run npm run geodata').toBe(true);
    // The generator's own district assignment agrees with turf's.
    const disagree = sites.filter((s) => rebuilt.districtOf.get(s.id) !== districtOf.get(s.id)).map((s) => s.id);
    expect(disagree).toEqual([]);
  });
});
