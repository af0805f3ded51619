/**
 * Messages between the UI and the coverage worker. The worker holds everything heavy — the scope
 * polygons (clipping districts by the Outer Ring takes most of a second), the 50 m city grid and one
 * distance field per facility type — so the UI never blocks. The UI owns the sites; the worker
 * mirrors them from small edit messages (a dragged site costs one upsert, not the whole list).
 */
import type { PopulationProblem } from '../domain/populationProblems';
import type { TargetCheck } from '../domain/checker';
import type { Site } from '../domain/site';
import type { Ground } from '../domain/serviceRule';
import type { PackedSites } from '../domain/packedSites';
import type { CoverageMode, ViewCoverage } from '../domain/coverageResults';
import type { DifferenceBreakdown } from '../coverage/difference';
import type { PictureTile } from '../coverage/picture';
import type { SessionSources } from './coverageSession';
import type { LayerTexts } from './layerSources';
import type { PopulationInput, PopulationReport, PopulationSource } from '../domain/population';
import type { AreaSelector } from '../coverage/engine';
import type { GapPatchList } from '../coverage/gapPatches';

export type { CoverageMode, ViewCoverage } from '../domain/coverageResults';

export type SiteOps = { replace: Site[] } | { upsert: Site[]; remove: string[] };
/** Site ops as posted: a long list goes in columns (src/domain/packedSites.ts), which clone in a few copies. */
export type PostedSiteOps = SiteOps | { replacePacked: PackedSites };
/** Above this many sites, a list is posted packed. */
export const PACK_SITES_ABOVE = 2_000;


export type CoverageRequest =
  /**
   * `appRoot`: the app's folder (absolute URL), where the build's shipped answers sit
   * (src/worker/shippedAnswers.ts); `page`: whose answers to read ahead (the main app's, else the embed's).
   */
  /**
   * The session's layers as objects (`sources`), or as the texts they were validated from
   * (`sources: null`, `layerTexts`: src/worker/layerSources.ts says why).
   */
  | { kind: 'init'; sources: SessionSources | null; layerTexts?: LayerTexts; cellM: number; appRoot?: string; page?: 'app' | 'embed' }
  | { kind: 'sites'; revision: number; ops: PostedSiteOps }
  | { kind: 'assumptions'; revision: number; values: Record<string, number> }
  /** Measure as of the end of a year: only the sites built by then (null: every site). */
  | { kind: 'asOf'; revision: number; year: number | null }
  /** The coverage layer, what its picture shows, and on which ground (land: water and flats left blank). */
  /** `capacity`: also residents per unit by two-step catchment (src/coverage/capacity.ts), asked for only while shown. */
  | { kind: 'view'; revision: number; viewId: string | null; mode: CoverageMode; ground: Ground; capacity?: boolean }
  /** Compare with another scenario's sites (the whole list; null ends the comparison). */
  | { kind: 'compare'; revision: number; sites: Site[] | PackedSites | null }
  /**
   * Residents for every figure: the district census (the default) or a file read by the import
   * worker; null: none. Post a raster with its values' buffer in the transfer list
   * (`populationTransferables`, src/domain/population.ts): it moves, not copies (7.8 MB for WorldPop
   * over Shanghai), and the sender's copy is emptied — store it first if it is to be kept.
   */
  | { kind: 'population'; revision: number; input: PopulationInput | null }
  /** Where to rank the coverage layer's unserved patches by residents (null: nowhere, none computed). */
  | { kind: 'patches'; revision: number; area: AreaSelector | null }
  /**
   * What one commit of the page sent, in order, applied before one computation: at the start the
   * scenario's sites and its settings come together, and a computation (or a kept answer's look-up)
   * of the sites alone would be thrown away.
   */
  | { kind: 'batch'; messages: SessionRequest[] };

/** The requests that change a session's inputs (all but the grid's `init`, and batches of them). */
export type SessionRequest = Exclude<CoverageRequest, { kind: 'init' | 'batch' }>;

/** The largest gaps by residents of the coverage layer in one area (src/coverage/gapPatches.ts). */
export interface GapPatchesAnswer {
  viewId: string;
  area: AreaSelector;
  list: GapPatchList;
  /** Time to find and rank them (ms). */
  ms: number;
}

/** The residents layer in use: its source and how the input landed on the grid, or why it could not be set. */
export interface PopulationStatus {
  source: PopulationSource;
  /** Null when the input was refused (`error` says why; the layer held before, if any, stays in use). */
  report: PopulationReport | null;
  error: string | null;
  /** The refusal as a code and facts, for the panel to word (null: taken). */
  problem: PopulationProblem | null;
  /** Time to spread the input over the grid (ms). */
  buildMs: number;
}

/**
 * What changed in the coverage picture: tiles of the grid, one RGBA texel per cell, row 0 at the
 * tile's north edge (layout in the `ready` answer; see src/coverage/picture.ts paintTile). `full`: these tiles are the whole picture (any
 * tile not listed is blank); otherwise only the listed tiles changed, `rgba: null` meaning the tile
 * is now blank. Mode `none`: no picture.
 */
export interface PictureUpdate {
  viewId: string | null;
  mode: CoverageMode | 'difference';
  ground: Ground;
  full: boolean;
  tiles: Array<{ id: number; rgba: ArrayBuffer | null }>;
}

/** The compared scenario's figures, and where the two differ for the coverage layer. */
export interface CompareCoverage {
  results: TargetCheck[];
  view: ViewCoverage | null;
  /** km² covered by the edited scenario only (A) and by the compared one only (B). */
  difference: DifferenceBreakdown | null;
}

/** A count target's value at the end of each year of its plan's period (the scorecard's timeline). */
export interface TargetTimeline {
  targetId: string;
  points: Array<{ year: number; current: number | null; status: TargetCheck['status'] }>;
}

export interface CoverageTimings {
  /** Syncing the view's distance field with the sites (incremental or full). */
  syncMs: number;
  checkerMs: number;
  paintMs: number;
  totalMs: number;
  /** Threads that filled the last full recompute of a distance field (1: the worker alone; see src/coverage/fillPool.ts). */
  fillThreads?: number;
  /**
   * Helper threads ready to fill recomputes (0: none — the page is not cross-origin isolated, or they
   * have not started). Whether one joins a given recompute depends on it getting a core in time.
   */
  fillHelpers?: number;
}

export type CoverageResponse =
  | {
      kind: 'ready';
      gridMs: number;
      cells: number;
      cellM: number;
      tiles: PictureTile[];
      /** Whether the grid was read back from an earlier session's (src/worker/gridSupply.ts) or built now. */
      gridFrom?: 'cache' | 'built';
      /** Why the kept grids could not be read (null: read, or none kept). */
      cacheProblem?: string | null;
      /** When the worker took the init (ms since the epoch) and where the grid's time went (src/worker/gridSupply.ts). */
      initAt?: number;
      gridTimings?: { keyMs: number; readMs: number; buildMs: number };
    }
  /** A grid built at start was kept for the next start (problem null), or why not. */
  | { kind: 'gridKept'; problem: string | null; cellM: number }
  | {
      kind: 'update';
      /** The newest request revision this answer includes. */
      revision: number;
      results: TargetCheck[];
      view: ViewCoverage | null;
      picture: PictureUpdate | null;
      compare: CompareCoverage | null;
      /** The residents layer the figures use (null: none), or why the last one asked for was refused. */
      population?: PopulationStatus | null;
      /** Count targets year by year (null: no site has a year). */
      timeline?: TargetTimeline[] | null;
      timings: CoverageTimings;
      /** True when this update's picture comes apart, in the next `picture` message (the first picture only). */
      pictureFollows?: boolean;
      /**
       * True when these figures were kept from an earlier visit for the very same inputs (src/io/answerCache.ts):
       * the computation follows with the same figures and the picture.
       */
      fromCache?: boolean;
      /** Where cached figures came from: kept in this browser, or shipped with the build for its default start (src/worker/shippedAnswers.ts). */
      cachedFrom?: 'kept' | 'shipped';
    }
  /**
   * Sent once: the first figures for the inputs asked are to be computed (no answer kept in this
   * browser or shipped with the build for them, or none looked up), which takes the grid's build or
   * read first — so what the page holds back for the first numbers need not wait (src/ui/firstNumbers.ts).
   */
  | { kind: 'computing' }
  /** The picture of the update of the same revision, sent right after it (see `pictureFollows`). */
  | { kind: 'picture'; revision: number; picture: PictureUpdate }
  /**
   * The largest gaps by residents where asked (null: not asked, no layer or no residents layer), for
   * the sites of the update of the same revision; sent once no message has come for a moment.
   */
  | { kind: 'patches'; revision: number; patches: GapPatchesAnswer | null }
  | { kind: 'error'; revision: number; message: string };
