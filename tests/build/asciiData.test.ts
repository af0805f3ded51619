import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asciiDataFiles, asciiEscaped, isShippedJson } from '../../vite.asciiData';

const isAscii = (s: string) => !/[\u0080-\uffff]/.test(s);
const PUBLIC_DATA = join(__dirname, '../../public/data');

describe('the shipped JSON written ASCII-only (vite.asciiData.ts)', () => {
  it('escapes CJK, Latin-1 and characters beyond the BMP so JSON reads the same strings', () => {
    const value = { name: '闵行区 · Minhang', note: 'café — 5G 📡', keys: ['浦东新区', 'ü'], n: 1.25e-7, nested: [{ '街道': '江川路街道' }] };
    const text = JSON.stringify(value, null, 1);
    const escaped = asciiEscaped(text);
    expect(isAscii(escaped)).toBe(true);
    expect(JSON.parse(escaped)).toEqual(value);
    // A character beyond the BMP is its surrogate pair, each half escaped as JSON spells it.
    expect(asciiEscaped('"📡"')).toBe('"\\ud83d\\udce1"');
    expect(asciiEscaped('"é"')).toBe('"\\u00e9"');
    // ASCII text is left as it is, byte for byte.
    expect(asciiEscaped('{"a":"b\\u00e9"}')).toBe('{"a":"b\\u00e9"}');
  });

  const dir = mkdtempSync(join(tmpdir(), 'ascii-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites every shipped JSON file to the same values, and leaves other files and broken JSON as they are', () => {
    const names = readdirSync(PUBLIC_DATA);
    for (const name of names) copyFileSync(join(PUBLIC_DATA, name), join(dir, name));
    writeFileSync(join(dir, 'broken.json'), '{"名": ');
    const rewritten = asciiDataFiles(dir);
    // The shipped files with Chinese names in them are rewritten (the districts, the townships, the sample…).
    expect(rewritten).toEqual(expect.arrayContaining(['districts.geojson', 'townships.geojson', 'sample-scenario.geojson']));
    for (const name of names) {
      const before = readFileSync(join(PUBLIC_DATA, name), 'utf8');
      const after = readFileSync(join(dir, name), 'utf8');
      if (isShippedJson(name)) {
        expect(isAscii(after), name).toBe(true);
        expect(JSON.parse(after), name).toEqual(JSON.parse(before));
        expect(rewritten.includes(name), name).toBe(!isAscii(before));
      } else {
        expect(after, name).toBe(before);
      }
    }
    expect(readFileSync(join(dir, 'broken.json'), 'utf8')).toBe('{"名": ');
    expect(rewritten).not.toContain('broken.json');
  });
});
