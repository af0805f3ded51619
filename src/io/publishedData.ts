/**
 * Published datasets: what a deployer serves beside the app instead of the made-up sample.
 *
 * Contract (README "Publishing real data"): the served folder may hold `published/index.json`, an
 * array of entries `{ "id", "file", "title": {"zh","en"}, "date", "source", "licence" }` with
 * optional `"crs"` (`wgs84` | `gcj02` | `bd09`, default: what the file's headers say, else WGS-84)
 * and `"type"` (the facility type of every row of a file without a type column). Each `file` — a
 * GeoJSON or CSV in UTF-8, UTF-16 or GB18030 — sits beside index.json. When the index exists, both
 * pages open on its first entry (or the one `?published=ID` names) and never on the sample; the
 * sample stays only where nothing is published: no index, or the empty one the build ships.
 *
 * Never throws: a broken index or file becomes problems naming the file (and the row and field),
 * the good rows of a file are kept, and the page draws with what there is.
 */
import { z } from 'zod';
import { facilityTypeIdSchema } from '../domain/facilityTypes';
import type { ScenarioMeta } from '../domain/scenarioFile';
import type { Site } from '../domain/site';
import { CRS_IDS } from './crs';
import { DEFAULT_USER_TILES, TILE_CRS, userTilesSchema, type UserTiles } from '../domain/userTiles';
import { describeZodError } from './describeZodError';
import type { DataError, Fetcher } from './geodataFiles';
import { loadScenario, SAMPLE_SCENARIO_FILE } from './loadScenario';
import { LANGS, type Lang } from '../domain/lang';

export const PUBLISHED_INDEX = 'published/index.json';
/** Row problems listed one by one; the rest are counted. */
const LISTED_PROBLEMS = 20;

const entrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'id: letters, digits, "_", "-", "." (up to 64)'),
    // A file beside index.json: no folders, so an entry cannot reach outside published/.
    file: z.string().regex(/^[^/\\:?#]+\.(?:geojson|json|csv|txt)$/i, 'file: a .geojson, .json or .csv file name beside index.json'),
    title: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date: YYYY, YYYY-MM or YYYY-MM-DD'),
    source: z.string().min(1),
    licence: z.string().min(1),
    crs: z.enum(CRS_IDS).optional(),
    type: facilityTypeIdSchema.optional(),
  })
  .strict();
export type PublishedEntry = z.infer<typeof entrySchema>;

export const publishedIndexSchema = z
  .array(entrySchema)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `id "${e.id}" is listed twice` });
      seen.add(e.id);
    });
  });

/**
 * The deployer's base map for the embed (`"embed": { "tiles": … }` in an index written as an object):
 * a PMTiles archive beside index.json, read by HTTP range requests, or an XYZ template — relative
 * to the served folder (same origin), or absolute (then the deployer also opens the embed's CSP
 * `connect-src` to that host).
 */
const embedTilesSchema = z.union([
  z.object({ archive: z.string().regex(/^[^/\\:?#]+\.pmtiles$/i, 'tiles.archive: a .pmtiles file name beside index.json'), opacity: z.number().min(0).max(1).optional() }).strict(),
  z
    .object({
      template: z.string().min(1).max(2000),
      crs: z.enum(TILE_CRS).optional(),
      attribution: z.string().max(300).optional(),
      minzoom: z.number().int().min(0).max(22).optional(),
      maxzoom: z.number().int().min(0).max(22).optional(),
      opacity: z.number().min(0).max(1).optional(),
    })
    .strict(),
]);
export type EmbedTiles = z.infer<typeof embedTilesSchema>;

/**
 * The view both pages open on when the address gives none (no `#zoom/lat/lon`, no share link with a
 * view): a centre in or near Shanghai; the page brings the zoom into the map's range as it does a link's.
 */
const LON_NEAR_SHANGHAI = 'a longitude near Shanghai, 120.5–122.5 (°E; lat and lon swapped?)';
const LAT_NEAR_SHANGHAI = 'a latitude near Shanghai, 30.4–32 (°N; lat and lon swapped?)';
const deployerViewSchema = z
  .object({
    lon: z.number().min(120.5, LON_NEAR_SHANGHAI).max(122.5, LON_NEAR_SHANGHAI),
    lat: z.number().min(30.4, LAT_NEAR_SHANGHAI).max(32, LAT_NEAR_SHANGHAI),
    zoom: z.number().min(0).max(22),
  })
  .strict();
export type DeployerView = z.infer<typeof deployerViewSchema>;

const indexObjectSchema = z
  .object({
    datasets: publishedIndexSchema.optional(),
    embed: z.object({ tiles: embedTilesSchema.optional() }).strict().optional(),
    // The language and view both pages open on unless the address says otherwise (`lang=`, a link).
    lang: z.enum(LANGS as readonly [Lang, ...Lang[]]).optional(),
    view: deployerViewSchema.optional(),
  })
  .strict();

/** index.json: a list of datasets, or an object with `datasets` and the embed's settings (each checked by its own schema, so a problem is named). */
function parseIndexFile(raw: unknown) {
  return Array.isArray(raw) ? publishedIndexSchema.safeParse(raw) : indexObjectSchema.safeParse(raw);
}

/** The deployer's settings from published/index.json: the embed's tiles, the default language and view. */
export interface DeployerSettings {
  tiles: EmbedTiles | null;
  lang: Lang | null;
  view: DeployerView | null;
}

const NO_SETTINGS: DeployerSettings = { tiles: null, lang: null, view: null };

/**
 * The deployer's settings (all null: none, no index, or an index written as a plain list). A broken
 * index is reported once, by loadPublished, naming the field; here it only means no settings.
 */
export async function loadDeployerSettings(base: string, fetcher: Fetcher = fetch): Promise<DeployerSettings> {
  try {
    const response = await fetcher(`${base}${PUBLISHED_INDEX}`);
    if (!response.ok || /text\/html/i.test(response.headers.get('content-type') ?? '')) return NO_SETTINGS;
    const parsed = parseIndexFile(JSON.parse(await response.text()));
    if (!parsed.success || Array.isArray(parsed.data)) return NO_SETTINGS;
    const { embed, lang, view } = parsed.data;
    return { tiles: embed?.tiles ?? null, lang: lang ?? null, view: view ?? null };
  } catch {
    return NO_SETTINGS;
  }
}

/** A deployer's tile template as a full setting: relative templates resolved against the served folder. */
export function embedUserTiles(t: Extract<EmbedTiles, { template: string }>, base: string): UserTiles | DataError {
  const template = /^https?:\/\//i.test(t.template) ? t.template : `${base}${t.template.replace(/^\.?\//, '')}`;
  const parsed = userTilesSchema.safeParse({ ...DEFAULT_USER_TILES, ...t, template });
  return parsed.success ? parsed.data : { file: PUBLISHED_INDEX, message: `embed.tiles: ${describeZodError(parsed.error)}` };
}

export type BaseScenario =
  /** Nothing is published: the shipped sample (or why it could not be read). */
  | { kind: 'sample' }
  | {
      kind: 'published';
      entries: PublishedEntry[];
      entry: PublishedEntry | null;
      meta: ScenarioMeta | null;
      sites: Site[];
      problems: DataError[];
    };

/** The scenario description of a published entry: its title, never illustrative, its provenance kept. */
export function publishedMeta(entry: PublishedEntry): ScenarioMeta {
  return {
    format: 'shanghai-siting-scenario',
    version: 1,
    name_zh: entry.title.zh,
    name_en: entry.title.en,
    illustrative: false,
    published: { id: entry.id, file: entry.file, date: entry.date, source: entry.source, licence: entry.licence },
  };
}

/**
 * Reads `published/index.json` under `base` and the entry asked for (`wanted`, else the first).
 * @returns `{ kind: 'sample' }` when nothing is published (no index: 404, or the server's HTML page)
 */
export async function loadPublished(base: string, wanted: string | null, fetcher: Fetcher = fetch): Promise<BaseScenario> {
  let response: Response;
  try {
    response = await fetcher(`${base}${PUBLISHED_INDEX}`);
  } catch {
    return { kind: 'sample' };
  }
  // A server that answers every path with the app's page (an SPA fallback) publishes nothing either.
  if (!response.ok || /text\/html/i.test(response.headers.get('content-type') ?? '')) return { kind: 'sample' };
  const none = (problems: DataError[]): BaseScenario => ({ kind: 'published', entries: [], entry: null, meta: null, sites: [], problems });
  let raw: unknown;
  try {
    raw = JSON.parse(await response.text());
  } catch (e) {
    return none([{ file: PUBLISHED_INDEX, message: `not valid JSON (${(e as Error).message})` }]);
  }
  const parsed = parseIndexFile(raw);
  if (!parsed.success) return none([{ file: PUBLISHED_INDEX, message: describeZodError(parsed.error) }]);
  const entries = Array.isArray(parsed.data) ? parsed.data : (parsed.data.datasets ?? []);
  // The build ships an empty index (so that asking for it is never a 404): nothing published.
  if (entries.length === 0) return { kind: 'sample' };
  const problems: DataError[] = [];
  let entry = entries[0]!;
  if (wanted !== null) {
    const found = entries.find((e) => e.id === wanted);
    if (found) entry = found;
    else problems.push({ file: PUBLISHED_INDEX, message: `no dataset with id "${wanted}" (published=${wanted}); showing "${entry.id}"` });
  }
  const file = `published/${entry.file}`;
  const meta = publishedMeta(entry);
  let bytes: ArrayBuffer;
  try {
    const r = await fetcher(`${base}published/${encodeURIComponent(entry.file)}`);
    if (!r.ok) return { kind: 'published', entries, entry, meta, sites: [], problems: [...problems, { file, message: `HTTP ${r.status}` }] };
    bytes = await r.arrayBuffer();
  } catch (e) {
    return { kind: 'published', entries, entry, meta, sites: [], problems: [...problems, { file, message: (e as Error).message }] };
  }
  // The site-file reader (and its CSV parser) only when something is published: the embed of the sample never loads it.
  const { parseSiteFileBytes } = await import('./siteFile');
  const result = parseSiteFileBytes(bytes, { fileName: entry.file, idPrefix: entry.id, ...(entry.crs ? { crs: entry.crs } : {}), ...(entry.type ? { defaultType: entry.type } : {}) });
  const rowProblems = [...result.rejected, ...result.warnings];
  for (const p of rowProblems.slice(0, LISTED_PROBLEMS)) {
    const where = p.row === 0 ? '' : `${result.format === 'csv' ? 'row' : 'feature'} ${p.row}${p.field ? `, ${p.field}` : ''}: `;
    problems.push({ file, message: `${where}${p.reason}` });
  }
  if (rowProblems.length > LISTED_PROBLEMS) problems.push({ file, message: `and ${rowProblems.length - LISTED_PROBLEMS} more problems` });
  if (result.sites.length === 0 && result.rejected.length === 0) problems.push({ file, message: 'it holds no sites' });
  return { kind: 'published', entries, entry, meta, sites: result.sites, problems };
}

/**
 * The scenario a page opens on when no link carries one: the published entry asked for (or the
 * first), else the shipped illustrative sample — with every problem met on the way.
 * @param base the app's base URL (the served folder: `published/` and `data/` sit in it)
 */
export async function loadBaseScenario(base: string, wanted: string | null, fetcher: Fetcher = fetch): Promise<{ scenario: { meta: ScenarioMeta | null; sites: Site[] } | null; problems: DataError[] }> {
  const published = await loadPublished(base, wanted, fetcher);
  if (published.kind === 'published') return { scenario: published.entry ? { meta: published.meta, sites: published.sites } : null, problems: published.problems };
  const sample = await loadScenario(`${base}data/${SAMPLE_SCENARIO_FILE}`, SAMPLE_SCENARIO_FILE, fetcher);
  return 'error' in sample ? { scenario: null, problems: [sample.error] } : { scenario: sample, problems: [] };
}

/** Problems as one error for a panel that shows one: the first file, every message (others' files named). */
export function joinedProblems(problems: readonly DataError[]): DataError {
  const file = problems[0]!.file;
  return { file, message: problems.map((p) => (p.file === file ? p.message : `${p.file}: ${p.message}`)).join('; ') };
}

/** The `published` query parameter of a page address (`embed.html?published=ID`), or null. */
export function publishedParam(search: string): string | null {
  const id = new URLSearchParams(search).get('published');
  return id && id.length > 0 ? id : null;
}
