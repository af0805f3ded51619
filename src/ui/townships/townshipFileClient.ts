/**
 * Reads a user's township polygons in the import worker (a fresh one, ended after the answer): the
 * file is decoded, parsed and matched to the NBS list off the main thread.
 */
import type { TownshipCodeRow } from '../../domain/geodata';
import type { ImportApi, TownshipReadResult } from '../../worker/importProtocol';
import { connectWorker } from '../../worker/workerClient';

export async function readTownshipsInWorker(file: Blob, fileName: string, codes: TownshipCodeRow[]): Promise<TownshipReadResult> {
  const worker = connectWorker<ImportApi>(new Worker(new URL('../../worker/import.worker.ts', import.meta.url), { type: 'module' }), 'import');
  try {
    return await worker.call<TownshipReadResult>(worker.api.readTownships({ file, fileName, codes }) as Promise<TownshipReadResult>);
  } catch (e) {
    return { ok: false, error: `${fileName} could not be read (${(e as Error).message})`, problems: [] };
  } finally {
    worker.terminate();
  }
}
