/// <reference lib="webworker" />
/**
 * The optimiser worker: builds the scope's grid, the candidates and the covering instance, runs the
 * heuristic and (when asked and small enough) HiGHS's MILP, and posts progress and the result.
 * Separate from the coverage worker so a long solve never delays the map's coverage updates; it
 * builds a grid for the scope only (one district at 50 m), which is small.
 */
import highsLoader, { type Highs } from 'highs';
import wasmUrl from 'highs/runtime?url';
import { optimize } from '../optimize/optimizer';
import type { OptimizerRequest, OptimizerResponse } from './optimizerProtocol';

let highs: Promise<Highs | null> | null = null;

/** HiGHS, loaded once per worker; null when the wasm cannot be loaded (the heuristic still runs). */
function loadHighs(): Promise<Highs | null> {
  highs ??= highsLoader({ locateFile: (file: string) => (file.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : file) }).catch(
    () => null,
  );
  return highs;
}

function reply(message: OptimizerResponse) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
}

self.onmessage = async (event: MessageEvent<OptimizerRequest>) => {
  const m = event.data;
  if (m.kind !== 'run') return;
  try {
    // Heuristic runs load it too: their LP bound comes from HiGHS.
    const solver = await loadHighs();
    let last = 0;
    const result = optimize(m.input, {
      highs: solver,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - last < 100 && progress.fraction < 1) return;
        last = now;
        reply({ kind: 'progress', id: m.id, progress });
      },
    });
    reply({ kind: 'result', id: m.id, result });
  } catch (e) {
    reply({ kind: 'error', id: m.id, message: (e as Error).message });
  }
};
