/**
 * Sites in the share link's compact, column-wise form (format version 1). Columns compress far
 * better under deflate than one object per site: ids share prefixes, types repeat, and coordinates
 * become small deltas.
 *
 * Precision: longitude and latitude are kept as whole micro-degrees (1e-6°), i.e. rounded to within
 * 0.5e-6° — at most 0.06 m north–south and 0.05 m east–west at Shanghai's latitude. Every other field
 * is kept exactly. Pure: no DOM.
 */
import { z } from 'zod';
import { FACILITY_TYPE_IDS, facilityTypeIdSchema } from '../domain/facilityTypes';
import { siteSchema, type Site, type SiteStatus } from '../domain/site';
import { OWN_RADIUS_KM } from '../domain/serviceRule';
import { SITE_YEAR } from '../domain/siteYear';

/** Coordinates are stored as integers of this many units per degree. */
export const COORD_SCALE = 1e6;

/** Status codes of format version 1 (their order is part of the format; a new status needs a new version). */
export const STATUS_V1: readonly SiteStatus[] = ['existing', 'planned', 'candidate'];

const index = z.number().int().min(0);

export const compactSitesSchema = z
  .object({
    /** Site ids, in order. */
    i: z.array(z.string().min(1)),
    /** The facility types used, each once; `t` indexes into it. */
    T: z.array(facilityTypeIdSchema).max(FACILITY_TYPE_IDS.length),
    t: z.array(index),
    /** Status: 0 existing, 1 planned, 2 candidate. */
    a: z.array(z.number().int().min(0).max(STATUS_V1.length - 1)),
    /** Longitude / latitude in micro-degrees: the first absolute, then the change from the previous site. */
    x: z.array(z.number().int()),
    y: z.array(z.number().int()),
    /** Optional fields, as [site index, value] for the sites that have them. */
    n: z.array(z.tuple([index, z.string().min(1)])),
    q: z.array(z.tuple([index, z.number().int().positive()])),
    k: z.array(z.tuple([index, z.number().min(OWN_RADIUS_KM.min).max(OWN_RADIUS_KM.max)])),
    /** `illustrative` per site: '-' absent, '1' true, '0' false; '' when no site has the field. */
    f: z.string().regex(/^[-01]*$/, 'may only hold "-", "0" and "1"'),
    /** `year` as [site index, year]; absent when no site has one (links made before years have none). */
    Y: z.array(z.tuple([index, z.number().int().min(SITE_YEAR.min).max(SITE_YEAR.max)])).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const n = c.i.length;
    for (const key of ['t', 'a', 'x', 'y'] as const) {
      if (c[key].length !== n) ctx.addIssue({ code: 'custom', path: [key], message: `has ${c[key].length} entries for ${n} sites` });
    }
    if (c.f.length !== 0 && c.f.length !== n) ctx.addIssue({ code: 'custom', path: ['f'], message: `has ${c.f.length} entries for ${n} sites` });
    c.t.forEach((t, i) => {
      if (t >= c.T.length) ctx.addIssue({ code: 'custom', path: ['t', i], message: `type ${t} is not in the type list (${c.T.length} types)` });
    });
    for (const key of ['n', 'q', 'k', 'Y'] as const) {
      let previous = -1;
      (c[key] ?? []).forEach(([at], j) => {
        if (at >= n || at <= previous) {
          ctx.addIssue({ code: 'custom', path: [key, j, 0], message: `site index ${at} is out of range or out of order` });
        }
        previous = at;
      });
    }
  });
export type CompactSites = z.infer<typeof compactSitesSchema>;

/** A coordinate as whole micro-degrees (the link's precision). */
export const toMicro = (deg: number) => Math.round(deg * COORD_SCALE);

export function compactSites(sites: readonly Site[]): CompactSites {
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const out: CompactSites = { i: [], T: [], t: [], a: [], x: [], y: [], n: [], q: [], k: [], f: '' };
  let px = 0;
  let py = 0;
  let flags = '';
  let anyFlag = false;
  const years: [number, number][] = [];
  sites.forEach((s, i) => {
    let t = typeIndex.get(s.type);
    if (t === undefined) {
      t = types.length;
      types.push(s.type);
      typeIndex.set(s.type, t);
      out.T.push(s.type);
    }
    const x = toMicro(s.lon);
    const y = toMicro(s.lat);
    out.i.push(s.id);
    out.t.push(t);
    out.a.push(STATUS_V1.indexOf(s.status));
    out.x.push(x - px);
    out.y.push(y - py);
    px = x;
    py = y;
    if (s.name !== undefined) out.n.push([i, s.name]);
    if (s.capacity !== undefined) out.q.push([i, s.capacity]);
    if (s.radiusKm !== undefined) out.k.push([i, s.radiusKm]);
    if (s.year !== undefined) years.push([i, s.year]);
    if (s.illustrative !== undefined) anyFlag = true;
    flags += s.illustrative === undefined ? '-' : s.illustrative ? '1' : '0';
  });
  out.f = anyFlag ? flags : '';
  // Only when some site has a year: a link without years is byte for byte what it was before.
  if (years.length > 0) out.Y = years;
  return out;
}

/**
 * The sites of a validated compact form; each site is checked like any other input (region box,
 * radius, …).
 * @returns the sites, or a message naming the site (number counted from 1 and id) and field.
 */
export function expandSites(c: CompactSites): { sites: Site[] } | { error: string } {
  const names = new Map(c.n);
  const capacities = new Map(c.q);
  const radii = new Map(c.k);
  const years = new Map(c.Y ?? []);
  const sites: Site[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < c.i.length; i++) {
    x += c.x[i]!;
    y += c.y[i]!;
    const raw: Record<string, unknown> = {
      id: c.i[i],
      type: c.T[c.t[i]!],
      lon: x / COORD_SCALE,
      lat: y / COORD_SCALE,
      status: STATUS_V1[c.a[i]!],
    };
    if (names.has(i)) raw.name = names.get(i);
    if (capacities.has(i)) raw.capacity = capacities.get(i);
    if (radii.has(i)) raw.radiusKm = radii.get(i);
    if (years.has(i)) raw.year = years.get(i);
    const flag = c.f[i];
    if (flag === '1' || flag === '0') raw.illustrative = flag === '1';
    const parsed = siteSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { error: `site ${i + 1} ("${c.i[i]}"), ${issue.path.join('.') || 'site'}: ${issue.message}` };
    }
    sites.push(parsed.data);
  }
  const seen = new Set<string>();
  for (const [i, s] of sites.entries()) {
    if (seen.has(s.id)) return { error: `site ${i + 1}: duplicate site id "${s.id}"` };
    seen.add(s.id);
  }
  return { sites };
}

/** True when two sites are the same once coordinates are taken at the link's precision. */
export function sameAtLinkPrecision(a: Site, b: Site): boolean {
  return (
    a.id === b.id &&
    a.type === b.type &&
    a.status === b.status &&
    toMicro(a.lon) === toMicro(b.lon) &&
    toMicro(a.lat) === toMicro(b.lat) &&
    a.name === b.name &&
    a.capacity === b.capacity &&
    a.radiusKm === b.radiusKm &&
    a.illustrative === b.illustrative &&
    a.year === b.year
  );
}
