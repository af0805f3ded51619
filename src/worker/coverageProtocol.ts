/**
 * Messages between the UI and the coverage worker. The worker holds everything heavy — the scope
 * polygons (clipping districts by the Outer Ring takes most of a second), the 50 m city grid and one
 * distance field per facility type — so the UI never blocks. The UI owns the sites; the worker
 * mirrors them from small edit messages (a dragged site costs one upsert, not the whole list).
 */
import type { TargetCheck } from '../domain/checker';
import type { ResolvedRule } from '../domain/coverageViews';
import type { Site } from '../domain/site';
import type { ScopeSources } from '../domain/scopes';
import type { CoverageBreakdown } from '../coverage/engine';
import type { DifferenceBreakdown } from '../coverage/difference';

export type SiteOps = { replace: Site[] } | { upsert: Site[]; remove: string[] };

/** What the coverage picture shows: uncovered cells, distance to the nearest site, or nothing. */
export type CoverageMode = 'gaps' | 'distance' | 'none';

export type CoverageRequest =
  | { kind: 'init'; sources: ScopeSources; cellM: number; pixelM: number }
  | { kind: 'sites'; revision: number; ops: SiteOps }
  | { kind: 'assumptions'; revision: number; values: Record<string, number> }
  | { kind: 'view'; revision: number; viewId: string | null; mode: CoverageMode }
  /** Compare with another scenario's sites (the whole list; null ends the comparison). */
  | { kind: 'compare'; revision: number; sites: Site[] | null };

export interface CoverageImage {
  viewId: string;
  /** 'difference': cells covered by one scenario only (while comparing). */
  mode: Exclude<CoverageMode, 'none'> | 'difference';
  width: number;
  height: number;
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number];
  /** RGBA, row 0 at the north edge. */
  rgba: ArrayBuffer;
}

export interface ViewCoverage {
  viewId: string;
  rule: ResolvedRule;
  sites: number;
  breakdown: CoverageBreakdown;
}

/** The compared scenario's figures, and where the two differ for the coverage layer. */
export interface CompareCoverage {
  results: TargetCheck[];
  view: ViewCoverage | null;
  /** km² covered by the edited scenario only (A) and by the compared one only (B). */
  difference: DifferenceBreakdown | null;
}

export interface CoverageTimings {
  /** Syncing the view's distance field with the sites (incremental or full). */
  syncMs: number;
  checkerMs: number;
  paintMs: number;
  totalMs: number;
}

export type CoverageResponse =
  | { kind: 'ready'; gridMs: number; cells: number; cellM: number }
  | {
      kind: 'update';
      /** The newest request revision this answer includes. */
      revision: number;
      results: TargetCheck[];
      view: ViewCoverage | null;
      image: CoverageImage | null;
      compare: CompareCoverage | null;
      timings: CoverageTimings;
    }
  | { kind: 'error'; revision: number; message: string };
