/**
 * Which CSV column is which field: every header matched against the field's English and Chinese
 * aliases (whole words, or anywhere for CJK), coordinate headers that name a system (`lng_gcj02`,
 * `经度(高德)`), how sure the choice is, and a person's own choice over it.
 */
import { stripCrsWords, type Crs } from './crs';
import { HEADER_ALIASES, type ColumnField } from './rowProblems';
import { FIELDS, norm, type Field } from './siteRows';

/** How sure the CSV column detection is, and what else it could have chosen. */
export interface ColumnDetection {
  /** The header row's cells, trimmed, in file order. */
  header: string[];
  /**
   * False when a person should confirm the columns: a required one was not found, was found only
   * by a partial match (`经度(高德)`, `lng_gcj02`), or more than one header could be it.
   */
  sure: boolean;
  /** Headers that could be each field, best first. */
  candidates: Partial<Record<ColumnField, string[]>>;
  /** The coordinate system the coordinate headers name (`lng_gcj02` → gcj02), if any. */
  crsHint: Crs | null;
}

/** A CSV column choice made by a person: a header per field, or null for "no such column". */
export type ColumnMapping = Partial<Record<ColumnField, string | null>>;

/** Every ASCII alias of a field (`lng`, `x`) is matched as a whole word of the header; CJK ones anywhere in it. */
function partialMatch(header: string, alias: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(alias)) return header.includes(alias);
  return header.split(/[^a-z]+/).includes(alias);
}

/** Candidate headers per field (exact alias matches first, then partial ones) and whether the choice is sure. */
export function detectColumns(header: readonly string[]): ColumnDetection {
  const names = header.map((h) => norm(h));
  const trimmed = header.map((h) => h.trim());
  // `lng_gcj02` and `经度(高德)` are plainly longitude, in a named system.
  const stripped = header.map((h) => stripCrsWords(h));
  const isExact = (i: number, alias: string) => names[i] === alias || (stripped[i]!.crs !== null && stripped[i]!.rest === alias);
  const exact: Partial<Record<Field, number[]>> = {};
  const partial: Partial<Record<Field, number[]>> = {};
  for (const field of FIELDS) {
    const e: number[] = [];
    for (const alias of HEADER_ALIASES[field]) {
      names.forEach((_, i) => {
        if (isExact(i, alias) && !e.includes(i)) e.push(i);
      });
    }
    const p = names.flatMap((n, i) => (!e.includes(i) && HEADER_ALIASES[field].some((a) => partialMatch(n, a)) ? [i] : []));
    exact[field] = e;
    partial[field] = p;
  }
  const candidates: Partial<Record<Field, string[]>> = {};
  for (const field of FIELDS) {
    const all = [...exact[field]!, ...partial[field]!];
    if (all.length > 0) candidates[field] = all.map((i) => trimmed[i]!);
  }
  const first = (f: Field) => exact[f]![0] ?? partial[f]![0];
  const lon = first('lon');
  const lat = first('lat');
  const sure =
    lon !== undefined &&
    lat !== undefined &&
    lon !== lat &&
    exact.lon!.length === 1 &&
    exact.lat!.length === 1 &&
    partial.lon!.length === 0 &&
    partial.lat!.length === 0 &&
    (exact.type!.length > 0 || partial.type!.length === 0);
  const crsHint = (lon === undefined ? null : stripped[lon]!.crs) ?? (lat === undefined ? null : stripped[lat]!.crs);
  return { header: trimmed, sure, candidates, crsHint };
}

/** The column index per field: the person's mapping where given, else the best candidate. */
export function chooseColumns(detection: ColumnDetection, mapping: ColumnMapping | undefined): { cols: Partial<Record<Field, number>>; unknown: string[] } {
  const cols: Partial<Record<Field, number>> = {};
  const unknown: string[] = [];
  const used = new Set<number>();
  for (const field of FIELDS) {
    const chosen = mapping?.[field];
    if (chosen === null) continue;
    if (chosen !== undefined) {
      const i = detection.header.indexOf(chosen.trim());
      if (i < 0) unknown.push(field);
      else {
        cols[field] = i;
        used.add(i);
      }
    }
  }
  for (const field of FIELDS) {
    if (mapping?.[field] !== undefined) continue;
    // A column the person gave to another field, or already taken, is not reused.
    const name = detection.candidates[field]?.find((h) => !used.has(detection.header.indexOf(h)));
    if (name === undefined) continue;
    const i = detection.header.indexOf(name);
    cols[field] = i;
    used.add(i);
  }
  return { cols, unknown };
}

/** The system the chosen coordinate headers name (the person's mapping may differ from detection). */
export function crsOfColumns(header: readonly string[], cols: Partial<Record<Field, number>>): Crs | null {
  const of = (i: number | undefined) => (i === undefined ? null : stripCrsWords(header[i]!).crs);
  return of(cols.lon) ?? of(cols.lat);
}
