/**
 * Does an imported point set look shifted — copied from AMap/Tencent (GCJ-02) or Baidu (BD-09) but
 * read as WGS-84? And which imported points lie outside Shanghai?
 *
 * How, honestly: we have no ground truth for the user's points, only the map's own WGS-84 features
 * — the 408 metro stations, the metro lines and the major elevated roads — and Shanghai's land
 * outline. Sites people import (charging stations at P+R car parks, 5G poles on roads, lockers by
 * stations) tend to sit on or near those. So each hypothesis — the numbers are WGS-84, GCJ-02 or
 * BD-09 — is scored by the median distance from the converted points to the nearest such feature,
 * and by how many converted points fall outside the land outline. A system is suggested only when
 * it is clearly better than both others (its median distance at most half of theirs, and the points
 * then really sit on features); otherwise the answer is "cannot tell", and the dialog says so. A set of
 * points scattered at random is not claimed to be anything.
 *
 * Pure (no DOM): runs in the import worker and in the CLI. Distances are on a local plane at
 * Shanghai's latitude (error well under 1 % over the city), which is plenty to compare hundreds of metres.
 */
import { CRS_IDS, fromWgs84, toWgs84, type Crs } from './crs';
import { problem, type RowProblem } from './rowProblems';

/** The map's features this module measures against (the app's validated geodata, or the same files in the CLI). */
export interface ReferenceGeodata {
  /** Shanghai's land outline (public/data/municipal.geojson). */
  municipal?: FeatureCollectionLike;
  metroStations?: FeatureCollectionLike;
  metroLines?: FeatureCollectionLike;
  elevatedRoads?: FeatureCollectionLike;
}

interface FeatureCollectionLike {
  features: readonly { geometry: { type: string; coordinates: unknown } | null }[];
}

type Position = readonly [number, number];

const LAT0 = 31.2;
const M_PER_DEG_LAT = 110_950; // at 31° N (WGS-84 meridian arc, rounded)
const M_PER_DEG_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);

const toXY = (lon: number, lat: number): [number, number] => [lon * M_PER_DEG_LON, lat * M_PER_DEG_LAT];

/** Nearest distance from a point to a set of segments and points, through a uniform grid. */
class NearestIndex {
  private readonly cells = new Map<number, number[]>();
  /** Segments as x1, y1, x2, y2 (metres); a point is a segment of length zero. */
  private readonly segs: number[] = [];

  constructor(private readonly cellM: number) {}

  private key(cx: number, cy: number): number {
    return cx * 100_003 + cy;
  }

  add(a: Position, b: Position): void {
    const [x1, y1] = toXY(a[0], a[1]);
    const [x2, y2] = toXY(b[0], b[1]);
    const id = this.segs.length / 4;
    this.segs.push(x1, y1, x2, y2);
    const c = this.cellM;
    for (let cx = Math.floor(Math.min(x1, x2) / c); cx <= Math.floor(Math.max(x1, x2) / c); cx++) {
      for (let cy = Math.floor(Math.min(y1, y2) / c); cy <= Math.floor(Math.max(y1, y2) / c); cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(id);
        else this.cells.set(k, [id]);
      }
    }
  }

  get size(): number {
    return this.segs.length / 4;
  }

  /** Metres to the nearest segment, or `capM` when none is nearer. */
  distance(lon: number, lat: number, capM: number): number {
    const [px, py] = toXY(lon, lat);
    const c = this.cellM;
    const cx = Math.floor(px / c);
    const cy = Math.floor(py / c);
    let best = capM;
    const maxRing = Math.ceil(capM / c) + 1;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Every cell of this ring is at least (ring - 1) cells away.
      if ((ring - 1) * c > best) break;
      for (let dx = -ring; dx <= ring; dx++) {
        for (let dy = -ring; dy <= ring; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const list = this.cells.get(this.key(cx + dx, cy + dy));
          if (!list) continue;
          for (const id of list) best = Math.min(best, this.segmentDistance(id, px, py));
        }
      }
    }
    return best;
  }

  private segmentDistance(id: number, px: number, py: number): number {
    const s = this.segs;
    const x1 = s[id * 4]!;
    const y1 = s[id * 4 + 1]!;
    const dx = s[id * 4 + 2]! - x1;
    const dy = s[id * 4 + 3]! - y1;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
    return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
  }
}

/** Point-in-polygon through horizontal bands: each band holds only the edges that cross it. */
class PolygonIndex {
  private readonly bands: number[][];
  private readonly edges: number[] = [];
  private readonly south: number;
  private readonly bandDeg: number;

  constructor(rings: readonly (readonly Position[])[], bandCount = 1024) {
    let south = Infinity;
    let north = -Infinity;
    for (const ring of rings) {
      for (const [, lat] of ring) {
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
    this.south = south;
    this.bandDeg = Math.max((north - south) / bandCount, 1e-9);
    this.bands = Array.from({ length: bandCount }, () => []);
    for (const ring of rings) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        if (y1 === y2) continue; // horizontal edges never cross a horizontal ray
        const id = this.edges.length / 4;
        this.edges.push(x1, y1, x2, y2);
        const b0 = this.band(Math.min(y1, y2));
        const b1 = this.band(Math.max(y1, y2));
        for (let b = b0; b <= b1; b++) this.bands[b]!.push(id);
      }
    }
  }

  private band(lat: number): number {
    return Math.max(0, Math.min(this.bands.length - 1, Math.floor((lat - this.south) / this.bandDeg)));
  }

  /** Even-odd rule: holes and islands count right whatever the rings' orientation. */
  contains(lon: number, lat: number): boolean {
    if (!(lat >= this.south && lat <= this.south + this.bandDeg * this.bands.length)) return false;
    let inside = false;
    const e = this.edges;
    for (const id of this.bands[this.band(lat)]!) {
      const y1 = e[id * 4 + 1]!;
      const y2 = e[id * 4 + 3]!;
      if (y1 > lat === y2 > lat) continue;
      const x1 = e[id * 4]!;
      const x2 = e[id * 4 + 2]!;
      if (lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
    return inside;
  }
}

/** What the checks measure against, built once from the map's features. */
export interface Reference {
  /** Null when the outline is not available. */
  inCity: ((lon: number, lat: number) => boolean) | null;
  /** Metres to the nearest metro station, metro line or elevated road (at most `capM`); null without features. */
  nearestFeatureM: ((lon: number, lat: number, capM: number) => number) | null;
}

const isPos = (p: unknown): p is Position => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number';

/** Rings of Polygon / MultiPolygon features. */
function ringsOf(fc: FeatureCollectionLike): Position[][] {
  const rings: Position[][] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : [];
    for (const poly of polys) for (const ring of poly as unknown[][]) rings.push((ring as unknown[]).filter(isPos));
  }
  return rings;
}

/** Lines of LineString / MultiLineString features, and Points as one-position lines. */
function linesOf(fc: FeatureCollectionLike): Position[][] {
  const lines: Position[][] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Point' && isPos(g.coordinates)) lines.push([g.coordinates]);
    else if (g.type === 'LineString') lines.push((g.coordinates as unknown[]).filter(isPos));
    else if (g.type === 'MultiLineString') for (const l of g.coordinates as unknown[][]) lines.push(l.filter(isPos));
  }
  return lines;
}

/** Builds the indexes; missing files leave their check off (the UI then says it could not check). */
export function createReference(data: ReferenceGeodata): Reference {
  const outline = data.municipal ? new PolygonIndex(ringsOf(data.municipal)) : null;
  const near = new NearestIndex(250);
  for (const fc of [data.metroStations, data.metroLines, data.elevatedRoads]) {
    if (!fc) continue;
    for (const line of linesOf(fc)) {
      if (line.length === 1) near.add(line[0]!, line[0]!);
      for (let i = 0; i < line.length - 1; i++) near.add(line[i]!, line[i + 1]!);
    }
  }
  return {
    inCity: outline ? (lon, lat) => outline.contains(lon, lat) : null,
    nearestFeatureM: near.size > 0 ? (lon, lat, capM) => near.distance(lon, lat, capM) : null,
  };
}

/** Distances are capped here: beyond it a point is simply "not near any feature". */
const CAP_M = 2000;
/** Fewer points than this cannot show a systematic shift. */
export const MIN_POINTS = 10;
/** At most this many points are scored (spread evenly over the file): enough for a median, and quick. */
const SAMPLE = 1500;

export interface HypothesisScore {
  crs: Crs;
  /** Median distance (m) from the points, read in this system, to the nearest map feature. */
  medianM: number;
  /** Share of the points within 50 m of a feature. */
  nearShare: number;
  /** Points outside Shanghai's land outline (in the sea or a neighbouring province). */
  outside: number;
}

export interface OffsetReport {
  /** Points scored. */
  sampled: number;
  scores: HypothesisScore[];
  /** The system the points fit best when that is clear, else null ("cannot tell"). */
  likely: Crs | null;
  confidence: 'high' | 'medium' | null;
  /** What the suggestion rests on. */
  basis: 'features' | 'outline' | null;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Points that one reading brings clearly (50 m) closer to a feature than another does, and the reverse. */
function duel(a: readonly number[], b: readonly number[]): { wins: number; losses: number } {
  let wins = 0;
  let losses = 0;
  a.forEach((da, i) => {
    const db = b[i]!;
    if (da + 50 < db) wins++;
    else if (db + 50 < da) losses++;
  });
  return { wins, losses };
}

/**
 * Scores each coordinate-system hypothesis for `raw` points (as written in the file).
 * @param raw [lon, lat] pairs exactly as the file has them (before any conversion).
 */
export function detectOffset(raw: readonly Position[], reference: Reference): OffsetReport {
  const n = Math.min(raw.length, SAMPLE);
  const sample: Position[] = [];
  for (let k = 0; k < n; k++) sample.push(raw[Math.floor((k * raw.length) / n)]!);
  const empty: OffsetReport = { sampled: sample.length, scores: [], likely: null, confidence: null, basis: null };
  if (sample.length < MIN_POINTS || (!reference.nearestFeatureM && !reference.inCity)) return empty;

  const distances = new Map<Crs, number[]>();
  const scores: HypothesisScore[] = CRS_IDS.map((crs) => {
    const d: number[] = [];
    let outside = 0;
    for (const [lon, lat] of sample) {
      const [x, y] = toWgs84(lon, lat, crs);
      if (reference.nearestFeatureM) d.push(reference.nearestFeatureM(x, y, CAP_M));
      if (reference.inCity && !reference.inCity(x, y)) outside++;
    }
    distances.set(crs, d);
    return {
      crs,
      medianM: reference.nearestFeatureM ? median(d) : NaN,
      nearShare: d.length ? d.filter((m) => m <= 50).length / d.length : 0,
      outside,
    };
  });

  // Features: the best system puts the points on features, halves the median of both others, and
  // (point by point) brings clearly more points closer than it pushes away — a median of a handful
  // of scattered points can fall near a feature by chance; a systematic shift moves nearly all.
  const byMedian = [...scores].sort((a, b) => a.medianM - b.medianM);
  const best = byMedian[0]!;
  const others = byMedian.slice(1);
  if (Number.isFinite(best.medianM) && best.medianM <= 150 && others.every((o) => best.medianM <= 0.5 * o.medianM)) {
    const duels = others.map((o) => duel(distances.get(best.crs)!, distances.get(o.crs)!));
    if (duels.every(({ wins, losses }) => wins >= Math.max(6, 3 * losses, 0.6 * sample.length))) {
      const high =
        best.medianM <= 60 &&
        best.nearShare >= 0.5 &&
        others.every((o) => best.medianM <= 0.25 * o.medianM) &&
        duels.every(({ wins, losses }) => wins >= Math.max(10, 5 * losses));
      return { sampled: sample.length, scores, likely: best.crs, confidence: high ? 'high' : 'medium', basis: 'features' };
    }
  }
  // Outline: coastal points that land in the sea under all but one reading.
  const byOutside = [...scores].sort((a, b) => a.outside - b.outside);
  const [fewest, next] = byOutside;
  if (reference.inCity && fewest && next && next.outside >= Math.max(3, 0.05 * sample.length) && fewest.outside <= next.outside / 4) {
    return { sampled: sample.length, scores, likely: fewest.crs, confidence: 'medium', basis: 'outline' };
  }
  return { ...empty, scores };
}

/**
 * Suspicious rows: sites (already WGS-84) outside Shanghai's land outline, though inside the region
 * box the parser accepts — a neighbouring province, or offshore.
 * @param rows each site's row number in the file (same order as `sites`).
 */
export function outsideCityWarnings(sites: readonly { lon: number; lat: number }[], rows: readonly number[], reference: Reference): RowProblem[] {
  const inCity = reference.inCity;
  if (!inCity) return [];
  const out: RowProblem[] = [];
  sites.forEach((s, i) => {
    if (!inCity(s.lon, s.lat)) out.push(problem(rows[i] ?? 0, 'position', 'outsideCity', `${s.lon}, ${s.lat}`));
  });
  return out;
}

/**
 * The checks made after parsing, shared by the import worker and the CLI: warns about sites outside
 * Shanghai's outline (added to `result.warnings`, in row order) and scores the coordinate systems.
 * @param result a parse result; its sites are WGS-84, read in `result.crs`.
 */
export function reviewImport(
  result: { sites: readonly { lon: number; lat: number }[]; siteRows: readonly number[]; warnings: RowProblem[]; crs: Crs },
  reference: Reference,
): OffsetReport {
  const outside = outsideCityWarnings(result.sites, result.siteRows, reference);
  if (outside.length > 0) {
    result.warnings.push(...outside);
    result.warnings.sort((a, b) => a.row - b.row);
  }
  // The numbers as the file wrote them: undo the conversion (exact to well under a metre).
  const raw = result.sites.map((s) => fromWgs84(s.lon, s.lat, result.crs));
  return detectOffset(raw, reference);
}
