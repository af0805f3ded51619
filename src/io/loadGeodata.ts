/**
 * Loads the shipped data from the app's own origin: the geometry files (geodataFiles.ts) and the
 * census CSV, every file validated; a broken file is reported by name and place, the rest still load.
 */
import Papa from 'papaparse';
import { populationRowSchema, townshipsSchema, type PopulationRow, type TownshipCollection } from '../domain/geodata';
import { describeZodError } from './describeZodError';
import { fetchText, loadGeometryFiles, type DataError, type Fetcher, type Geodata, type LoadResult } from './geodataFiles';

export { GEODATA_FILES, parseGeodataFile, type DataError, type Geodata, type GeodataKey, type LoadResult } from './geodataFiles';

export const POPULATION_FILE = 'district-population.csv';

/** Parses the census CSV, validating each row; a bad row is reported with its line number. */
export function parsePopulationCsv(text: string): { value: PopulationRow[] } | { error: DataError } {
  const result = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  if (result.errors.length > 0) {
    const first = result.errors[0]!;
    return { error: { file: POPULATION_FILE, message: `row ${(first.row ?? 0) + 2}: ${first.message}` } };
  }
  const rows: PopulationRow[] = [];
  for (const [i, raw] of result.data.entries()) {
    const parsed = populationRowSchema.safeParse(raw);
    // +2: one for the header line, one because people count lines from 1.
    if (!parsed.success) {
      return { error: { file: POPULATION_FILE, message: `row ${i + 2}: ${describeZodError(parsed.error)}` } };
    }
    rows.push(parsed.data);
  }
  return { value: rows };
}

export const TOWNSHIPS_FILE = 'townships.geojson';

/**
 * Parses and validates the shipped townships (113 polygons of 8 districts). Not among the files the
 * map loads at start: the CLI reads it, the app will when it shows townships.
 */
export function parseTownships(text: string): { value: TownshipCollection } | { error: DataError } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: { file: TOWNSHIPS_FILE, message: `not valid JSON (${(e as Error).message})` } };
  }
  const parsed = townshipsSchema.safeParse(json);
  return parsed.success ? { value: parsed.data } : { error: { file: TOWNSHIPS_FILE, message: describeZodError(parsed.error) } };
}

/** Fetches and validates every shipped file (geometry and census) in parallel. Never throws. */
export async function loadGeodata(baseUrl: string, fetcher: Fetcher = fetch): Promise<LoadResult> {
  const populationTask = (async (): Promise<{ value?: PopulationRow[]; error?: DataError }> => {
    try {
      const result = parsePopulationCsv(await fetchText(fetcher, baseUrl, POPULATION_FILE));
      return 'error' in result ? { error: result.error } : { value: result.value };
    } catch (e) {
      return { error: { file: POPULATION_FILE, message: `could not be loaded (${(e as Error).message})` } };
    }
  })();
  const [geometry, population] = await Promise.all([loadGeometryFiles(baseUrl, fetcher), populationTask]);
  const data: Geodata = { ...geometry.data, ...(population.value ? { population: population.value } : {}) };
  const errors = population.error ? [...geometry.errors, population.error] : geometry.errors;
  errors.sort((x, y) => x.file.localeCompare(y.file));
  return { data, errors };
}
