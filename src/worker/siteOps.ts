/**
 * The edits that turn the worker's copy of the sites into the UI's current list. Sites are immutable
 * values (an edit makes a new object), so an unchanged site is the same object and the difference is
 * found by identity, without comparing fields.
 */
import type { Site } from '../domain/site';
import type { SiteOps } from './coverageProtocol';

/** Above this share of changed sites, sending the whole list is simpler and no slower. */
const REPLACE_SHARE = 0.5;

/**
 * The quick way for the common edit (a drag step, a property change): the list has the same length
 * and the same id at every place that changed, so comparing the two arrays slot by slot finds the
 * changed sites without a set of 200,000 ids. Null when that does not hold (a site added, removed
 * or reordered): then `siteOps` against the worker's copy.
 */
export function sameSlotOps(previous: readonly Site[] | null, next: readonly Site[]): SiteOps | null | 'unknown' {
  if (!previous || previous.length !== next.length) return 'unknown';
  const upsert: Site[] = [];
  for (let i = 0; i < next.length; i++) {
    const a = previous[i]!;
    const b = next[i]!;
    if (a === b) continue;
    if (a.id !== b.id || upsert.length >= 16) return 'unknown';
    upsert.push(b);
  }
  return upsert.length === 0 ? null : { upsert, remove: [] };
}

export function siteOps(previous: ReadonlyMap<string, Site>, next: readonly Site[]): SiteOps | null {
  const upsert: Site[] = [];
  const seen = new Set<string>();
  for (const s of next) {
    seen.add(s.id);
    if (previous.get(s.id) !== s) upsert.push(s);
  }
  const remove: string[] = [];
  for (const id of previous.keys()) if (!seen.has(id)) remove.push(id);
  if (upsert.length === 0 && remove.length === 0) return null;
  if (upsert.length + remove.length > REPLACE_SHARE * Math.max(next.length, previous.size) && upsert.length + remove.length > 16) {
    return { replace: [...next] };
  }
  return { upsert, remove };
}
