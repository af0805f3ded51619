/// <reference lib="webworker" />
/**
 * The optimiser worker: builds the scope's grid, the candidates and the covering instance, runs the
 * heuristic and (when asked and small enough) HiGHS's MILP, and reports progress and the result.
 * Separate from the coverage worker so a long solve never delays the map's coverage updates; it
 * builds a grid for the scope only (one district at 50 m), which is small.
 */
import { expose } from 'comlink';
import highsLoader, { type Highs } from 'highs';
import wasmUrl from 'highs/runtime?url';
import { optimize } from '../optimize/optimizer';
import { stageProposals } from '../optimize/staging';
import type { OptimizerApi } from './optimizerProtocol';

let highs: Promise<Highs | null> | null = null;

/** HiGHS, loaded once per worker; null when the wasm cannot be loaded (the heuristic still runs). */
function loadHighs(): Promise<Highs | null> {
  highs ??= highsLoader({ locateFile: (file: string) => (file.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : file) }).catch(
    () => null,
  );
  return highs;
}

const api: OptimizerApi = {
  async run(input, onProgress) {
    // Heuristic runs load it too: their LP bound comes from HiGHS.
    const solver = await loadHighs();
    let last = 0;
    return optimize(input, {
      highs: solver,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - last < 100 && progress.fraction < 1) return;
        last = now;
        void onProgress(progress);
      },
    });
  },
  async stage(input, proposed, plan) {
    return stageProposals(input, proposed, plan);
  },
};

expose(api);
