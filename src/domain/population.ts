/**
 * Residents: where the population figures come from, and the inputs the coverage engine spreads over
 * its grid (src/coverage/population.ts). Types and small pure helpers only, so the UI, the workers,
 * the CLI and the tests name them without importing the engine or a file reader.
 *
 * Three sources (issue #15):
 * - `district-census` (the default, offline): the shipped 2020 census per district, spread evenly over
 *   each district's land. Honest about what it is: its label says so wherever a resident figure shows.
 * - `raster`: a grid of residents per pixel in EPSG:4326 (WorldPop, GHSL), read from a GeoTIFF by
 *   src/io/populationRaster.ts.
 * - `polygons`: areas (or points) with a resident count, e.g. a township census table joined to
 *   boundaries, read by src/io/populationPolygons.ts.
 */
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { PopulationRow } from './geodata';

export type PopulationKind = 'district-census' | 'raster' | 'polygons';

/** What a resident figure is made from: shown beside every resident figure. */
export interface PopulationSource {
  kind: PopulationKind;
  /** A file name, or the census's name for the default. */
  name: string;
  /** The year the counts are for, when known (a file name such as `chn_ppp_2020.tif` says it). */
  year: number | null;
  label: { zh: string; en: string };
}

/** The default's label, word for word as issue #15 asks for it. */
export const CENSUS_SPREAD_LABEL = {
  zh: '均匀分布（区级普查）',
  en: 'spread evenly from the district census — load a population grid for detail',
} as const;

/**
 * A raster of residents per pixel on a regular longitude/latitude grid (EPSG:4326). Row 0 is the
 * northernmost; column 0 the westernmost. Values are Float32: counts up to 2²⁴ are exact and any
 * other count is within 6·10⁻⁸ of itself (sums are taken in Float64, so a city total carries no more
 * than that relative error); half the memory of Float64 for the 2–5 million pixels over Shanghai.
 */
export interface PopulationRaster {
  width: number;
  height: number;
  /** Longitude of the west edge of column 0 and latitude of the north edge of row 0 (degrees). */
  west: number;
  north: number;
  /** Pixel size in degrees, both positive. */
  dLon: number;
  dLat: number;
  /** Residents per pixel, row by row from the north; NaN where the file has no data. */
  values: Float32Array;
}

/** An area (or a point) with its residents. A point's residents go to the land of the cell it is in. */
export interface PopulationFeature {
  geometry: Polygon | MultiPolygon | Point;
  residents: number;
  name?: string;
}

export type PopulationInput =
  | { kind: 'district-census'; source: PopulationSource; districts: Readonly<Record<string, number>> }
  | { kind: 'raster'; source: PopulationSource; raster: PopulationRaster }
  | { kind: 'polygons'; source: PopulationSource; features: PopulationFeature[] };

/**
 * How a population input landed on the grid. Residents are counted once each: `placed` are on the
 * districts' land (the layer's total); `outside` fell on the parts of pixels or polygons outside every
 * district; `moved` (part of `placed`) lay on a part with no land under it (river, lake, sea inside a
 * district polygon) and were put on the nearest land of the same district.
 */
export interface PopulationReport {
  /** Residents in the input (the raster's pixels read, every feature). */
  inputTotal: number;
  placed: number;
  outside: number;
  moved: number;
  /** moved / placed (0 when nothing was placed). */
  movedShare: number;
  /** Residents placed in each district (adcode). */
  districts: Record<string, number>;
  /** Share of the districts' land under no data (outside the raster or on a nodata pixel); 0 for other sources. */
  landWithoutData: number;
  /** Raster only: pixels read, and of them nodata. */
  pixels?: number;
  nodataPixels?: number;
}

export interface PopulationSummary {
  source: PopulationSource;
  report: PopulationReport;
}

/** A four-digit year 1950–2099 in a file name (`chn_ppp_2020_UNadj.tif` → 2020), else null. */
export function yearInName(name: string): number | null {
  const m = /(?:^|[^0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])/.exec(name);
  return m ? Number(m[1]) : null;
}

/** The default input: the shipped census rows, by adcode. */
export function censusPopulationInput(rows: readonly PopulationRow[]): PopulationInput {
  return {
    kind: 'district-census',
    source: { kind: 'district-census', name: '2020 census (第七次全国人口普查), district figures', year: 2020, label: { ...CENSUS_SPREAD_LABEL } },
    districts: Object.fromEntries(rows.map((r) => [r.adcode, r.population_2020_census])),
  };
}

/** The input every resident figure uses: the loaded file's, else the shipped census spread (null when neither is there). */
export function populationInUse(file: PopulationInput | null, census: readonly PopulationRow[] | undefined): PopulationInput | null {
  return file ?? (census ? censusPopulationInput(census) : null);
}

/** The source of a loaded file: its name, the year its name gives, and a label in both languages. */
export function fileSource(kind: 'raster' | 'polygons', name: string): PopulationSource {
  const year = yearInName(name);
  const y = year === null ? '' : ` (${year})`;
  const yZh = year === null ? '' : `（${year}）`;
  return kind === 'raster'
    ? { kind, name, year, label: { zh: `人口栅格 ${name}${yZh}`, en: `population grid ${name}${y}` } }
    : { kind, name, year, label: { zh: `按多边形均匀分布 ${name}${yZh}`, en: `spread evenly over each area of ${name}${y}` } };
}

/** The typed arrays of an input, to transfer (not copy) it to a worker. */
export function populationTransferables(input: PopulationInput | null): ArrayBuffer[] {
  return input?.kind === 'raster' ? [input.raster.values.buffer as ArrayBuffer] : [];
}
