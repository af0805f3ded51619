/**
 * Comparing two scenarios: which sites differ (by id) and how each plan target's value differs.
 * "a" is the scenario being edited, "b" the one it is compared with; deltas are a − b, so a positive
 * delta reads "the edited scenario has more".
 */
import type { CheckStatus, TargetCheck } from './checker';
import type { Site } from './site';
import { haversineM } from './geodesy';

export interface MovedSite {
  id: string;
  /** Where it is in a, and how far (m) from where it is in b. */
  site: Site;
  distanceM: number;
}

export interface SiteDiff {
  onlyInA: Site[];
  onlyInB: Site[];
  moved: MovedSite[];
  /** Same id and position, some other field differs (type, status, capacity, name, radius). */
  changed: Site[];
  same: number;
}

function sameProperties(x: Site, y: Site): boolean {
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  keys.delete('lon');
  keys.delete('lat');
  for (const k of keys) if ((x as Record<string, unknown>)[k] !== (y as Record<string, unknown>)[k]) return false;
  return true;
}

export function diffSites(a: readonly Site[], b: readonly Site[]): SiteDiff {
  const inB = new Map(b.map((s) => [s.id, s]));
  const diff: SiteDiff = { onlyInA: [], onlyInB: [], moved: [], changed: [], same: 0 };
  const seen = new Set<string>();
  for (const s of a) {
    seen.add(s.id);
    const other = inB.get(s.id);
    if (!other) diff.onlyInA.push(s);
    else if (s.lon !== other.lon || s.lat !== other.lat) diff.moved.push({ id: s.id, site: s, distanceM: haversineM(s.lon, s.lat, other.lon, other.lat) });
    else if (!sameProperties(s, other)) diff.changed.push(s);
    else diff.same += 1;
  }
  for (const s of b) if (!seen.has(s.id)) diff.onlyInB.push(s);
  return diff;
}

export interface TargetDelta {
  targetId: string;
  a: TargetCheck | null;
  b: TargetCheck | null;
  /** a.current − b.current (share 0..1, units or units/km²); null unless both were computed. */
  delta: number | null;
  /** Status in a and b when they differ (e.g. short → met). */
  statusChange: { a: CheckStatus; b: CheckStatus } | null;
}

/** One row per target of either result set, in a's order then b's extras. */
export function targetDeltas(a: ReadonlyMap<string, TargetCheck>, b: ReadonlyMap<string, TargetCheck>): TargetDelta[] {
  const ids = [...a.keys(), ...[...b.keys()].filter((id) => !a.has(id))];
  return ids.map((targetId) => {
    const x = a.get(targetId) ?? null;
    const y = b.get(targetId) ?? null;
    const delta = x?.current != null && y?.current != null ? x.current - y.current : null;
    const statusChange = x && y && x.status !== y.status ? { a: x.status, b: y.status } : null;
    return { targetId, a: x, b: y, delta, statusChange };
  });
}
