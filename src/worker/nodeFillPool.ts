/**
 * A {@link FillPool} on Node's worker_threads, for the bench, the tests and the CLI (the browser's
 * is started in coverage.worker.ts). The helpers run TypeScript through tsx, as the benches do.
 */
import { Worker } from 'node:worker_threads';
import { FillPool } from '../coverage/fillPool';

export interface NodeFillPool {
  pool: FillPool;
  /** Ends the helper threads. */
  close(): Promise<void>;
}

/** A pool with `helpers` helper threads, resolved once they are all ready. */
export async function startNodeFillPool(helpers: number): Promise<NodeFillPool> {
  const pool = new FillPool();
  const entry = new URL('./fillHelper.node.ts', import.meta.url).href;
  // Node 20 does not pass `--import tsx`'s loader to worker threads: each registers it, then loads the entry.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const workers = Array.from({ length: helpers }, () => new Worker(boot, { eval: true }));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
        }),
    ),
  );
  for (const w of workers) {
    // The helpers do not keep the process alive: a bench or a CLI ends when its work does.
    w.unref();
    pool.addHelper({ post: (m) => w.postMessage(m) });
  }
  return { pool, close: async () => void (await Promise.all(workers.map((w) => w.terminate()))) };
}
