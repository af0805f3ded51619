/// <reference lib="webworker" />
/**
 * The coverage worker: holds a {@link CoverageSession} (the grid, the distance fields, the checker)
 * and answers every change with the figures and the changed tiles of the picture.
 *
 * Bursts of edits (a drag sends one move per frame) are coalesced: each message only updates state
 * and schedules one computation after the queue drains, so a slow frame never builds a backlog.
 */
import { CoverageSession, sessionGridSources, type SessionSources } from './coverageSession';
import { SessionInputs } from './sessionInputs';
import type { CoverageRequest, CoverageResponse, PictureUpdate, SessionRequest } from './coverageProtocol';
import { isPackedSites, unpackSites } from '../domain/packedSites';
import { keepGrid, obtainGrid, type GridSupply } from './gridSupply';
import { answerKey } from './answerKey';
import { sessionLayersDigest, sourcesFromTexts } from './layerSources';
import { keepAnswer, keptAnswerCount, readKeptAnswer } from '../io/answerCache';
import { APP_BUILD_ID } from './buildId';
import { ShippedAnswers } from './shippedAnswers';
import { FillPool, fillPool, setFillPool, sharedMemoryAvailable } from '../coverage/fillPool';

/** At most this many helper threads (with this worker, 4 threads: the 25 m city recompute's strips are many). */
const MAX_FILL_HELPERS = 3;

/**
 * Helper threads for the distance fields' full recompute (src/coverage/fillPool.ts) and for the
 * breakdown's region counts (src/coverage/breakdownPool.ts, through the same pool), started before
 * any field is made so that every field's array is shared. Only where memory may be shared: a
 * cross-origin isolated page (COOP + COEP headers; not an embed in a page that is not isolated).
 * They start asynchronously; until one is ready the recompute and the breakdown run here alone, to
 * the same bits.
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

let session: CoverageSession | null = null;
let revision = 0;
let scheduled = false;
/** The largest gaps by residents wait this long after an update for edits to pause (a big area takes ~1 s). */
const PATCHES_AFTER_MS = 200;
let patchTimer: ReturnType<typeof setTimeout> | null = null;
/**
 * A grid built here is kept for the next start once this long has passed with no message: copying it
 * holds this worker (0.1–0.2 s at 50 m, seconds at 25 m), so it waits for edits to pause, and the
 * first figures go first. `keepGridSoon` re-arms the wait on each message.
 */
const KEEP_GRID_AFTER_MS = 1500;
let keepGridSoon: (() => void) | null = null;
/** What was asked before the session was made (while the grid is read or built); the session takes it over. */
const inputs = new SessionInputs();
/** The inputs asked: the session's once there is one. */
const asked = (): SessionInputs => session ?? inputs;

/**
 * Answers kept between visits (src/io/answerCache.ts, keyed by src/worker/answerKey.ts): the first
 * computation with sites looks its inputs up first, and a kept answer goes out at once — the same
 * figures the computation gives, as everything they depend on is in the key — before the
 * computation itself, which follows and sends them again with the picture. The last answer is kept
 * once edits pause. Not in the dev server (no build id), nor for lists too long to hash in a frame.
 * Where none is kept, the build's answer for its default start is looked up under the same key
 * (src/worker/shippedAnswers.ts): a first visit's figures then come as soon as a next visit's.
 */
type Update = Extract<CoverageResponse, { kind: 'update' }>;
const ANSWER_KEEP_AFTER_MS = 1000;
const ANSWER_CACHE_MAX_SITES = 20_000;
let cellM = 0;
let sourcesDigest: Promise<string> | null = null;
/** Look-ups left: the start's first computations with sites (its messages come in a few bursts), until one is found. */
let lookUpsLeft = 8;
let answerTimer: ReturnType<typeof setTimeout> | null = null;
/** Messages applied to the inputs so far: a kept answer looked up for older inputs is not sent. */
let inputsApplied = 0;
/** The look-up under way, for the inputs as they were when it started (one look-up per inputs). */
let lookUp: { inputs: number; startedAt: number; kept: ReturnType<typeof keptAnswerNow> } | null = null;
/** Runs started: an older run still awaiting a look-up leaves the rest to the newest. */
let runs = 0;
/**
 * On a next visit the kept grid (tens of MB at 50 m) and the kept answer are read from IndexedDB,
 * which answers one read after the other: the answer's small read waited for the grid's (1.1–1.5 s
 * in the start-up bench). So where answers are kept at all, the grid is read once the start's first
 * look-up has been answered, or after LOOK_UP_FIRST_MS at most (the sites come 0.3–0.8 s after the
 * grid's sources); the grid's key is hashed meanwhile. The same where the build ships an answer at
 * this cell size (a first visit: its grid is built, holding this thread). Otherwise no wait.
 */
const LOOK_UP_FIRST_MS = 1200;
let firstLookUpAnswered: () => void = () => {};
const firstLookUp = new Promise<void>((answered) => (firstLookUpAnswered = answered));
async function lookUpFirst(idb: IDBFactory | null): Promise<void> {
  if (APP_BUILD_ID === null || !idb) return;
  // The build's answer for its default start counts too: on a first visit the grid's build (most of a
  // second, holding this thread) would otherwise hold the look-up that finds it.
  const [kept, fromBuild] = await Promise.all([keptAnswerCount(idb).catch(() => 0), shipped?.hasAnswerAt(cellM) ?? false]);
  if (kept === 0 && !fromBuild) return;
  let timer: ReturnType<typeof setTimeout> | null = null;
  await Promise.race([firstLookUp, new Promise<void>((later) => (timer = setTimeout(later, LOOK_UP_FIRST_MS)))]);
  if (timer !== null) clearTimeout(timer);
}
const answersKept = () => APP_BUILD_ID !== null && sourcesDigest !== null && typeof indexedDB !== 'undefined' && asked().siteCount > 0 && asked().siteCount <= ANSWER_CACHE_MAX_SITES;

async function currentAnswerKey(): Promise<string> {
  return answerKey({ buildId: APP_BUILD_ID!, cellM, sourcesDigest: await sourcesDigest!, inputs: asked().answerInputs() });
}

/** The answer kept for the session's inputs now, or null (none, or the store unreadable: then computed as always). */
type KeptFigures = Omit<Update, 'kind' | 'revision' | 'picture' | 'pictureFollows' | 'fromCache' | 'timings'>;

/** The build's answers for the default start (set by the init when the page names its folder). */
let shipped: ShippedAnswers | null = null;

async function keptAnswerNow(): Promise<{ figures: KeptFigures; from: 'kept' | 'shipped' } | null> {
  // Only what has an answer's shape (the key names the build, so the format is this build's).
  const shaped = (a: KeptFigures | null) => (a && Array.isArray(a.results) ? a : null);
  let key: string;
  try {
    key = await currentAnswerKey();
  } catch {
    return null;
  }
  // Both at once (equal keys, equal figures): the browser's store, unreadable or not, and the build's.
  const [kept, fromBuild] = await Promise.all([readKeptAnswer<KeptFigures>(key).catch(() => null), shipped?.answer<KeptFigures>(key) ?? null]);
  if (shaped(kept)) return { figures: kept!, from: 'kept' };
  return shaped(fromBuild) ? { figures: fromBuild!, from: 'shipped' } : null;
}

/** Keeps `update` for the next visit once edits pause (dropped when a newer computation comes). */
function keepLater(update: Update) {
  if (answerTimer !== null) clearTimeout(answerTimer);
  answerTimer = null;
  if (!answersKept()) return;
  const answered = update.revision;
  answerTimer = setTimeout(() => {
    answerTimer = null;
    if (scheduled || revision !== answered || !answersKept()) return;
    const figures: KeptFigures = { results: update.results, view: update.view, compare: update.compare, population: update.population, timeline: update.timeline };
    void currentAnswerKey()
      .then((key) => keepAnswer(key, figures))
      .catch(() => undefined); // not kept: the next visit computes, nothing else is lost
  }, ANSWER_KEEP_AFTER_MS);
}

function reply(message: CoverageResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

const transferOf = (picture: PictureUpdate | null): Transferable[] => (picture?.tiles ?? []).flatMap((t) => (t.rgba ? [t.rgba] : []));

/** Whether the page was told how the first figures come: found (sent) or to be computed ('computing'). */
let firstFiguresTold = false;
function tellComputing() {
  if (firstFiguresTold) return;
  firstFiguresTold = true;
  reply({ kind: 'computing' });
  // Nothing to wait for: the grid is read or built at once.
  firstLookUpAnswered();
}

function schedule() {
  // Before the grid is in, only a kept answer's look-up can run (start() schedules the computation).
  if (scheduled || (!session && !(lookUpsLeft > 0 && answersKept()))) return;
  scheduled = true;
  setTimeout(() => void run(), 0);
}

async function run() {
  scheduled = false;
  const me = ++runs;
  if (lookUpsLeft > 0 && answersKept()) {
    if (lookUp?.inputs !== inputsApplied) {
      lookUpsLeft--;
      lookUp = { inputs: inputsApplied, startedAt: performance.now(), kept: keptAnswerNow() };
    }
    const asked = lookUp;
    const kept = await asked.kept;
    firstLookUpAnswered();
    if (!kept && asked.inputs === inputsApplied) tellComputing();
    // A newer run (a message came, or the grid) goes on from here; for the same inputs it awaited
    // this very look-up, so the answer goes out as soon as it is read, whatever else came.
    if (me !== runs) return;
    if (kept && asked.inputs === inputsApplied) {
      lookUpsLeft = 0;
      firstFiguresTold = true;
      // Its timings: the look-up's (the kept ones were the computation's on the earlier visit).
      const totalMs = performance.now() - asked.startedAt;
      reply({ ...kept.figures, kind: 'update', revision, picture: null, pictureFollows: true, fromCache: true, cachedFrom: kept.from, timings: { syncMs: 0, checkerMs: 0, paintMs: 0, totalMs } });
    }
    // A run is scheduled meanwhile: it computes (or looks up newer inputs).
    if (scheduled) return;
  }
  if (session) compute();
}

function compute() {
  try {
    // The first picture is painted apart, after the figures are out (a start-up second on a slow machine).
    const update = session!.compute({ firstPictureApart: true });
    const timings = { ...update.timings, fillThreads: fillPool()?.lastThreads ?? 1, fillHelpers: fillPool()?.helperCount ?? 0 };
    const message: Update = { kind: 'update', revision, ...update, timings };
    reply(message, transferOf(update.picture));
    keepLater(message);
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
}

function apply(s: SessionInputs, m: SessionRequest) {
  inputsApplied++;
  switch (m.kind) {
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
      // Spread by the next computation (after a kept answer is looked up); the status (or why it was
      // refused) rides on every update from now on.
      s.askPopulation(m.input);
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
  keepGridSoon?.();
  // A batch: the messages one commit of the page sent, applied before one computation.
  for (const one of m.kind === 'batch' ? m.messages : [m]) {
    if (one.kind === 'init') void start(one);
    else apply(asked(), one);
  }
  // Sites no answer is kept for (too many to hash): the kept grid need not wait for a look-up.
  if (asked().siteCount > ANSWER_CACHE_MAX_SITES) firstLookUpAnswered();
  // Nothing will be looked up for these sites (a dev server, too many sites): they are computed.
  if (asked().siteCount > 0 && !(lookUpsLeft > 0 && answersKept())) tellComputing();
  schedule();
};

/** The grid (kept from an earlier session, or built), the session on it, then the messages that waited. */
async function start(m: Extract<CoverageRequest, { kind: 'init' }>) {
  const t0 = performance.now();
  const idb = typeof indexedDB === 'undefined' ? null : indexedDB;
  cellM = m.cellM;
  // The layers' digest first: kept answers can be looked up while the grid is read or built.
  if (APP_BUILD_ID !== null) sourcesDigest = sessionLayersDigest(m.sources, m.layerTexts);
  if (APP_BUILD_ID !== null && m.appRoot) {
    shipped = new ShippedAnswers(new URL(m.appRoot), APP_BUILD_ID);
    shipped.prefetch(m.cellM, m.page ?? 'app');
  }
  schedule();
  let supply: GridSupply;
  let sources: SessionSources;
  try {
    // The kept answer's look-up first: see LOOK_UP_FIRST_MS. Layers sent as texts are validated
    // once it is answered (src/worker/layerSources.ts), and their grid's key hashed then.
    const kept = lookUpFirst(idb);
    if (!m.sources) await kept;
    // The helpers start with the grid, not with this worker: their scripts' load took the cores the
    // start's look-up needed (and until the grid is in there is nothing for them to do).
    startFillHelpers();
    sources = m.sources ?? sourcesFromTexts(m.layerTexts!);
    supply = await obtainGrid(sessionGridSources(sources), m.cellM, idb, () => kept);
  } catch (e) {
    reply({ kind: 'error', revision, message: (e as Error).message });
    return;
  }
  session = new CoverageSession(sources, { cellM: m.cellM, grid: supply.grid, inputs });
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
    let timer: ReturnType<typeof setTimeout> | null = null;
    keepGridSoon = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        keepGridSoon = null;
        void keepGrid(supply, idb).then((problem) => reply({ kind: 'gridKept', problem, cellM: supply.grid.cellM }));
      }, KEEP_GRID_AFTER_MS);
    };
    keepGridSoon();
  }
}
