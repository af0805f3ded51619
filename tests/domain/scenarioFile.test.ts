import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZodError } from 'zod';
import { metaArb, sitesArb } from '../share/arbitraries';
import {
  parseScenarioFile,
  parseScenarioFileChecked,
  scenarioFileSchema,
  scenarioToGeoJSON,
  type ScenarioMeta,
} from '../../src/domain/scenarioFile';
import type { Site } from '../../src/domain/site';
import { describeZodError } from '../../src/io/describeZodError';

const meta: ScenarioMeta = {
  format: 'shanghai-siting-scenario',
  version: 1,
  name_zh: '测试情景',
  name_en: 'Test scenario',
  illustrative: true,
  description_en: 'Three made-up sites.',
  method_en: 'Typed by hand.',
};

const sites: Site[] = [
  { id: 'ev-1', type: 'ev-charging-station', lon: 121.381, lat: 31.112, name: '示例充电站 1', status: 'existing', capacity: 8, illustrative: true },
  { id: '5g-1', type: '5g-macro', lon: 121.5123456, lat: 31.298765, status: 'candidate', radiusKm: 0.4, illustrative: true },
  { id: 'locker-1', type: 'parcel-locker', lon: 121.45, lat: 31.23, name: '示例快递柜 1', status: 'planned', illustrative: true },
];

/** A valid file as plain JSON, to be broken by each test. */
function validFile(): Record<string, unknown> & { features: Record<string, unknown>[]; scenario: Record<string, unknown> } {
  return JSON.parse(JSON.stringify(scenarioToGeoJSON(meta, sites)));
}

/** The ZodError parseScenarioFile throws for `raw`. */
function errorOf(raw: unknown): ZodError {
  try {
    parseScenarioFile(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ZodError);
    return e as ZodError;
  }
  throw new Error('parseScenarioFile accepted the file');
}

describe('scenario file', () => {
  it('round-trips meta and sites exactly, through JSON text too', () => {
    const text = JSON.stringify(scenarioToGeoJSON(meta, sites));
    const parsed = parseScenarioFile(JSON.parse(text));
    expect(parsed.meta).toStrictEqual(meta);
    expect(parsed.sites).toStrictEqual(sites);
    expect(JSON.stringify(scenarioToGeoJSON(parsed.meta, parsed.sites))).toBe(text);
  });

  it('writes members in a fixed order and leaves absent optional fields out', () => {
    const fc = scenarioToGeoJSON(meta, sites);
    expect(Object.keys(fc)).toEqual(['type', 'scenario', 'features']);
    expect(Object.keys(fc.scenario)).toEqual(['format', 'version', 'name_zh', 'name_en', 'illustrative', 'description_en', 'method_en']);
    expect(Object.keys(fc.features[0]!)).toEqual(['type', 'properties', 'geometry']);
    expect(Object.keys(fc.features[0]!.properties)).toEqual(['id', 'type', 'status', 'name', 'capacity', 'illustrative']);
    expect(Object.keys(fc.features[1]!.properties)).toEqual(['id', 'type', 'status', 'radiusKm', 'illustrative']);
    expect(fc.features[1]!.geometry).toEqual({ type: 'Point', coordinates: [121.5123456, 31.298765] });
    expect(scenarioFileSchema.safeParse(fc).success).toBe(true);
  });

  it('accepts a non-illustrative scenario whose sites carry no flag, and drops an elevation', () => {
    const file = validFile();
    file.scenario.illustrative = false;
    for (const f of file.features) delete (f.properties as Record<string, unknown>).illustrative;
    (file.features[0]!.geometry as { coordinates: number[] }).coordinates.push(12.5);
    const { meta: m, sites: s } = parseScenarioFile(file);
    expect(m.illustrative).toBe(false);
    expect(s[0]).toStrictEqual({ id: 'ev-1', type: 'ev-charging-station', lon: 121.381, lat: 31.112, name: '示例充电站 1', status: 'existing', capacity: 8 });
  });

  it('accepts an empty scenario', () => {
    expect(parseScenarioFile(scenarioToGeoJSON(meta, [])).sites).toEqual([]);
  });

  it('rejects a feature whose geometry is not a Point, naming the feature', () => {
    const file = validFile();
    file.features[1]!.geometry = { type: 'LineString', coordinates: [[121.5, 31.2], [121.6, 31.3]] };
    const err = errorOf(file);
    const issue = err.issues.find((i) => i.path.join('.') === 'features.1.geometry.type');
    expect(issue?.message).toContain('site "5g-1"');
    expect(issue?.message).toContain('must be a Point, got LineString');
    expect(describeZodError(err)).toContain('feature 2 › geometry › type: site "5g-1": a site must be a Point, got LineString');
  });

  it('rejects duplicate site ids, naming both features', () => {
    const file = validFile();
    (file.features[2]!.properties as Record<string, unknown>).id = 'ev-1';
    const err = errorOf(file);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]!.path).toEqual(['features', 2, 'properties', 'id']);
    expect(err.issues[0]!.message).toBe('duplicate site id "ev-1" (feature 1 has it too)');
    expect(describeZodError(err)).toMatch(/^feature 3 › properties › id: duplicate site id "ev-1"/);
  });

  it('rejects a scenario without `illustrative`', () => {
    const file = validFile();
    delete file.scenario.illustrative;
    const err = errorOf(file);
    expect(err.issues[0]!.path).toEqual(['scenario', 'illustrative']);
    expect(err.issues[0]!.message).toContain('scenario.illustrative must be true or false');
  });

  it('rejects a site without `illustrative: true` in an illustrative scenario, naming it', () => {
    const file = validFile();
    delete (file.features[1]!.properties as Record<string, unknown>).illustrative;
    const err = errorOf(file);
    expect(err.issues[0]!.path).toEqual(['features', 1, 'properties', 'illustrative']);
    expect(err.issues[0]!.message).toContain('site "5g-1" must be marked "illustrative": true');
  });

  it('rejects coordinates outside Shanghai (e.g. latitude and longitude swapped), naming the feature', () => {
    const file = validFile();
    file.features[0]!.geometry = { type: 'Point', coordinates: [31.112, 121.381] };
    const err = errorOf(file);
    const paths = err.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['features.0.geometry.coordinates.0', 'features.0.geometry.coordinates.1']);
    expect(err.issues[0]!.message).toBe(
      'site "ev-1": longitude 31.112 is outside the Shanghai region (is it [longitude, latitude] in WGS-84?)',
    );
    expect(describeZodError(err)).toContain('feature 1 › geometry › coordinates[0]: site "ev-1": longitude 31.112');

    const far = validFile();
    far.features[2]!.geometry = { type: 'Point', coordinates: [116.4, 39.9] };
    expect(errorOf(far).issues.every((i) => i.path[1] === 2 && i.message.startsWith('site "locker-1"'))).toBe(true);
  });

  it('rejects unknown site fields, an unknown type or status, and a wrong format', () => {
    const extra = validFile();
    (extra.features[0]!.properties as Record<string, unknown>).colour = 'red';
    expect(errorOf(extra).issues[0]!.path).toEqual(['features', 0, 'properties']);

    const type = validFile();
    (type.features[0]!.properties as Record<string, unknown>).type = 'teleporter';
    expect(errorOf(type).issues[0]!.message).toMatch(/^site "ev-1": /);

    const status = validFile();
    (status.features[0]!.properties as Record<string, unknown>).status = 'built';
    expect(errorOf(status).issues[0]!.path).toEqual(['features', 0, 'properties', 'status']);

    const format = validFile();
    format.scenario.format = 'something-else';
    expect(errorOf(format).issues[0]!.message).toBe('scenario.format must be "shanghai-siting-scenario"');

    expect(() => parseScenarioFile({ type: 'FeatureCollection', features: [] })).toThrow(ZodError);
    expect(() => parseScenarioFile(null)).toThrow(ZodError);
  });
});

/**
 * A sound file is read by hand (parseScenarioFile), any other by zod (parseScenarioFileChecked, the
 * reference): on files drawn at random — sound, and broken in a feature, a field, an id or a mark —
 * both give the same meta and sites, or both refuse.
 */
describe('parseScenarioFile: the hand reading against zod', () => {
  const outcome = (read: () => { meta: ScenarioMeta; sites: Site[] }) => {
    try {
      return { ok: read() };
    } catch (e) {
      expect(e).toBeInstanceOf(ZodError);
      return { refused: true };
    }
  };
  const edit = fc.record({
    at: fc.nat(),
    where: fc.constantFrom('properties', 'geometry', 'coordinates', 'feature', 'scenario'),
    key: fc.constantFrom('id', 'type', 'status', 'name', 'capacity', 'radiusKm', 'year', 'illustrative', 'lon', 'extra', '0', '1', '2'),
    value: fc.constantFrom<unknown>(undefined, null, '', 'x', 'Point', 'LineString', 'existing', true, false, 0, -1, 1.5, 2020, 2101, 51, 120.5, 121.5, 122.6, 31.2, 32.3, Number.NaN, [], {}),
  });
  const files = fc.tuple(metaArb, sitesArb(10), fc.array(edit, { maxLength: 3 }), fc.boolean()).map(([m, list, edits, dupe]) => {
    const scenarioMeta: ScenarioMeta = m ?? { format: 'shanghai-siting-scenario', version: 1, name_zh: '情景', name_en: 'scenario', illustrative: false };
    type Obj = Record<string, unknown>;
    type Feature = { properties: Obj; geometry: Obj & { coordinates: unknown[] } } & Obj;
    const file = JSON.parse(JSON.stringify(scenarioToGeoJSON(scenarioMeta, scenarioMeta.illustrative ? list.map((s) => ({ ...s, illustrative: true })) : list))) as { scenario: Obj; features: Feature[] };
    const features = file.features;
    for (const e of edits) {
      const f = features[e.at % Math.max(1, features.length)];
      if (e.where === 'scenario') file.scenario[e.key] = e.value;
      else if (!f) continue;
      else if (e.where === 'feature') f[e.key === 'id' ? 'type' : e.key] = e.value;
      else if (e.where === 'coordinates') f.geometry.coordinates[Number(e.key) % 3] = e.value;
      else f[e.where][e.key] = e.value;
    }
    if (dupe && features.length > 1) features[1]!.properties.id = features[0]!.properties.id;
    return file;
  });

  it('the same meta and sites, or both refuse', () => {
    fc.assert(
      fc.property(files, (file) => {
        expect(outcome(() => parseScenarioFile(file))).toEqual(outcome(() => parseScenarioFileChecked(file)));
      }),
      { numRuns: 600 },
    );
  });
});
