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

export type Position = [number, number, ...number[]];

const OUTSIDE = 'position is outside the Shanghai region (is it [longitude, latitude] in WGS-84?)';

/** One nesting level of coordinate arrays around the positions: how many it needs, and whether it is a closed ring. */
interface Level {
  min: number;
  tooFew: string;
  closed?: boolean;
}

const RING: Level = { min: 4, tooFew: 'a polygon ring needs at least 4 positions', closed: true };
const LINE: Level = { min: 2, tooFew: 'a line needs at least 2 positions' };
const SHAPES = {
  position: [],
  lineString: [LINE],
  multiLineString: [{ min: 1, tooFew: 'a multi-line needs at least one line' }, LINE],
  polygon: [{ min: 1, tooFew: 'a polygon needs at least one ring' }, RING],
  multiPolygon: [{ min: 1, tooFew: 'a multi-polygon needs at least one polygon' }, { min: 1, tooFew: 'a polygon needs at least one ring' }, RING],
} satisfies Record<string, Level[]>;

/** Issues kept per coordinates value: a file broken everywhere says where it starts and how much more. */
const MAX_ISSUES = 100;

interface CoordinateIssue {
  path: number[];
  message: string;
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Checks a position; the path of what is wrong inside it (an index) goes on `at`. */
function positionIssue(v: unknown, bbox: BBox, at: number[], out: CoordinateIssue[]): boolean {
  if (!Array.isArray(v)) {
    out.push({ path: [...at], message: `Invalid input: expected a [longitude, latitude] array, received ${kind(v)}` });
    return false;
  }
  if (v.length < 2) {
    out.push({ path: [...at], message: 'a position needs a longitude and a latitude' });
    return false;
  }
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      out.push({ path: [...at, i], message: typeof x === 'number' ? `Invalid input: expected a finite number, received ${x}` : `Invalid input: expected number, received ${kind(x)}` });
      return false;
    }
  }
  const lon = v[0] as number;
  const lat = v[1] as number;
  if (lon >= bbox.west && lon <= bbox.east && lat >= bbox.south && lat <= bbox.north) return true;
  out.push({ path: [...at], message: OUTSIDE });
  return false;
}

function walk(v: unknown, levels: readonly Level[], k: number, bbox: BBox, at: number[], out: CoordinateIssue[]): void {
  if (k === levels.length) {
    positionIssue(v, bbox, at, out);
    return;
  }
  const level = levels[k]!;
  if (!Array.isArray(v)) {
    out.push({ path: [...at], message: `Invalid input: expected array, received ${kind(v)}` });
    return;
  }
  if (v.length < level.min) out.push({ path: [...at], message: level.tooFew });
  for (let i = 0; i < v.length && out.length < MAX_ISSUES; i++) {
    at.push(i);
    walk(v[i], levels, k + 1, bbox, at, out);
    at.pop();
  }
  if (level.closed && v.length > 0) {
    const first: unknown = v[0];
    const last: unknown = v[v.length - 1];
    if (Array.isArray(first) && Array.isArray(last) && (first[0] !== last[0] || first[1] !== last[1])) {
      out.push({ path: [...at], message: 'a polygon ring must be closed (first position equals last)' });
    }
  }
}

/**
 * Coordinates of a shape (a position, a line's positions, a polygon's rings…) in `bbox`, checked in
 * one walk over the arrays. Not zod's array and tuple per position: checking the shipped geodata
 * that way took ≈ 0.15 s of the page's start (its code runs cold once per page), for the same
 * verdict. Each problem still names its place (the path into the coordinates) and what is wrong.
 */
function coordinatesSchema<T>(levels: readonly Level[], bbox: BBox) {
  return z.custom<T>().superRefine((value, ctx) => {
    const out: CoordinateIssue[] = [];
    walk(value, levels, 0, bbox, [], out);
    for (const issue of out) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
}

export function positionSchemaIn(bbox: BBox) {
  return coordinatesSchema<Position>(SHAPES.position, bbox);
}

export const positionSchema = positionSchemaIn(SHANGHAI_REGION_BBOX);

export const pointSchema = z.object({ type: z.literal('Point'), coordinates: positionSchema });
export const lineStringSchema = z.object({
  type: z.literal('LineString'),
  coordinates: coordinatesSchema<Position[]>(SHAPES.lineString, SHANGHAI_REGION_BBOX),
});
export const multiLineStringSchema = z.object({
  type: z.literal('MultiLineString'),
  coordinates: coordinatesSchema<Position[][]>(SHAPES.multiLineString, SHANGHAI_REGION_BBOX),
});
export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: coordinatesSchema<Position[][]>(SHAPES.polygon, SHANGHAI_REGION_BBOX),
});
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: coordinatesSchema<Position[][][]>(SHAPES.multiPolygon, SHANGHAI_REGION_BBOX),
});

export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/** Polygon or MultiPolygon allowed anywhere in the base map's wider box (sea, neighbouring land). */
export const basemapAreaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: coordinatesSchema<Position[][]>(SHAPES.polygon, BASEMAP_BBOX) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: coordinatesSchema<Position[][][]>(SHAPES.multiPolygon, BASEMAP_BBOX) }),
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
