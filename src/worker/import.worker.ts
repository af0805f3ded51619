/// <reference lib="webworker" />
/**
 * The import worker: bytes → text (UTF-8 or GB18030) → sites, rejected rows and warnings → the
 * outline and coordinate-system checks, with progress on the way. One request at a time; the
 * dialog ignores answers to requests it has replaced.
 */
import { englishProblem, problemOf } from '../domain/populationProblems';
import { expose, transfer } from 'comlink';
import { populationTransferables } from '../domain/population';
import { isPopulationFileError, readPopulationFile } from '../io/populationFile';
import { PolygonReadError } from '../io/populationPolygons';
import { createReference, reviewImport, type Reference } from '../io/offsetDetection';
import { parseSiteFileBytes } from '../io/siteFile';
import { readTownshipFile, townshipFileProblems, TownshipReadError } from '../io/townshipFile';
import type { ImportApi } from './importProtocol';

let reference: Reference | null = null;

const api: ImportApi = {
  setReference(data) {
    reference = createReference(data);
  },
  async parse({ file, fileName, idPrefix, choices }, onProgress) {
    void onProgress('reading', 0);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let last = -1;
    const parsed = parseSiteFileBytes(bytes, {
      fileName,
      idPrefix,
      ...choices,
      onProgress: (fraction) => {
        // A message per percent at most: enough for a smooth bar, cheap for the UI.
        const pct = Math.floor(fraction * 100);
        if (pct === last) return;
        last = pct;
        void onProgress('parsing', fraction);
      },
    });
    void onProgress('checking', 1);
    const offset = reference ? reviewImport(parsed, reference) : null;
    return { ...parsed, fileName, bytes: bytes.byteLength, offset };
  },
  async readPopulation({ file, fileName, field, crs }, onProgress) {
    try {
      const read = await readPopulationFile(file, fileName, {
        ...(field === undefined ? {} : { field }),
        ...(crs === undefined ? {} : { crs }),
        onProgress: (phase) => void onProgress(phase),
      });
      return transfer({ ok: true as const, ...read }, populationTransferables(read.input));
    } catch (e) {
      // Every refusal as a problem code and its facts, which the panel words in zh or en.
      const problem = problemOf(e, fileName);
      const columns = isPopulationFileError(e) && e instanceof PolygonReadError ? e.columns : undefined;
      return { ok: false as const, error: englishProblem(problem), problem, ...(columns ? { columns } : {}) };
    }
  },
  async readTownships({ file, fileName, codes }) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      return { ok: true as const, townships: readTownshipFile(bytes, fileName, codes) };
    } catch (e) {
      if (!(e instanceof TownshipReadError)) return { ok: false as const, error: `${fileName} could not be read (${(e as Error).message})`, problems: [] };
      return { ok: false as const, error: e.message, problems: townshipFileProblems(bytes, fileName, codes) };
    }
  },
};

expose(api);
