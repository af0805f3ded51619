/**
 * The residents layer as the app manages it — which file is in use, which one is being read or
 * tried, and what went wrong — as pure steps, so the rules are unit-tested without a worker:
 *
 * - A file is read by the import worker, then sent to the coverage worker; it is in use (and kept,
 *   src/io/layerStore.ts) only once the coverage worker has taken it. A file refused at either step
 *   leaves the layer before it in use, and the coverage worker is asked for that one again.
 * - The coverage worker's verdict is the status of the first answer that includes the request
 *   (`populationSettled`, src/ui/coverage/coverageAnswers.ts), never an older answer's.
 */
import type { PopulationProblem } from '../../domain/populationProblems';
import type { PopulationInput } from '../../domain/population';
import type { LayerOptions } from '../../io/layerStore';
import type { PopulationFileFacts } from '../../io/populationFile';
import type { PopulationStatus } from '../../worker/coverageProtocol';

/** A loaded file: its name, when it was loaded (ISO), what was read, and the options it was read with. */
export interface LoadedPopulationFile {
  name: string;
  loadedAt: string;
  facts: PopulationFileFacts;
  options: LayerOptions;
}

export type PopulationPhase = 'idle' | 'restoring' | 'reading' | 'applying';

export interface PopulationUi {
  /** What the coverage worker is asked to use: a file's input, or null for the district census. */
  input: PopulationInput | null;
  /** The file in use (null: the census default). */
  active: LoadedPopulationFile | null;
  /** A file sent to the coverage worker, awaiting its verdict. */
  pending: {
    file: LoadedPopulationFile;
    /** The file's bytes to keep once taken; null when it is the kept file being restored. */
    bytes: ArrayBuffer | null;
    /** The input in use before it, asked for again if this one is refused. */
    previous: PopulationInput | null;
    /** The newest population revision sent before this request: its verdict is a later one. */
    after: number;
  } | null;
  phase: PopulationPhase;
  /** What is being done, in the reader's words ("reading", "decoding" …), while reading. */
  progress: string | null;
  /** Why the last file was refused, or why the kept one could not be restored: a code and facts, worded by the panel. */
  error: PopulationProblem | null;
  /** The residents column could not be told: the file and its columns, for the person to pick one. */
  chooseField: { file: Blob; name: string; columns: string[] } | null;
  /** The name of the file kept in the browser (null: none kept). */
  kept: string | null;
  /** Why keeping (or forgetting) the file in the browser failed; the layer in use is unaffected. */
  storageError: string | null;
}

export const INITIAL_POPULATION_UI: PopulationUi = {
  input: null,
  active: null,
  pending: null,
  phase: 'idle',
  progress: null,
  error: null,
  chooseField: null,
  kept: null,
  storageError: null,
};

/** A file read by the import worker, sent for the coverage worker to take. */
export function sendFile(
  ui: PopulationUi,
  input: PopulationInput,
  file: LoadedPopulationFile,
  bytes: ArrayBuffer | null,
  populationSent: number,
): PopulationUi {
  return {
    ...ui,
    input,
    pending: { file, bytes, previous: ui.input, after: populationSent },
    // The kept file being restored says so until the coverage worker has taken it.
    phase: bytes === null ? 'restoring' : 'applying',
    progress: null,
    error: null,
    chooseField: null,
  };
}

/** What the coverage worker said of the pending file: taken (now in use) or refused (the one before asked for again). */
export type Verdict = { taken: true; ui: PopulationUi; keep: { file: LoadedPopulationFile; bytes: ArrayBuffer } | null } | { taken: false; ui: PopulationUi };

/**
 * The verdict on the pending file from the coverage worker's status, or null while there is none yet
 * (nothing pending, or the status is not from an answer to this request).
 */
export function verdictOf(ui: PopulationUi, status: PopulationStatus | null, settled: boolean, populationSent: number): Verdict | null {
  const p = ui.pending;
  if (!p || !settled || populationSent <= p.after || status === null) return null;
  const done = { ...ui, pending: null, phase: 'idle' as const, progress: null };
  if (status.error !== null || status.report === null) {
    return { taken: false, ui: { ...done, input: p.previous, error: status.problem ?? { code: 'gridNotUsable', params: { file: p.file.name } } } };
  }
  return { taken: true, ui: { ...done, active: p.file }, keep: p.bytes ? { file: p.file, bytes: p.bytes } : null };
}

/** A file refused by the import worker (or the kept one, on restoring): nothing in use changes. */
export function refuseFile(ui: PopulationUi, error: PopulationProblem, chooseField: PopulationUi['chooseField'] = null): PopulationUi {
  return { ...ui, phase: 'idle', progress: null, error, chooseField };
}

/** Back to the district census: no file in use, none pending. */
export function backToCensus(ui: PopulationUi): PopulationUi {
  return { ...ui, input: null, active: null, pending: null, phase: 'idle', progress: null, error: null, chooseField: null };
}
