/**
 * Fetches a scenario file (the shipped illustrative sample) and validates it. Never throws: a broken
 * file becomes an error naming the file and the feature, and the app carries on with no sites.
 */
import { parseScenarioFile, type ScenarioMeta } from '../domain/scenarioFile';
import type { Site } from '../domain/site';
import type { DataError } from './loadGeodata';
import { describeZodError } from './describeZodError';
import { ZodError } from 'zod';

export const SAMPLE_SCENARIO_FILE = 'sample-scenario.geojson';

export type ScenarioLoad = { meta: ScenarioMeta; sites: Site[] } | { error: DataError };

export async function loadScenario(url: string, file: string, fetcher: (url: string) => Promise<Response> = fetch): Promise<ScenarioLoad> {
  try {
    const response = await fetcher(url);
    if (!response.ok) return { error: { file, message: `HTTP ${response.status}` } };
    return parseScenarioFile(JSON.parse(await response.text()) as unknown);
  } catch (e) {
    const message = e instanceof ZodError ? describeZodError(e) : (e as Error).message;
    return { error: { file, message } };
  }
}
