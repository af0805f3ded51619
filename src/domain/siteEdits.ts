/**
 * Edits of a scenario's site list, as pure functions returning a new list. Unchanged sites keep their
 * object identity — the coverage worker and the checker's caches rely on it to redo only what moved.
 */
import { siteSchema, type Site } from './site';

export type SitePatch = Partial<Omit<Site, 'id'>>;

export function addSite(sites: readonly Site[], site: Site): Site[] {
  return [...sites, site];
}

export function removeSite(sites: readonly Site[], id: string): Site[] {
  return sites.filter((s) => s.id !== id);
}

/** Moves one site; the list is returned unchanged (same array) when the id is unknown. */
export function moveSite(sites: readonly Site[], id: string, lon: number, lat: number): readonly Site[] {
  const i = sites.findIndex((s) => s.id === id);
  if (i < 0) return sites;
  const next = [...sites];
  next[i] = { ...sites[i]!, lon, lat };
  return next;
}

/**
 * Changes fields of one site, validated as a whole site (a bad value is refused, not stored).
 * Fields set to undefined are removed (e.g. clearing a radius override).
 * @returns the new list, or an error message naming the field.
 */
export function updateSite(sites: readonly Site[], id: string, patch: SitePatch): { sites: readonly Site[] } | { error: string } {
  const i = sites.findIndex((s) => s.id === id);
  if (i < 0) return { error: `no site ${id}` };
  const merged: Record<string, unknown> = { ...sites[i]!, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const parsed = siteSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `${issue.path.join('.') || 'site'}: ${issue.message}` };
  }
  const next = [...sites];
  next[i] = parsed.data;
  return { sites: next };
}

/** A new id not used in `sites`: `${prefix}-1`, `${prefix}-2`, … */
export function freeSiteId(sites: readonly Site[], prefix = 'new'): string {
  const taken = new Set(sites.map((s) => s.id));
  let n = 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
