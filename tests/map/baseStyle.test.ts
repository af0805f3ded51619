import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import {
  BASE_SOURCE_FILES,
  BASE_SOURCE_IDS,
  buildBaseStyle,
  DEFAULT_VISIBILITY,
  GROUP_LAYERS,
  LAYER_GROUPS,
  layerVisible,
  linkedBaseSources,
  type FileSourceId,
} from '../../src/map/baseStyle';
import { inlineBaseSources, sourceDataKey } from '../../src/map/baseSources';
import { STYLE_PLAN_DISTRICTS } from '../../src/map/styleConstants';
import { PLAN_DISTRICT_ADCODES } from '../../src/domain/planDocuments';
import { labelPoint } from '../../src/map/labelPoints';
import { parseGeodataFile, GEODATA_FILES, type Geodata, type GeodataKey } from '../../src/io/loadGeodata';

function loadShipped(): Geodata {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(GEODATA_FILES) as GeodataKey[]) {
    const text = readFileSync(fileURLToPath(new URL(`../../public/data/${GEODATA_FILES[key].file}`, import.meta.url)), 'utf8');
    const r = parseGeodataFile(key, text);
    if ('error' in r) throw new Error(`${r.error.file}: ${r.error.message}`);
    data[key] = r.value;
  }
  return data as Geodata;
}

describe('base style', () => {
  const data = loadShipped();
  const style = buildBaseStyle(inlineBaseSources(data), 'zh', DEFAULT_VISIBILITY);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('needs no server: no glyphs, no sprite, only inline GeoJSON sources (inline form)', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const [id, source] of Object.entries(style.sources)) {
      expect(source.type, id).toBe('geojson');
      expect(typeof (source as { data: unknown }).data, id).toBe('object');
    }
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('labels in the chosen language', () => {
    const en = buildBaseStyle(inlineBaseSources(data), 'en', DEFAULT_VISIBILITY);
    const field = (s: typeof style) => JSON.stringify(s.layers.find((l) => l.id === 'district-labels')!.layout);
    expect(field(style)).toContain('"name"');
    expect(field(en)).toContain('"name_en"');
  });

  it('every toggle group names layers that exist, and hiding a group hides them', () => {
    const ids = new Set(style.layers.map((l) => l.id));
    for (const group of LAYER_GROUPS) {
      for (const id of GROUP_LAYERS[group]) expect(ids.has(id), `${group} → ${id}`).toBe(true);
      const hidden = buildBaseStyle(inlineBaseSources(data), 'zh', { ...DEFAULT_VISIBILITY, [group]: false });
      for (const id of GROUP_LAYERS[group]) {
        const layer = hidden.layers.find((l) => l.id === id)!;
        expect((layer.layout as { visibility?: string }).visibility, id).toBe('none');
      }
    }
  });

  it('inline sources hold every validated file’s features, and one label anchor per district and zone', () => {
    const sources = inlineBaseSources(data);
    for (const id of Object.keys(BASE_SOURCE_FILES) as FileSourceId[]) {
      const file = data[sourceDataKey(id)] as { features: unknown[] };
      expect((sources[id] as GeoJSON.FeatureCollection).features, id).toBe(file.features);
    }
    expect((sources['district-labels'] as GeoJSON.FeatureCollection).features).toHaveLength(data.districts!.features.length);
    expect((sources['zone-labels'] as GeoJSON.FeatureCollection).features).toHaveLength(data.zones!.features.length);
    // A file that did not validate draws as nothing rather than failing the style.
    const withoutZones = inlineBaseSources({ ...data, zones: undefined });
    expect((withoutZones.zones as GeoJSON.FeatureCollection).features).toEqual([]);
    expect((withoutZones['zone-labels'] as GeoJSON.FeatureCollection).features).toEqual([]);
  });

  it('the metro layer leaves out the "network" feature that repeats every line', () => {
    const metro = data.metroLines!.features;
    expect(metro.some((f) => f.properties.route === 'network')).toBe(true);
    const layer = style.layers.find((l) => l.id === 'metro-lines') as { filter: unknown };
    expect(layer.filter).toEqual(['!=', ['get', 'route'], 'network']);
  });

  it('lists the districts first, so MapLibre parses them before the rest', () => {
    expect(Object.keys(style.sources)[0]).toBe('districts');
    expect(Object.keys(style.sources).sort()).toEqual([...BASE_SOURCE_IDS].sort());
  });

  it('highlights the districts the bundled plans cover (its own list agrees with the plans)', () => {
    expect([...STYLE_PLAN_DISTRICTS].sort()).toEqual([...PLAN_DISTRICT_ADCODES].sort());
  });

  describe('linked sources (the embed)', () => {
    const dataUrl = 'http://127.0.0.1:4173/app/data/';
    const linked = buildBaseStyle(linkedBaseSources(dataUrl), 'zh', DEFAULT_VISIBILITY);

    it('is a valid style whose file sources are URLs of the shipped files under the given folder only', () => {
      expect(validateStyleMin(linked)).toEqual([]);
      for (const id of Object.keys(BASE_SOURCE_FILES) as FileSourceId[]) {
        const url = (linked.sources[id] as { data: unknown }).data as string;
        expect(url, id).toBe(`${dataUrl}${GEODATA_FILES[sourceDataKey(id)].file}`);
        const shipped = fileURLToPath(new URL(`../../public/data/${BASE_SOURCE_FILES[id]}`, import.meta.url));
        expect(() => readFileSync(shipped), id).not.toThrow();
      }
      const urls = JSON.stringify(linked).match(/https?:\/\/[^"]*/g) ?? [];
      expect(urls.length).toBe(Object.keys(BASE_SOURCE_FILES).length);
      for (const url of urls) expect(url.startsWith(dataUrl), url).toBe(true);
    });

    it('starts the label sources empty (they are computed from validated data) and keeps the same layers', () => {
      expect((linked.sources['district-labels'] as { data: GeoJSON.FeatureCollection }).data.features).toEqual([]);
      expect((linked.sources['zone-labels'] as { data: GeoJSON.FeatureCollection }).data.features).toEqual([]);
      expect(linked.layers).toEqual(style.layers);
    });
  });

  it('a layer in two groups shows only when both are on', () => {
    expect(layerVisible('zone-labels', { ...DEFAULT_VISIBILITY, labels: false })).toBe(false);
    expect(layerVisible('zone-labels', { ...DEFAULT_VISIBILITY, zones: false })).toBe(false);
    expect(layerVisible('zone-labels', DEFAULT_VISIBILITY)).toBe(true);
  });
});

describe('labelPoint', () => {
  it('puts a C-shaped polygon’s label inside it, where its centroid is not', () => {
    // A "C" opening east: the centre of mass falls in the notch.
    const c: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [[[121, 31], [121.3, 31], [121.3, 31.05], [121.05, 31.05], [121.05, 31.25], [121.3, 31.25], [121.3, 31.3], [121, 31.3], [121, 31]]],
    };
    expect(turf.booleanPointInPolygon(turf.centerOfMass(c), c)).toBe(false);
    expect(turf.booleanPointInPolygon(labelPoint(c), c)).toBe(true);
  });

  it('labels the largest part of a MultiPolygon', () => {
    const small = [[[122, 31], [122.01, 31], [122.01, 31.01], [122, 31.01], [122, 31]]];
    const big = [[[121, 31], [121.2, 31], [121.2, 31.2], [121, 31.2], [121, 31]]];
    const [lon, lat] = labelPoint({ type: 'MultiPolygon', coordinates: [small, big] });
    expect(lon).toBeCloseTo(121.1, 3);
    expect(lat).toBeCloseTo(31.1, 2);
  });
});
