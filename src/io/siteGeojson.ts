/**
 * GeoJSON site files: a FeatureCollection of Points, properties read by the same aliases as CSV
 * headers; this app's own scenario files carry their description (`scenario`).
 */
import { scenarioMetaSchema } from '../domain/scenarioFile';
import { problem } from './rowProblems';
import { fileProblem, isObject, propertyFieldsOf, rowFromProperties, RowValidator, type Field } from './siteRows';
import type { ParseSiteFileOptions, SiteFileResult } from './siteFile';

export function parseGeojson(body: string, options: ParseSiteFileOptions, out: SiteFileResult): void {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    out.rejected.push(fileProblem('notJson', { detail: (e as Error).message }));
    return;
  }
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    out.rejected.push(fileProblem('notFeatureCollection'));
    return;
  }
  const meta = scenarioMetaSchema.safeParse(json.scenario);
  if (meta.success) out.scenario = meta.data;
  const validator = new RowValidator(options, out);
  const cache = new Map<string, Partial<Record<Field, string>>>();
  const features: unknown[] = json.features;
  features.forEach((f: unknown, i: number) => {
    const row = i + 1;
    if (options.onProgress && i % 2000 === 0) options.onProgress(i / features.length);
    if (!isObject(f) || f.type !== 'Feature') {
      out.rowCount++;
      out.rejected.push(problem(row, 'feature', 'notFeature'));
      return;
    }
    const g = f.geometry;
    if (!isObject(g)) {
      out.rowCount++;
      out.rejected.push(problem(row, 'geometry', 'noGeometry'));
      return;
    }
    if (g.type !== 'Point') {
      out.rowCount++;
      out.rejected.push(problem(row, 'geometry', 'notPoint', String(g.type)));
      return;
    }
    const c: unknown[] = Array.isArray(g.coordinates) ? g.coordinates : [];
    const p = isObject(f.properties) ? f.properties : {};
    validator.add(rowFromProperties(row, c[0], c[1], p, propertyFieldsOf(cache, p), options));
  });
}
