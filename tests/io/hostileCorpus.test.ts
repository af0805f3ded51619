/**
 * The hostile and careless files of tests/fixtures/hostile/ — a DOCTYPE whose entity holds a
 * placemark, a placemark faked inside CDATA, a MultiGeometry, a header alone, UTF-16 without a byte
 * order mark, script in names, swapped and far-away coordinates, radii out of range — each with the
 * outcome expected.json names: the sites read (by name, in order) and the rows refused (row, field,
 * code). New hostile files go there with their outcome.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSiteFileBytes } from '../../src/io/siteFile';

const dir = new URL('../fixtures/hostile/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<
  string,
  { sites: string[]; rejected: Array<[number, string, string]>; encoding?: string }
>;

describe('the hostile corpus', () => {
  it('every file in the folder has an expected outcome', () => {
    const files = readdirSync(dir).filter((f) => f !== 'expected.json').sort();
    expect(files).toEqual(Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${want.sites.length} site(s), ${want.rejected.length} refused row(s)`, () => {
      const r = parseSiteFileBytes(new Uint8Array(readFileSync(new URL(file, dir))), { fileName: file, defaultType: 'ev-charging-station' });
      expect(r.sites.map((s) => s.name ?? s.id)).toEqual(want.sites);
      expect(r.rejected.map((p) => [p.row, p.field, p.code])).toEqual(want.rejected);
      if (want.encoding) expect(r.encoding).toBe(want.encoding);
    });
  }
});

describe('KML reading stays linear in the file size', () => {
  // Measured: ≤ 0.15 s for each 1 MB pattern below (the old reader: minutes for some). The bound is
  // loose on purpose (a timed test must not flake); quadratic work on 1 MB takes minutes.
  const MB = 1_000_000;
  const cases: Record<string, string> = {
    '`<` runs in a closed name': `<kml><Placemark><name>${'<'.repeat(MB)}</name><Point><coordinates>121.4,31.2</coordinates></Point></Placemark></kml>`,
    'unclosed Placemark tags': `<kml>${'<Placemark '.repeat(MB / 11)}`,
    'unclosed CDATA sections': `<kml><Placemark><name>${'<![CDATA['.repeat(MB / 9)}`,
    'entities without an end': `<kml><Placemark><name>${'&a'.repeat(MB / 2)}</name></Placemark></kml>`,
  };
  for (const [what, text] of Object.entries(cases)) {
    it(`1 MB of ${what} parses in under 3 s`, () => {
      const t0 = performance.now();
      parseSiteFileBytes(new TextEncoder().encode(text), { fileName: 'hostile.kml' });
      expect(performance.now() - t0).toBeLessThan(3000);
    });
  }
});
