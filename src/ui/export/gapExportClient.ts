/** Runs one gap-polygon export in its own worker and ends the worker when it answers. */
import type { GapExportApi, GapExportRequest, GapExportResult } from '../../worker/gapExportProtocol';
import { connectWorker } from '../../worker/workerClient';

export type GapExportResponse = ({ ok: true } & GapExportResult) | { ok: false; message: string };

export async function runGapExport(request: GapExportRequest): Promise<GapExportResponse> {
  const worker = connectWorker<GapExportApi>(new Worker(new URL('../../worker/gapExport.worker.ts', import.meta.url), { type: 'module' }), 'export');
  try {
    return { ok: true, ...(await worker.call(worker.api.run(request))) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  } finally {
    worker.terminate();
  }
}
