import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { buildBaseStyle, DEFAULT_VISIBILITY, GROUP_LAYERS, LAYER_GROUPS, layerVisible } from '../../src/map/baseStyle';
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
  const style = buildBaseStyle(data, 'zh', DEFAULT_VISIBILITY);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('needs no server: no glyphs, no sprite, only inline GeoJSON sources', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const [id, source] of Object.entries(style.sources)) {
      expect(source.type, id).toBe('geojson');
      expect(typeof (source as { data: unknown }).data, id).toBe('object');
    }
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('labels in the chosen language', () => {
    const en = buildBaseStyle(data, 'en', DEFAULT_VISIBILITY);
    const field = (s: typeof style) => JSON.stringify(s.layers.find((l) => l.id === 'district-labels')!.layout);
    expect(field(style)).toContain('"name"');
    expect(field(en)).toContain('"name_en"');
  });

  it('every toggle group names layers that exist, and hiding a group hides them', () => {
    const ids = new Set(style.layers.map((l) => l.id));
    for (const group of LAYER_GROUPS) {
      for (const id of GROUP_LAYERS[group]) expect(ids.has(id), `${group} → ${id}`).toBe(true);
      const hidden = buildBaseStyle(data, 'zh', { ...DEFAULT_VISIBILITY, [group]: false });
      for (const id of GROUP_LAYERS[group]) {
        const layer = hidden.layers.find((l) => l.id === id)!;
        expect((layer.layout as { visibility?: string }).visibility, id).toBe('none');
      }
    }
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
