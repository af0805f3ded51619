/**
 * A tile archive's style (schema told from vector_layers, layers valid for MapLibre, local fonts,
 * no sprite) and the names it gives the place search, read from the committed fixture and checked
 * against the source roads.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { ARCHIVE_SOURCE, archiveLayers, archiveSchema, type ArchiveLook } from '../../src/map/archiveStyle';
import { archiveNames, MAX_TILES, nameTiles } from '../../src/map/archiveNames';
import { ArchiveProblem, openArchive } from '../../src/map/pmtilesSource';
import { LABEL_FONTS } from '../../src/map/palette';
import { readRoads } from '../../scripts/build-tile-fixture';
import { haversineM } from '../../src/domain/geodesy';

const fixture = (name: string) => new Blob([readFileSync(resolve(__dirname, '../fixtures/tiles', name))]);

describe('archive schema', () => {
  it('is told by the layer names', () => {
    expect(archiveSchema(['earth', 'water', 'roads', 'places', 'pois', 'landuse', 'buildings', 'boundaries', 'transit', 'natural'])).toBe('protomaps');
    expect(archiveSchema(['roads'])).toBe('protomaps');
    expect(archiveSchema(['water', 'waterway', 'landcover', 'landuse', 'park', 'boundary', 'transportation', 'transportation_name', 'building', 'water_name', 'place', 'poi', 'aeroway', 'housenumber'])).toBe('openmaptiles');
    expect(archiveSchema(['water'])).toBe('other');
    expect(archiveSchema(['my_layer'])).toBe('other');
  });
});

describe('archive layers', () => {
  const looks: ArchiveLook[] = [
    { format: 'mvt', schema: 'protomaps', vectorLayers: ['roads'] },
    { format: 'mvt', schema: 'openmaptiles', vectorLayers: ['transportation'] },
    { format: 'mvt', schema: 'other', vectorLayers: ['a', 'b'] },
    { format: 'png', schema: null, vectorLayers: [] },
  ];
  for (const look of looks)
    for (const lang of ['zh', 'en'] as const)
      it(`${look.schema ?? look.format} (${lang}): a valid style with local fonts, no icons, names from name fields`, () => {
        const layers = archiveLayers(look, lang);
        const style: StyleSpecification = {
          version: 8,
          sources: { [ARCHIVE_SOURCE]: look.format === 'mvt' ? { type: 'vector', tiles: ['tilearchive://1/{z}/{x}/{y}'] } : { type: 'raster', tiles: ['tilearchive://1/{z}/{x}/{y}'] } },
          layers,
        };
        // The style-spec validator wants a glyphs URL for text; the app draws glyphs locally without one.
        expect(validateStyleMin({ ...style, glyphs: 'local://{fontstack}/{range}' } as never)).toEqual([]);
        expect(layers.length).toBeGreaterThan(0);
        expect(new Set(layers.map((l) => l.id)).size).toBe(layers.length);
        for (const l of layers) {
          expect(l.id.startsWith('archive-')).toBe(true);
          expect(l.type).not.toBe('background');
          if (l.type !== 'symbol') continue;
          expect(l.layout?.['text-font']).toEqual(LABEL_FONTS);
          expect(l.layout?.['icon-image']).toBeUndefined();
          expect(JSON.stringify(l.layout?.['text-field'])).toContain(lang === 'zh' ? '"name:zh-Hans"' : '"name:en"');
        }
        if (look.format === 'mvt') expect(layers.some((l) => l.type === 'symbol')).toBe(true);
      });
});

describe('opening an archive', () => {
  it('reads the fixture header, format and schema', async () => {
    const a = await openArchive(fixture('peoples-square-vector.pmtiles'), 'v.pmtiles');
    expect([a.format, a.schema, a.vectorLayers, a.header.minZoom, a.header.maxZoom]).toEqual(['mvt', 'protomaps', ['roads'], 12, 15]);
    expect(a.attribution).toContain('OpenStreetMap');
    const r = await openArchive(fixture('peoples-square-raster.pmtiles'), 'r.pmtiles');
    expect([r.format, r.schema]).toEqual(['png', null]);
  });

  it('refuses a file that is not PMTiles v3, saying so with its name', async () => {
    await expect(openArchive(new Blob(['{"type":"FeatureCollection"}']), 'roads.geojson')).rejects.toThrow(ArchiveProblem);
    await expect(openArchive(new Blob(['{"type":"FeatureCollection"}']), 'roads.geojson')).rejects.toThrow(/roads\.geojson: not a PMTiles archive/);
    const v2 = new Uint8Array(readFileSync(resolve(__dirname, '../fixtures/tiles/peoples-square-vector.pmtiles')));
    v2[7] = 2;
    await expect(openArchive(new Blob([v2]), 'old.pmtiles')).rejects.toThrow(/old\.pmtiles: PMTiles version 2/);
  });
});

describe('archive names for the search', () => {
  it('are every named road of the fixture, each at a vertex of a road of that name (< 1.5 m)', async () => {
    const a = await openArchive(fixture('peoples-square-vector.pmtiles'), 'v.pmtiles');
    const names = await archiveNames(a);
    const roads = readRoads().filter((r) => r.name);
    expect(new Set(names.map((n) => n.zh))).toEqual(new Set(roads.map((r) => r.name)));
    for (const n of names) {
      let best = Infinity;
      for (const r of roads) if (r.name === n.zh) for (const [lon, lat] of r.coords) best = Math.min(best, haversineM(lon, lat, n.lon, n.lat));
      // A tile unit at z14 is ~0.6 m here.
      expect(best, n.zh).toBeLessThan(1.5);
    }
  });

  it('read at most MAX_TILES tiles, nearest the centre, even for a world archive', () => {
    const world = { minZoom: 0, maxZoom: 15, minLon: -180, minLat: -85, maxLon: 180, maxLat: 85, centerLon: 121.47, centerLat: 31.23 } as never;
    const tiles = nameTiles(world);
    expect(tiles.length).toBe(MAX_TILES);
    expect(tiles[0]).toEqual([10, 857, 418]);
  });
});
