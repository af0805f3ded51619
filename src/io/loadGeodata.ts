/**
 * Loads the shipped data from the app's own origin: the geometry files (geodataFiles.ts) and the
 * census CSV, every file validated; a broken file is reported by name and place, the rest still load.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import { populationRowSchema, townshipCodeRowSchema, type PopulationRow, type TownshipCodeRow } from '../domain/geodata';
import { describeZodError } from './describeZodError';
import { fetchText, loadGeometryFiles, parseTownships, TOWNSHIPS_FILE, type DataError, type Fetcher, type Geodata, type GeodataKey, type LoadResult } from './geodataFiles';
import { byCodePoint } from '../domain/byCodePoint';
import { noteSourceText } from './layerTexts';

export { COUNTED_FILES, GEODATA_FILES, MAP_ONLY_FILES, parseGeodataFile, parseTownships, TOWNSHIPS_FILE, type DataError, type Geodata, type GeodataKey, type LoadResult } from './geodataFiles';

export const POPULATION_FILE = 'district-population.csv';

/** Parses a CSV with a header, validating each row; a bad row is reported with its line number. */
function parseCsvRows<T>(text: string, file: string, schema: z.ZodType<T>): { value: T[] } | { error: DataError } {
  const result = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  if (result.errors.length > 0) {
    const first = result.errors[0]!;
    return { error: { file, message: `row ${(first.row ?? 0) + 2}: ${first.message}` } };
  }
  const rows: T[] = [];
  for (const [i, raw] of result.data.entries()) {
    const parsed = schema.safeParse(raw);
    // +2: one for the header line, one because people count lines from 1.
    if (!parsed.success) return { error: { file, message: `row ${i + 2}: ${describeZodError(parsed.error)}` } };
    rows.push(parsed.data);
  }
  return { value: rows };
}

/** Parses the census CSV, validating each row; a bad row is reported with its line number. */
export function parsePopulationCsv(text: string): { value: PopulationRow[] } | { error: DataError } {
  return parseCsvRows(text, POPULATION_FILE, populationRowSchema);
}

export const TOWNSHIP_CODES_FILE = 'township-codes.csv';

/** Parses and validates the NBS 2023 list of Shanghai's 234 township-level units (`code,name,district,…`). */
export function parseTownshipCodeList(text: string): { value: TownshipCodeRow[] } | { error: DataError } {
  return parseCsvRows(text, TOWNSHIP_CODES_FILE, townshipCodeRowSchema);
}

/** One text file fetched and parsed; a failure is the file's error, never a throw. */
async function loadText<T>(fetcher: Fetcher, baseUrl: string, file: string, parse: (text: string) => { value: T } | { error: DataError }): Promise<{ value?: T; error?: DataError }> {
  try {
    const text = await fetchText(fetcher, baseUrl, file);
    const result = parse(text);
    if ('error' in result) return { error: result.error };
    noteSourceText(result.value, text);
    return { value: result.value };
  } catch (e) {
    return { error: { file, message: `could not be loaded (${(e as Error).message})` } };
  }
}

/**
 * Fetches and validates every shipped file (geometry, census, townships) in parallel — of the
 * geometry files only `geometry` when given (the main app's start: COUNTED_FILES). Never throws.
 */
export async function loadGeodata(baseUrl: string, fetcher: Fetcher = fetch, geometry?: readonly GeodataKey[]): Promise<LoadResult> {
  const [geometryRead, population, townships, townshipCodes] = await Promise.all([
    loadGeometryFiles(baseUrl, fetcher, geometry),
    loadText(fetcher, baseUrl, POPULATION_FILE, parsePopulationCsv),
    loadText(fetcher, baseUrl, TOWNSHIPS_FILE, parseTownships),
    loadText(fetcher, baseUrl, TOWNSHIP_CODES_FILE, parseTownshipCodeList),
  ]);
  const data: Geodata = {
    ...geometryRead.data,
    ...(population.value ? { population: population.value } : {}),
    ...(townships.value ? { townships: townships.value } : {}),
    ...(townshipCodes.value ? { townshipCodes: townshipCodes.value } : {}),
  };
  const errors = [...geometryRead.errors, ...[population.error, townships.error, townshipCodes.error].filter((e) => e !== undefined)];
  errors.sort((x, y) => byCodePoint(x.file, y.file));
  return { data, errors };
}

/** Two reads of shipped files as one (the counted files and the map's): their data, their errors in file order. */
export function joinedLoads(a: LoadResult, b: LoadResult): LoadResult {
  return { data: { ...a.data, ...b.data }, errors: [...a.errors, ...b.errors].sort((x, y) => byCodePoint(x.file, y.file)) };
}
