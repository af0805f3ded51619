/**
 * The import worker's API. The worker reads, decodes, parses and checks a dropped file off the main
 * thread — 200,000 rows take seconds, and the map must keep answering meanwhile — and reports its
 * progress as it goes.
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

export interface ImportApi {
  /** The map's features the checks measure against (given once, when the geodata has loaded). */
  setReference(data: ReferenceGeodata): void;
  /**
   * Reads and checks one file. Rejects only when the file cannot be read (moved or deleted): the
   * parser itself never throws, it reports bad rows.
   */
  parse(request: ParseRequest, onProgress: (phase: ImportPhase, fraction: number) => void): Promise<ImportResult>;
}
