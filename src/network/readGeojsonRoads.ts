/**
 * Reads roads from GeoJSON: LineString and MultiLineString features (each part of a MultiLineString
 * a way of its own) with a `highway` property — an OSMnx export, QGIS's "save as GeoJSON" of an OSM
 * layer, or `osmium export`. `oneway` may be a string (`yes`, `-1`, …) or a boolean, as OSMnx
 * writes it; a `highway` that is a list (OSMnx merges ways) counts as its first class.
 *
 * GeoJSON carries no node ids, so ways meet where they share a coordinate (to 1e-7°). Features of
 * other geometry types, without geometry, or without a highway are skipped and counted; a line whose
 * coordinates are not positions is an error naming the feature.
 */
import { RoadFileError, RoadSetBuilder, type RoadSet, type WayTags } from './roads';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tagText(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v) && v.length > 0) return tagText(v[0]);
  return undefined;
}

/** Reads a parsed GeoJSON object (FeatureCollection or Feature). */
export function readGeojsonRoads(fileName: string, json: Json): RoadSet {
  const builder = new RoadSetBuilder(fileName);
  let features: Json[];
  if (isObject(json) && json.type === 'FeatureCollection' && Array.isArray(json.features)) features = json.features;
  else if (isObject(json) && json.type === 'Feature') features = [json];
  else throw new RoadFileError(fileName, 'unreadable', 'not a GeoJSON FeatureCollection or Feature');
  let notLines = 0;
  let noHighway = 0;
  features.forEach((f, i) => {
    if (!isObject(f)) throw new RoadFileError(fileName, 'broken-geometry', `feature ${i + 1} is not an object`);
    const props = isObject(f.properties) ? f.properties : {};
    const idText = typeof props.osm_way_id === 'number' || typeof props.osm_way_id === 'string' ? ` (osm_way_id ${String(props.osm_way_id)})` : '';
    const what = (part?: number) => () => `feature ${i + 1}${idText}${part === undefined ? '' : `, part ${part + 1}`}`;
    const tags: WayTags = { highway: tagText(props.highway), oneway: tagText(props.oneway), foot: tagText(props.foot), access: tagText(props.access) };
    const g = f.geometry;
    if (!isObject(g) || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
      notLines++;
      return;
    }
    if (tags.highway === undefined) {
      noHighway++;
      return;
    }
    const lines = g.type === 'LineString' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : null;
    if (!lines) throw new RoadFileError(fileName, 'broken-geometry', `${what()()}: its MultiLineString has no list of lines`);
    lines.forEach((line, part) => {
      const name = what(g.type === 'MultiLineString' ? part : undefined);
      if (!Array.isArray(line)) throw new RoadFileError(fileName, 'broken-geometry', `${name()}: coordinates are not a list of positions`);
      const lon = new Float64Array(line.length);
      const lat = new Float64Array(line.length);
      line.forEach((p, k) => {
        if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
          throw new RoadFileError(fileName, 'broken-geometry', `${name()}, vertex ${k + 1}: ${JSON.stringify(p)?.slice(0, 40) ?? String(p)} is not a [longitude, latitude] position`);
        }
        lon[k] = p[0];
        lat[k] = p[1];
      });
      builder.addWay(tags, lon, lat, name);
    });
  });
  const notes: string[] = [];
  if (notLines > 0) notes.push(`${notLines} features are not lines (points, polygons or no geometry): skipped`);
  if (noHighway > 0) notes.push(`${noHighway} lines have no highway property: skipped`);
  return builder.finish(notes);
}
