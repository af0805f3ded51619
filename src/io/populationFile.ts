/**
 * A population file of either kind, told apart by its first bytes: a TIFF (`II*\0`, `MM\0*`, or
 * BigTIFF's `II+\0` / `MM\0+`) is read as a raster (populationRaster.ts), anything else as areas or
 * points (populationPolygons.ts). The answer is the input the coverage engine spreads over its grid,
 * with the source's name, year and label, and the facts of what was read (as data, which the panel
 * words in zh-CN or English, src/ui/population/factsText.ts; and as the CLI's English line).
 */
import { fileSource, type PopulationInput } from '../domain/population';
import type { Crs } from './crs';
import { PolygonReadError, readPopulationPolygons } from './populationPolygons';
import { RasterReadError, readPopulationRaster } from './populationRaster';

export interface PopulationFileOptions {
  /** Polygons: the residents column / property. */
  field?: string;
  /** Polygons: the coordinates' system. */
  crs?: Crs;
  /** Refuse larger files (default: the kind's own limit). */
  maxBytes?: number;
  onProgress?: (phase: string) => void;
}

/** What was read: the raster's window, pixel size, sample format and nodata, or the areas and points. */
export type PopulationFileFacts =
  | {
      kind: 'raster';
      width: number;
      height: number;
      fileWidth: number;
      fileHeight: number;
      /** Pixel size, arc seconds. */
      dLonSec: number;
      dLatSec: number;
      /** TIFF's SampleFormat: 1 unsigned integer, 2 signed integer, 3 floating point. */
      sample: { bits: number; format: 1 | 2 | 3 };
      nodata: number | null;
      nodataPixels: number;
    }
  | { kind: 'polygons'; format: 'csv' | 'geojson'; areas: number; points: number; field: string; crs: Crs };

const SAMPLE_NAMES = { 1: 'unsigned integer', 2: 'signed integer', 3: 'floating point' } as const;

/** The facts in English, as the CLI prints them (e.g. "1,400 × 1,400 pixels read of …, 32-bit floating point, nodata -99999, …"). */
export function factsInEnglish(f: PopulationFileFacts): string {
  const n = (x: number) => x.toLocaleString('en');
  if (f.kind === 'polygons') return `${f.format === 'csv' ? 'CSV' : 'GeoJSON'}, ${n(f.areas)} areas and ${n(f.points)} points, residents from "${f.field}", coordinates ${f.crs}`;
  return (
    `${n(f.width)} × ${n(f.height)} pixels read of ${n(f.fileWidth)} × ${n(f.fileHeight)}, ` +
    `${f.dLonSec.toPrecision(4)}″ × ${f.dLatSec.toPrecision(4)}″, ${f.sample.bits}-bit ${SAMPLE_NAMES[f.sample.format]}, nodata ${f.nodata === null ? 'none declared' : f.nodata}, ${n(f.nodataPixels)} nodata pixels`
  );
}

export interface PopulationFileResult {
  input: PopulationInput;
  /** What was read, as data (the panel words it in its language). */
  read: PopulationFileFacts;
  /** The same in English, for the CLI (`factsInEnglish`). */
  facts: string;
  /** Residents in what was read (the raster's window, every feature). */
  total: number;
}

const TIFF_MAGIC = [
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
  [0x49, 0x49, 0x2b, 0x00],
  [0x4d, 0x4d, 0x00, 0x2b],
];

export function isTiff(head: Uint8Array): boolean {
  return TIFF_MAGIC.some((m) => m.every((b, i) => head[i] === b));
}

/** Whether a file-reading error is one of this module's own (its message is for the person). */
export function isPopulationFileError(e: unknown): e is Error {
  return e instanceof RasterReadError || e instanceof PolygonReadError;
}

/**
 * Reads a population file.
 * @throws RasterReadError / PolygonReadError with a message naming the file and what is wrong
 */
export async function readPopulationFile(data: ArrayBuffer | Blob, name: string, options: PopulationFileOptions = {}): Promise<PopulationFileResult> {
  const head = new Uint8Array(data instanceof ArrayBuffer ? data.slice(0, 4) : await data.slice(0, 4).arrayBuffer());
  if (isTiff(head)) {
    const r = await readPopulationRaster(data, name, {
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const { raster } = r;
    const read: PopulationFileFacts = {
      kind: 'raster',
      width: raster.width,
      height: raster.height,
      fileWidth: r.fileWidth,
      fileHeight: r.fileHeight,
      dLonSec: raster.dLon * 3600,
      dLatSec: raster.dLat * 3600,
      sample: r.sample,
      nodata: r.nodata,
      nodataPixels: r.nodataPixels,
    };
    return { input: { kind: 'raster', source: fileSource('raster', name), raster }, read, facts: factsInEnglish(read), total: r.total };
  }
  options.onProgress?.('parsing');
  const bytes = data instanceof ArrayBuffer ? data : await data.arrayBuffer();
  const r = readPopulationPolygons(bytes, name, {
    ...(options.field === undefined ? {} : { field: options.field }),
    ...(options.crs === undefined ? {} : { crs: options.crs }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
  const areas = r.features.filter((f) => f.geometry.type !== 'Point').length;
  const read: PopulationFileFacts = { kind: 'polygons', format: r.format, areas, points: r.features.length - areas, field: r.field, crs: r.crs };
  return { input: { kind: 'polygons', source: fileSource('polygons', name), features: r.features }, read, facts: factsInEnglish(read), total: r.total };
}
