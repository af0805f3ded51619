/**
 * The residents layer's steps in the app (src/ui/population/populationLoad.ts) and how its figures
 * are written (residentsText.ts): a file is in use and kept only once the coverage worker took it; a
 * refused one leaves the layer before it in use and asks for it again; a status from before the
 * request is no verdict; the census comes back in one step; counts in 万 in Chinese, grouped in English.
 */
import { describe, expect, it } from 'vitest';
import { backToCensus, INITIAL_POPULATION_UI, refuseFile, sendFile, verdictOf, type LoadedPopulationFile } from '../../src/ui/population/populationLoad';
import { formatResidents, sourceText } from '../../src/ui/population/residentsText';
import { populationStrings } from '../../src/ui/population/strings';
import { translator } from '../../src/ui/i18n';
import { CENSUS_SPREAD_LABEL, fileSource, type PopulationInput } from '../../src/domain/population';
import type { PopulationStatus } from '../../src/worker/coverageProtocol';

const raster = (name: string): PopulationInput => ({
  kind: 'raster',
  source: fileSource('raster', name),
  raster: { width: 1, height: 1, west: 121, north: 31.3, dLon: 0.01, dLat: 0.01, values: Float32Array.of(5) },
});
const ONE_PIXEL = { kind: 'raster', width: 1, height: 1, fileWidth: 1, fileHeight: 1, dLonSec: 36, dLatSec: 36, sample: { bits: 32, format: 3 }, nodata: null, nodataPixels: 0 } as const;
const file = (name: string): LoadedPopulationFile => ({ name, loadedAt: '2026-12-01T10:00:00.000Z', facts: ONE_PIXEL, options: {} });
const report = { inputTotal: 5, placed: 5, outside: 0, moved: 0, movedShare: 0, districts: {}, landWithoutData: 0 };
const taken = (name: string): PopulationStatus => ({ source: fileSource('raster', name), report, error: null, problem: null, buildMs: 1 });
const refused = (name: string): PopulationStatus => ({ source: fileSource('raster', name), report: null, error: 'it holds no residents (every value is zero or nodata)', problem: { code: 'gridNoResidents', params: {} }, buildMs: 1 });

describe('a population file in the app', () => {
  const bytes = new ArrayBuffer(8);

  it('is in use, and kept, once the coverage worker has taken it — not on an older answer', () => {
    const a = raster('a_2020.tif');
    const ui = sendFile(INITIAL_POPULATION_UI, a, file('a_2020.tif'), bytes, 3);
    expect(ui).toMatchObject({ input: a, phase: 'applying', active: null });
    // The request is not sent yet (revision 3 is the census's): no verdict even from a settled answer.
    expect(verdictOf(ui, taken('census'), true, 3)).toBeNull();
    // Sent (revision 4) but not answered yet.
    expect(verdictOf(ui, taken('census'), false, 4)).toBeNull();
    const v = verdictOf(ui, taken('a_2020.tif'), true, 4)!;
    expect(v.taken).toBe(true);
    expect(v.ui).toMatchObject({ active: file('a_2020.tif'), pending: null, phase: 'idle', input: a });
    expect(v.taken && v.keep).toEqual({ file: file('a_2020.tif'), bytes });
  });

  it('refused by the coverage worker: the layer before stays, and is asked for again', () => {
    const a = raster('a.tif');
    const inUse = { ...INITIAL_POPULATION_UI, input: a, active: file('a.tif') };
    const ui = sendFile(inUse, raster('bad.tif'), file('bad.tif'), bytes, 5);
    const v = verdictOf(ui, refused('bad.tif'), true, 6)!;
    expect(v.taken).toBe(false);
    expect(v.ui).toMatchObject({ input: a, active: file('a.tif'), pending: null, error: { code: 'gridNoResidents', params: {} } });
  });

  it('a restored file is not kept again; a refused read changes nothing in use; remove goes back to the census', () => {
    const ui = sendFile(INITIAL_POPULATION_UI, raster('k.tif'), file('k.tif'), null, 0);
    const v = verdictOf(ui, taken('k.tif'), true, 1)!;
    expect(v.taken && v.keep).toBeNull();
    const inUse = v.ui;
    const blob = new Blob(['x']);
    const r = refuseFile({ ...inUse, phase: 'reading' }, { code: 'areasNoField', params: { file: 'areas.csv', words: 'population', columns: '"name", "count"' } }, { file: blob, name: 'areas.csv', columns: ['name', 'count'] });
    expect(r).toMatchObject({ input: inUse.input, active: inUse.active, phase: 'idle', chooseField: { columns: ['name', 'count'] } });
    expect(backToCensus(r)).toMatchObject({ input: null, active: null, error: null, chooseField: null, pending: null });
  });
});

describe('resident figures as written', () => {
  const zh = translator('zh', populationStrings);
  const en = translator('en', populationStrings);

  it('counts: 万 with one decimal from 100,000 in Chinese; whole and grouped in English', () => {
    expect(formatResidents(zh, 1_234_567)).toBe('123.5 万');
    expect(formatResidents(zh, 99_999.4)).toBe('99,999');
    expect(formatResidents(en, 1_234_567.4)).toBe('1,234,567');
  });

  it('the ground: the census label word for word; a file with its name and the date it was loaded', () => {
    const census = { kind: 'district-census' as const, name: 'census', year: 2020, label: { ...CENSUS_SPREAD_LABEL } };
    expect(sourceText(zh, census, null)).toBe(CENSUS_SPREAD_LABEL.zh);
    expect(sourceText(en, census, null)).toBe(CENSUS_SPREAD_LABEL.en);
    const src = fileSource('raster', 'chn_ppp_2020.tif');
    const text = sourceText(en, src, file('chn_ppp_2020.tif'));
    expect(text.startsWith('population grid chn_ppp_2020.tif (2020) · loaded ')).toBe(true);
    expect(text).toMatch(/2026/);
    // A status for another file than the one loaded: no date claimed.
    expect(sourceText(en, src, file('other.tif'))).toBe('population grid chn_ppp_2020.tif (2020)');
  });
});
