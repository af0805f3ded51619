/**
 * The site list's check: sound lists are checked by hand (src/domain/site.ts), any other by zod. The
 * reference is zod's array of `siteSchema` with unique ids, as the list was checked before: on lists
 * drawn at random — sound, and broken in each field — both give the same verdict and the same sites,
 * and a broken list's problems are the reference's, place and message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { siteSchema, sitesSchema, surelyValidSite } from '../../src/domain/site';
import { sitesArb } from '../share/arbitraries';

const reference = z.array(siteSchema).refine((sites) => new Set(sites.map((s) => s.id)).size === sites.length, { message: 'site ids must be unique' });

/** Values about each field's bounds (the box, the radius and year ranges, whole and positive numbers): on them, just past them, and around. */
const about = (edges: number[], min: number, max: number) => fc.oneof(fc.constantFrom(...edges), fc.double({ min, max, noNaN: true }));
const near: Record<string, fc.Arbitrary<unknown>> = {
  lon: about([120.6, 120.59, 122.5, 122.51, 123], 120, 123.5),
  lat: about([30.4, 30.39, 32.1, 32.11, 32.5], 30, 32.5),
  capacity: about([0, 1, 2, 1.5, -1, 2 ** 53, 2 ** 53 - 1], -2, 5),
  radiusKm: about([0.01, 0.0099, 50, 50.001, 51], 0, 60),
  year: about([1990, 1989, 2100, 2101, 2100.5, 2020], 1985, 2105),
};
const odd = fc.constantFrom<unknown>(undefined, null, '', 'x', 'ev-charger', 'existing', true, 0, -1, 1.5, Number.NaN, Infinity, 2 ** 53, [], {});

/** One field of one site set to something about its bounds, of the wrong type, or fine. */
const breakage = fc
  .constantFrom('id', 'type', 'lon', 'lat', 'status', 'name', 'capacity', 'radiusKm', 'year', 'illustrative', 'extra')
  .chain((field) => fc.record({ field: fc.constant(field), value: near[field] ? fc.oneof({ weight: 3, arbitrary: near[field] }, { weight: 1, arbitrary: odd }) : odd }));

const brokenLists = fc.tuple(sitesArb(12), fc.array(breakage, { maxLength: 3 }), fc.nat(), fc.boolean()).map(([sites, breaks, at, dupe]) => {
  const list: unknown[] = sites.map((s) => ({ ...s }));
  for (const [k, b] of breaks.entries()) {
    const site = list[(at + k) % Math.max(1, list.length)] as Record<string, unknown> | undefined;
    if (site) site[b.field] = b.value;
  }
  if (dupe && list.length > 1) (list[1] as { id: unknown }).id = (list[0] as { id: unknown }).id;
  return list;
});

describe('sitesSchema', () => {
  it('a sound list is taken by the hand check, as it is', () => {
    fc.assert(
      fc.property(sitesArb(30), (sites) => {
        expect(sites.every(surelyValidSite)).toBe(true);
        const r = sitesSchema.safeParse(sites);
        expect(r.success && r.data).toEqual(sites);
      }),
    );
  });

  it('the same verdict, sites and problems as zod on lists broken at random', () => {
    fc.assert(
      fc.property(brokenLists, (list) => {
        const ours = sitesSchema.safeParse(list);
        const ref = reference.safeParse(list);
        expect(ours.success).toBe(ref.success);
        if (ours.success && ref.success) expect(ours.data).toEqual(ref.data);
        else expect(ours.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual(ref.error!.issues.map((i) => [i.path.join('.'), i.message]));
      }),
      { numRuns: 500 },
    );
  });

  it('the hand check never takes a site zod refuses', () => {
    fc.assert(
      fc.property(brokenLists, (list) => {
        for (const site of list) if (surelyValidSite(site)) expect(siteSchema.safeParse(site).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
