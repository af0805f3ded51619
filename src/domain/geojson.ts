/**
 * zod schemas for the GeoJSON shapes this app ships and reads.
 *
 * Positions are WGS-84 [longitude, latitude]. Shipped data must lie in the Shanghai region
 * (a generous box around the municipality and its neighbours), which also catches files whose
 * longitude and latitude were swapped: [31.2, 121.5] fails the box.
 */
import { z } from 'zod';

export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Longitude/latitude box around the municipality (with a margin): where map features may lie. */
export const SHANGHAI_REGION_BBOX: BBox = { west: 120.6, south: 30.4, east: 122.5, north: 32.1 };

/** The base map's sea and neighbouring land reach further east, into the East China Sea. */
export const BASEMAP_BBOX: BBox = { west: 120.6, south: 30.4, east: 123.3, north: 32.1 };

export function positionSchemaIn(bbox: BBox) {
  return z
    .tuple([z.number().finite(), z.number().finite()])
    .rest(z.number().finite())
    .refine(([lon, lat]) => lon >= bbox.west && lon <= bbox.east && lat >= bbox.south && lat <= bbox.north, {
      message: 'position is outside the Shanghai region (is it [longitude, latitude] in WGS-84?)',
    });
}

export const positionSchema = positionSchemaIn(SHANGHAI_REGION_BBOX);

const ringSchemaOf = (position: typeof positionSchema) => z
  .array(position)
  .min(4, 'a polygon ring needs at least 4 positions')
  .refine(
    (ring) => {
      const first = ring[0];
      const last = ring[ring.length - 1];
      return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
    },
    { message: 'a polygon ring must be closed (first position equals last)' },
  );
const ringSchema = ringSchemaOf(positionSchema);

export const pointSchema = z.object({ type: z.literal('Point'), coordinates: positionSchema });
export const lineStringSchema = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(positionSchema).min(2),
});
export const multiLineStringSchema = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(positionSchema).min(2)).min(1),
});
export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ringSchema).min(1),
});
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ringSchema).min(1)).min(1),
});

export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/** Polygon or MultiPolygon allowed anywhere in the base map's wider box (sea, neighbouring land). */
const basemapRing = ringSchemaOf(positionSchemaIn(BASEMAP_BBOX));
export const basemapAreaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(basemapRing).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(basemapRing).min(1)).min(1) }),
]);
export const lineGeometrySchema = z.discriminatedUnion('type', [lineStringSchema, multiLineStringSchema]);

/** A FeatureCollection whose features have the given geometry and properties schemas. */
export function featureCollectionSchema<G extends z.ZodTypeAny, P extends z.ZodTypeAny>(
  geometry: G,
  properties: P,
) {
  return z.object({
    type: z.literal('FeatureCollection'),
    metadata: z.record(z.string(), z.unknown()).optional(),
    features: z
      .array(
        z.object({
          type: z.literal('Feature'),
          id: z.union([z.string(), z.number()]).optional(),
          geometry,
          properties,
        }),
      )
      .min(1, 'the collection has no features'),
  });
}
