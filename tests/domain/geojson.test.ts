import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { lineStringSchema, multiLineStringSchema, multiPolygonSchema, positionSchema, polygonSchema, SHANGHAI_REGION_BBOX } from '../../src/domain/geojson';
import { describeZodError } from '../../src/io/describeZodError';

describe('positionSchema', () => {
  it('accepts a People’s Square position', () => {
    expect(positionSchema.safeParse([121.475, 31.232]).success).toBe(true);
  });
  it('rejects swapped latitude/longitude with a message that says so', () => {
    const r = positionSchema.safeParse([31.232, 121.475]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/outside the Shanghai region/);
  });
});

describe('polygonSchema', () => {
  it('rejects an unclosed ring', () => {
    const r = polygonSchema.safeParse({
      type: 'Polygon',
      coordinates: [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.3]]],
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/closed/);
  });
});

/**
 * The coordinates are checked by one walk over the arrays (src/domain/geojson.ts), not zod's array
 * and tuple per position. The reference here is that zod formulation, written out again: on shapes
 * drawn at random (good, and broken in each way a file can be), both give the same verdict, and the
 * walk names the place of a problem the reference names too.
 */
describe('coordinates: the walk against zod arrays and tuples', () => {
  const box = SHANGHAI_REGION_BBOX;
  const refPosition = z
    .tuple([z.number().finite(), z.number().finite()])
    .rest(z.number().finite())
    .refine(([lon, lat]) => lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north);
  const refRing = z
    .array(refPosition)
    .min(4)
    .refine((r) => r.length === 0 || (r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]));
  const reference = {
    LineString: z.array(refPosition).min(2),
    MultiLineString: z.array(z.array(refPosition).min(2)).min(1),
    Polygon: z.array(refRing).min(1),
    MultiPolygon: z.array(z.array(refRing).min(1)).min(1),
  };
  const schemas = { LineString: lineStringSchema, MultiLineString: multiLineStringSchema, Polygon: polygonSchema, MultiPolygon: multiPolygonSchema };

  // Positions mostly inside the box; now and then swapped, about its edges, short, long, or not numbers.
  const position = fc.oneof(
    { weight: 12, arbitrary: fc.tuple(fc.double({ min: 121, max: 122, noNaN: true }), fc.double({ min: 30.8, max: 31.8, noNaN: true })) },
    { weight: 1, arbitrary: fc.tuple(fc.double({ min: 30.8, max: 31.8, noNaN: true }), fc.double({ min: 121, max: 122, noNaN: true })) },
    { weight: 2, arbitrary: fc.tuple(fc.double({ min: 120, max: 124, noNaN: true }), fc.double({ min: 30, max: 32.6, noNaN: true })) },
    { weight: 1, arbitrary: fc.tuple(fc.double({ min: 121, max: 122, noNaN: true }), fc.double({ min: 30.8, max: 31.8, noNaN: true }), fc.double({ min: -10, max: 100, noNaN: true })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([121.5], [], 'x', null, [121.5, '31.2'], [Infinity, 31.2], [121.5, Number.NaN], 5) },
  );
  // A ring: closed over a few positions, or left open, or too short.
  const ring = fc.oneof(
    { weight: 8, arbitrary: fc.array(position, { minLength: 3, maxLength: 7 }).map((ps) => [...ps, ps[0]]) },
    { weight: 1, arbitrary: fc.array(position, { minLength: 0, maxLength: 6 }) },
  );
  const shapes = {
    LineString: fc.array(position, { minLength: 0, maxLength: 6 }),
    MultiLineString: fc.array(fc.array(position, { minLength: 0, maxLength: 5 }), { minLength: 0, maxLength: 3 }),
    Polygon: fc.array(ring, { minLength: 0, maxLength: 3 }),
    MultiPolygon: fc.array(fc.array(ring, { minLength: 0, maxLength: 2 }), { minLength: 0, maxLength: 3 }),
  };

  for (const type of ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const) {
    it(`${type}: the same verdict, and a place the reference also finds wrong`, () => {
      fc.assert(
        fc.property(fc.oneof(shapes[type], fc.constantFrom<unknown>(null, 'x', 3, {})), (coordinates) => {
          const ours = schemas[type].safeParse({ type, coordinates });
          const ref = reference[type].safeParse(coordinates);
          expect(ours.success).toBe(ref.success);
          if (ours.success) return;
          // Our first problem lies on (or under) some path the reference reports.
          const first = ours.error.issues[0]!.path.slice(1).join('.');
          const refPaths = ref.error!.issues.map((i) => i.path.join('.'));
          expect(refPaths.some((p) => p === first || p.startsWith(`${first}.`) || first.startsWith(p))).toBe(true);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('names the place and the problem, as a person reads it', () => {
    const describe1 = (g: unknown) => {
      const r = z.object({ features: z.array(z.object({ geometry: polygonSchema })) }).safeParse({ features: [{ geometry: g }] });
      return r.success ? null : describeZodError(r.error);
    };
    const ring = [[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.2]];
    expect(describe1({ type: 'Polygon', coordinates: [ring] })).toBeNull();
    expect(describe1({ type: 'Polygon', coordinates: [ring, [...ring.slice(0, 2), [31.3, 121.5], ring[0]]] })).toBe(
      'feature 1 › geometry › coordinates[1][2]: position is outside the Shanghai region (is it [longitude, latitude] in WGS-84?)',
    );
    expect(describe1({ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [121.4, 31.25]]] })).toBe(
      'feature 1 › geometry › coordinates[0]: a polygon ring must be closed (first position equals last)',
    );
    expect(describe1({ type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] })).toBe('feature 1 › geometry › coordinates[0]: a polygon ring needs at least 4 positions');
    expect(describe1({ type: 'Polygon', coordinates: [[ring[0], [121.5, '31.2'], ...ring.slice(2)]] })).toBe(
      'feature 1 › geometry › coordinates[0][1][1]: Invalid input: expected number, received string',
    );
    expect(describe1({ type: 'Polygon' })).toBe('feature 1 › geometry › coordinates: Invalid input: expected array, received undefined');
  });
});
