/**
 * The build's scripts and shipped JSON are ASCII-only (vite.config.ts `charset`, vite.asciiData.ts;
 * issue #19): a text with one character past U+007F is decoded by the browser into a two-byte string
 * on the page's thread. Read from the very build the browser tests serve; the Chinese the page shows
 * from them is checked by the other browser tests (labels, names, the scorecard).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIST } from './support/distFolder';

const nonAscii = (s: string) => (s.match(/[\u0080-\uffff]/g) ?? []).length;
const PUBLIC_DATA = fileURLToPath(new URL('../../public/data/', import.meta.url));

describe('the build is ASCII where the page decodes it', () => {
  it('every script the bundler wrote, the pages’ and the workers’, is ASCII-only', () => {
    // `.mjs`: MapLibre's own prebuilt worker, copied as shipped (loaded with the map, after the numbers).
    const scripts = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('coverage.worker'))).toBe(true);
    expect(scripts.length).toBeGreaterThan(10);
    const offenders = scripts.map((f) => [f, nonAscii(readFileSync(join(DIST, 'assets', f), 'utf8'))] as const).filter(([, n]) => n > 0);
    expect(offenders).toEqual([]);
    // The Chinese strings are still there, escaped: "区" (district), for one.
    const all = scripts.map((f) => readFileSync(join(DIST, 'assets', f), 'utf8')).join('\n');
    expect(all.toLowerCase()).toContain('\\u533a');
  });

  it('every shipped JSON file is ASCII-only and reads as the file in public/ does', () => {
    const files = readdirSync(PUBLIC_DATA).filter((f) => /\.(geo)?json$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const built = readFileSync(join(DIST, 'data', f), 'utf8');
      expect(nonAscii(built), f).toBe(0);
      expect(JSON.parse(built), f).toEqual(JSON.parse(readFileSync(join(PUBLIC_DATA, f), 'utf8')));
    }
    // The shipped answers likewise (scripts/ship-answers.ts).
    for (const f of readdirSync(join(DIST, 'answers'))) expect(nonAscii(readFileSync(join(DIST, 'answers', f), 'utf8')), f).toBe(0);
  });
});
