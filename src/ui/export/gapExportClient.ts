/** Runs one gap-polygon export in its own worker and ends the worker when it answers. */
import type { GapExportRequest, GapExportResponse } from '../../worker/gapExportProtocol';

export function runGapExport(request: GapExportRequest): Promise<GapExportResponse> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../../worker/gapExport.worker.ts', import.meta.url), { type: 'module' });
    const finish = (answer: GapExportResponse) => {
      worker.terminate();
      resolve(answer);
    };
    worker.onmessage = (e: MessageEvent<GapExportResponse>) => finish(e.data);
    worker.onerror = (e) => finish({ ok: false, message: e.message || 'the export worker failed' });
    worker.postMessage(request);
  });
}
