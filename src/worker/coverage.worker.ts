/// <reference lib="webworker" />
/**
 * The coverage worker: holds a {@link CoverageSession} (the grid, the distance fields, the checker)
 * and answers every change with the figures and the changed tiles of the picture.
 *
 * Bursts of edits (a drag sends one move per frame) are coalesced: each message only updates state
 * and schedules one computation after the queue drains, so a slow frame never builds a backlog.
 */
import { CoverageSession } from './coverageSession';
import type { CoverageRequest, CoverageResponse } from './coverageProtocol';
import { isPackedSites, unpackSites } from '../domain/packedSites';

let session: CoverageSession | null = null;
let revision = 0;
let scheduled = false;
/** The largest gaps by residents wait this long after an update for edits to pause (a big area takes ~1 s). */
const PATCHES_AFTER_MS = 200;
let patchTimer: ReturnType<typeof setTimeout> | null = null;
/** Messages that arrived before `init` (none in the app; kept so the order never matters). */
const early: CoverageRequest[] = [];

function reply(message: CoverageResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

function schedule() {
  if (scheduled || !session) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    try {
      const update = session!.compute();
      const transfer = (update.picture?.tiles ?? []).flatMap((t) => (t.rgba ? [t.rgba] : []));
      reply({ kind: 'update', revision, ...update }, transfer);
      const answered = revision;
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
  if (m.kind === 'init') {
    const t0 = performance.now();
    session = new CoverageSession(m.sources, { cellM: m.cellM });
    for (const e of early.splice(0)) apply(session, e);
    const grid = session.grid;
    reply({ kind: 'ready', gridMs: performance.now() - t0, cells: grid.cols * grid.rows, cellM: grid.cellM, tiles: session.tiles });
  } else if (session) apply(session, m);
  else early.push(m);
  schedule();
};
