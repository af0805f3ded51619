/**
 * The import worker's API. The worker reads, decodes, parses and checks a dropped file off the main
 * thread — 200,000 rows take seconds, and the map must keep answering meanwhile — and reports its
 * progress as it goes.
 */
import type { PopulationProblem } from '../domain/populationProblems';
import type { FacilityTypeId } from '../domain/facilityTypes';
import type { Crs } from '../io/crs';
import type { OffsetReport, ReferenceGeodata } from '../io/offsetDetection';
import type { ColumnMapping, SiteFileResult } from '../io/siteFile';
import type { TextEncodingName } from '../io/textDecoding';
import type { PopulationInput } from '../domain/population';
import type { PopulationFileFacts } from '../io/populationFile';
import type { TownshipCodeRow } from '../domain/geodata';
import type { UserTownship } from '../io/townshipFile';

export { MAX_IMPORT_BYTES } from '../io/importLimits';

/** What the person chose in the dialog (all optional: the first parse detects everything). */
export interface ImportChoices {
  crs?: Crs;
  mapping?: ColumnMapping;
  defaultType?: FacilityTypeId;
  fixSwapped?: boolean;
}

export type ImportPhase = 'reading' | 'parsing' | 'checking';

export interface ImportResult extends SiteFileResult {
  fileName: string;
  bytes: number;
  encoding: TextEncodingName;
  /** Null when the reference features were not available (the dialog says it could not check). */
  offset: OffsetReport | null;
}

export interface ParseRequest {
  file: Blob;
  fileName: string;
  idPrefix: string;
  choices: ImportChoices;
}

/** A population file to read: a GeoTIFF raster, or areas / points (GeoJSON, CSV). */
export interface PopulationReadRequest {
  file: Blob;
  fileName: string;
  /** Areas / points: the residents column (default: found by name). */
  field?: string;
  /** Areas / points: the coordinates' system (default: the headers', else WGS-84). */
  crs?: Crs;
}

/**
 * The input for the coverage worker (a raster's values arrive transferred, not copied), what was
 * read (as data, for the panel to word, and the CLI's English line), and the residents in it; or the
 * reason the file was refused (naming the file).
 */
export type PopulationReadResult =
  | { ok: true; input: PopulationInput; read: PopulationFileFacts; facts: string; total: number }
  /** `columns`: the residents column could not be told; the file's columns, for the person to pick one. */
  | { ok: false; error: string; problem: PopulationProblem; columns?: string[] };

/** A user's township polygons to match to the NBS list (`codes`, the shipped township-codes.csv). */
export interface TownshipReadRequest {
  file: Blob;
  fileName: string;
  codes: TownshipCodeRow[];
}

/**
 * The townships read, each matched to its code; or why the file was refused (the first reason) with
 * every feature's problem (unmatched names and codes listed together).
 */
export type TownshipReadResult = { ok: true; townships: UserTownship[] } | { ok: false; error: string; problems: string[] };

export interface ImportApi {
  /** The map's features the checks measure against (given once, when the geodata has loaded). */
  setReference(data: ReferenceGeodata): void;
  /**
   * Reads and checks one file. Rejects only when the file cannot be read (moved or deleted): the
   * parser itself never throws, it reports bad rows.
   */
  parse(request: ParseRequest, onProgress: (phase: ImportPhase, fraction: number) => void): Promise<ImportResult>;
  /**
   * Reads a population file off the main thread (a GeoTIFF's decoding takes a second or more). From a
   * Blob only the parts over Shanghai are read. Never rejects for a bad file: it answers why.
   */
  readPopulation(request: PopulationReadRequest, onProgress: (phase: string) => void): Promise<PopulationReadResult>;
  /** Reads township polygons (src/io/townshipFile.ts). Never rejects for a bad file: it answers why. */
  readTownships(request: TownshipReadRequest): Promise<TownshipReadResult>;
}
