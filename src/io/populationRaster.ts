/**
 * Reads a population GeoTIFF — residents per pixel on a longitude/latitude grid (EPSG:4326), as
 * WorldPop and GHSL publish them — into a {@link PopulationRaster} over Shanghai, with the `geotiff`
 * package (tiled or striped, any of its compressions; 8/16/32-bit integers, 32/64-bit floats).
 *
 * Only the window of pixels over the districts' box (with a margin) is decoded: a country-wide file
 * read from a Blob costs its header and the tiles or strips over Shanghai, not its size. The file's
 * nodata value (GDAL_NODATA) and NaN are "no data" (NaN in the result); every other value must be a
 * count of residents, ≥ 0.
 *
 * Refused, with a message that names the file and what is wrong: not a TIFF; more than one band; a
 * sample format other than the ones above; no GeoTIFF keys; a projected or non-WGS-84 CRS (read from
 * the GeoKeys: GTModelTypeGeoKey, GeographicTypeGeoKey, ProjectedCSTypeGeoKey); a rotated or skewed
 * grid; a raster that misses Shanghai; a negative count; a file or window over the size limits.
 *
 * Pure (no DOM): runs in the import worker, the CLI and the tests.
 */
import { fromArrayBuffer, GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { PopulationProblemError } from '../domain/populationProblems';
import type { PopulationRaster } from '../domain/population';
import { MAX_POPULATION_RASTER_BYTES, MAX_POPULATION_WINDOW_PIXELS } from './importLimits';

/** The districts' extent (degrees), from `public/data/districts.geojson`, rounded outward. */
export const SHANGHAI_DISTRICTS_BOX = { west: 120.85, south: 30.69, east: 122.01, north: 31.87 } as const;

/** Pixels are read this far (degrees, ~2 km) beyond the districts' box, so pixels across the border are whole. */
const WINDOW_MARGIN = 0.02;

export interface RasterReadOptions {
  /** The area the raster must reach and the window read (default: Shanghai's districts). */
  box?: { west: number; south: number; east: number; north: number };
  /** Files larger than this are refused before a byte is read (default {@link MAX_POPULATION_RASTER_BYTES}). */
  maxBytes?: number;
  onProgress?: (phase: 'header' | 'decoding' | 'checking') => void;
}

export interface RasterReadResult {
  raster: PopulationRaster;
  /** The file's size, its full size in pixels, and what was read of it. */
  bytes: number;
  fileWidth: number;
  fileHeight: number;
  /** Window read, in the file's pixel columns and rows: [x0, y0, x1, y1) . */
  window: [number, number, number, number];
  sampleFormat: string;
  /** The sample format as data (bits, and 1 unsigned integer, 2 signed integer, 3 floating point: TIFF's SampleFormat). */
  sample: { bits: number; format: 1 | 2 | 3 };
  nodata: number | null;
  nodataPixels: number;
  /** Residents in the window read (every pixel that holds data). */
  total: number;
}

/** A file this reader refuses; the message names the file and says what is wrong. */
export class RasterReadError extends PopulationProblemError {}

const SAMPLE_FORMATS: Record<number, { name: string; bits: readonly number[] }> = {
  1: { name: 'unsigned integer', bits: [8, 16, 32] },
  2: { name: 'signed integer', bits: [8, 16, 32] },
  3: { name: 'floating point', bits: [32, 64] },
};

const MB = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const deg = (x: number, pos: string, neg: string) => `${Math.abs(x).toFixed(2)}° ${x >= 0 ? pos : neg}`;

/**
 * A Blob as geotiff's byte source, read slice by slice with `Blob.arrayBuffer` (workers, browsers and
 * Node alike; the package's own `fromBlob` needs `FileReader`, which Node lacks).
 */
function blobSource(blob: Blob) {
  const read = (offset: number, length: number) => blob.slice(offset, offset + length).arrayBuffer();
  return {
    fetch: (slices: Array<{ offset: number; length: number }>) => Promise.all(slices.map((s) => read(s.offset, s.length))),
    fetchSlice: async (s: { offset: number; length: number }) => ({ ...s, data: await read(s.offset, s.length) }),
    get fileSize() {
      return blob.size;
    },
    close: async () => undefined,
  };
}

/** The nodata value as GDAL writes it (ASCII, maybe NUL-terminated; "nan" allowed), or null. */
function nodataOf(image: GeoTIFFImage): number | null {
  const fd = image.fileDirectory;
  if (!fd.hasTag('GDAL_NODATA')) return null;
  const raw = String(fd.getValue('GDAL_NODATA') ?? '')
    .replace(/\0/g, '')
    .trim();
  if (raw === '') return null;
  if (/^[-+]?nan$/i.test(raw)) return NaN;
  const v = Number(raw);
  return Number.isNaN(v) ? null : v;
}

/** Checks the GeoKeys say WGS-84 longitude/latitude (EPSG:4326). */
function checkCrs(name: string, image: GeoTIFFImage): void {
  const keys = image.getGeoKeys();
  if (!keys || Object.keys(keys).length === 0) {
    throw new RasterReadError('rasterNoGeoKeys', { file: name });
  }
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  if (model === 1 || (model === undefined && projected !== undefined)) {
    if (projected !== undefined && projected !== 32767) throw new RasterReadError('rasterProjected', { file: name, crs: `EPSG:${projected}` });
    throw new RasterReadError('rasterProjectedUser', { file: name });
  }
  if (model !== undefined && model !== 2) {
    throw new RasterReadError('rasterModelType', { file: name, model });
  }
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const datum = keys.GeogGeodeticDatumGeoKey as number | undefined;
  const wgs84 = geographic === 4326 || (geographic === 32767 && datum === 6326) || (geographic === undefined && datum === 6326);
  if (!wgs84) {
    if (geographic !== undefined && geographic !== 32767) throw new RasterReadError('rasterNotWgs84', { file: name, crs: `EPSG:${geographic}` });
    if (datum !== undefined) throw new RasterReadError('rasterNotWgs84Datum', { file: name, datum });
    throw new RasterReadError('rasterNotWgs84Unnamed', { file: name });
  }
  const units = keys.GeogAngularUnitsGeoKey as number | undefined;
  if (units !== undefined && units !== 9102) {
    throw new RasterReadError('rasterAngularUnit', { file: name, unit: units });
  }
}

/** West / north edge and pixel size (degrees) of the file's grid, north-up (dLat > 0 means row 0 is the north). */
function georeference(name: string, image: GeoTIFFImage): { west: number; north: number; dLon: number; dLat: number; southUp: boolean } {
  const fd = image.fileDirectory;
  const scale = fd.getValue('ModelPixelScale') as number[] | undefined;
  const tie = fd.getValue('ModelTiepoint') as number[] | undefined;
  const transform = fd.getValue('ModelTransformation') as number[] | undefined;
  let x0: number;
  let y0: number;
  let dx: number;
  let dy: number; // signed: the change of latitude from one row to the next
  if (scale && tie && tie.length >= 6) {
    dx = scale[0]!;
    dy = -scale[1]!;
    x0 = tie[3]! - tie[0]! * dx;
    y0 = tie[4]! - tie[1]! * dy;
  } else if (transform && transform.length >= 8) {
    if (transform[1] !== 0 || transform[4] !== 0) throw new RasterReadError('rasterRotated', { file: name });
    dx = transform[0]!;
    dy = transform[5]!;
    x0 = transform[3]!;
    y0 = transform[7]!;
  } else {
    throw new RasterReadError('rasterNoGeoreference', { file: name });
  }
  if (!(dx > 0) || !Number.isFinite(dx) || !(dy !== 0) || !Number.isFinite(dy)) {
    throw new RasterReadError('rasterPixelSize', { file: name, dx, dy });
  }
  // PixelIsPoint: the tie point is a pixel's centre, not its corner.
  if ((image.getGeoKeys()?.GTRasterTypeGeoKey as number | undefined) === 2) {
    x0 -= dx / 2;
    y0 -= dy / 2;
  }
  const width = image.getWidth();
  const height = image.getHeight();
  const lats = [y0, y0 + dy * height];
  if (x0 < -180.5 || x0 + dx * width > 360.5 || Math.min(...lats) < -90.5 || Math.max(...lats) > 90.5) {
    throw new RasterReadError('rasterNotDegrees', { file: name, x0, x1: x0 + dx * width, y0: Math.min(...lats), y1: Math.max(...lats) });
  }
  return dy < 0 ? { west: x0, north: y0, dLon: dx, dLat: -dy, southUp: false } : { west: x0, north: y0 + dy * height, dLon: dx, dLat: dy, southUp: true };
}

/**
 * Reads the window over Shanghai of a population GeoTIFF.
 * @param data the file's bytes, or a Blob (only the parts needed are read)
 * @param name the file's name, for the messages
 * @throws RasterReadError with a message naming the file and what is wrong
 */
export async function readPopulationRaster(data: ArrayBuffer | Blob, name: string, options: RasterReadOptions = {}): Promise<RasterReadResult> {
  const bytes = data instanceof ArrayBuffer ? data.byteLength : data.size;
  const maxBytes = options.maxBytes ?? MAX_POPULATION_RASTER_BYTES;
  if (bytes > maxBytes) {
    throw new RasterReadError('rasterTooBig', { file: name, size: MB(bytes), limit: MB(maxBytes) });
  }
  options.onProgress?.('header');
  let image: GeoTIFFImage;
  try {
    const tiff = data instanceof ArrayBuffer ? await fromArrayBuffer(data) : await GeoTIFF.fromSource(blobSource(data) as unknown as Parameters<typeof GeoTIFF.fromSource>[0]);
    image = await tiff.getImage(0);
  } catch (e) {
    throw new RasterReadError('rasterNotTiff', { file: name, detail: (e as Error).message });
  }
  const bands = image.getSamplesPerPixel();
  if (bands !== 1) throw new RasterReadError('rasterBands', { file: name, bands });
  const formatCode = image.fileDirectory.hasTag('SampleFormat') ? image.getSampleFormat(0) : 1;
  const bits = image.getBitsPerSample(0);
  const format = SAMPLE_FORMATS[formatCode];
  if (!format || !format.bits.includes(bits)) {
    const what = format ? `${bits}-bit ${format.name}` : `sample format ${formatCode}`;
    throw new RasterReadError('rasterSampleFormat', { file: name, format: what });
  }
  checkCrs(name, image);
  const geo = georeference(name, image);
  const fileWidth = image.getWidth();
  const fileHeight = image.getHeight();
  const east = geo.west + geo.dLon * fileWidth;
  const south = geo.north - geo.dLat * fileHeight;
  const box = options.box ?? SHANGHAI_DISTRICTS_BOX;
  if (east <= box.west || geo.west >= box.east || south >= box.north || geo.north <= box.south) {
    throw new RasterReadError('rasterMissesShanghai', {
      file: name,
      west: deg(geo.west, 'E', 'W'),
      east: deg(east, 'E', 'W'),
      south: deg(south, 'N', 'S'),
      north: deg(geo.north, 'N', 'S'),
      boxWest: deg(box.west, 'E', 'W'),
      boxEast: deg(box.east, 'E', 'W'),
      boxSouth: deg(box.south, 'N', 'S'),
      boxNorth: deg(box.north, 'N', 'S'),
    });
  }
  // The window in the file's columns and rows (rows counted from the file's first row).
  const x0 = Math.max(0, Math.floor((box.west - WINDOW_MARGIN - geo.west) / geo.dLon));
  const x1 = Math.min(fileWidth, Math.ceil((box.east + WINDOW_MARGIN - geo.west) / geo.dLon));
  const n0 = Math.max(0, Math.floor((geo.north - (box.north + WINDOW_MARGIN)) / geo.dLat));
  const n1 = Math.min(fileHeight, Math.ceil((geo.north - (box.south - WINDOW_MARGIN)) / geo.dLat));
  const width = x1 - x0;
  const height = n1 - n0;
  if (width * height > MAX_POPULATION_WINDOW_PIXELS) {
    throw new RasterReadError('rasterWindowTooBig', { file: name, width: width.toLocaleString('en'), height: height.toLocaleString('en'), limit: MAX_POPULATION_WINDOW_PIXELS.toLocaleString('en') });
  }
  const y0 = geo.southUp ? fileHeight - n1 : n0;
  const y1 = geo.southUp ? fileHeight - n0 : n1;
  options.onProgress?.('decoding');
  let read: ArrayLike<number>;
  try {
    const rasters = await image.readRasters({ window: [x0, y0, x1, y1], samples: [0], interleave: false });
    read = rasters[0] as ArrayLike<number>;
  } catch (e) {
    throw new RasterReadError('rasterUndecodable', { file: name, detail: (e as Error).message });
  }
  options.onProgress?.('checking');
  const nodata = nodataOf(image);
  const nodataIsNaN = nodata !== null && Number.isNaN(nodata);
  // Float32 files store the nodata value rounded to Float32.
  const nodataF = nodata === null || nodataIsNaN ? null : formatCode === 3 && bits === 32 ? Math.fround(nodata) : nodata;
  const values = new Float32Array(width * height);
  let nodataPixels = 0;
  let total = 0;
  for (let r = 0; r < height; r++) {
    const src = (geo.southUp ? height - 1 - r : r) * width;
    for (let c = 0; c < width; c++) {
      const v = read[src + c]!;
      if (Number.isNaN(v) || v === nodataF) {
        values[r * width + c] = NaN;
        nodataPixels++;
        continue;
      }
      if (v < 0 || !Number.isFinite(v)) {
        const lon = geo.west + (x0 + c + 0.5) * geo.dLon;
        const lat = geo.north - (n0 + r + 0.5) * geo.dLat;
        throw new RasterReadError(nodata === null ? 'rasterNegativeNoNodata' : 'rasterNegative', {
          file: name,
          lon: deg(lon, 'E', 'W'),
          lat: deg(lat, 'N', 'S'),
          column: x0 + c,
          row: geo.southUp ? fileHeight - 1 - (n0 + r) : n0 + r,
          value: v,
        });
      }
      values[r * width + c] = v;
      total += v;
    }
  }
  return {
    raster: { width, height, west: geo.west + x0 * geo.dLon, north: geo.north - n0 * geo.dLat, dLon: geo.dLon, dLat: geo.dLat, values },
    bytes,
    fileWidth,
    fileHeight,
    window: [x0, y0, x1, y1],
    sampleFormat: `${bits}-bit ${format.name}`,
    sample: { bits, format: formatCode as 1 | 2 | 3 },
    nodata,
    nodataPixels,
    total,
  };
}
