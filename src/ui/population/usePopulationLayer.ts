/**
 * Runs the residents layer for the app: reads a population file in the import worker (with its
 * progress), hands the input to the coverage worker through the store (CoverageFeed posts it), keeps
 * the file in the browser once the coverage worker has taken it (src/io/layerStore.ts), restores the
 * kept file on start-up, and removes it in one step (back to the district census).
 *
 * Mounted once (PopulationFeed); the panel calls the actions through `populationActions`.
 */
import { problemOf } from '../../domain/populationProblems';
import { useEffect } from 'react';
import { readLayerFile, removeLayerFile, saveLayerFile, type LayerOptions } from '../../io/layerStore';
import type { ImportApi, PopulationReadResult } from '../../worker/importProtocol';
import { connectWorker } from '../../worker/workerClient';
import { populationSettled } from '../coverage/coverageAnswers';
import { useAppStore } from '../state/appStore';
import { backToCensus, refuseFile, sendFile, verdictOf, type LoadedPopulationFile } from './populationLoad';

const update = (f: Parameters<ReturnType<typeof useAppStore.getState>['updatePopulation']>[0]) => useAppStore.getState().updatePopulation(f);

/**
 * Reads `file` in a fresh import worker (ended after the read: a raster's buffers are not kept there)
 * and sends what it read to the coverage worker.
 * @param keptAt set when restoring the kept file: its bytes are not kept again, and its date stays.
 */
async function readAndSend(file: Blob, name: string, options: LayerOptions, keptAt: string | null): Promise<void> {
  update((ui) => ({ ...ui, phase: keptAt ? 'restoring' : 'reading', progress: null, error: null, chooseField: null }));
  const worker = connectWorker<ImportApi>(new Worker(new URL('../../worker/import.worker.ts', import.meta.url), { type: 'module' }), 'import');
  try {
    const field = typeof options['field'] === 'string' ? options['field'] : undefined;
    const result = await worker.callWithProgress<PopulationReadResult, [string]>(
      (onProgress) => worker.api.readPopulation({ file, fileName: name, ...(field === undefined ? {} : { field }) }, onProgress),
      (phase: string) => update((ui) => ({ ...ui, progress: phase })),
    );
    if (!result.ok) {
      update((ui) => refuseFile(ui, result.problem, result.columns && result.columns.length > 0 ? { file, name, columns: result.columns } : null));
      return;
    }
    const loaded: LoadedPopulationFile = { name, loadedAt: keptAt ?? new Date().toISOString(), facts: result.read, options };
    const bytes = keptAt ? null : await file.arrayBuffer();
    const sent = useAppStore.getState().coverage.populationSent;
    update((ui) => sendFile(ui, result.input, loaded, bytes, sent));
  } catch (e) {
    update((ui) => refuseFile(ui, problemOf(e, name)));
  } finally {
    worker.terminate();
  }
}

/** What the panel (and a drop anywhere on the page) asks for. */
export const populationActions = {
  /** Reads a file and, once the coverage worker takes it, uses and keeps it. */
  load(file: Blob, name: string, options: LayerOptions = {}): void {
    void readAndSend(file, name, options, null);
  },
  /** Back to the district census, and the kept file forgotten. */
  remove(): void {
    update(backToCensus);
    void removeLayerFile('population').then(
      () => update((ui) => ({ ...ui, kept: null, storageError: null })),
      (e: Error) => update((ui) => ({ ...ui, storageError: e.message })),
    );
  },
  dismissError(): void {
    update((ui) => ({ ...ui, error: null, chooseField: null }));
  },
};

/** Keeps a taken file in the browser; a failure (a full disk) is shown, and the layer stays in use. */
async function keep(file: LoadedPopulationFile, bytes: ArrayBuffer): Promise<void> {
  try {
    await saveLayerFile({ kind: 'population', name: file.name, bytes, savedAt: file.loadedAt, options: file.options });
    update((ui) => ({ ...ui, kept: file.name, storageError: null }));
  } catch (e) {
    // The file kept before was replaced in use: forgotten too, so a reload does not bring it back
    // (a reload then starts from the census, as the message says).
    update((ui) => ({ ...ui, storageError: (e as Error).message }));
    await removeLayerFile('population').then(
      () => update((ui) => ({ ...ui, kept: null })),
      () => undefined,
    );
  }
}

/** Restores the kept file on start-up (once the coverage worker is running), and settles each file tried. */
export function usePopulationLayer(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    void readLayerFile('population').then(
      (stored) => {
        if (cancelled || !stored) return;
        update((ui) => ({ ...ui, kept: stored.name }));
        void readAndSend(new Blob([stored.bytes]), stored.name, stored.options, stored.savedAt);
      },
      (e: Error) => update((ui) => ({ ...ui, storageError: e.message })),
    );
    return () => {
      cancelled = true;
    };
  }, [ready]);

  useEffect(
    () =>
      useAppStore.subscribe((s, before) => {
        if (s.coverage === before.coverage || !s.population.pending) return;
        const verdict = verdictOf(s.population, s.coverage.population, populationSettled(s.coverage), s.coverage.populationSent);
        if (!verdict) return;
        update(() => verdict.ui);
        if (verdict.taken && verdict.keep) void keep(verdict.keep.file, verdict.keep.bytes);
      }),
    [],
  );
}
