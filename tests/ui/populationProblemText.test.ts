/**
 * A refused population file's message in both languages (src/domain/populationProblems.ts worded by
 * src/ui/population/problemText.ts): every problem code has a Chinese and an English sentence with
 * the same facts; the English one is the CLI's message word for word; and real refusals of the
 * readers and of the spread — a raster that misses Shanghai, a projected raster, a negative count in
 * a named CSV row, nobody in the districts — read in Chinese in zh.
 */
import { describe, expect, it } from 'vitest';
import { englishProblem, POPULATION_PROBLEMS, problemOf, type PopulationProblem, type PopulationProblemCode } from '../../src/domain/populationProblems';
import { translator } from '../../src/ui/i18n';
import { populationStrings } from '../../src/ui/population/strings';
import { populationProblemText, progressText } from '../../src/ui/population/problemText';
import { readPopulationFile } from '../../src/io/populationFile';
import { writeTiff } from '../io/tiffFixtures';

const zh = translator('zh', populationStrings);
const en = translator('en', populationStrings);
const codes = Object.keys(POPULATION_PROBLEMS) as PopulationProblemCode[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const CJK = /[\u4e00-\u9fff]/;

/** Facts for every placeholder of a code, with a row and a name where the sentence says where. */
function sampleFacts(code: PopulationProblemCode): PopulationProblem['params'] {
  const facts: Record<string, string | number> = {};
  for (const k of placeholders(POPULATION_PROBLEMS[code])) facts[k] = k === 'at' ? 'row:7' : `<${k}>`;
  if (code === 'gridFeatureNotCount' || 'at' in facts) facts.atName = '七宝镇';
  return facts;
}

async function refusal(bytes: ArrayBuffer, name: string): Promise<Error & { problem: PopulationProblem }> {
  try {
    await readPopulationFile(bytes, name);
  } catch (e) {
    return e as Error & { problem: PopulationProblem };
  }
  throw new Error(`${name} was read`);
}

describe('population file messages in zh and en', () => {
  it('every problem code has a Chinese and an English sentence with the same facts', () => {
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) {
      const zhText = zh.t(`pop_e_${code}`);
      const enText = en.t(`pop_e_${code}`);
      expect(zhText, code).not.toBe(`pop_e_${code}`);
      expect(enText, code).toBe(POPULATION_PROBLEMS[code]);
      expect(zhText, code).toMatch(CJK);
      expect(placeholders(zhText), code).toEqual(placeholders(enText));
    }
  });

  it('the English rendering is the CLI message word for word; the Chinese one fills every fact', () => {
    for (const code of codes) {
      const p: PopulationProblem = { code, params: sampleFacts(code) };
      expect(populationProblemText(p, en), code).toBe(englishProblem(p));
      const text = populationProblemText(p, zh);
      expect(text, code).not.toMatch(/\{\w+\}/);
      if (typeof p.params.at === 'string') expect(text, code).toContain('第 7 行（七宝镇）');
    }
    expect(englishProblem({ code: 'areasCountEmpty', params: { file: 'a.csv', at: 'feature:3', atName: '', field: 'pop' } })).toBe('a.csv, feature 3: "pop" is empty');
    expect(populationProblemText({ code: 'areasCountEmpty', params: { file: 'a.csv', at: 'feature:3', atName: '', field: 'pop' } }, zh)).toBe('a.csv，第 3 个要素：“pop”为空');
    expect(populationProblemText({ code: 'gridFeatureNotCount', params: { n: 2, atName: '某街道', value: -1 } }, zh)).toBe('第 2 个要素（某街道）：人数 -1 不是人数');
  });

  it('a raster that misses Shanghai, a projected one and a negative count in a named row: Chinese in zh, the thrown message in en', async () => {
    const far = writeTiff({ width: 4, height: 4, values: new Array(16).fill(5), type: 'float32', origin: [100, 40], pixel: [0.01, 0.01] });
    const e1 = await refusal(far, 'beijing.tif');
    expect(e1.problem.code).toBe('rasterMissesShanghai');
    expect(populationProblemText(e1.problem, en)).toBe(e1.message);
    expect(e1.message).toMatch(/^beijing\.tif covers 100\.00° E to 100\.04° E, 39\.96° N to 40\.00° N: it misses Shanghai/);
    expect(populationProblemText(e1.problem, zh)).toMatch(/^beijing\.tif 覆盖 100\.00° E 至 100\.04° E、39\.96° N 至 40\.00° N：不含上海（/);

    const utm = writeTiff({ width: 4, height: 4, values: new Array(16).fill(1), type: 'float32', origin: [350000, 3460000], pixel: [100, 100], geoKeys: { 1024: 1, 3072: 32651 } });
    const e2 = await refusal(utm, 'utm.tif');
    expect(populationProblemText(e2.problem, en)).toBe(e2.message);
    expect(populationProblemText(e2.problem, zh)).toContain('utm.tif：栅格为投影坐标系（EPSG:32651；');

    const csv = new TextEncoder().encode('名称,常住人口,wkt\n"甲",-5,"POINT(121.4 31.2)"\n').buffer as ArrayBuffer;
    const e3 = await refusal(csv, 'towns.csv');
    expect(e3.message).toBe('towns.csv, row 2 (甲): "常住人口" is -5; a count of residents cannot be negative');
    expect(populationProblemText(e3.problem, en)).toBe(e3.message);
    expect(populationProblemText(e3.problem, zh)).toBe('towns.csv，第 2 行（甲）：“常住人口”为 -5；人数不能为负');
  });

  it('what the worker met unforeseen names the file; the reader’s phases are worded too', () => {
    const p = problemOf(new RangeError('Invalid typed array length'), 'odd.tif');
    expect(populationProblemText(p, en)).toBe('odd.tif could not be read (Invalid typed array length)');
    expect(populationProblemText(p, zh)).toBe('odd.tif 无法读取（Invalid typed array length）');
    expect(progressText('decoding', zh)).toBe('解码像元');
    expect(progressText('decoding', en)).toBe('decoding the pixels');
    expect(progressText('later', zh)).toBe('later');
  });
});
