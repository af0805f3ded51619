/**
 * The network worker's API (src/worker/network.worker.ts): it reads a road file, builds the road
 * graph on the coverage grid, and answers the per-cell network distances as sites change — off the
 * main thread, since a city extract takes seconds to read and build. The session it runs is
 * src/worker/networkSession.ts (Node runs it too, in the tests).
 *
 * Answers carry typed arrays of the cells that changed (the dirty box, row by row), transferred,
 * not copied: a drag step sends the few km² around the site, not the whole grid.
 */
import type { CoverageBreakdown } from '../domain/coverageResults';
import type { CellBox } from '../coverage/cellBox';
import type { CoverageRule, EngineSite } from '../coverage/engine';
import type { GridSources } from '../coverage/grid';
import type { TravelMode } from '../network/graph';
import type { RoadFileProblem } from '../network/roads';
import type { Ground } from '../domain/serviceRule';
import type { PictureTile } from '../coverage/picture';
import type { NetworkPictureLayer } from '../network/networkPictures';
import type { RingPart, Target } from '../domain/plan';
import type { Crs as RoadCrs } from '../io/crs';

export type NetworkPhase = 'reading' | 'parsing' | 'graph';

export interface RoadLoadRequest {
  file: Blob;
  fileName: string;
  mode: TravelMode;
  /** The road file's coordinates (WGS-84 unless said); 'auto' reads the file's own `crs` member or a name hint. */
  crs?: RoadCrs | 'auto';
  /** How far ground may lie from a road and still be reached (m); default 200. */
  snapM?: number;
  /** Rule sites' distances are exact up to this (m); default 1500. */
  maxDistanceM?: number;
}

/** What was loaded: for the panel to say. */
export interface RoadSummary {
  fileName: string;
  bytes: number;
  mode: TravelMode;
  ways: number;
  nodes: number;
  edges: number;
  /** Edge length in km (each segment once). */
  lengthKm: number;
  highwayCounts: Record<string, number>;
  /** Study cells the network reaches (within the snap distance of an edge), and all study cells. */
  joinedCells: number;
  studyCells: number;
  notes: string[];
  buildMs: number;
  /** The coordinates the file was read in (converted to WGS-84 before the graph was built) and why. */
  crs: RoadCrs;
  crsFrom: 'chosen' | 'file' | 'name' | 'default';
}

/** A refused file: the problem (for the interface's words) and the reader's message, naming the file. */
export interface RoadLoadError {
  problem: RoadFileProblem;
  message: string;
}

/**
 * The cells of `box` (row by row, `box.c1 − box.c0 + 1` a row) as they are now: network distance (m,
 * +Infinity beyond reach) to the nearest rule site, and d / r to the nearest own-radius site (null
 * when no site has its own radius: all +Infinity). `box` null: nothing changed.
 */
export interface NetworkFieldPatch {
  box: CellBox | null;
  dist: Float32Array | null;
  own: Float32Array | null;
  ms: number;
}

/** Changed tiles of the network pictures (src/network/networkPictures.ts); `full`: every other tile is blank. */
export interface NetworkPictureUpdate {
  full: boolean;
  tiles: Array<{ id: number; layer: NetworkPictureLayer; rgba: ArrayBuffer | null }>;
}

/** What the app shows of the network: the figures beside the straight line's, and the pictures. */
export interface NetworkAnswer {
  /** Covered shares by network distance (null without roads or without a rule). */
  breakdown: CoverageBreakdown | null;
  /** The ground the network reaches at all (a cell centre within the snap distance of a road), as a breakdown whose "covered" is "reached"; null without roads. */
  reached: CoverageBreakdown | null;
  picture: NetworkPictureUpdate | null;
  /** Sites measured (of the coverage layer's types). */
  sites: number;
  /** The land share covered by network distance of each service-radius target sent (by id; absent: its scope has no region on the grid); null without roads or rule. */
  targets: Record<string, number> | null;
  /** The same for the compared scenario's sites (null: none compared, or no roads). */
  compareTargets: Record<string, number> | null;
  /** The compared scenario's breakdown by network distance (null: none compared, or no roads). */
  compareBreakdown: CoverageBreakdown | null;
  ms: number;
}

/** Site edits, the rule and the ground, as the coverage worker gets them; what is absent is unchanged. */
export interface NetworkChange {
  sites?: { replace: EngineSite[] } | { upsert: EngineSite[]; remove: string[] };
  rule?: CoverageRule | null;
  ground?: Ground;
  /** The service-radius targets of the coverage layer, to be measured by network distance. */
  targets?: NetworkTarget[];
  /** The compared scenario's sites of the layer's types (null: no comparison). */
  compare?: EngineSite[] | null;
}

/** A service-radius target with its radii resolved (assumptions applied): what regionAndRule needs. */
export interface NetworkTarget {
  target: Target;
  parts: Array<{ part: RingPart; radiusKm: number }>;
}

/** The pointer's ground along the network: its route to the nearest site, or why there is none. */
export type NetworkHover =
  | { kind: 'off-network'; snapM: number }
  | { kind: 'beyond-cap'; capM: number }
  | { kind: 'route'; distanceM: number; siteId: string; path: Array<[number, number]>; ownRadiusM?: number };

/** What a proposal of new sites adds to a district's covered land, by straight line and along the network, on the same grid, rule and roads. */
export interface ProposalReach {
  /** Land (km²) of the district covered before and with the proposed sites, by straight line. */
  straightBeforeKm2: number;
  straightAfterKm2: number;
  /** The same by network distance. */
  networkBeforeKm2: number;
  networkAfterKm2: number;
  /** Of the land the proposal adds by straight line, how much is covered on the network with it (km²). */
  addedReachedKm2: number;
}

export interface NetworkApi {
  /** The grid the fields are on: the coverage worker's sources and cell size (the same frame, the same cells); answers the picture's tiles. */
  setGrid(sources: GridSources, cellM: number): PictureTile[] | Promise<PictureTile[]>;
  /** Applies a change (sites, rule, ground) and answers the figures and the pictures' changed tiles. */
  update(change: NetworkChange): NetworkAnswer;
  /** The route from the cell under (lon, lat) to its nearest site along the network; null without roads. */
  route(lon: number, lat: number): NetworkHover | null;
  /** Reads a road file and builds its graph; the sites held are measured on it at once (answer: `fields`). */
  loadRoads(request: RoadLoadRequest, onProgress: (phase: NetworkPhase, fraction: number) => void): Promise<{ summary: RoadSummary } | { error: RoadLoadError }>;
  /** Forgets the road network (the sites are kept). */
  clearRoads(): void;
  /** Replaces the sites, or applies edits; answers the cells that changed. */
  setSites(sites: EngineSite[]): NetworkFieldPatch;
  editSites(upsert: EngineSite[], remove: string[]): NetworkFieldPatch;
  /** What `extra` (proposed sites of the layer's types) adds in district `adcode` under the rule held; null without roads, rule or district. */
  proposal(extra: Array<{ lon: number; lat: number }>, adcode: string): ProposalReach | null;
  /** Covered shares by network distance for the whole study area, each district and zone; null without roads. */
  breakdown(rule: CoverageRule): CoverageBreakdown | null;
}
