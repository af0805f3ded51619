import { describe, expect, it } from 'vitest';
import type { Point } from 'geojson';
import type { z } from 'zod';
import {
  districtsSchema,
  elevatedRoadsSchema,
  landSchema,
  metroLinesSchema,
  metroStationsSchema,
  municipalSchema,
  oceanSchema,
  outerRingAreaSchema,
  outerRingLinesSchema,
  riversSchema,
  zonesSchema,
} from '../../src/domain/geodata';
import { data, dataText, source } from './load';

const SHIPPED: [string, z.ZodTypeAny][] = [
  ['districts.geojson', districtsSchema],
  ['zones.geojson', zonesSchema],
  ['outer-ring-area.geojson', outerRingAreaSchema],
  ['outer-ring-s20.geojson', outerRingLinesSchema],
  ['municipal.geojson', municipalSchema],
  ['land.geojson', landSchema],
  ['ocean.geojson', oceanSchema],
  ['rivers.geojson', riversSchema],
  ['elevated-roads.geojson', elevatedRoadsSchema],
  ['metro-lines.geojson', metroLinesSchema],
  ['metro-stations.geojson', metroStationsSchema],
];

/** Deep copy, so each broken variant starts from the real file. */
const copy = <T>(v: T): T => structuredClone(v);
const issues = (r: { success: boolean; error?: { issues: unknown[] } }) => JSON.stringify(r.error?.issues ?? []);

describe('every shipped file passes its schema', () => {
  it.each(SHIPPED)('%s', (file, schema) => {
    const r = schema.safeParse(data(file));
    expect(r.success, issues(r)).toBe(true);
  });

  it.each(SHIPPED)('%s is compact JSON with a provenance metadata object', (file) => {
    const text = dataText(file);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd()).not.toMatch(/\n/);
    const fc = data(file);
    expect(fc.metadata).toMatchObject({
      license: expect.any(String),
      attribution: expect.any(String),
      coordinateSystem: expect.stringMatching(/WGS 84/),
      derivation: expect.any(String),
      source_files: expect.any(Array),
    });
  });

  it('no shipped coordinate has more than 6 decimals', () => {
    for (const [file] of SHIPPED) {
      const long = dataText(file).match(/\d+\.\d{7,}(?=[,\]])/);
      expect(long, file).toBeNull();
    }
  });
});

describe('broken variants are rejected', () => {
  const districts = data('districts.geojson');

  it('a district whose longitude and latitude are swapped', () => {
    const broken = copy(districts);
    const g = broken.features[0]!.geometry;
    if (g.type !== 'Polygon') throw new Error('test expects Huangpu (first) to be a Polygon');
    g.coordinates = g.coordinates.map((ring) => ring.map(([lon, lat]) => [lat!, lon!]));
    const r = districtsSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(issues(r)).toMatch(/outside the Shanghai region/);
  });

  it('a district without an adcode', () => {
    const broken = copy(districts);
    delete (broken.features[3]!.properties as Record<string, unknown>).adcode;
    const r = districtsSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(issues(r)).toMatch(/adcode/);
  });

  it('a district with a malformed adcode', () => {
    const broken = copy(districts);
    (broken.features[3]!.properties as Record<string, unknown>).adcode = '320106';
    expect(districtsSchema.safeParse(broken).success).toBe(false);
  });

  it('a district whose ring is not closed', () => {
    const broken = copy(districts);
    const g = broken.features[0]!.geometry;
    if (g.type !== 'Polygon') throw new Error('test expects a Polygon');
    g.coordinates[0]!.pop();
    const r = districtsSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(issues(r)).toMatch(/closed/);
  });

  it('a districts file missing one district', () => {
    const broken = copy(districts);
    broken.features.pop();
    expect(districtsSchema.safeParse(broken).success).toBe(false);
  });

  it('a zone with an unclosed ring, an unknown precision, or a duplicate id', () => {
    const zones = data('zones.geojson');
    const unclosed = copy(zones);
    const g = unclosed.features.find((f) => f.geometry.type === 'Polygon')!.geometry;
    if (g.type !== 'Polygon') throw new Error('unreachable');
    g.coordinates[0]!.pop();
    expect(zonesSchema.safeParse(unclosed).success).toBe(false);

    const guessed = copy(zones);
    (guessed.features[0]!.properties as Record<string, unknown>).precision = 'guess';
    expect(zonesSchema.safeParse(guessed).success).toBe(false);

    const duplicated = copy(zones);
    duplicated.features.push(copy(duplicated.features[0]!));
    expect(zonesSchema.safeParse(duplicated).success).toBe(false);
  });

  it('a metro station with swapped coordinates', () => {
    const stations = copy(data('metro-stations.geojson'));
    const g = stations.features[0]!.geometry;
    if (g.type !== 'Point') throw new Error('unreachable');
    g.coordinates = [g.coordinates[1]!, g.coordinates[0]!];
    expect(metroStationsSchema.safeParse(stations).success).toBe(false);
  });

  it('a base-map polygon pushed beyond the base-map box (here to 124° E)', () => {
    const ocean = copy(data('ocean.geojson'));
    const g = ocean.features[0]!.geometry;
    if (g.type !== 'MultiPolygon') throw new Error('test expects the ocean to be a MultiPolygon');
    g.coordinates = g.coordinates.map((poly) => poly.map((ring) => ring.map(([lon, lat]) => [lon! + 1, lat!])));
    expect(oceanSchema.safeParse(ocean).success).toBe(false);
  });
});

describe('layer contents', () => {
  it('districts carry exactly the contract properties', () => {
    for (const f of data('districts.geojson').features) {
      expect(Object.keys(f.properties ?? {}).sort()).toEqual(
        ['adcode', 'area_km2_geodesic', 'name', 'name_en', 'name_pinyin'].sort(),
      );
    }
  });

  it('rivers are only GSHHG river lines (no shoreline)', () => {
    const rivers = data('rivers.geojson');
    const src = source('shanghai_region_gshhg_shoreline_rivers.geojson');
    const srcRivers = src.features.filter((f) => f.properties?.kind === 'river');
    expect(rivers.features.length).toBe(srcRivers.length);
    expect(rivers.features.every((f) => f.properties?.kind === 'river' && f.geometry.type === 'LineString')).toBe(true);
  });

  it('metro stations: all 408, readable Latin names, lines kept', () => {
    const stations = data<Point>('metro-stations.geojson');
    const src = source<Point>('shanghai_metro_stations_408_mit.geojson');
    expect(stations.features.length).toBe(408);
    const byZh = new Map(src.features.map((f) => [String(f.properties.name_zh), f.properties]));
    for (const f of stations.features) {
      const p = f.properties as { name_zh: string; name_latin: string; lines: string[] };
      const s = byZh.get(p.name_zh);
      expect(s, p.name_zh).toBeDefined();
      expect(p.name_latin).toMatch(/^[A-Z][a-z]*$/);
      expect(p.name_latin.toLowerCase()).toBe(String(s!.name_latin).replace(/\d+$/, ''));
      expect(p.lines).toEqual(s!.lines);
    }
    const aiguo = stations.features.find((f) => f.properties.name_zh === '爱国路');
    expect(aiguo?.properties.name_latin).toBe('Aiguolu');
  });

  it('metro lines and elevated roads keep every source feature', () => {
    expect(data('metro-lines.geojson').features.length).toBe(
      source('shanghai_metro_lines_osm.geojson').features.length,
    );
    expect(data('elevated-roads.geojson').features.length).toBe(
      source('shanghai_major_elevated_roads_osm.geojson').features.length,
    );
    expect(data('outer-ring-s20.geojson').features.every((f) => f.properties?.ref === 'S20')).toBe(true);
  });
});
