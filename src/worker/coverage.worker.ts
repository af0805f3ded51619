/// <reference lib="webworker" />
/**
 * The coverage worker: holds a {@link CoverageSession} (the grid, the distance fields, the checker)
 * and answers every change with the figures and the changed tiles of the picture.
 *
 * Bursts of edits (a drag sends one move per frame) are coalesced: each message only updates state
 * and schedules one computation after the queue drains, so a slow frame never builds a backlog.
 */
import { CoverageSession, sessionGridSources } from './coverageSession';
import type { CoverageRequest, CoverageResponse, PictureUpdate } from './coverageProtocol';
import { isPackedSites, unpackSites } from '../domain/packedSites';
import { keepGrid, obtainGrid, type GridSupply } from './gridSupply';
import { FillPool, fillPool, setFillPool, sharedMemoryAvailable } from '../coverage/fillPool';

/** At most this many helper threads (with this worker, 4 threads: the 25 m city recompute's strips are many). */
const MAX_FILL_HELPERS = 3;

/**
 * Helper threads for the distance fields' full recompute (src/coverage/fillPool.ts), started before
 * any field is made so that every field's array is shared. Only where memory may be shared: a
 * cross-origin isolated page (COOP + COEP headers; not an embed in a page that is not isolated).
 * They start asynchronously; until one is ready the recompute runs here alone, to the same bits.
 */
function startFillHelpers(): void {
  const helpers = Math.min(MAX_FILL_HELPERS, (navigator.hardwareConcurrency || 1) - 1);
  if (!sharedMemoryAvailable() || helpers < 1) return;
  const pool = new FillPool();
  setFillPool(pool);
  for (let i = 0; i < helpers; i++) {
    const helper = new Worker(new URL('./fillHelper.worker.ts', import.meta.url), { type: 'module' });
    helper.onmessage = () => pool.addHelper({ post: (m) => helper.postMessage(m) });
  }
}
startFillHelpers();

let session: CoverageSession | null = null;
let revision = 0;
let scheduled = false;
/** The largest gaps by residents wait this long after an update for edits to pause (a big area takes ~1 s). */
const PATCHES_AFTER_MS = 200;
let patchTimer: ReturnType<typeof setTimeout> | null = null;
/** A grid built here is kept for the next start this long after it is ready (the first figures go first). */
const KEEP_GRID_AFTER_MS = 1500;
/** Messages that arrived before the session was ready (sent while the grid is read or built). */
const early: CoverageRequest[] = [];

function reply(message: CoverageResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

const transferOf = (picture: PictureUpdate | null): Transferable[] => (picture?.tiles ?? []).flatMap((t) => (t.rgba ? [t.rgba] : []));

function schedule() {
  if (scheduled || !session) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    try {
      // The first picture is painted apart, after the figures are out (a start-up second on a slow machine).
      const update = session!.compute({ firstPictureApart: true });
      const timings = { ...update.timings, fillThreads: fillPool()?.lastThreads ?? 1 };
      reply({ kind: 'update', revision, ...update, timings }, transferOf(update.picture));
      const answered = revision;
      // Painted in a task of its own; skipped when an edit came meanwhile (at the start the sites often
      // follow the first settings): the next computation then paints the whole picture itself.
      if (update.pictureFollows) {
        setTimeout(() => {
          if (scheduled) return;
          try {
            const picture = session!.paintDeferred();
            if (picture) reply({ kind: 'picture', revision: answered, picture }, transferOf(picture));
          } catch (e) {
            reply({ kind: 'error', revision: answered, message: (e as Error).message });
          }
        }, 0);
      }
      patchTimer = setTimeout(() => {
        patchTimer = null;
        if (scheduled || !session || revision !== answered) return;
        try {
          reply({ kind: 'patches', revision: answered, patches: session.patches() });
        } catch (e) {
          reply({ kind: 'error', revision: answered, message: (e as Error).message });
        }
      }, PATCHES_AFTER_MS);
    } catch (e) {
      reply({ kind: 'error', revision, message: (e as Error).message });
    }
  }, 0);
}

function apply(s: CoverageSession, m: CoverageRequest) {
  switch (m.kind) {
    case 'init':
      break;
    case 'sites':
      s.applySites('replacePacked' in m.ops ? { replace: unpackSites(m.ops.replacePacked) } : m.ops);
      revision = m.revision;
      break;
    case 'assumptions':
      s.setAssumptions(m.values);
      revision = m.revision;
      break;
    case 'asOf':
      s.setAsOf(m.year);
      revision = m.revision;
      break;
    case 'view':
      s.setView(m.viewId, m.mode, m.ground, m.capacity ?? false);
      revision = m.revision;
      break;
    case 'compare':
      s.setCompare(isPackedSites(m.sites) ? unpackSites(m.sites) : m.sites);
      revision = m.revision;
      break;
    case 'population':
      // Spread once here; the status (or why it was refused) rides on every update from now on.
      s.setPopulation(m.input);
      revision = m.revision;
      break;
    case 'patches':
      s.setPatchArea(m.area);
      revision = m.revision;
      break;
  }
}

self.onmessage = (event: MessageEvent<CoverageRequest>) => {
  const m = event.data;
  // A new message: the gaps wait for the next update.
  if (patchTimer !== null) clearTimeout(patchTimer);
  patchTimer = null;
  if (m.kind === 'init') void start(m);
  else if (session) apply(session, m);
  else early.push(m);
  schedule();
};

/** The grid (kept from an earlier session, or built), the session on it, then the messages that waited. */
async function start(m: Extract<CoverageRequest, { kind: 'init' }>) {
  const t0 = performance.now();
  const idb = typeof indexedDB === 'undefined' ? null : indexedDB;
  let supply: GridSupply;
  try {
    supply = await obtainGrid(sessionGridSources(m.sources), m.cellM, idb);
  } catch (e) {
    reply({ kind: 'error', revision, message: (e as Error).message });
    return;
  }
  session = new CoverageSession(m.sources, { cellM: m.cellM, grid: supply.grid });
  for (const e of early.splice(0)) apply(session, e);
  const grid = session.grid;
  reply({
    kind: 'ready',
    gridMs: performance.now() - t0,
    cells: grid.cols * grid.rows,
    cellM: grid.cellM,
    tiles: session.tiles,
    gridFrom: supply.from,
    cacheProblem: supply.cacheProblem,
    // For the start-up bench: when the init came (wall clock, as the page's clock differs) and the grid's parts.
    initAt: performance.timeOrigin + t0,
    gridTimings: supply.timings,
  });
  schedule();
  // Kept for the next start once the first figures are out (copying the grid holds this worker a moment).
  if (supply.from === 'built') {
    setTimeout(() => {
      void keepGrid(supply, idb).then((problem) => reply({ kind: 'gridKept', problem }));
    }, KEEP_GRID_AFTER_MS);
  }
}
