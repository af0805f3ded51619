/**
 * The gap-polygon export worker's API. The worker builds its own grid for the areas
 * asked for (the frame is snapped to multiples of the cell size, so its cells are the coverage
 * worker's cells and its uncovered km² the figures the app shows) and answers with the GeoJSON text.
 * A separate, short-lived worker keeps the live coverage worker untouched and frees the
 * memory (tens of MB for the whole city) as soon as the file is made.
 */
import type { MultiPolygon, Polygon, FeatureCollection } from 'geojson';
import type { CoverageRule, EngineSite, Ground } from '../coverage/engine';
import type { GapFeatureProperties } from '../coverage/gapPolygons';

export interface GapExportArea {
  id: string;
  name: string;
  name_en: string;
  geometry: Polygon | MultiPolygon;
}

export interface GapExportRequest {
  /** The districts to trace, one feature each. */
  areas: GapExportArea[];
  /** The area inside the Outer Ring (for two-part rules). */
  outerRing: Array<Polygon | MultiPolygon>;
  /** Land polygons: the land ground counts only ground inside them. */
  land: Array<Polygon | MultiPolygon>;
  /** Sites of the coverage layer's facility types (with their own radius when they have one). */
  sites: EngineSite[];
  rule: CoverageRule;
  /** Which ground's gaps are traced. */
  ground: Ground;
  cellM: number;
  /** Properties shared by every feature. */
  common: Omit<GapFeatureProperties, 'area_id' | 'area_name' | 'area_name_en' | 'area_km2' | 'uncovered_km2' | 'ground' | 'cell_m' | 'crs' | 'method'>;
}

export interface GapExportResult {
  json: string;
  areas: Array<{ id: string; areaKm2: number; uncoveredKm2: number }>;
}

export interface GapExportApi {
  /** Traces the gaps; rejects with the reason when it cannot. */
  run(request: GapExportRequest): GapExportResult;
}

export type GapCollection = FeatureCollection<MultiPolygon, GapFeatureProperties>;
