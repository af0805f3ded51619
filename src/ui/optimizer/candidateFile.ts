/**
 * Reads an optimizer candidate list in the import worker (a fresh one, ended after the answer):
 * a file of tens of thousands of rows decodes and parses off the main thread, with the importer's
 * rules (encodings, columns, coordinate checks) and its row problems.
 */
import type { FacilityTypeId } from '../../domain/facilityTypes';
import type { ImportApi, ImportResult } from '../../worker/importProtocol';
import { connectWorker } from '../../worker/workerClient';

export async function parseCandidateFile(file: File, defaultType: FacilityTypeId): Promise<ImportResult> {
  const worker = connectWorker<ImportApi>(new Worker(new URL('../../worker/import.worker.ts', import.meta.url), { type: 'module' }), 'import');
  try {
    const request = { file, fileName: file.name, idPrefix: 'candidate', choices: { defaultType } };
    // No progress bar here; the callback still has to be a proxy, not a function to clone.
    return await worker.callWithProgress((onProgress) => worker.api.parse(request, onProgress), () => undefined);
  } finally {
    worker.terminate();
  }
}
