/**
 * Loads the shipped geometry for the embed. The same files and zod schemas as the app's loader
 * (src/io/loadGeodata.ts; a unit test keeps the two lists equal), but without the census CSV: that
 * loader brings in papaparse, which the read-only embed has no use for — the embed shows no
 * district fact panel, the only user of the population figures.
 */
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
} from '../domain/geodata';
import { describeZodError } from '../io/describeZodError';
import type { DataError, Geodata, GeodataKey, LoadResult } from '../io/loadGeodata';

export const EMBED_GEODATA_FILES = {
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
} as const satisfies Record<GeodataKey, unknown>;

/** Fetches and validates every geometry file in parallel. Never throws: a broken file is reported by name. */
export async function loadEmbedGeodata(baseUrl: string, fetcher: (url: string) => Promise<Response> = fetch): Promise<LoadResult> {
  const data: Geodata = {};
  const errors: DataError[] = [];
  await Promise.all(
    (Object.keys(EMBED_GEODATA_FILES) as GeodataKey[]).map(async (key) => {
      const { file, schema } = EMBED_GEODATA_FILES[key];
      try {
        const response = await fetcher(`${baseUrl}${file}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const parsed = schema.safeParse(await response.json());
        if (parsed.success) (data as Record<string, unknown>)[key] = parsed.data;
        else errors.push({ file, message: describeZodError(parsed.error) });
      } catch (e) {
        errors.push({ file, message: `could not be loaded (${(e as Error).message})` });
      }
    }),
  );
  errors.sort((a, b) => a.file.localeCompare(b.file));
  return { data, errors };
}
