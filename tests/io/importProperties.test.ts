/**
 * Property-based tests (fast-check) of the CSV and GeoJSON importers: thousands of random and
 * mutated inputs. Whatever comes in, nothing is thrown, every rejection names a row, a field, a
 * known code and a reason (the one its code and facts give), every site is valid, and every data
 * row is accounted for — it became a site or it was rejected, never silently dropped, never both.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FACILITY_TYPE_IDS } from '../../src/domain/facilityTypes';
import { siteSchema } from '../../src/domain/site';
import { englishReason, REGION_EDGES, type ProblemCode } from '../../src/io/rowProblems';
import { parseSiteFile, type SiteFileResult } from '../../src/io/siteFile';

const CODES = new Set<ProblemCode>([
  'fileEmpty', 'noHeader', 'noColumns', 'notJson', 'notFeatureCollection', 'notKml', 'unreadable', 'lossyText', 'csvQuotes',
  'missing', 'notNumber', 'outsideRegion', 'swapped', 'swappedFixed', 'typeMissing', 'unknownType', 'badStatus', 'badCapacity',
  'badRadius', 'badIllustrative', 'badYear', 'invalid', 'duplicateId', 'samePosition', 'notFeature', 'noGeometry', 'notPoint', 'outsideCity',
]);

/** What must hold for any result. */
function checkResult(r: SiteFileResult): void {
  for (const p of [...r.rejected, ...r.warnings]) {
    const where = JSON.stringify(p);
    expect(Number.isInteger(p.row) && p.row >= 0, where).toBe(true);
    expect(typeof p.field === 'string' && p.field.length > 0, where).toBe(true);
    expect(CODES.has(p.code), where).toBe(true);
    expect(p.reason, where).toBe(englishReason(p, REGION_EDGES));
    expect(p.reason.length, where).toBeGreaterThan(5);
  }
  expect(r.siteRows).toHaveLength(r.sites.length);
  for (const s of r.sites) expect(siteSchema.safeParse(s).success, JSON.stringify(s)).toBe(true);
  expect(new Set(r.sites.map((s) => s.id)).size).toBe(r.sites.length);
  if (r.rejected.some((p) => p.row === 0)) {
    expect(r.sites).toEqual([]);
    return;
  }
  const rejectedRows = new Set(r.rejected.map((p) => p.row));
  for (const row of r.siteRows) expect(rejectedRows.has(row), `row ${row} both kept and rejected`).toBe(false);
  expect(r.sites.length + rejectedRows.size, 'every row is a site or rejected').toBe(r.rowCount);
}

/** Non-blank data records of a CSV, counted by Papa directly (not by the importer). */
/** Data rows of a comma-separated text (the generators write commas; Papa's own delimiter guess also reads data cells). */
function csvDataRows(text: string): number {
  const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false, delimiter: ',' }).data;
  return records.slice(1).filter((cells) => !cells.every((c) => c.trim() === '')).length;
}

/** True while the (mutated) header line still has more commas than any other delimiter. */
function commaHeader(text: string): boolean {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const count = (d: string) => line.split(d).length - 1;
  return ['\t', ';', '|'].every((d) => count(',') > count(d));
}

// ---- generators -------------------------------------------------------------------------------

const coordinate = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }).map((x) => x.toFixed(6)) },
    { weight: 1, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'east', '1e400', '-', '121,5', '１２１.５', 'NaN', '0x79', '.') },
  );

const typeWord = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FACILITY_TYPE_IDS, 'charging', '充电桩', '5G', '快递柜', 'locker') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const csvRow = fc.record({
  id: fc.oneof(fc.constantFrom('', 'a', 'b', 'a1'), fc.string({ maxLength: 6 })),
  name: fc.string({ maxLength: 12 }),
  type: typeWord,
  lon: coordinate(121.0, 121.9),
  lat: coordinate(30.7, 31.8),
  status: fc.constantFrom('', 'existing', 'planned', '候选', 'gone'),
  capacity: fc.constantFrom('', '1', '12', '2.5', '-3', 'many'),
});

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const header = fc.constantFrom(
  'id,name,type,lon,lat,status,capacity',
  '编号,名称,类型,经度,纬度,状态,桩数',
  'ID,Name,Facility,Longitude,Latitude,Status,Capacity',
  'id,name,type,lat,lon,status,capacity', // columns in another order (values land swapped)
  'id,name,type,x,y,status,capacity',
);

const validCsv = fc
  .tuple(header, fc.array(csvRow, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([h, rows, eol, bom]) => (bom ? '\uFEFF' : '') + [h, ...rows.map((r) => [r.id, r.name, r.type, r.lon, r.lat, r.status, r.capacity].map(quote).join(','))].join(eol) + eol);

/** One edit of a text: a character dropped, inserted or replaced, a line doubled or cut. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: fc.constantFrom(',', '"', '\n', '\r', ';', '\t', '.', '-', '9', 'x', '{', '}', '[', ']', ':', '\u0000', '经') }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type Edit = { kind: 'delete' | 'insert' | 'duplicateLine' | 'truncate'; at: number; ch?: string };

function mutate(text: string, edits: readonly Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length === 0 ? 0 : e.at % (t.length + 1);
    if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + 1);
    else if (e.kind === 'insert') t = t.slice(0, at) + e.ch + t.slice(at);
    else if (e.kind === 'truncate') t = t.slice(0, at);
    else {
      const lines = t.split('\n');
      const i = e.at % lines.length;
      lines.splice(i, 0, lines[i]!);
      t = lines.join('\n');
    }
  }
  return t;
}

const geometry = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(coordinate(121.0, 121.9), coordinate(30.7, 31.8)).map(([x, y]) => ({ type: 'Point', coordinates: [Number(x), Number(y)] })) },
  { weight: 1, arbitrary: fc.constant({ type: 'LineString', coordinates: [[121.4, 31.2], [121.5, 31.3]] }) },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const feature = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    type: fc.constant('Feature'),
    geometry,
    properties: fc.oneof(
      fc.record({ id: fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), type: typeWord, name: fc.jsonValue(), status: fc.constantFrom('existing', 'planned', 'x'), capacity: fc.jsonValue(), radiusKm: fc.jsonValue(), illustrative: fc.jsonValue() }, { requiredKeys: ['type'] }),
      fc.jsonValue(),
    ),
  }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

const featureCollection = fc.array(feature, { maxLength: 20 }).map((features) => JSON.stringify({ type: 'FeatureCollection', features }));

// ---- properties -------------------------------------------------------------------------------

describe('CSV importer, property-based', () => {
  it('any text at all: no exception, well-formed problems', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkResult(parseSiteFile(text, { format: 'csv' }));
      }),
      { numRuns: 2000 },
    );
  });

  it('generated spreadsheets: every non-blank data row is a site or a rejection', () => {
    fc.assert(
      fc.property(validCsv, fc.boolean(), (text, fixSwapped) => {
        const r = parseSiteFile(text, { format: 'csv', fixSwapped });
        checkResult(r);
        expect(r.rowCount).toBe(csvDataRows(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated spreadsheets (characters dropped, inserted, lines doubled or cut): still no exception', () => {
    fc.assert(
      fc.property(validCsv, fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom('wgs84', 'gcj02', 'bd09'), (text, edits, crs) => {
        const mutated = mutate(text, edits);
        const r = parseSiteFile(mutated, { format: 'csv', crs });
        checkResult(r);
        if (!r.rejected.some((p) => p.row === 0) && commaHeader(mutated)) expect(r.rowCount).toBe(csvDataRows(mutated));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('GeoJSON importer, property-based', () => {
  it('any JSON value: no exception, well-formed problems', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        checkResult(parseSiteFile(JSON.stringify(value) ?? '', { format: 'geojson' }));
      }),
      { numRuns: 1500 },
    );
  });

  it('FeatureCollections of random features: every feature is a site or a rejection', () => {
    fc.assert(
      fc.property(featureCollection, (text) => {
        const r = parseSiteFile(text, { format: 'geojson' });
        checkResult(r);
        expect(r.rowCount).toBe((JSON.parse(text) as { features: unknown[] }).features.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated GeoJSON text: no exception; broken JSON is one file problem', () => {
    fc.assert(
      fc.property(featureCollection, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, edits) => {
        const mutated = mutate(text, edits);
        const r = parseSiteFile(mutated, { format: 'geojson' });
        checkResult(r);
        let json = true;
        try {
          JSON.parse(mutated.replace(/^\uFEFF/, ''));
        } catch {
          json = false;
        }
        if (!json && mutated.trim() !== '') expect(r.rejected).toEqual([expect.objectContaining({ row: 0, code: 'notJson' })]);
      }),
      { numRuns: 2000 },
    );
  });
});
