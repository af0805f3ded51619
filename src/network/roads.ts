/**
 * Roads as read from a file, before they become a graph: each way's vertices (WGS-84, quantised to
 * 1e-7°), which travel modes it is open to, and its one-way direction — in typed arrays, so that a
 * city extract (hundreds of thousands of ways) holds no object per vertex.
 *
 * The model (issue #16; README "Walking distance on the street network"):
 * - Walking uses every `highway` class except motorway, motorway_link, trunk and trunk_link
 *   (Shanghai's elevated expressways and their ramps), and no way tagged `foot=no` or `access=no`;
 *   every edge both ways.
 * - Driving (the optional second mode) leaves out footway, path, pedestrian, steps and cycleway,
 *   and ways tagged `access=no`; `oneway=yes|1|true` allows travel along the way's vertex order
 *   only, `oneway=-1` against it only.
 *
 * - Neither takes a way whose `highway` is a stage of its life rather than a road: proposed,
 *   construction, abandoned, disused, razed (OSM's lifecycle values — a planned street in the
 *   extract is not a street a resident walks today).
 *
 * Coordinates are quantised to integers of 1e-7° (≈ 1 cm): two ways meet where they have a vertex
 * with the same quantised coordinate — the same OSM node always does — and nowhere else.
 */

/** 1e-7° units: the quantum of vertex identity. */
export const COORD_SCALE = 1e7;

export const WALK = 1;
export const DRIVE = 2;

/** Highway classes walking leaves out: the elevated expressways and their ramps. */
export const NOT_WALKABLE: ReadonlySet<string> = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);
/** Highway classes driving leaves out. */
export const NOT_DRIVABLE: ReadonlySet<string> = new Set(['footway', 'path', 'pedestrian', 'steps', 'cycleway']);

/** Highway values that are not (or no longer) roads: neither mode takes them. */
export const NOT_BUILT: ReadonlySet<string> = new Set(['proposed', 'construction', 'abandoned', 'disused', 'razed']);

/** The tags the model reads; the readers take only these from a way. */
export interface WayTags {
  highway?: string | undefined;
  oneway?: string | undefined;
  foot?: string | undefined;
  access?: string | undefined;
}

/** The modes (WALK | DRIVE bits) a way with these tags is open to; 0 without a highway tag. */
export function modesOf(tags: WayTags): number {
  const hw = tags.highway;
  if (hw === undefined || hw === '') return 0;
  if (tags.access === 'no' || NOT_BUILT.has(hw)) return 0;
  let m = 0;
  if (!NOT_WALKABLE.has(hw) && tags.foot !== 'no') m |= WALK;
  if (!NOT_DRIVABLE.has(hw)) m |= DRIVE;
  return m;
}

/** Driving direction of a way: 1 along its vertex order only, −1 against it only, 0 both ways. */
export function onewayOf(tags: WayTags): -1 | 0 | 1 {
  const o = tags.oneway;
  if (o === 'yes' || o === '1' || o === 'true') return 1;
  if (o === '-1') return -1;
  return 0;
}

/** What went wrong with a road file, for the interface to say in either language. */
export type RoadFileProblem = 'too-big' | 'unknown-format' | 'unreadable' | 'broken-geometry' | 'no-highways' | 'far-away' | 'unsupported';

/** A road file that cannot be used; `message` names the file and what is wrong with it. */
export class RoadFileError extends Error {
  readonly problem: RoadFileProblem;
  readonly fileName: string;
  constructor(fileName: string, problem: RoadFileProblem, what: string) {
    super(`${fileName}: ${what}`);
    this.name = 'RoadFileError';
    this.problem = problem;
    this.fileName = fileName;
  }
}

export interface RoadSet {
  /** Ways: way w has vertices wayStart[w] .. wayStart[w + 1] − 1. */
  wayStart: Uint32Array;
  /** Per vertex: longitude and latitude in 1e-7° (integers). */
  lonQ: Int32Array;
  latQ: Int32Array;
  /** Per way: WALK | DRIVE bits. */
  modes: Uint8Array;
  /** Per way: see {@link onewayOf}. */
  oneway: Int8Array;
  /** Ways per highway class. */
  highwayCounts: Record<string, number>;
  /** What was read but left out, for the interface to say (English). */
  notes: string[];
}

const { round } = Math;

/** Collects ways into a {@link RoadSet}; the readers feed it. */
export class RoadSetBuilder {
  private start: number[] = [0];
  private lonQ = new Int32Array(1024);
  private latQ = new Int32Array(1024);
  private n = 0;
  private modes: number[] = [];
  private oneway: number[] = [];
  readonly highwayCounts: Record<string, number> = {};
  /** Ways with a highway tag that no mode may use (foot=no and access=no, say). */
  closed = 0;

  constructor(readonly fileName: string) {}

  get ways(): number {
    return this.modes.length;
  }

  /**
   * Adds one way. `what` names it in an error (e.g. "feature 12", "way 8756689").
   * @throws RoadFileError for a vertex that is not a longitude / latitude.
   */
  addWay(tags: WayTags, lon: ArrayLike<number>, lat: ArrayLike<number>, what: () => string): void {
    const hw = tags.highway;
    if (hw === undefined || hw === '') return;
    this.highwayCounts[hw] = (this.highwayCounts[hw] ?? 0) + 1;
    const modes = modesOf(tags);
    if (modes === 0) {
      this.closed++;
      return;
    }
    const count = lon.length;
    if (count < 2) throw new RoadFileError(this.fileName, 'broken-geometry', `${what()} has ${count} vertex; a road needs at least 2`);
    if (this.n + count > this.lonQ.length) this.grow(this.n + count);
    for (let i = 0; i < count; i++) {
      const x = lon[i]!;
      const y = lat[i]!;
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
        const swapped = Math.abs(x) <= 90 && Math.abs(y) <= 180 ? ' (longitude and latitude swapped?)' : '';
        throw new RoadFileError(this.fileName, 'broken-geometry', `${what()}, vertex ${i + 1}: [${String(x)}, ${String(y)}] is not a longitude and latitude${swapped}`);
      }
      this.lonQ[this.n] = round(x * COORD_SCALE);
      this.latQ[this.n++] = round(y * COORD_SCALE);
    }
    this.start.push(this.n);
    this.modes.push(modes);
    this.oneway.push(onewayOf(tags));
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.lonQ.length * 2);
    const a = new Int32Array(cap);
    a.set(this.lonQ.subarray(0, this.n));
    const b = new Int32Array(cap);
    b.set(this.latQ.subarray(0, this.n));
    this.lonQ = a;
    this.latQ = b;
  }

  /** The collected ways (copied to exact-size arrays). */
  finish(notes: string[] = []): RoadSet {
    return {
      wayStart: Uint32Array.from(this.start),
      lonQ: this.lonQ.slice(0, this.n),
      latQ: this.latQ.slice(0, this.n),
      modes: Uint8Array.from(this.modes),
      oneway: Int8Array.from(this.oneway),
      highwayCounts: { ...this.highwayCounts },
      notes,
    };
  }
}
