/** KML site files: Placemarks with a Point (./kml.ts reads the XML), fields by the CSV aliases. */
import { readKml } from './kml';
import { problem } from './rowProblems';
import { fileProblem, propertyFieldsOf, rowFromProperties, RowValidator, type Field } from './siteRows';
import type { ParseSiteFileOptions, SiteFileResult } from './siteFile';

export function parseKml(body: string, options: ParseSiteFileOptions, out: SiteFileResult): void {
  const doc = readKml(body);
  if (doc.problem !== null) {
    out.rejected.push(fileProblem('notKml'));
    return;
  }
  const validator = new RowValidator(options, out);
  const cache = new Map<string, Partial<Record<Field, string>>>();
  doc.placemarks.forEach((pm, i) => {
    if (options.onProgress && i % 2000 === 0) options.onProgress(i / doc.placemarks.length);
    if (pm.geometry === null) {
      out.rowCount++;
      out.rejected.push(problem(pm.row, 'geometry', 'noGeometry'));
      return;
    }
    if (pm.geometry !== 'Point') {
      out.rowCount++;
      out.rejected.push(problem(pm.row, 'geometry', 'notPoint', pm.geometry));
      return;
    }
    validator.add(rowFromProperties(pm.row, pm.lon, pm.lat, pm.fields, propertyFieldsOf(cache, pm.fields), options));
  });
}
