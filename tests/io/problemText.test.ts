/**
 * The import dialog's problem messages (src/ui/import/problemText.ts): in English they are the CLI's
 * messages word for word, for every problem the fixtures and a fuzzed corpus produce; in Chinese
 * every code has its own sentence (no English left over) carrying the same facts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReference, reviewImport, type ReferenceGeodata } from '../../src/io/offsetDetection';
import { englishReason, problem, REGION_EDGES, type ProblemCode, type RowProblem } from '../../src/io/rowProblems';
import { parseSiteFile, parseSiteFileBytes } from '../../src/io/siteFile';
import { fieldLabel, fill, problemText } from '../../src/ui/import/problemText';

const dir = new URL('../fixtures/import/', import.meta.url);
const data = (name: string) => JSON.parse(readFileSync(new URL(`../../public/data/${name}`, import.meta.url), 'utf8')) as ReferenceGeodata['municipal'];
const reference = createReference({ municipal: data('municipal.geojson') });

/** Every problem the import fixtures give, plus one of each code not among them. */
function corpus(): RowProblem[] {
  const out: RowProblem[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.(csv|kml|geojson)$/.test(n))) {
    const r = parseSiteFileBytes(new Uint8Array(readFileSync(new URL(name, dir))), { fileName: name });
    reviewImport(r, reference);
    out.push(...r.rejected, ...r.warnings);
  }
  for (const [text, format] of [
    ['{"type":"FeatureCollection","features":[1,{"type":"Feature"},{"type":"Feature","geometry":{"type":"Point","coordinates":[121.4,31.2]},"properties":{"type":"locker","capacity":0,"radiusKm":60,"illustrative":"yes"}}]}', 'geojson'],
    ['{"features":[]}', 'geojson'],
    ['{oops', 'geojson'],
    ['lon,lat,type\n121.4,31.2,"unclosed\n', 'csv'],
    ['name\nA\n', 'csv'],
    ['lon,lat,type\n121.4,31.2,\n', 'csv'],
    ['not kml', 'kml'],
    ['lon,lat,type,建成年份\n121.4,31.2,5g-macro,去年\n', 'csv'],
  ] as const) {
    const r = parseSiteFile(text, { format });
    out.push(...r.rejected, ...r.warnings);
  }
  out.push(problem(0, 'file', 'lossyText'), problem(3, 'lon', 'swappedFixed', '31.2, 121.4'), problem(0, 'file', 'unreadable', undefined, { detail: 'boom' }));
  out.push(problem(4, 'name', 'invalid', undefined, { detail: 'Too small' }), problem(0, 'file', 'noHeader'), problem(2, 'lat', 'outsideRegion', '35.6'));
  return out;
}

const ALL_CODES: ProblemCode[] = [
  'fileEmpty', 'noHeader', 'noColumns', 'notJson', 'notFeatureCollection', 'notKml', 'unreadable', 'lossyText', 'csvQuotes',
  'missing', 'notNumber', 'outsideRegion', 'swapped', 'swappedFixed', 'typeMissing', 'unknownType', 'badStatus', 'badCapacity',
  'badRadius', 'badIllustrative', 'badYear', 'invalid', 'duplicateId', 'samePosition', 'notFeature', 'noGeometry', 'notPoint', 'outsideCity',
];

describe('problemText', () => {
  const problems = corpus();

  it('the corpus covers every problem code', () => {
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(ALL_CODES));
  });

  it('English: exactly the CLI’s reason, for every problem in the corpus', () => {
    for (const p of problems) expect(problemText('en', p), JSON.stringify(p)).toBe(p.reason);
  });

  it('English: exactly the CLI’s reason for fuzzed facts too', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_CODES),
        fc.constantFrom('lon', 'lat', 'type', 'status', 'capacity', 'id', 'name', 'file', 'geometry'),
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        fc.record({ first: fc.nat(), detail: fc.string({ maxLength: 10 }), missing: fc.constantFrom('lon', 'lon,lat', 'lat,type', 'type') }),
        (code, field, value, params) => {
          const p = problem(3, field, code, value, params);
          expect(problemText('en', p)).toBe(englishReason(p, REGION_EDGES));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('Chinese: a sentence of its own for every code, with the row’s facts in it', () => {
    for (const p of problems) {
      const zh = problemText('zh', p);
      expect(zh, JSON.stringify(p)).not.toBe(p.reason);
      expect(/[\u4e00-\u9fff]/.test(zh), zh).toBe(true);
      if (p.value !== undefined && ['unknownType', 'badStatus', 'duplicateId', 'notPoint', 'outsideRegion'].includes(p.code)) expect(zh).toContain(p.value);
      if (p.params?.first !== undefined) expect(zh).toContain(String(p.params.first));
    }
    const dup = problems.find((p) => p.code === 'duplicateId')!;
    expect(problemText('zh', dup)).toBe(`编号“${dup.value}”重复（第 ${dup.params!.first} 行已使用）`);
    expect(problemText('zh', problem(2, 'lon', 'notNumber', 'east'))).toBe('经度不是数字');
  });

  it('field labels and template filling', () => {
    expect(fieldLabel('zh', 'lon')).toBe('经度');
    expect(fieldLabel('en', 'lon')).toBe('lon');
    expect(fieldLabel('zh', 'radiusKm')).toBe('radiusKm');
    expect(fill('{a} and {b} and {c}', { a: 1, b: '{c}' })).toBe('1 and {c} and {c}');
  });
});
