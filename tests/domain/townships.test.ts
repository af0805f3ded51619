/**
 * The townships the app uses (src/domain/townships.ts): the shipped set joined or replaced by a
 * user's, by code, as the CLI's --townships does; a district's list; a polygon's box.
 */
import { describe, expect, it } from 'vitest';
import { importEffect, mergeTownships, townshipBox, townshipDistrict, townshipKind, townshipsOf } from '../../src/domain/townships';
import { parseTownships } from '../../src/io/loadGeodata';
import { dataText } from '../geodata/load';

const square = (w: number, s: number, d = 0.02) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [w + d, s], [w + d, s + d], [w, s + d], [w, s]]] });
const shippedRead = parseTownships(dataText('townships.geojson'));
if ('error' in shippedRead) throw new Error(shippedRead.error.message);
const shipped = shippedRead.value.features;

describe('townships in use', () => {
  it('a user township with a shipped code replaces it, a new code joins; sorted by code like the CLI', () => {
    const nanjing = shipped.find((f) => f.properties.code === '310101002')!;
    const mine = [
      { code: '310112102', name: '莘庄镇', district: '310112', geometry: square(121.37, 31.1) },
      { code: '310101002', name: nanjing.properties.name, district: '310101', geometry: square(121.47, 31.23, 0.01) },
    ];
    const set = mergeTownships(shipped, mine);
    expect(set.features).toHaveLength(shipped.length + 1);
    const codes = set.features.map((f) => f.properties.code);
    expect(codes).toEqual([...codes].sort());
    const replaced = set.features.find((f) => f.properties.code === '310101002')!;
    expect(replaced.properties.source).toBe('imported');
    expect(replaced.geometry).toEqual(mine[1]!.geometry);
    expect(set.features.filter((f) => f.properties.source === 'imported')).toHaveLength(2);
    expect(importEffect(shipped, mine)).toEqual({ joined: 1, replaced: 1, districts: ['310101', '310112'] });
  });

  it('lists a district’s townships; none for a district without polygons or no district', () => {
    const set = mergeTownships(shipped, []);
    expect(townshipsOf(set, '310106').length).toBe(shipped.filter((f) => f.properties.district === '310106').length);
    expect(townshipsOf(set, '310106').length).toBeGreaterThan(5);
    expect(townshipsOf(set, '310112')).toEqual([]); // Minhang: not shipped
    expect(townshipsOf(set, null)).toEqual([]);
    expect(townshipsOf(null, '310106')).toEqual([]);
  });

  it('names the district, the kind and the box', () => {
    expect(townshipDistrict('310106019')).toBe('310106');
    expect(townshipKind('大宁路街道')).toBe('subdistrict');
    expect(townshipKind('彭浦镇')).toBe('town');
    expect(townshipBox({ type: 'MultiPolygon', coordinates: [square(121.4, 31.1).coordinates, square(121.5, 31.0).coordinates] })).toEqual([121.4, 31.0, 121.52, 31.12]);
  });
});
