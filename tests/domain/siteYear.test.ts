/**
 * The year model (src/domain/siteYear.ts): reading a year from a cell, which sites exist as of a
 * year, and which are "new" for a plan's period — with the checker's "new" counts on the hand-made
 * checker fixtures (tests/fixtures/checker/: m1, m2, m3 and p1 are the 5G sites of district A).
 */
import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../src/domain/checker';
import type { Site } from '../../src/domain/site';
import { builtBy, isNewIn, parseSiteYear, periodYears, sitesAsOf } from '../../src/domain/siteYear';
import { scopes, sites as fixtureSites, testTarget } from '../fixtures/checker/load';

describe('parseSiteYear', () => {
  it.each([
    ['2021', 2021],
    [' 2021 ', 2021],
    ['2021.0', 2021],
    ['２０２１', 2021],
    [2019, 2019],
    ['2021-06-30', 2021],
    ['2021/6/30', 2021],
    ['2021.6', 2021],
    ['2021-06', 2021],
    ['2021年6月', 2021],
    ['2021年6月30日', 2021],
    ['2021年', 2021],
    ['2021-06-30T08:00:00Z', 2021],
  ] as const)('%j → %d', (cell, year) => {
    expect(parseSiteYear(cell)).toBe(year);
  });

  it('blank is absent; what is not a year or a date is NaN (the row problem shows it)', () => {
    for (const blank of [undefined, null, '', '  ']) expect(parseSiteYear(blank)).toBeUndefined();
    for (const bad of ['去年', '21', '2021-13-01', '2021/6/32', '6/30/2021', '2021.5.', 2021.5, 'abc2021', '20210']) {
      expect(parseSiteYear(bad), String(bad)).toBeNaN();
    }
  });
});

describe('as of a year', () => {
  const s = (year?: number): Pick<Site, 'year'> => (year === undefined ? {} : { year });

  it('a site exists from the end of its year on; one without a year at every year; null is every site', () => {
    expect(builtBy(s(2021), 2020)).toBe(false);
    expect(builtBy(s(2021), 2021)).toBe(true);
    expect(builtBy(s(), 2019)).toBe(true);
    expect(builtBy(s(2030), null)).toBe(true);
    const list = [s(2019), s(2021), s(), s(2023)];
    expect(sitesAsOf(list, 2021)).toEqual([s(2019), s(2021), s()]);
    expect(sitesAsOf(list, null)).toBe(list);
    expect(sitesAsOf(list, 2025)).toBe(list);
  });

  it('new: in the period and up to the as-of year; never without a year', () => {
    const period = { start: 2020, end: 2022 };
    expect(isNewIn(s(2019), period, null)).toBe(false);
    expect(isNewIn(s(2020), period, null)).toBe(true);
    expect(isNewIn(s(2022), period, 2021)).toBe(false);
    expect(isNewIn(s(2023), period, null)).toBe(false);
    expect(isNewIn(s(), period, null)).toBe(false);
    expect(periodYears(period)).toEqual([2020, 2021, 2022]);
  });
});

describe('the checker with years', () => {
  const A = '310112';
  const target = (t: Record<string, unknown>) => testTarget({ facility: '5g-macro', alsoCounts: ['5g-pole'], metric: 'count', ...t });
  // A's 5G sites: m1 2018 (before the period), m2 2020, m3 2021 (planned), p1 without a year.
  const YEARS: Record<string, number> = { m1: 2018, m2: 2020, m3: 2021 };
  const withYears: Site[] = fixtureSites.map((x) => (YEARS[x.id] === undefined ? x : { ...x, year: YEARS[x.id] }));
  const periods = new Map([[A, { start: 2020, end: 2022 }]]);
  const newTarget = target({ goal: { value: 2, mode: 'new', aim: 4 } });
  const cumulative = target({ goal: { value: 4, mode: 'cumulative' } });
  const run = (asOf: number | null) => evaluateTargets([newTarget, cumulative], sitesAsOf(withYears, asOf), scopes, { periods, asOf });

  it('all years: new = m2 + m3 (2020–2022), p1 is "year unknown", m1 is before the period', () => {
    const [n, c] = run(null);
    expect(n).toMatchObject({ status: 'met', current: 2, target: 2, yearUnknown: 1, newYears: { start: 2020, end: 2022 } });
    // The aim without a text baseline: every unit in the scope.
    expect(n!.aim).toEqual({ target: 4, current: 4, met: true });
    expect(c).toMatchObject({ current: 4, status: 'met' });
  });

  it('as of 2020: m3 (2021) is not built yet — new 1, cumulative 3 (m1, m2, p1)', () => {
    const [n, c] = run(2020);
    expect(n).toMatchObject({ status: 'short', current: 1, shortBy: 1, yearUnknown: 1 });
    expect(c).toMatchObject({ current: 3, status: 'short' });
  });

  it('as of 2019: nothing new yet; the site without a year still exists', () => {
    const [n, c] = run(2019);
    expect(n).toMatchObject({ current: 0, yearUnknown: 1 });
    expect(c).toMatchObject({ current: 2 }); // m1, p1
  });

  it('without years no site is new, and all are "year unknown"', () => {
    const [n] = evaluateTargets([newTarget], fixtureSites, scopes, { periods, asOf: null });
    expect(n).toMatchObject({ current: 0, yearUnknown: 4 });
  });

  it('a target due before the period ends counts new sites only to its deadline', () => {
    const early = target({ id: 't-early', deadline: 2020, goal: { value: 1, mode: 'new' } });
    const [n] = evaluateTargets([early], withYears, scopes, { periods, asOf: null });
    expect(n).toMatchObject({ current: 1, newYears: { start: 2020, end: 2020 } }); // m2 only
  });
});
