/**
 * The shipped geometry files: names, schemas, and loading them from the app's own origin with every
 * file validated. One broken file does not stop the others: the map draws what is valid and the UI
 * lists what is not, by file and by the place in the file where the problem is.
 *
 * Kept apart from the census CSV (loadGeodata.ts), so the read-only embed loads the same files with
 * the same schemas without bringing in the CSV parser.
 */
import type { z } from 'zod';
import {
  districtsSchema,
  elevatedRoadsSchema,
  landSchema,
  metroLinesSchema,
  metroStationsSchema,
  municipalSchema,
  oceanSchema,
  outerRingAreaSchema,
  outerRingLinesSchema,
  riversSchema,
  zonesSchema,
  type PopulationRow,
  type TownshipCodeRow,
  type TownshipCollection,
  townshipsSchema,
} from '../domain/geodata';
import { describeZodError } from './describeZodError';
import { byCodePoint } from '../domain/byCodePoint';
import { noteSourceText } from './layerTexts';

/** Each shipped file: its name under `data/` and the schema it must pass. */
export const GEODATA_FILES = {
  districts: { file: 'districts.geojson', schema: districtsSchema },
  zones: { file: 'zones.geojson', schema: zonesSchema },
  outerRingArea: { file: 'outer-ring-area.geojson', schema: outerRingAreaSchema },
  outerRingLines: { file: 'outer-ring-s20.geojson', schema: outerRingLinesSchema },
  municipal: { file: 'municipal.geojson', schema: municipalSchema },
  land: { file: 'land.geojson', schema: landSchema },
  ocean: { file: 'ocean.geojson', schema: oceanSchema },
  rivers: { file: 'rivers.geojson', schema: riversSchema },
  elevatedRoads: { file: 'elevated-roads.geojson', schema: elevatedRoadsSchema },
  metroLines: { file: 'metro-lines.geojson', schema: metroLinesSchema },
  metroStations: { file: 'metro-stations.geojson', schema: metroStationsSchema },
} as const;

type Files = typeof GEODATA_FILES;
export type GeodataKey = keyof Files;

/**
 * The files only the map, the import's offset check, the search and the optimiser read — none of the
 * figures is counted on them. The main app reads them once its first numbers are shown (issue #19).
 */
export const MAP_ONLY_FILES: readonly GeodataKey[] = ['outerRingLines', 'municipal', 'ocean', 'rivers', 'elevatedRoads', 'metroLines', 'metroStations'];
/** The files the figures are counted on (the coverage grid's layers). */
export const COUNTED_FILES: readonly GeodataKey[] = (Object.keys(GEODATA_FILES) as GeodataKey[]).filter((k) => !MAP_ONLY_FILES.includes(k));
export type Geodata = { [K in GeodataKey]?: z.infer<Files[K]['schema']> } & {
  population?: PopulationRow[];
  /** The shipped townships (8 districts) and the NBS list of all 234 (the main app only: loadGeodata.ts). */
  townships?: TownshipCollection;
  townshipCodes?: TownshipCodeRow[];
};

export interface DataError {
  file: string;
  message: string;
}

export interface LoadResult {
  data: Geodata;
  errors: DataError[];
}

export type Fetcher = (url: string) => Promise<Response>;

/** Parses and validates one JSON text; returns the value or an error naming the file and path. */
export function parseGeodataFile<K extends GeodataKey>(
  key: K,
  text: string,
): { value: z.infer<Files[K]['schema']> } | { error: DataError } {
  const { file, schema } = GEODATA_FILES[key];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: { file, message: `not valid JSON (${(e as Error).message})` } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { error: { file, message: describeZodError(parsed.error) } };
  return { value: parsed.data as z.infer<Files[K]['schema']> };
}

export const TOWNSHIPS_FILE = 'townships.geojson';

/**
 * Parses and validates the shipped townships (113 polygons of 8 districts). The main app loads it with
 * the census (loadGeodata); the embed does not; the coverage worker validates it from its text
 * (src/worker/layerSources.ts), which is why it is here, apart from the CSV parser.
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

export async function fetchText(fetcher: Fetcher, baseUrl: string, file: string): Promise<string> {
  const response = await fetcher(`${baseUrl}${file}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

/** Fetches and validates the geometry files `keys` (every one by default) in parallel. Never throws. */
export async function loadGeometryFiles(baseUrl: string, fetcher: Fetcher = fetch, keys: readonly GeodataKey[] = Object.keys(GEODATA_FILES) as GeodataKey[]): Promise<LoadResult> {
  const data: Geodata = {};
  const errors: DataError[] = [];
  await Promise.all(
    keys.map(async (key) => {
      const { file } = GEODATA_FILES[key];
      try {
        const text = await fetchText(fetcher, baseUrl, file);
        const result = parseGeodataFile(key, text);
        if ('error' in result) errors.push(result.error);
        else {
          (data as Record<string, unknown>)[key] = result.value;
          noteSourceText(result.value, text);
        }
      } catch (e) {
        errors.push({ file, message: `could not be loaded (${(e as Error).message})` });
      }
    }),
  );
  errors.sort((x, y) => byCodePoint(x.file, y.file));
  return { data, errors };
}
