/**
 * Township boundaries a user brings (src/io/townshipFile.ts): matched to the NBS 2023 list by code (9
 * or 12 digits) or by name (and district where names repeat); refused whole, naming the feature.
 */
import { describe, expect, it } from 'vitest';
import { readTownshipFile, TownshipReadError } from '../../src/io/townshipFile';
import { parseTownshipCodeList } from '../../src/io/loadGeodata';
import { dataText } from '../geodata/load';

const codesRead = parseTownshipCodeList(dataText('township-codes.csv'));
if ('error' in codesRead) throw new Error(codesRead.error.message);
const codes = codesRead.value;
const square = (w: number, s: number) => ({ type: 'Polygon', coordinates: [[[w, s], [w + 0.02, s], [w + 0.02, s + 0.02], [w, s + 0.02], [w, s]]] });
const file = (...features: Array<{ properties: Record<string, unknown>; geometry?: unknown }>) =>
  new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', geometry: square(121.37, 31.02), ...f })) }));

describe('user townships', () => {
  it('match by 9- or 12-digit code, or by name; the list’s names and districts come back', () => {
    const got = readTownshipFile(file({ properties: { code: '310112112' } }, { properties: { 区划代码: '310112101000' } }, { properties: { name: '莘庄工业区' } }), 'mine.geojson', codes);
    expect(got.map((t) => [t.code, t.name, t.district])).toEqual([
      ['310112112', '马桥镇', '310112'],
      ['310112101', '莘庄镇', '310112'],
      ['310112501', '莘庄工业区', '310112'],
    ]);
    expect(got[0]!.geometry.type).toBe('Polygon');
  });

  it('an OSM export matches by its relation, and a name differing by a 路 (古美路街道) by its stem when one township has it', () => {
    const one = (props: Record<string, unknown>) => readTownshipFile(file({ properties: props }), 'osm.geojson', codes).map((t) => [t.code, t.name])[0];
    expect(one({ name: 'anything', osm_relation: '14187991' })).toEqual(['310112006', '古美街道']);
    expect(one({ '@id': 'relation/12236005' })).toEqual(['310101002', '南京东路街道']);
    expect(one({ name: '古美路街道' })).toEqual(['310112006', '古美街道']);
    // A stem two townships share matches neither.
    const list = [...codes, { code: '310117198', name: '古美镇', district: '310117' }];
    expect(() => readTownshipFile(file({ properties: { name: '古美路街道' } }), 'osm.geojson', list)).toThrow(/2 townships are named 古美路街道/);
  });

  it('a name found twice needs its district or code', () => {
    const list = [...codes, { code: '310117199', name: '马桥镇', district: '310117' }];
    expect(() => readTownshipFile(file({ properties: { name: '马桥镇' } }), 'mine.geojson', list)).toThrow(/feature 1 \(马桥镇\): 2 townships are named 马桥镇 \(310112112, 310117199\): give its code or district/);
    expect(readTownshipFile(file({ properties: { name: '马桥镇', district: '310117' } }), 'mine.geojson', list)[0]!.code).toBe('310117199');
    // The district by its name, as planners' files give it: whole, short, in English or pinyin.
    for (const district of ['松江区', '松江', 'Songjiang District', 'songjiang']) {
      expect(readTownshipFile(file({ properties: { name: '马桥镇', 所属区: district } }), 'mine.geojson', list)[0]!.code, district).toBe('310117199');
    }
    expect(readTownshipFile(file({ properties: { name: '马桥镇', 区: '闵行区' } }), 'mine.geojson', list)[0]!.code).toBe('310112112');
    // A township that is not in the district named is not found there.
    expect(() => readTownshipFile(file({ properties: { name: '马桥镇', district: '浦东新区' } }), 'mine.geojson', list)).toThrow(/no township named 马桥镇 in district 浦东新区/);
  });

  it('refuses what matches nothing, a township given twice, a non-polygon, projected coordinates', () => {
    const refuse = (bytes: Uint8Array, pattern: RegExp) => {
      let e: unknown = null;
      try {
        readTownshipFile(bytes, 'mine.geojson', codes);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(TownshipReadError);
      expect((e as Error).message).toMatch(pattern);
    };
    refuse(file({ properties: { code: '310199999' } }), /^mine\.geojson, feature 1: code 310199999 is not a Shanghai township in the NBS 2023 list$/);
    refuse(file({ properties: { name: '不存在镇' } }), /feature 1 \(不存在镇\): no township named 不存在镇 in the NBS 2023 list/);
    refuse(file({ properties: { code: '310112112' } }, { properties: { name: '马桥镇' } }), /feature 2 \(马桥镇\): 马桥镇 \(310112112\) is also feature 1/);
    refuse(file({ properties: { code: '310112112' }, geometry: { type: 'Point', coordinates: [121.37, 31.02] } }), /its geometry is Point, not a polygon/);
    refuse(file({ properties: { code: '310112112' }, geometry: square(350000, 3450000) }), /\(350000, 3450000\) is not a longitude \/ latitude in degrees/);
    refuse(file({ properties: { pop: 3 } }), /it has neither a township code/);
  });
});

describe('every problem of a refused township file', () => {
  it('lists each unmatched name and code with its feature number; a file that reads gives none', async () => {
    const { townshipFileProblems } = await import('../../src/io/townshipFile');
    const bad = file({ properties: { name: '莘庄镇' } }, { properties: { name: '不存在镇' } }, { properties: { code: '310199999' } }, { properties: { name: '七宝镇' }, geometry: { type: 'Point', coordinates: [121.3, 31.1] } });
    expect(() => readTownshipFile(bad, 'mine.geojson', codes)).toThrow(/feature 2 \(不存在镇\)/);
    const problems = townshipFileProblems(bad, 'mine.geojson', codes);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^mine\.geojson, feature 2 \(不存在镇\): no township named 不存在镇/);
    expect(problems[1]).toMatch(/^mine\.geojson, feature 3: code 310199999 is not a Shanghai township/);
    expect(problems[2]).toMatch(/^mine\.geojson, feature 4 \(七宝镇\): its geometry is Point, not a polygon/);
    expect(townshipFileProblems(file({ properties: { name: '莘庄镇' } }), 'ok.geojson', codes)).toEqual([]);
    expect(townshipFileProblems(new TextEncoder().encode('{"type":"Feature"}'), 'x.geojson', codes)).toEqual(['x.geojson is not a GeoJSON FeatureCollection']);
  });
});
