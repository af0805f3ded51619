/**
 * Helper threads for the distance field's full recompute (issue #19: the city at 25 m), keeping the
 * engine's API synchronous. The strips of a recompute are independent (stripFill.ts), so the caller
 * puts the job's arrays in SharedArrayBuffers, posts the job to the helpers, fills strips itself,
 * and blocks (Atomics.wait) until the helpers that joined have finished theirs. Strips are taken
 * one at a time from a shared counter, so a slow or late helper only takes fewer of them: a helper
 * that is not running yet (they start asynchronously) or never starts costs nothing, and the caller
 * never waits for one that has not joined.
 *
 * The caller must be a thread that may block: a Web Worker, or Node's main thread / a worker_thread
 * (never a browser page's main thread). Pure: helpers are reached through {@link HelperPort}, so the
 * same pool serves Web Workers (src/worker/fillHelper.worker.ts) and Node's worker_threads
 * (src/worker/nodeFillPool.ts).
 *
 * Why the field is the same to the bit: each strip writes only its own rows, and what a strip
 * writes does not depend on the thread or the order (StripFiller.fillStrip).
 *
 * Other jobs of independent parts go through the same helpers and control words ({@link
 * FillPool.runParts}, a message of their own kind): the breakdown's regions (breakdownPool.ts).
 */
import { stripCount, type StripFiller, type StripJob } from './stripFill';

/** What every job posted to the helpers carries (see {@link FillPool.runParts}). */
export interface PartsMessage {
  /** Which job: the helper's entry point picks its work by it. */
  kind: string;
  /** The pool's control words (Int32Array over it; slots below). */
  control: SharedArrayBuffer;
  /** This job's number: a helper that gets the message after it is closed does nothing. */
  gen: number;
}

/** A recompute as posted to a helper: the job's arrays are views on SharedArrayBuffers. */
export interface FillMessage extends StripJob, PartsMessage {
  kind: 'fill';
}

/** How a job was spread: threads that did parts (the caller included), share of the parts helpers did. */
export interface Spread {
  threads: number;
  helperShare: number;
}

/** How the pool reaches a helper that said it is ready. */
export interface HelperPort {
  post(message: PartsMessage): void;
}

// Control words: the open recompute (0: none), the next strip to take, the helpers inside a
// recompute, the helpers that took a strip in it, whether one failed, and the strips helpers filled.
const GEN = 0;
const NEXT = 1;
const ACTIVE = 2;
const JOINED = 3;
const FAILED = 4;
const HELPED = 5;

/** Whether shared memory is usable here (a browser page or worker needs cross-origin isolation). */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false; // undefined in Node, where sharing needs no isolation
}

export class FillPool {
  private readonly control = new SharedArrayBuffer(6 * 4);
  private readonly ctl = new Int32Array(this.control);
  private readonly helpers: HelperPort[] = [];
  private gen = 0;
  /** Threads (the caller included) that filled strips in the last recompute. */
  lastThreads = 1;
  /** Share of the last recompute's strips the helpers filled (how much of the work was spread). */
  lastHelperShare = 0;
  /**
   * The breakdown goes to the helpers only on grids of at least this many cells (breakdownPool.ts):
   * its regions' arrays must first be on shared memory, a copy made once per grid that costs more
   * than the spreading saves on a small grid — at 50 m (5.7 M cells) the breakdown takes ~7 ms on
   * one thread, and copying its regions' arrays on this 2-core VM (dear first touches of fresh
   * memory) ~0.1 s, in the first answer of a first visit. The city at 25 m has 23 M cells.
   */
  breakdownMinCells = 10_000_000;

  /** A helper is ready: it gets the recomputes from the next one on. */
  addHelper(port: HelperPort): void {
    this.helpers.push(port);
  }

  /** Helpers ready. */
  get helperCount(): number {
    return this.helpers.length;
  }

  /** A Float32Array helpers can write into (the field of a distance field that may use the pool). */
  float32(n: number): Float32Array {
    return new Float32Array(new SharedArrayBuffer(n * 4));
  }

  /** Arrays for a job the helpers can read. */
  readonly alloc = {
    f64: (n: number) => new Float64Array(new SharedArrayBuffer(n * 8)),
    i32: (n: number) => new Int32Array(new SharedArrayBuffer(n * 4)),
  };

  /**
   * Fills every strip of `job` (arrays on SharedArrayBuffers, see `alloc` and `float32`) with the
   * ready helpers and `filler` on this thread; returns when all are filled.
   */
  run(job: StripJob, filler: StripFiller): void {
    const spread = this.runParts<FillMessage>({ ...job, kind: 'fill' }, stripCount(job.rows), (st) => filler.fillStrip(job, st));
    this.lastThreads = spread.threads;
    this.lastHelperShare = spread.helperShare;
  }

  /**
   * Any job of `count` independent parts, spread the same way (the recompute's strips, the
   * breakdown's regions): posts `message` with the control words to the helpers, does parts here
   * with `part`, returns when every part is done: with the threads that did parts (the caller
   * included) and the share of the parts the helpers did. A helper takes parts with {@link helperParts}.
   */
  runParts<M extends PartsMessage>(message: Omit<M, 'control' | 'gen'>, count: number, part: (i: number) => void): Spread {
    const ctl = this.ctl;
    this.gen = (this.gen % 0x7ffffffe) + 1;
    const gen = this.gen;
    Atomics.store(ctl, NEXT, 0);
    Atomics.store(ctl, JOINED, 0);
    Atomics.store(ctl, FAILED, 0);
    Atomics.store(ctl, HELPED, 0);
    Atomics.store(ctl, GEN, gen);
    const posted = { ...message, control: this.control, gen } as M;
    for (const h of this.helpers) h.post(posted);
    for (let i = Atomics.add(ctl, NEXT, 1); i < count; i = Atomics.add(ctl, NEXT, 1)) part(i);
    // Every part is taken: close the job (a helper arriving now does nothing), then wait for those
    // inside it. A helper counts itself in before it reads GEN, and this thread closes GEN before it
    // reads the count (sequentially consistent atomics): no helper is missed.
    Atomics.store(ctl, GEN, 0);
    for (let a = Atomics.load(ctl, ACTIVE); a !== 0; a = Atomics.load(ctl, ACTIVE)) Atomics.wait(ctl, ACTIVE, a);
    if (Atomics.load(ctl, FAILED) !== 0) {
      // A helper threw (out of memory?): its part may be half done. Do them all here.
      for (let i = 0; i < count; i++) part(i);
      return { threads: 1, helperShare: 0 };
    }
    return { threads: 1 + Atomics.load(ctl, JOINED), helperShare: count > 0 ? Atomics.load(ctl, HELPED) / count : 0 };
  }
}

/** A helper's side of a recompute: fill strips while there are any left in it. */
export function helperFill(message: FillMessage, filler: StripFiller): void {
  try {
    helperParts(message, stripCount(message.rows), (st) => filler.fillStrip(message, st));
  } finally {
    filler.release();
  }
}

/** A helper's side of any job ({@link FillPool.runParts}): do parts while there are any left in it. */
export function helperParts(message: PartsMessage, count: number, part: (i: number) => void): void {
  const ctl = new Int32Array(message.control);
  Atomics.add(ctl, ACTIVE, 1);
  try {
    if (Atomics.load(ctl, GEN) !== message.gen) return;
    let done = 0;
    for (let i = Atomics.add(ctl, NEXT, 1); i < count; i = Atomics.add(ctl, NEXT, 1)) {
      if (done++ === 0) Atomics.add(ctl, JOINED, 1);
      part(i);
    }
    Atomics.add(ctl, HELPED, done);
  } catch (e) {
    Atomics.store(ctl, FAILED, 1);
    throw e;
  } finally {
    if (Atomics.sub(ctl, ACTIVE, 1) === 1) Atomics.notify(ctl, ACTIVE);
  }
}

let shared: FillPool | null = null;

/**
 * The pool the distance fields created from now on use (null: none, single-threaded). Set once by
 * the thread that holds the engines (the coverage worker, a bench) before it creates them: a field
 * built without a pool keeps an unshared array and recomputes on its own thread.
 */
export function setFillPool(pool: FillPool | null): void {
  shared = pool;
}

export function fillPool(): FillPool | null {
  return shared;
}
