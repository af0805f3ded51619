/**
 * Schemas of the geometry files the app ships in `public/data/` (built by `geodata/scripts/build.ts`).
 * Every file is validated at load; a broken file is reported by name instead of a blank map.
 */
import { z } from 'zod';
import {
  areaGeometrySchema,
  basemapAreaGeometrySchema,
  featureCollectionSchema,
  lineGeometrySchema,
  lineStringSchema,
  multiPolygonSchema,
  pointSchema,
  polygonSchema,
} from './geojson';

export const adcodeSchema = z.string().regex(/^3101\d{2}$/, 'adcode must look like 3101xx');

export const districtPropsSchema = z.object({
  adcode: adcodeSchema,
  name: z.string().min(1),
  name_en: z.string().min(1),
  name_pinyin: z.string().min(1),
  /** Geodesic area of the polygon as recorded by the data's maker (km²). */
  area_km2_geodesic: z.number().positive(),
});
export const districtsSchema = featureCollectionSchema(areaGeometrySchema, districtPropsSchema)
  .refine((fc) => fc.features.length === 16, { message: 'Shanghai has 16 districts' })
  .refine((fc) => new Set(fc.features.map((f) => f.properties.adcode)).size === fc.features.length, {
    message: 'district adcodes must be unique',
  });

/** How far a zone's geometry can be trusted. Approximate zones are drawn dashed and say so. */
export const precisionSchema = z.enum(['exact', 'derived', 'approximate']);

export const zonePropsSchema = z.object({
  /** Stable kebab-case id that plan targets use as their scope, e.g. `maqiao-ai-zone`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  name_en: z.string().min(1),
  /** Adcode of the district the zone lies in (zones spanning districts are clipped to the plan's district). */
  district: adcodeSchema,
  precision: precisionSchema,
  /** Where the geometry comes from, in words: a source polygon, or the plan text and anchors used. */
  basis: z.string().min(10),
  basis_en: z.string().min(10),
  /**
   * Set only on a zone whose shipped polygon the user replaced (src/domain/userZones.ts): where the
   * boundary came from (a file's name, or `drawn`) and when (ISO time). Never in the shipped file.
   */
  user_source: z.string().min(1).optional(),
  user_saved_at: z.string().optional(),
});
export const zonesSchema = featureCollectionSchema(areaGeometrySchema, zonePropsSchema).refine(
  (fc) => new Set(fc.features.map((f) => f.properties.id)).size === fc.features.length,
  { message: 'zone ids must be unique' },
);

/** A township-level unit (街道 / 镇), as the NBS 2023 code list names it. */
export const townshipPropsSchema = z.object({
  /** The 9-digit NBS 2023 code, e.g. 310101002 (南京东路街道); its first 6 digits are the district's adcode. */
  code: z.string().regex(/^3101\d{5}$/, 'a township code has 9 digits starting 3101'),
  name: z.string().min(1),
  district: adcodeSchema,
  osm_relation: z.number().int().positive(),
  /** Area of the polygon on the WGS-84 ellipsoid (km²), computed by the build. */
  area_km2_geodesic: z.number().positive(),
});
export const townshipsSchema = featureCollectionSchema(areaGeometrySchema, townshipPropsSchema)
  .refine((fc) => new Set(fc.features.map((f) => f.properties.code)).size === fc.features.length, { message: 'township codes must be unique' })
  .refine((fc) => fc.features.every((f) => f.properties.code.startsWith(f.properties.district)), {
    message: "a township's code starts with its district's adcode",
  });

/** One row of `township-codes.csv`: every township-level unit of Shanghai (NBS 2023), with or without geometry. */
export const townshipCodeRowSchema = z.object({
  code: z.string().regex(/^3101\d{5}$/),
  name: z.string().min(1),
  district: adcodeSchema,
  /** The OSM relation of its boundary, where one is known (a user's OSM export is matched by it). */
  osm_relation: z.string().regex(/^\d*$/).optional(),
});

export const outerRingAreaSchema = featureCollectionSchema(
  polygonSchema,
  z.object({ name: z.string(), name_en: z.string(), area_km2_geodesic: z.number().positive() }),
);

export const outerRingLinesSchema = featureCollectionSchema(
  lineGeometrySchema,
  z.object({ name: z.string(), name_en: z.string(), ref: z.literal('S20') }).loose(),
);

export const municipalSchema = featureCollectionSchema(multiPolygonSchema, z.object({}).loose());
export const landSchema = featureCollectionSchema(basemapAreaGeometrySchema, z.object({}).loose());
export const oceanSchema = featureCollectionSchema(basemapAreaGeometrySchema, z.object({}).loose());
export const riversSchema = featureCollectionSchema(
  lineStringSchema,
  z.object({ kind: z.enum(['river', 'shoreline', 'lake']) }).loose(),
);
export const elevatedRoadsSchema = featureCollectionSchema(
  lineGeometrySchema,
  z.object({ id: z.string(), name: z.string().min(1), kind: z.string() }).loose(),
);
export const metroLinesSchema = featureCollectionSchema(
  lineGeometrySchema,
  z.object({ id: z.string(), name: z.string().min(1), route: z.string().min(1) }).loose(),
);
export const metroStationsSchema = featureCollectionSchema(
  pointSchema,
  z
    .object({ name_zh: z.string().min(1), name_latin: z.string().min(1), lines: z.array(z.string()).min(1) })
    .loose(),
);

/** One row of `district-population.csv` (2020 census). */
export const populationRowSchema = z.object({
  adcode: adcodeSchema,
  name: z.string().min(1),
  name_en: z.string().min(1),
  population_2020_census: z.coerce.number().int().positive(),
  area_km2_geodesic_polygon: z.coerce.number().positive(),
});

export type DistrictCollection = z.infer<typeof districtsSchema>;
export type District = DistrictCollection['features'][number];
export type ZoneCollection = z.infer<typeof zonesSchema>;
export type TownshipCollection = z.infer<typeof townshipsSchema>;
export type TownshipCodeRow = z.infer<typeof townshipCodeRowSchema>;
export type Zone = ZoneCollection['features'][number];
export type PopulationRow = z.infer<typeof populationRowSchema>;
