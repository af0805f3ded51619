/**
 * A population file of either kind, told apart by its first bytes: a TIFF (`II*\0`, `MM\0*`, or
 * BigTIFF's `II+\0` / `MM\0+`) is read as a raster (populationRaster.ts), anything else as areas or
 * points (populationPolygons.ts). The answer is the input the coverage engine spreads over its grid,
 * with the source's name, year and label, and a line of facts about what was read.
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

export interface PopulationFileResult {
  input: PopulationInput;
  /** What was read, in English, for the CLI and the import dialog (e.g. "1,400 × 1,400 pixels, 32-bit floating point, nodata −99999"). */
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
    const facts =
      `${raster.width.toLocaleString('en')} × ${raster.height.toLocaleString('en')} pixels read of ${r.fileWidth.toLocaleString('en')} × ${r.fileHeight.toLocaleString('en')}, ` +
      `${(raster.dLon * 3600).toPrecision(4)}″ × ${(raster.dLat * 3600).toPrecision(4)}″, ${r.sampleFormat}, nodata ${r.nodata === null ? 'none declared' : r.nodata}, ${r.nodataPixels.toLocaleString('en')} nodata pixels`;
    return { input: { kind: 'raster', source: fileSource('raster', name), raster }, facts, total: r.total };
  }
  options.onProgress?.('parsing');
  const bytes = data instanceof ArrayBuffer ? data : await data.arrayBuffer();
  const r = readPopulationPolygons(bytes, name, {
    ...(options.field === undefined ? {} : { field: options.field }),
    ...(options.crs === undefined ? {} : { crs: options.crs }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
  const areas = r.features.filter((f) => f.geometry.type !== 'Point').length;
  const facts = `${r.format === 'csv' ? 'CSV' : 'GeoJSON'}, ${areas.toLocaleString('en')} areas and ${(r.features.length - areas).toLocaleString('en')} points, residents from "${r.field}", coordinates ${r.crs}`;
  return { input: { kind: 'polygons', source: fileSource('polygons', name), features: r.features }, facts, total: r.total };
}
