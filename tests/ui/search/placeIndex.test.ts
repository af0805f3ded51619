/**
 * Place search over the shipped data: Chinese (whole or any part), pinyin (whole, any syllable on,
 * spaced), initials and English find the same place; polyphones read by word; sites by name, id
 * and (up to SITE_PINYIN_LIMIT) pinyin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGeodata, parseTownships, TOWNSHIPS_FILE, type Geodata } from '../../../src/io/loadGeodata';
import { buildPlaceIndex, groupHits, SITE_PINYIN_LIMIT, type PlaceIndex } from '../../../src/ui/search/placeIndex';
import { placesOfData, placesOfSites } from '../../../src/ui/search/places';
import { STATION_NAMES_EN } from '../../../src/ui/search/stationNamesEn';
import type { Site } from '../../../src/domain/site';

const dataDir = fileURLToPath(new URL('../../../public/data/', import.meta.url));
const read = (file: string) => readFileSync(dataDir + file, 'utf8');
const fetcher = async (url: string) => new Response(read(url.slice(url.lastIndexOf('/') + 1)), { status: 200 });

const site = (id: string, name: string): Site => ({ id, type: 'ev-charging-pile', lon: 121.47, lat: 31.23, status: 'candidate', name });

let data: Geodata;
let index: PlaceIndex;
const first = (q: string, kind: string) => index.search(q).find((h) => h.place.kind === kind)?.place.zh;

beforeAll(async () => {
  data = (await loadGeodata('data/', fetcher)).data;
  const townships = parseTownships(read(TOWNSHIPS_FILE));
  if ('error' in townships) throw new Error(townships.error.message);
  index = buildPlaceIndex([...placesOfData(data, townships.value), ...placesOfSites([site('cs-001', '测试充电站'), site('north-7', 'North depot')])]);
});

describe('place search', () => {
  it("finds 人民广场 by 人民广场, renminguangchang, 'ren min guang chang', rmgc and People's Square", () => {
    for (const q of ['人民广场', 'renminguangchang', 'ren min guang chang', 'rmgc', "People's Square", 'peoples square']) expect(first(q, 'station'), q).toBe('人民广场');
  });

  it('finds a name by any part of it, in characters or syllables', () => {
    expect(index.search('广场').map((h) => h.place.zh)).toContain('人民广场');
    expect(index.search('guangchang').map((h) => h.place.zh)).toContain('人民广场');
  });

  it('reads polyphones by word: 长宁 is changning', () => {
    expect(first('changning', 'district')).toBe('长宁区');
    expect(first('cn', 'district')).toBe('长宁区');
    expect(index.search('zhangning').some((h) => h.place.zh === '长宁区')).toBe(false);
  });

  it('finds districts, zones and townships by English and Chinese', () => {
    expect(first('Huangpu', 'district')).toBe('黄浦区');
    expect(first('Maqiao AI', 'zone')).toBe(data.zones!.features.find((z) => z.properties.id === 'maqiao-ai-zone')!.properties.name);
    expect(first('南京东路街道', 'township')).toBe('南京东路街道');
    expect(first('njdl', 'township')).toBe('南京东路街道');
  });

  it("finds the scenario's sites by name, id, pinyin and initials", () => {
    for (const q of ['测试', 'ceshichongdianzhan', 'cscdz', 'cs-001']) expect(first(q, 'site'), q).toBe('测试充电站');
    expect(first('north', 'site')).toBe('North depot');
  });

  it('past the pinyin limit, sites are found by their name and id only', () => {
    const many = Array.from({ length: SITE_PINYIN_LIMIT + 1 }, (_, i) => site(`s${i}`, i === 0 ? '测试充电站' : `站${i}`));
    const big = buildPlaceIndex(placesOfSites(many));
    expect(big.search('测试').map((h) => h.place.id)).toEqual(['s0']);
    expect(big.search('s0').map((h) => h.place.id)).toContain('s0');
    expect(big.search('ceshi')).toEqual([]);
  });

  it('groups hits by kind in a fixed order and caps each group', () => {
    const groups = groupHits(index.search('lu', 3));
    expect(groups.map((g) => g.kind)).toEqual(['district', 'township', 'zone', 'station', 'site'].filter((k) => groups.some((g) => g.kind === k)));
    for (const g of groups) expect(g.hits.length).toBeLessThanOrEqual(3);
  });

  it('every hand-entered English station name belongs to a shipped station', () => {
    const names = new Set(data.metroStations!.features.map((f) => f.properties.name_zh));
    for (const zh of Object.keys(STATION_NAMES_EN)) expect(names.has(zh), zh).toBe(true);
  });
});

describe('base-map names (a loaded vector tile archive)', () => {
  it('are found by Chinese, pinyin and initials, grouped last as base-map names', async () => {
    const { openArchive } = await import('../../../src/map/pmtilesSource');
    const { archiveNames } = await import('../../../src/map/archiveNames');
    const { placesOfArchive } = await import('../../../src/ui/search/places');
    const file = fileURLToPath(new URL('../../fixtures/tiles/peoples-square-vector.pmtiles', import.meta.url));
    const archive = await openArchive(new Blob([readFileSync(file)]), 'v.pmtiles');
    const names = placesOfArchive(await archiveNames(archive));
    const both = buildPlaceIndex([...placesOfData(data), ...names]);
    for (const q of ['福州路', 'fuzhoulu', 'fzl']) expect(both.search(q).find((h) => h.place.kind === 'basemap')?.place.zh, q).toBe('福州路');
    // 人民广场 the station still comes first; the road 人民大道 is among the base-map names.
    const groups = groupHits(both.search('人民'));
    expect(groups.at(-1)?.kind).toBe('basemap');
    expect(groups.at(-1)?.hits.map((h) => h.place.zh)).toContain('人民大道');
  });
});
