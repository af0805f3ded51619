/**
 * CSV site files (Papa Parse, one row at a time): the delimiter judged on the header line, the
 * columns detected or chosen, each data row validated; progress reported every 2,000 rows.
 */
import Papa from 'papaparse';
import { problem } from './rowProblems';
import { chooseColumns, crsOfColumns, detectColumns } from './siteColumns';
import { fileProblem, flag, RowValidator, type Field } from './siteRows';
import type { ParseSiteFileOptions, SiteColumns, SiteFileResult } from './siteFile';

/**
 * The delimiter, judged on the header line alone: Papa's own guess also reads data rows, and a
 * name such as `"A||B"` there made it split on `|` and lose every column (found by fast-check).
 */
function headerDelimiter(body: string): string {
  const end = body.search(/\r?\n/);
  const line = end < 0 ? body : body.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

export function parseCsv(body: string, options: ParseSiteFileOptions, out: SiteFileResult): void {
  const validator = new RowValidator(options, out);
  let header: string[] | null = null;
  let cols: Partial<Record<Field, number>> = {};
  let stopped = false;
  let record = 0;
  let nextReport = 0;
  Papa.parse<string[]>(body, {
    header: false,
    delimiter: headerDelimiter(body),
    skipEmptyLines: false,
    step: (results, parser) => {
      if (stopped) return;
      const cells = results.data;
      record++;
      for (const e of results.errors) {
        if (e.type === 'Quotes') out.warnings.push(problem(record, 'file', 'csvQuotes', undefined, { detail: e.message }));
      }
      if (header === null) {
        header = cells;
        const detection = detectColumns(header);
        out.detection = detection;
        const chosen = chooseColumns(detection, options.mapping);
        cols = chosen.cols;
        out.crs = options.crs ?? crsOfColumns(header, cols) ?? 'wgs84';
        const missing = (['lon', 'lat', 'type'] as const).filter(
          (f) => cols[f] === undefined && !(f === 'type' && options.defaultType !== undefined),
        );
        const unknownMissing = [...new Set([...missing, ...chosen.unknown])];
        if (unknownMissing.length > 0) {
          out.rejected.push(fileProblem('noColumns', { missing: unknownMissing.join(',') }));
          stopped = true;
          parser.abort();
          return;
        }
        out.columns = Object.fromEntries(Object.entries(cols).map(([f, i]) => [f, detection.header[i]])) as unknown as SiteColumns;
        return;
      }
      if (cells.every((c) => c.trim() === '')) return; // blank line: nothing to report, keeps its number
      const cell = (f: Field): string | undefined => (cols[f] === undefined ? undefined : cells[cols[f]]);
      validator.add({
        row: record, // header is row 1
        lon: cell('lon'),
        lat: cell('lat'),
        type: cols.type === undefined ? undefined : (cell('type') ?? ''),
        name: cell('name'),
        status: cell('status'),
        capacity: cell('capacity'),
        id: cell('id'),
        radiusKm: cell('radiusKm'),
        illustrative: flag(cell('illustrative')),
        year: cell('year'),
      });
      if (options.onProgress && record >= nextReport) {
        nextReport = record + 2000;
        options.onProgress(results.meta.cursor / body.length);
      }
    },
  });
  if (header === null) out.rejected.push(fileProblem('noHeader'));
}
