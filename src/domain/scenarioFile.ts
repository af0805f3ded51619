/**
 * A scenario file: a set of sites saved (or shipped) as one GeoJSON FeatureCollection.
 *
 *   {
 *     "type": "FeatureCollection",
 *     "scenario": { "format": "shanghai-siting-scenario", "version": 1, "name_zh": "…", "name_en": "…",
 *                   "illustrative": true, "description_zh"?: "…", "description_en"?: "…", "method_en"?: "…" },
 *     "features": [
 *       { "type": "Feature",
 *         "properties": { "id": "…", "type": "ev-charging-station", "status": "existing",
 *                         "name"?: "…", "capacity"?: 8, "radiusKm"?: 1.2, "illustrative"?: true, "year"?: 2021 },
 *         "geometry": { "type": "Point", "coordinates": [121.4, 31.1] } }
 *     ]
 *   }
 *
 * Feature properties are the {@link Site} fields except `lon`/`lat`, which are the Point's WGS-84
 * [longitude, latitude]. A scenario marked `illustrative` (made up, not a plan) must mark each of its
 * sites `illustrative: true` too, so no made-up site can pass for real data once loaded.
 *
 * Pure: no DOM or Node APIs.
 */
import { z } from 'zod';
import { SHANGHAI_REGION_BBOX } from './geojson';
import { siteSchema, surelyValidSite, type Site } from './site';
import { isObject } from './isObject';

/** The provenance of a published dataset, as its deployer states it in published/index.json. */
export const publishedProvenanceSchema = z
  .object({
    id: z.string().min(1),
    file: z.string().min(1),
    date: z.string().min(1),
    source: z.string().min(1),
    licence: z.string().min(1),
  })
  .strict();
export type PublishedProvenance = z.infer<typeof publishedProvenanceSchema>;

export const SCENARIO_FORMAT = 'shanghai-siting-scenario';
export const SCENARIO_VERSION = 1;

export const scenarioMetaSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT, { error: `scenario.format must be "${SCENARIO_FORMAT}"` }),
    version: z.literal(SCENARIO_VERSION, { error: `scenario.version must be ${SCENARIO_VERSION}` }),
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
    /** True when the sites are made up (a demonstration, not a plan or an inventory). */
    illustrative: z.boolean({ error: 'scenario.illustrative must be true or false' }),
    description_zh: z.string().min(1).optional(),
    description_en: z.string().min(1).optional(),
    /** How the scenario was made, in a few sentences. */
    method_en: z.string().min(1).optional(),
    /** Where a deployer's published dataset came from (published/index.json): it travels with the sites. */
    published: publishedProvenanceSchema.optional(),
  })
  .strict();
export type ScenarioMeta = z.infer<typeof scenarioMetaSchema>;

/** The Site fields a feature carries in `properties` (all but lon/lat). */
export const scenarioSitePropsSchema = siteSchema.omit({ lon: true, lat: true });
export type ScenarioSiteProps = z.infer<typeof scenarioSitePropsSchema>;

const { west, south, east, north } = SHANGHAI_REGION_BBOX;
const OUTSIDE = 'is outside the Shanghai region (is it [longitude, latitude] in WGS-84?)';

/** [lon, lat] in the Shanghai region box; a third value (elevation) is allowed and dropped. */
const sitePositionSchema = z
  .tuple([z.number().finite(), z.number().finite()])
  .rest(z.number().finite())
  .superRefine(([lon, lat], ctx) => {
    if (lon < west || lon > east) ctx.addIssue({ code: 'custom', path: [0], message: `longitude ${lon} ${OUTSIDE}` });
    if (lat < south || lat > north) ctx.addIssue({ code: 'custom', path: [1], message: `latitude ${lat} ${OUTSIDE}` });
  });

export const scenarioFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: scenarioSitePropsSchema,
  geometry: z.object({
    type: z.literal('Point', {
      error: (issue) => `a site must be a Point, got ${typeof issue.input === 'string' ? issue.input : JSON.stringify(issue.input)}`,
    }),
    coordinates: sitePositionSchema,
  }),
});
export type ScenarioFeature = z.infer<typeof scenarioFeatureSchema>;

export const scenarioFileSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    scenario: scenarioMetaSchema,
    features: z.array(scenarioFeatureSchema),
  })
  .superRefine((file, ctx) => {
    const firstIndex = new Map<string, number>();
    file.features.forEach((f, i) => {
      const id = f.properties.id;
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, i);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'properties', 'id'],
          message: `duplicate site id "${id}" (feature ${first + 1} has it too)`,
        });
      }
      if (file.scenario.illustrative && f.properties.illustrative !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'properties', 'illustrative'],
          message: `site "${id}" must be marked "illustrative": true, as the scenario is illustrative`,
        });
      }
    });
  });
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** The site id of raw feature `index`, when it has a readable one. */
function rawSiteId(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const features = (raw as { features?: unknown }).features;
  if (!Array.isArray(features)) return undefined;
  const props = (features[index] as { properties?: unknown } | undefined)?.properties;
  if (typeof props !== 'object' || props === null) return undefined;
  const id = (props as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * Validates a scenario file and returns its description and sites (in file order).
 * @throws ZodError; each issue's path names the feature (`features.<index>…`), and its message
 *   starts with the site id (`site "ev-3": …`) when the feature has a readable one.
 */
export function parseScenarioFile(raw: unknown): { meta: ScenarioMeta; sites: Site[] } {
  return parseSoundScenarioFile(raw) ?? parseScenarioFileChecked(raw);
}

const SITE_PROP_KEYS = new Set(Object.keys(scenarioSitePropsSchema.shape));

/** A feature's site when the feature is surely sound (see parseSoundScenarioFile), else null. */
function soundSite(f: unknown): Site | null {
  if (!isObject(f) || f.type !== 'Feature' || !isObject(f.geometry) || !isObject(f.properties)) return null;
  const { type, coordinates } = f.geometry;
  if (type !== 'Point' || !Array.isArray(coordinates) || coordinates.length < 2) return null;
  for (const c of coordinates as unknown[]) if (typeof c !== 'number' || !Number.isFinite(c)) return null;
  const props = f.properties;
  for (const k in props) if (!Object.hasOwn(props, k) || !SITE_PROP_KEYS.has(k)) return null;
  const site = featureToSite({ properties: props, geometry: { coordinates } } as unknown as ScenarioFeature);
  return surelyValidSite(site) ? site : null;
}

/**
 * The usual file — every feature a sound site, ids unique, marked as the scenario says — read by
 * hand: zod's object parse of the sample's 3,180 features took ≈ 70 ms of the page's start, cold.
 * Null for anything else, which zod then reads and names the problems of
 * ({@link parseScenarioFileChecked}); both give the same meta and sites (tests/domain/scenarioFile.test.ts).
 */
function parseSoundScenarioFile(raw: unknown): { meta: ScenarioMeta; sites: Site[] } | null {
  if (!isObject(raw) || raw.type !== 'FeatureCollection' || !Array.isArray(raw.features)) return null;
  const meta = scenarioMetaSchema.safeParse(raw.scenario);
  if (!meta.success) return null;
  const ids = new Set<string>();
  const sites: Site[] = [];
  for (const f of raw.features as unknown[]) {
    const site = soundSite(f);
    if (!site || ids.has(site.id) || (meta.data.illustrative && site.illustrative !== true)) return null;
    ids.add(site.id);
    sites.push(site);
  }
  return { meta: orderedMeta(meta.data), sites };
}

/** {@link parseScenarioFile} through zod alone: every problem named by feature and site. */
export function parseScenarioFileChecked(raw: unknown): { meta: ScenarioMeta; sites: Site[] } {
  const result = scenarioFileSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const [head, index] = issue.path;
      if (head !== 'features' || typeof index !== 'number') return issue;
      const id = rawSiteId(raw, index);
      if (id === undefined || issue.message.includes(`"${id}"`)) return issue;
      return { ...issue, message: `site "${id}": ${issue.message}` };
    });
    throw new z.ZodError(issues);
  }
  const { scenario, features } = result.data;
  return { meta: orderedMeta(scenario), sites: features.map(featureToSite) };
}

function featureToSite(f: ScenarioFeature): Site {
  const p = f.properties;
  const [lon, lat] = f.geometry.coordinates;
  const site: Site = { id: p.id, type: p.type, lon, lat, status: p.status };
  if (p.name !== undefined) site.name = p.name;
  if (p.capacity !== undefined) site.capacity = p.capacity;
  if (p.radiusKm !== undefined) site.radiusKm = p.radiusKm;
  if (p.illustrative !== undefined) site.illustrative = p.illustrative;
  if (p.year !== undefined) site.year = p.year;
  return site;
}

/** The meta object with its members in the documented order, absent optional members left out. */
function orderedMeta(m: ScenarioMeta): ScenarioMeta {
  const out: ScenarioMeta = {
    format: m.format,
    version: m.version,
    name_zh: m.name_zh,
    name_en: m.name_en,
    illustrative: m.illustrative,
  };
  if (m.description_zh !== undefined) out.description_zh = m.description_zh;
  if (m.description_en !== undefined) out.description_en = m.description_en;
  if (m.method_en !== undefined) out.method_en = m.method_en;
  return out;
}

/**
 * The scenario file of `meta` and `sites` (the inverse of {@link parseScenarioFile}): members in a
 * fixed order (type, scenario, features; per feature type, properties, geometry; properties id, type,
 * status, name, capacity, radiusKm, illustrative, year), absent optional fields left out. Serialised with
 * `JSON.stringify`, parsing it back gives equal meta and sites.
 */
export function scenarioToGeoJSON(meta: ScenarioMeta, sites: readonly Site[]): ScenarioFile {
  return {
    type: 'FeatureCollection',
    scenario: orderedMeta(meta),
    features: sites.map((s) => {
      const properties: ScenarioSiteProps = { id: s.id, type: s.type, status: s.status };
      if (s.name !== undefined) properties.name = s.name;
      if (s.capacity !== undefined) properties.capacity = s.capacity;
      if (s.radiusKm !== undefined) properties.radiusKm = s.radiusKm;
      if (s.illustrative !== undefined) properties.illustrative = s.illustrative;
      if (s.year !== undefined) properties.year = s.year;
      return {
        type: 'Feature' as const,
        properties,
        geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] as [number, number] },
      };
    }),
  };
}
