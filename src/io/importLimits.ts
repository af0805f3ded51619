/** Limits on what an import reads, shared by the app's import and the CLI. */

/**
 * Files larger than this are refused before a byte is read: parsing them would take the tab's memory
 * (the text, the rows and the sites all at once) and freeze it, and the user would lose more than a
 * refused file. 60 MB is about a million CSV rows, far beyond any district's inventory. The CLI
 * applies the same limit (`--max-mb` raises it).
 */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;

/**
 * Population rasters (GeoTIFF) larger than this are refused before a byte is read. The reader decodes
 * only the window over Shanghai, so the file may hold a whole province or country; 512 MB admits
 * WorldPop's 100 m country files of most of China's neighbours and any province clipped from the
 * national one, and the message says how to clip a larger file. The CLI applies it too (`--max-mb`).
 */
export const MAX_POPULATION_RASTER_BYTES = 512 * 1024 * 1024;

/**
 * The window over Shanghai may hold at most this many pixels (decoded as Float32: 144 MB). 36 million
 * is a 6,000 × 6,000 window, Shanghai at ~0.75″ (~20 m); WorldPop's 3″ (~100 m) grid needs ~1.9 million
 * and GHSL's 100 m about as many.
 */
export const MAX_POPULATION_WINDOW_PIXELS = 36_000_000;

/**
 * Population polygon files (GeoJSON, CSV with WKT or lon/lat) are text read whole, like a site file:
 * the same 60 MB limit.
 */
export const MAX_POPULATION_POLYGON_BYTES = MAX_IMPORT_BYTES;
