/**
 * Candidate positions for new sites: a square lattice over the scope, or a list the user supplies;
 * either way only points in the scope and on land (see landMask.ts) are kept.
 *
 * The lattice is laid on the TM plane (metres) at multiples of the spacing, so the same spacing gives
 * the same points whatever the scope's extent. Positions are rounded to 6 decimals (~0.1 m) BEFORE
 * anything is measured from them: the sites added to the scenario carry the rounded numbers, and the
 * coverage engine must see exactly the positions the optimiser measured.
 */
import type { Projection } from '../coverage/projection';
import type { LandVerdict } from './landMask';

export interface Candidate {
  lon: number;
  lat: number;
}

export type CandidateRejection = Exclude<LandVerdict, 'ok'> | 'outside-scope' | 'duplicate';

export interface CandidateSet {
  candidates: Candidate[];
  /** Points dropped, by reason (a user list: which rows and why). */
  rejected: Array<{ index: number; lon: number; lat: number; reason: CandidateRejection }>;
}

export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export interface CandidateFilter {
  contains: (lon: number, lat: number) => boolean;
  land: (lon: number, lat: number) => LandVerdict;
}

function keep(points: readonly Candidate[], filter: CandidateFilter): CandidateSet {
  const candidates: Candidate[] = [];
  const rejected: CandidateSet['rejected'] = [];
  const seen = new Set<string>();
  points.forEach((p, index) => {
    const lon = round6(p.lon);
    const lat = round6(p.lat);
    const key = `${lon},${lat}`;
    let reason: CandidateRejection | null = null;
    if (seen.has(key)) reason = 'duplicate';
    else if (!filter.contains(lon, lat)) reason = 'outside-scope';
    else {
      const v = filter.land(lon, lat);
      if (v !== 'ok') reason = v;
    }
    if (reason) rejected.push({ index, lon, lat, reason });
    else {
      seen.add(key);
      candidates.push({ lon, lat });
    }
  });
  return { candidates, rejected };
}

/**
 * Lattice candidates over a lon/lat box (the scope's), `spacingM` apart on the TM plane.
 * @param box [west, south, east, north] in degrees.
 */
export function latticeCandidates(box: readonly [number, number, number, number], spacingM: number, projection: Projection, filter: CandidateFilter): CandidateSet {
  if (!(spacingM >= 10)) throw new RangeError('candidate spacing must be at least 10 m');
  const [w, s, e, n] = box;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const p = [0, 0];
  for (const [lon, lat] of [[w, s], [w, n], [e, s], [e, n], [(w + e) / 2, s], [(w + e) / 2, n]] as const) {
    projection.forward(lon, lat, p);
    minX = Math.min(minX, p[0]!); maxX = Math.max(maxX, p[0]!);
    minY = Math.min(minY, p[1]!); maxY = Math.max(maxY, p[1]!);
  }
  const points: Candidate[] = [];
  for (let y = Math.ceil(minY / spacingM) * spacingM; y <= maxY; y += spacingM) {
    for (let x = Math.ceil(minX / spacingM) * spacingM; x <= maxX; x += spacingM) {
      projection.inverse(x, y, p);
      if (p[0]! >= w && p[0]! <= e && p[1]! >= s && p[1]! <= n) points.push({ lon: p[0]!, lat: p[1]! });
    }
  }
  const set = keep(points, filter);
  // Lattice points outside the scope are expected, not news: only land refusals are worth listing.
  return { candidates: set.candidates, rejected: set.rejected.filter((r) => r.reason !== 'outside-scope') };
}

/** A user's candidate list, filtered the same way; `rejected[].index` is the position in the list. */
export function listedCandidates(points: readonly Candidate[], filter: CandidateFilter): CandidateSet {
  return keep(points, filter);
}

/** [west, south, east, north] of polygons' coordinates. */
export function boxOf(rings: Iterable<ReadonlyArray<ArrayLike<number>>>): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const ring of rings) {
    for (const pos of ring) {
      w = Math.min(w, pos[0]!); e = Math.max(e, pos[0]!);
      s = Math.min(s, pos[1]!); n = Math.max(n, pos[1]!);
    }
  }
  return [w, s, e, n];
}
