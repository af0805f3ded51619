/**
 * Messages between the import dialog and the import worker. The worker reads, decodes, parses and
 * checks a dropped file off the main thread — 200,000 rows take seconds, and the map must keep
 * answering meanwhile — and posts its progress as it goes.
 */
import type { FacilityTypeId } from '../domain/facilityTypes';
import type { Crs } from '../io/crs';
import type { OffsetReport, ReferenceGeodata } from '../io/offsetDetection';
import type { ColumnMapping, SiteFileResult } from '../io/siteFile';
import type { TextEncodingName } from '../io/textDecoding';

export { MAX_IMPORT_BYTES } from '../io/importLimits';

/** What the person chose in the dialog (all optional: the first parse detects everything). */
export interface ImportChoices {
  crs?: Crs;
  mapping?: ColumnMapping;
  defaultType?: FacilityTypeId;
  fixSwapped?: boolean;
}

export type ImportRequest =
  /** The map's features the checks measure against (sent once, when the geodata has loaded). */
  | { kind: 'reference'; data: ReferenceGeodata }
  | { kind: 'parse'; id: number; file: Blob; fileName: string; idPrefix: string; choices: ImportChoices };

export type ImportPhase = 'reading' | 'parsing' | 'checking';

export interface ImportResult extends SiteFileResult {
  fileName: string;
  bytes: number;
  encoding: TextEncodingName;
  /** Null when the reference features were not available (the dialog says it could not check). */
  offset: OffsetReport | null;
}

export type ImportResponse =
  | { kind: 'progress'; id: number; phase: ImportPhase; fraction: number }
  | { kind: 'done'; id: number; result: ImportResult }
  | { kind: 'failed'; id: number; message: string };
