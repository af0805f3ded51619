/**
 * 200,000 rows generated on the fly (tests/fixtures/import/largeCsv.ts; never committed) through
 * the same function the import worker runs: every row accounted for, the planted bad rows rejected by
 * number, progress reported in order, and a random scatter not mistaken for a shifted data set.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReference, reviewImport, type ReferenceGeodata } from '../../src/io/offsetDetection';
import { parseSiteFileBytes } from '../../src/io/siteFile';
import { badRowsOf, largeCsv } from '../fixtures/import/largeCsv';

const ROWS = 200_000;
const data = (name: string) => JSON.parse(readFileSync(new URL(`../../public/data/${name}`, import.meta.url), 'utf8')) as ReferenceGeodata['municipal'];

describe('a 200,000-row CSV', () => {
  it('parses completely, rejects exactly the planted rows, and reports progress from 0 to 1 in order', () => {
    const bytes = new TextEncoder().encode(largeCsv(ROWS));
    const progress: number[] = [];
    const r = parseSiteFileBytes(bytes, { fileName: 'large.csv', onProgress: (f) => progress.push(f) });
    const bad = badRowsOf(ROWS);
    expect(bad.length).toBe(20);
    expect(r.rowCount).toBe(ROWS);
    expect(r.sites).toHaveLength(ROWS - bad.length);
    expect(r.rejected.map((p) => [p.row, p.field, p.code])).toEqual(bad.map((row) => [row, 'lon', 'notNumber']));
    expect(progress.length).toBeGreaterThan(50);
    expect(progress.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= progress[i - 1]!))).toBe(true);
    expect(progress.at(-1)).toBe(1);

    const offset = reviewImport(
      r,
      createReference({ municipal: data('municipal.geojson'), metroStations: data('metro-stations.geojson'), metroLines: data('metro-lines.geojson'), elevatedRoads: data('elevated-roads.geojson') }),
    );
    expect(offset.sampled).toBe(1500);
    expect(offset.likely).toBeNull();
  });
});
