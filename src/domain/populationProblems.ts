/**
 * Why a population file (or the layer built from it) is refused, as a code plus the facts a message
 * needs, and the plain English message the CLI prints (issue #15).
 *
 * Why codes: the readers (src/io/populationRaster.ts, populationPolygons.ts, populationFile.ts) run in
 * the import worker and the CLI, the spread (src/coverage/population.ts) in the coverage worker; the
 * app shows their refusals in zh-CN or English. As with the site importer's row problems
 * (src/io/rowProblems.ts), each error carries its code and facts; the panel renders them through its
 * strings (`pop_e_<code>`, src/ui/population/strings.ts, zh written there, en taken from the
 * templates below), and its English rendering is the CLI's message word for word.
 *
 * Facts are numbers and names as found; the few that are words (where in a file: a row or feature)
 * are codes the renderer words itself (`at`: "row:5" or "feature:3", with `atName`). Technical
 * details from a library (geotiff's, the WKT parser's) stay as they come, in English.
 *
 * Pure.
 */

/** English templates, `{name}` filled from the facts. */
export const POPULATION_PROBLEMS = {
  // the raster reader
  rasterTooBig: '{file} is {size}, over the {limit} limit for a population raster: clip it to Shanghai first (e.g. gdal_translate -projwin 120.8 31.9 122.1 30.6 in.tif out.tif)',
  rasterNotTiff: '{file} cannot be read as a GeoTIFF ({detail})',
  rasterBands: '{file} has {bands} bands; a population raster has one (residents per pixel)',
  rasterSampleFormat: '{file}: its pixels are {format}, which is not supported (8/16/32-bit integers, 32/64-bit floating point)',
  rasterNoGeoKeys: '{file}: the file has no GeoTIFF keys, so its coordinate system is unknown; a population raster must be in EPSG:4326 (WGS-84 longitude/latitude)',
  rasterProjected:
    '{file}: the raster is in a projected coordinate system ({crs}; GTModelTypeGeoKey = 1); the map reads population rasters in EPSG:4326 (WGS-84 longitude/latitude) only — reproject it first, e.g. gdalwarp -t_srs EPSG:4326',
  rasterProjectedUser:
    '{file}: the raster is in a projected coordinate system (a user-defined projection; GTModelTypeGeoKey = 1); the map reads population rasters in EPSG:4326 (WGS-84 longitude/latitude) only — reproject it first, e.g. gdalwarp -t_srs EPSG:4326',
  rasterModelType: '{file}: GTModelTypeGeoKey is {model}, not 2 (geographic): the raster must be in EPSG:4326 (WGS-84 longitude/latitude)',
  rasterNotWgs84: '{file}: the raster is in {crs} (GeographicTypeGeoKey), not EPSG:4326 (WGS-84 longitude/latitude) — reproject it first, e.g. gdalwarp -t_srs EPSG:4326',
  rasterNotWgs84Datum:
    '{file}: the raster is in a user-defined system on datum {datum} (GeographicTypeGeoKey), not EPSG:4326 (WGS-84 longitude/latitude) — reproject it first, e.g. gdalwarp -t_srs EPSG:4326',
  rasterNotWgs84Unnamed:
    '{file}: the raster is in an unnamed geographic system (GeographicTypeGeoKey), not EPSG:4326 (WGS-84 longitude/latitude) — reproject it first, e.g. gdalwarp -t_srs EPSG:4326',
  rasterAngularUnit: '{file}: its angular unit is {unit} (GeogAngularUnitsGeoKey), not degrees (9102)',
  rasterRotated: "{file}: the raster's grid is rotated or skewed (ModelTransformation); only north-up grids are read",
  rasterNoGeoreference: '{file}: the file has no georeferencing (neither ModelPixelScale with ModelTiepoint nor ModelTransformation)',
  rasterPixelSize: '{file}: the pixel size ({dx}, {dy}) is not usable',
  rasterNotDegrees: '{file}: its coordinates (x from {x0} to {x1}, y from {y0} to {y1}) are not longitudes and latitudes in degrees',
  rasterMissesShanghai: '{file} covers {west} to {east}, {south} to {north}: it misses Shanghai ({boxWest} to {boxEast}, {boxSouth} to {boxNorth})',
  rasterWindowTooBig: '{file}: its window over Shanghai is {width} × {height} pixels, over the limit of {limit}: resample it to a coarser grid (e.g. 3″, ~100 m)',
  rasterUndecodable: '{file}: its pixels cannot be decoded ({detail})',
  rasterNegative: '{file}: the pixel at {lon}, {lat} (column {column}, row {row} of the file) holds {value}: a count of residents cannot be negative',
  rasterNegativeNoNodata:
    '{file}: the pixel at {lon}, {lat} (column {column}, row {row} of the file) holds {value}: a count of residents cannot be negative (the file declares no nodata value: is it missing?)',
  // the areas reader (GeoJSON, CSV)
  areasTooBig: '{file} is {size} MB, over the {limit} MB limit',
  areasNoSuchField: '{file}: there is no column or property "{field}" (it has {columns})',
  areasFieldAmbiguous: '{file}: more than one column could hold the residents ({candidates}): name the one to use',
  areasNoField: '{file}: no column or property holds the residents (looked for {words} …; it has {columns}): name the one to use',
  areasCountEmpty: '{file}, {at}: "{field}" is empty',
  areasCountNotNumber: '{file}, {at}: "{field}" is "{value}", not a number',
  areasCountNegative: '{file}, {at}: "{field}" is {value}; a count of residents cannot be negative',
  areasCoordinateNotNumber: '{file}, {at}: a coordinate is not a number',
  areasNotLonLat: '{file}, {at}: ({x}, {y}) is not a longitude / latitude in degrees — projected coordinates? The file must be WGS-84 (or GCJ-02 / BD-09, named)',
  areasNotJson: '{file} is not valid JSON ({detail})',
  areasNamedCrs: '{file} declares its coordinates in {crs}; the map reads WGS-84 longitude/latitude (EPSG:4326) — reproject it first',
  areasNotFeatureCollection: '{file} is not a GeoJSON FeatureCollection',
  areasNoFeatures: '{file} holds no features',
  areasGeometry: '{file}, {at}: its geometry is {type}; a population file holds polygons, multipolygons or points',
  areasGeometryMissing: '{file}, {at}: its geometry is missing; a population file holds polygons, multipolygons or points',
  areasEmpty: '{file} is empty',
  areasNoRows: '{file} has no rows after its header',
  areasNoGeometryColumn: '{file}: no geometry column (WKT: {words} …) and no longitude / latitude columns',
  areasWkt: '{file}, {at}: the geometry cannot be read: {detail}',
  areasLonLatNotNumbers: '{file}, {at}: longitude / latitude ("{lon}", "{lat}") are not numbers',
  // any reader: what the worker met that the readers did not foresee
  unreadable: '{file} could not be read ({detail})',
  // the spread onto the grid (src/coverage/population.ts, in the coverage worker)
  gridPixelNegative: 'pixel (column {column}, row {row}) holds {value}: residents per pixel cannot be negative or infinite',
  gridDistrictNotCount: 'district {district}: population {value} is not a count',
  gridFeatureNotCount: 'feature {n}{atName}: residents {value} is not a count',
  gridNoneInShanghai: "none of its {total} residents lies in Shanghai's districts",
  gridNoResidents: 'it holds no residents (every value is zero or nodata)',
  gridNotUsable: '{file} could not be used',
} as const;

export type PopulationProblemCode = keyof typeof POPULATION_PROBLEMS;

export type ProblemFacts = Readonly<Record<string, string | number>>;

export interface PopulationProblem {
  code: PopulationProblemCode;
  params: ProblemFacts;
}

/** Where in a file: `at` is "row:N" or "feature:N", `atName` the row's or feature's name (or ''). */
export function atFacts(kind: 'row' | 'feature', n: number, name: string | undefined): { at: string; atName: string } {
  return { at: `${kind}:${n}`, atName: name ?? '' };
}

/** Fills `{name}` placeholders (unknown names stay as they are). */
export function fillFacts(template: string, facts: ProblemFacts): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in facts ? String(facts[k]) : m));
}

/** The English words for a row or feature ("row 5 (name)"), from `at` / `atName`. */
function englishAt(facts: ProblemFacts): ProblemFacts {
  if (typeof facts.at !== 'string') return facts;
  const [kind, n] = facts.at.split(':');
  const name = facts.atName ? ` (${facts.atName})` : '';
  return { ...facts, at: `${kind === 'row' ? 'row' : 'feature'} ${n}${name}` };
}

/** The English message of a problem: what the CLI prints and the app shows in English. */
export function englishProblem(p: PopulationProblem): string {
  const facts = p.code === 'gridFeatureNotCount' ? { ...p.params, atName: p.params.atName ? ` (${p.params.atName})` : '' } : englishAt(p.params);
  return fillFacts(POPULATION_PROBLEMS[p.code], facts);
}

/** An error carrying a population problem; its message is the English one. */
export class PopulationProblemError extends Error {
  readonly problem: PopulationProblem;
  constructor(code: PopulationProblemCode, params: ProblemFacts) {
    const problem = { code, params };
    super(englishProblem(problem));
    this.problem = problem;
  }
}

/** The problem an error carries, or an `unreadable` one naming the file with the error's message. */
export function problemOf(e: unknown, file: string): PopulationProblem {
  if (e instanceof PopulationProblemError) return e.problem;
  return { code: 'unreadable', params: { file, detail: e instanceof Error ? e.message : String(e) } };
}
