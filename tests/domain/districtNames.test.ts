/**
 * Districts named as people type them (src/domain/districtNames.ts), against the shipped districts
 * file: every one of the 16 by its code, its Chinese name whole and short, its English name with and
 * without its suffix, its pinyin in any case and spacing; nothing else.
 */
import { describe, expect, it } from 'vitest';
import { districtKey, findDistrict, SHANGHAI_DISTRICTS } from '../../src/domain/districtNames';
import { dataText } from '../geodata/load';

const shipped = (JSON.parse(dataText('districts.geojson')) as { features: Array<{ properties: { adcode: string; name: string; name_en: string; name_pinyin: string } }> }).features.map(
  ({ properties: { adcode, name, name_en, name_pinyin } }) => ({ adcode, name, name_en, name_pinyin }),
);

describe('district names', () => {
  it('the table is the shipped districts file’s', () => {
    expect([...SHANGHAI_DISTRICTS].sort((a, b) => a.adcode.localeCompare(b.adcode))).toEqual([...shipped].sort((a, b) => a.adcode.localeCompare(b.adcode)));
  });

  it('finds each district however it is typed', () => {
    for (const d of shipped) {
      const short = d.name.replace(/新?区$/, '');
      const bare = d.name_en.replace(/ (New )?District$/, '');
      const typed = [d.adcode, d.name, short, ` ${short} `, d.name_en, d.name_en.toUpperCase(), bare, bare.toLowerCase(), d.name_pinyin.toLowerCase(), `${bare} district`];
      for (const text of typed) expect(findDistrict(text, shipped)?.adcode, `${text}`).toBe(d.adcode);
      expect(short.length, d.name).toBeGreaterThanOrEqual(2);
    }
    for (const text of ['浦东', '浦东新区', 'Pudong New Area', 'pudong', 'jingan', 'jing-an', "Jing’an", '静安']) expect(findDistrict(text, shipped), text).toBeDefined();
    expect(findDistrict('浦东', shipped)!.adcode).toBe('310115');
  });

  it('finds nothing for other names, and short names stay apart', () => {
    for (const text of ['', '区', 'District', '上海', 'Shanghai', '3101', '杭州', 'minhan']) expect(findDistrict(text, shipped), text).toBeUndefined();
    // No two districts share a key.
    const owners = new Map<string, Set<string>>();
    for (const d of shipped) for (const n of [d.adcode, d.name, d.name_en, d.name_pinyin]) owners.set(districtKey(n), (owners.get(districtKey(n)) ?? new Set()).add(d.adcode));
    expect([...owners.values()].filter((o) => o.size > 1)).toEqual([]);
  });
});
