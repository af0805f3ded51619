/**
 * The app's number text is written by hand (src/domain/groupedNumber.ts); the reference is
 * Intl.NumberFormat for both interface languages, on numbers of every size and sign, halves and
 * negative zeros included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupedNumber } from '../../src/domain/groupedNumber';

const LOCALES = ['zh-CN', 'en-US'] as const;
const intl = (locale: string, digits: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('groupedNumber', () => {
  const numbers = fc.oneof(
    fc.double({ min: -1e22, max: 1e22 }),
    fc.integer({ min: -10_000_000, max: 10_000_000 }),
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 8), // halves and eighths: exact ties
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000),
    fc.constantFrom(0, -0, 0.5, -0.5, 1.005, 2.675, 999.5, 999_999.95, -0.04, 1e21, -1e21, 9.999e20, Infinity, -Infinity, Number.NaN),
  );
  for (const locale of LOCALES) {
    it(`writes what Intl.NumberFormat writes (${locale})`, () => {
      fc.assert(
        fc.property(numbers, fc.integer({ min: 0, max: 6 }), (value, digits) => {
          expect(groupedNumber(value, digits)).toBe(intl(locale, digits).format(value));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('rounds the shortest decimal form, as Intl does', () => {
    expect(groupedNumber(1234567.25, 1)).toBe('1,234,567.3');
    expect(groupedNumber(0.015, 2)).toBe('0.02');
    expect(groupedNumber(-1000, 0)).toBe('-1,000');
  });
});
