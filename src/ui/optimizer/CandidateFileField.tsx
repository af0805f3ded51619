/**
 * The optimiser's optional candidate list: a file of points the new sites must be chosen from (in
 * place of the lattice), read in the import worker with the importer's rules; the rows it refused
 * are listed.
 */
import { useState } from 'react';
import type { FacilityTypeId } from '../../domain/facilityTypes';
import type { RowProblem } from '../../io/siteFile';
import { useT } from '../i18n';
import { parseCandidateFile } from './candidateFile';
import { optimizerStrings } from './strings';

/** Larger files are refused before they are read. */
const MAX_FILE_BYTES = 20 * 1048576;

export interface CandidateFile {
  name: string;
  points: Array<{ lon: number; lat: number }>;
  /** File row of each point (same order). */
  rows: number[];
  refused: RowProblem[];
}

export interface CandidateFileState {
  file: CandidateFile | null;
  error: string | null;
  /** Reads a chosen file; rows without a type get `defaultType` (the importer needs one). */
  read: (f: File | undefined, defaultType: FacilityTypeId) => Promise<void>;
  /** Back to the lattice. */
  clear: () => void;
}

export function useCandidateFile(): CandidateFileState {
  const { num } = useT(optimizerStrings);
  const [file, setFile] = useState<CandidateFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = async (f: File | undefined, defaultType: FacilityTypeId) => {
    setError(null);
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      setError(`${f.name}: ${num(f.size / 1048576, 1)} MB > ${MAX_FILE_BYTES / 1048576} MB`);
      return;
    }
    let parsed;
    try {
      parsed = await parseCandidateFile(f, defaultType);
    } catch (e) {
      setError(`${f.name}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setFile({ name: f.name, points: parsed.sites.map((s) => ({ lon: s.lon, lat: s.lat })), rows: parsed.siteRows, refused: parsed.rejected });
  };
  return { file, error, read, clear: () => setFile(null) };
}

export function CandidateFileField({ candidates, defaultType }: { candidates: CandidateFileState; defaultType: FacilityTypeId }) {
  const { t, num } = useT(optimizerStrings);
  const { file, error } = candidates;
  return (
    <>
      <label className="opt-file">
        {t('opt_candidateFile')}
        <input type="file" data-testid="opt-file" accept=".csv,.txt,.geojson,.json,.kml" onChange={(e) => void candidates.read(e.target.files?.[0], defaultType)} />
      </label>
      {file ? (
        <div className="muted" data-testid="opt-file-note">
          {file.name}: {num(file.points.length)} {t('opt_fileCandidates')}
          {file.refused.length > 0 ? ` · ${num(file.refused.length)} ${t('opt_fileRowsRefused')}` : ''}{' '}
          <button type="button" className="opt-link" onClick={candidates.clear}>
            {t('opt_useGrid')}
          </button>
          {file.refused.length > 0 ? (
            <ul className="rejected-rows">
              {file.refused.slice(0, 10).map((r, i) => (
                <li key={i}>
                  {t('row')} {r.row} · {t('field')} {r.field}: {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <p className="opt-warning">{error}</p> : null}
    </>
  );
}
