/**
 * The main thread's side of a request/response worker (import, optimizer, gap export): the worker
 * exposes one typed object with Comlink, and calls on it are ordinary async calls, with the same
 * types on both sides instead of hand-written message switches.
 *
 * What Comlink leaves open: a worker that fails by itself (its script does not load, or it throws
 * outside a call) never answers the call in flight. `call` races each call against that failure.
 */
import { proxy, wrap, type ProxyMarked, type Remote } from 'comlink';

export interface WorkerHandle<Api> {
  readonly api: Remote<Api>;
  /** The call's answer, or its error; rejects too when the worker fails while it runs. */
  call<T>(pending: Promise<T>): Promise<T>;
  /**
   * `call` with a progress callback for the worker, silent once the call has settled: the
   * callback's messages travel on a port of their own, so the last progress can arrive after the
   * answer (and would put a finished dialog back to "checking…").
   */
  callWithProgress<T, A extends unknown[]>(start: (onProgress: ((...args: A) => void) & ProxyMarked) => Promise<T>, onProgress: (...args: A) => void): Promise<T>;
  /** Ends the worker at once (a call in flight never settles: callers that cancel ignore it). */
  terminate(): void;
}

export function connectWorker<Api>(worker: Worker, name: string): WorkerHandle<Api> {
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || `the ${name} worker stopped`)));
    worker.addEventListener('messageerror', () => reject(new Error(`the ${name} worker sent a message that could not be read`)));
  });
  failed.catch(() => undefined); // settled only by a call that races it
  const call = <T,>(pending: Promise<T>) => Promise.race([pending, failed]);
  return {
    api: wrap<Api>(worker),
    call,
    callWithProgress: (start, onProgress) => {
      let open = true;
      const progress = proxy((...args: Parameters<typeof onProgress>) => {
        if (open) onProgress(...args);
      });
      return call(start(progress)).finally(() => (open = false));
    },
    terminate: () => worker.terminate(),
  };
}
