/**
 * The year a site was built or is planned for, and the plans' periods measured against it.
 *
 * The model: a site may carry `year` (an integer, 1990–2100). "As of year Y" means the sites built by
 * the end of Y — a site with a year after Y does not exist yet; a site without a year exists at every
 * year (it is there today, and nothing says when it came). A plan's "new" count target (新建) counts
 * only the sites whose year lies inside the plan's period and is ≤ Y; a site without a year is never
 * "new", and the count says how many such sites it left out ("year unknown"). Pure.
 */
import type { Site } from './site';

/** The years a site's `year` may hold. */
export const SITE_YEAR = { min: 1990, max: 2100 } as const;

/** The years the as-of control offers (the plans run 2020–2022; a year either side). */
export const AS_OF_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** An as-of year from a URL or command-line value: one of AS_OF_YEARS, else null (every site). */
export function asOfYearFrom(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\d{4}$/.test(text.trim())) return null;
  const y = Number(text.trim());
  return AS_OF_YEARS.includes(y) ? y : null;
}

/**
 * The year of a cell or property: an integer (`2021`, `2021.0`), or a date whose year comes first
 * (`2021-06-30`, `2021/6/30`, `2021.6`, `2021年6月`, `2021年`, an ISO timestamp).
 * @returns the year; undefined for a blank cell; NaN for anything else (the row problem names it).
 *   The range (1990–2100) is the schema's to check.
 */
export function parseSiteYear(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  const s = String(v).normalize('NFKC').trim();
  if (s === '') return undefined;
  const whole = /^(\d{4})(?:\.0+)?$/.exec(s);
  if (whole) return Number(whole[1]);
  const date = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ].*)?|年(?:(\d{1,2})月(?:(\d{1,2})日)?)?)$/.exec(s);
  if (!date) return NaN;
  const month = Number(date[2] ?? date[4] ?? 1);
  const day = Number(date[3] ?? date[5] ?? 1);
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  return Number(date[1]);
}

/** Whether `site` exists as of the end of `asOf` (null: every site, the default). */
export function builtBy(site: Pick<Site, 'year'>, asOf: number | null): boolean {
  return asOf === null || site.year === undefined || site.year <= asOf;
}

/** The sites that exist as of the end of `asOf`; the same array when every site does. */
export function sitesAsOf<S extends Pick<Site, 'year'>>(sites: readonly S[], asOf: number | null): readonly S[] {
  if (asOf === null || !sites.some((s) => s.year !== undefined && s.year > asOf)) return sites;
  return sites.filter((s) => builtBy(s, asOf));
}

/** A plan's period, first and last year inclusive. */
export interface Period {
  start: number;
  end: number;
}

/**
 * Whether a site is "new" for a plan: its year lies in the plan's period and is ≤ `asOf`
 * (null: to the end of the period). A site without a year is never new.
 */
export function isNewIn(site: Pick<Site, 'year'>, period: Period, asOf: number | null): boolean {
  const y = site.year;
  return y !== undefined && y >= period.start && y <= period.end && (asOf === null || y <= asOf);
}

/** The years of a period, in order. */
export function periodYears(period: Period): number[] {
  return Array.from({ length: period.end - period.start + 1 }, (_, i) => period.start + i);
}
