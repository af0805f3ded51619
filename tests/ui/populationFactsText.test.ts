/**
 * The population panel's "读取内容 / Read" line (src/ui/population/factsText.ts) in both languages, for
 * real files read by readPopulationFile: the English line is the CLI's (`facts`) word for word; the
 * Chinese one has every fact in it, worded in Chinese (no English word left but the format names).
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/ui/i18n';
import { populationStrings } from '../../src/ui/population/strings';
import { populationFactsText } from '../../src/ui/population/factsText';
import { readPopulationFile } from '../../src/io/populationFile';
import { writeTiff } from '../io/tiffFixtures';

const zh = translator('zh', populationStrings);
const en = translator('en', populationStrings);
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('what was read, in zh and en', () => {
  it('a raster: the CLI line in en; pixels, pixel size, sample format and nodata in Chinese in zh', async () => {
    const values = Array.from({ length: 1200 * 2 }, (_, i) => (i % 7 === 0 ? -9999 : 3));
    const tif = writeTiff({ width: 1200, height: 2, values, type: 'int16', origin: [121, 31.3], pixel: [0.001, 0.001], nodata: '-9999' });
    const r = await readPopulationFile(tif, 'towns.tif');
    // The window is clipped to Shanghai's box: 1,031 of the 1,200 columns.
    expect(r.facts).toBe('1,031 × 2 pixels read of 1,200 × 2, 3.600″ × 3.600″, 16-bit signed integer, nodata -9999, 295 nodata pixels');
    expect(populationFactsText(r.read, en)).toBe(r.facts);
    expect(populationFactsText(r.read, zh)).toBe('读取 1,031 × 2 像元（文件共 1,200 × 2），像元 3.600″ × 3.600″，16 位有符号整数，无数据值 -9999，无数据像元 295 个');
  });

  it('a raster without a nodata value, and every sample format, worded in each language', async () => {
    const tif = writeTiff({ width: 2, height: 2, values: [1, 2, 3, 4], type: 'float32', origin: [121, 31.3], pixel: [0.01, 0.01] });
    const r = await readPopulationFile(tif, 'plain.tif');
    expect(populationFactsText(r.read, en)).toBe(r.facts);
    expect(r.facts).toContain('32-bit floating point, nodata none declared, 0 nodata pixels');
    expect(populationFactsText(r.read, zh)).toContain('32 位浮点数，无数据值 未声明，无数据像元 0 个');
    if (r.read.kind !== 'raster') throw new Error('not a raster');
    for (const [format, zhName, enName] of [
      [1, '无符号整数', 'unsigned integer'],
      [2, '有符号整数', 'signed integer'],
      [3, '浮点数', 'floating point'],
    ] as const) {
      const f = { ...r.read, sample: { bits: 8, format } };
      expect(populationFactsText(f, zh)).toContain(`8 位${zhName}`);
      expect(populationFactsText(f, en)).toContain(`8-bit ${enName}`);
    }
  });

  it('areas and points: the CLI line in en; counts, field and coordinate system in Chinese in zh', async () => {
    const csv = 'wkt,常住人口\n"POINT(121.4 31.2)",10\n"POLYGON((121.4 31.2,121.41 31.2,121.41 31.21,121.4 31.2))",20\n';
    const r = await readPopulationFile(bytes(csv), 'towns.csv');
    expect(r.facts).toBe('CSV, 1 areas and 1 points, residents from "常住人口", coordinates wgs84');
    expect(populationFactsText(r.read, en)).toBe(r.facts);
    expect(populationFactsText(r.read, zh)).toBe('CSV，面 1 个、点 1 个，人口取自字段“常住人口”，坐标系 WGS-84');
    if (r.read.kind !== 'polygons') throw new Error('not polygons');
    expect(populationFactsText({ ...r.read, crs: 'gcj02', format: 'geojson' }, zh)).toBe('GeoJSON，面 1 个、点 1 个，人口取自字段“常住人口”，坐标系 GCJ-02');
    expect(populationFactsText({ ...r.read, crs: 'bd09' }, en)).toBe('CSV, 1 areas and 1 points, residents from "常住人口", coordinates bd09');
  });
});
