/**
 * Runs the network worker beside the coverage worker (src/ui/coverage/CoverageFeed.tsx): the same
 * grid (the same sources and cell size), the coverage layer's sites as edits (a drag step moves one
 * site: one search around it), the same rule and ground. Its answers — figures by network distance,
 * the ground the network reaches, the pictures' changed tiles — and the hover's route go to the
 * store. It also owns the road file's life: read in the worker (the main thread never parses it),
 * kept in the browser (src/io/layerStore.ts, kind `roads`) and read again at start-up, removed in
 * one click. Draws nothing.
 */
import { useEffect, useRef } from 'react';
import { gridSourcesFrom } from '../../coverage/engine';
import type { PictureTile } from '../../coverage/picture';
import type { AssumptionValues } from '../../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import type { Ground } from '../../domain/serviceRule';
import type { Site } from '../../domain/site';
import { allTargets } from '../../domain/plan';
import { BUNDLED_PLANS } from '../../domain/bundledPlans';
import { sitesAsOf } from '../../domain/siteYear';
import type { TownshipSet } from '../../domain/townships';
import { readLayerFile, removeLayerFile, saveLayerFile } from '../../io/layerStore';
import type { Geodata } from '../../io/loadGeodata';
import { connectWorker, type WorkerHandle } from '../../worker/workerClient';
import type { NetworkApi, NetworkHover, NetworkPhase, ProposalReach, RoadLoadError, RoadSummary } from '../../worker/networkProtocol';

type LoadResult = { summary: RoadSummary } | { error: RoadLoadError };
import { useAppStore } from '../state/appStore';
import type { RoadsSource } from '../state/networkSlice';
import { applyNetworkPicture, networkChangeOf, networkTargets, NOTHING_SENT, type NetworkSent, type NetworkWanted } from './networkAnswers';

const ALL_TARGETS = allTargets(BUNDLED_PLANS);

/**
 * Resolves once the coverage worker has answered for the opened scenario (or failed): the network
 * grid is built after it, so at start-up the two grids do not share the cores and the scorecard's
 * first numbers come first.
 */
function coverageAnswered(): Promise<void> {
  const done = (s: ReturnType<typeof useAppStore.getState>) => (s.library !== null && s.coverage.results !== null && !s.coverage.pending) || s.coverage.error !== null;
  return new Promise((ok) => {
    if (done(useAppStore.getState())) return ok();
    const stop = useAppStore.subscribe((s) => {
      if (!done(s)) return;
      stop();
      ok();
    });
  });
}
export const DEMO_ROADS_FILE = 'roads-peoples-square.geojson';

const makeImage = (rgba: Uint8ClampedArray, width: number, height: number) => new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height);

interface Props {
  data: Geodata | null;
  view: CoverageView | null;
  assumptions: AssumptionValues;
  ground: Ground;
  /** The townships in use (the coverage worker's): the network's grid gets the same township masks. */
  townships: TownshipSet | null;
  /** The compared scenario's sites (null: no comparison). */
  compareSites: readonly Site[] | null;
}

const sitesOfView = new WeakMap<readonly Site[], { key: string; list: readonly Site[] }>();
/** The coverage layer's sites built by the as-of year, as the coverage worker counts them (the same list object while neither the sites, the layer nor the year change). */
function viewSites(sites: readonly Site[], view: CoverageView | null, asOf: number | null): readonly Site[] {
  const key = `${view ? view.facilities.join() : ''}|${asOf ?? ''}`;
  const memo = sitesOfView.get(sites);
  if (memo && memo.key === key) return memo.list;
  const set = new Set<string>(view?.facilities ?? []);
  const list = sitesAsOf(
    sites.filter((s) => set.has(s.type)),
    asOf,
  );
  sitesOfView.set(sites, { key, list });
  return list;
}

export function NetworkFeed({ data, view, assumptions, ground, townships, compareSites }: Props) {
  const sites = useAppStore((s) => s.history.present.sites);
  const asOf = useAppStore((s) => s.asOf);
  const settings = useAppStore((s) => s.networkSettings);
  // The grid cell (m): the coverage worker's (the one setting, src/io/cellSizeSetting.ts).
  const cellM = useAppStore((s) => s.cellM);
  const rule = view ? resolveViewRule(view, assumptions) : null;
  const wanted: NetworkWanted = {
    sites: viewSites(sites, view, asOf),
    rule,
    ground,
    targets: view ? networkTargets(ALL_TARGETS, view.targetIds, assumptions) : [],
    compare: compareSites ? viewSites(compareSites, view, asOf) : null,
  };
  const wantedRef = useRef(wanted);
  wantedRef.current = wanted;
  const viewIdRef = useRef<string | null>(view?.id ?? null);
  viewIdRef.current = view?.id ?? null;
  const flushRef = useRef<() => void>(() => undefined);
  const settingsRef = useRef(settings);
  /** The file in use, to read again when the mode or the snap distance changes. */
  const lastRef = useRef<{ blob: Blob; name: string; source: RoadsSource } | null>(null);
  const loadRef = useRef<(blob: Blob, name: string, source: RoadsSource) => void>(() => undefined);

  useEffect(() => {
    if (!data?.districts) return;
    const store = useAppStore.getState;
    const update = store().updateNetwork;
    const names = new Map<string, { zh: string; en: string }>();
    for (const f of data.districts.features) names.set(f.properties.adcode, { zh: f.properties.name, en: f.properties.name_en });
    for (const f of data.zones?.features ?? []) names.set(f.properties.id, { zh: f.properties.name, en: f.properties.name_en });
    // Townships have one (Chinese) name.
    for (const f of townships?.features ?? []) names.set(f.properties.code, { zh: f.properties.name, en: f.properties.name });
    store().setAreaNames(names);

    // The worker and its grid start when roads are first wanted (a kept, chosen or demo file): until
    // then nothing is measured along streets, and a start without roads leaves the two cores to the
    // coverage worker and the page (the worker's start and its grid's read-back, ~0.2 s of CPU).
    let started: WorkerHandle<NetworkApi> | null = null;
    const need = (): WorkerHandle<NetworkApi> =>
      (started ??= connectWorker<NetworkApi>(new Worker(new URL('../../worker/network.worker.ts', import.meta.url), { type: 'module' }), 'network'));
    let alive = true;
    let layout = new Map<number, PictureTile>();
    let sent: NetworkSent = NOTHING_SENT;
    let inFlight = false;
    let ready = false;
    let force = false;
    let loadSerial = 0;
    /** The grid set in the worker (built once the coverage worker has answered; null: this feed ended first). */
    let gridSet: Promise<PictureTile[] | null> | null = null;
    const sources = gridSourcesFrom(data.districts, data.zones, data.outerRingArea, data.land, townships ?? undefined);
    /** Sets the grid once (after the coverage worker's first answer, so the two do not share the cores at start-up). */
    const gridReady = (): Promise<PictureTile[] | null> =>
      (gridSet ??= coverageAnswered()
        .then(() => (alive ? need().call(need().api.setGrid(sources, cellM)) : null))
        .then((tiles) => {
          if (alive && tiles) {
            layout = new Map(tiles.map((t) => [t.id, t]));
            ready = true;
            flush();
          }
          return tiles;
        }));

    const fail = (e: unknown) => {
      if (!alive) return;
      update((s) => ({ ...s, status: s.summary ? 'ready' : 'none', progress: null, pending: false, error: { problem: 'worker', fileName: lastRef.current?.name ?? '', message: e instanceof Error ? e.message : String(e) } }));
    };

    /** Sends what changed since the last request, once the one in flight has been answered. */
    const flush = () => {
      if (!alive || !ready || inFlight) return;
      const next = networkChangeOf(sent, wantedRef.current);
      if (!next && !force) return;
      force = false;
      const change = next?.change ?? {};
      if (next) sent = next.sent;
      const viewId = viewIdRef.current;
      inFlight = true;
      update((s) => (s.pending ? s : { ...s, pending: true }));
      const worker = need();
      worker
        .call(worker.api.update(change))
        .then((answer) => {
          inFlight = false;
          if (!alive) return;
          update((s) => ({
            ...s,
            breakdown: answer.breakdown,
            reached: answer.reached,
            targets: answer.targets,
            compareTargets: answer.compareTargets,
            compareBreakdown: answer.compareBreakdown,
            viewId,
            tiles: applyNetworkPicture(s.tiles, answer.picture, layout, makeImage),
            pending: networkChangeOf(sent, wantedRef.current) !== null,
          }));
          flush();
        })
        .catch((e: unknown) => {
          inFlight = false;
          fail(e);
        });
    };
    flushRef.current = flush;

    const load = (blob: Blob, name: string, source: RoadsSource) => {
      const serial = ++loadSerial;
      const { mode, snapM, crs } = settingsRef.current;
      lastRef.current = { blob, name, source };
      update((s) => ({ ...s, status: 'loading', progress: { phase: 'reading', fraction: 0 }, error: null }));
      // After the grid (a file read before it is built waits for it: the worker answers in order).
      const worker = need();
      void gridReady()
        .catch(() => undefined)
        .then(() =>
          worker.callWithProgress(
          (onProgress) => worker.api.loadRoads({ file: blob, fileName: name, mode, snapM, crs }, onProgress) as Promise<LoadResult>,
          (phase: NetworkPhase, fraction: number) => {
            if (alive && serial === loadSerial) update((s) => (s.status === 'loading' ? { ...s, progress: { phase, fraction } } : s));
          },
          ),
        )
        .then(async (result) => {
          if (!alive || serial !== loadSerial) return;
          if ('error' in result) {
            // The roads in use (if any) stay; the straight line is untouched.
            update((s) => ({ ...s, status: s.summary ? 'ready' : 'none', progress: null, error: { problem: result.error.problem, fileName: name, message: result.error.message } }));
            if (source === 'kept') await removeLayerFile('roads').catch(() => undefined);
            return;
          }
          update((s) => ({ ...s, status: 'ready', progress: null, summary: result.summary, snapM, source, kept: source === 'kept', error: null, hover: null }));
          force = true;
          flush();
          if (source === 'kept') return;
          try {
            await saveLayerFile({ kind: 'roads', name, bytes: await blob.arrayBuffer(), savedAt: new Date().toISOString(), options: { mode, snapM, source, crs } });
            if (alive && serial === loadSerial) update((s) => ({ ...s, kept: true }));
          } catch (e) {
            if (alive) update((s) => ({ ...s, kept: false, error: { problem: 'storage', fileName: name, message: e instanceof Error ? e.message : String(e) } }));
          }
        })
        .catch(fail);
    };
    loadRef.current = load;

    let hoverBusy = false;
    let hoverNext: [number, number] | null = null;
    const askRoute = () => {
      if (!alive || hoverBusy || !hoverNext) return;
      const [lon, lat] = hoverNext;
      hoverNext = null;
      hoverBusy = true;
      const worker = need();
      worker
        .call(worker.api.route(lon, lat) as Promise<NetworkHover | null>)
        .then((hover) => {
          hoverBusy = false;
          if (alive) update((s) => (s.status === 'ready' ? { ...s, hover } : s));
          askRoute();
        })
        .catch((e: unknown) => {
          hoverBusy = false;
          fail(e);
        });
    };

    store().setNetworkCommands({
      loadFile: (file, name) => load(file, name, 'file'),
      loadDemo: () => {
        update((s) => ({ ...s, status: 'loading', progress: { phase: 'reading', fraction: 0 }, error: null }));
        fetch(`${import.meta.env.BASE_URL}data/${DEMO_ROADS_FILE}`)
          .then((r) => {
            if (!r.ok) throw new Error(`${DEMO_ROADS_FILE}: HTTP ${r.status}`);
            return r.blob();
          })
          .then((blob) => load(blob, DEMO_ROADS_FILE, 'demo'))
          .catch((e: unknown) => {
            if (alive) update((s) => ({ ...s, status: s.summary ? 'ready' : 'none', progress: null, error: { problem: 'fetch', fileName: DEMO_ROADS_FILE, message: e instanceof Error ? e.message : String(e) } }));
          });
      },
      remove: () => {
        loadSerial++;
        lastRef.current = null;
        // After the grid, as a read asked for before it is (no worker yet: no roads were ever read).
        const worker = started;
        if (worker) {
          void gridReady()
            .catch(() => null)
            .then(() => worker.call(worker.api.clearRoads()))
            .then(() => {
              force = true;
              flush();
            }, fail);
        }
        update((s) => ({ ...s, status: 'none', progress: null, summary: null, source: null, kept: false, error: null, breakdown: null, reached: null, targets: null, compareTargets: null, compareBreakdown: null, hover: null, tiles: new Map() }));
        removeLayerFile('roads').catch((e: unknown) => {
          if (alive) update((s) => ({ ...s, error: { problem: 'storage', fileName: '', message: e instanceof Error ? e.message : String(e) } }));
        });
      },
      route: (lon, lat) => {
        if (store().network.status !== 'ready') return;
        hoverNext = [lon, lat];
        askRoute();
      },
      // Nothing without roads (no grid is set before a road file is read).
      proposal: (list, adcode) => (ready ? need().call(need().api.proposal(list.map((p) => ({ lon: p.lon, lat: p.lat })), adcode) as Promise<ProposalReach | null>) : Promise.resolve(null)),
      clearHover: () => {
        hoverNext = null;
        if (store().network.hover !== null) update((s) => ({ ...s, hover: null }));
      },
    });

    // A new grid (other townships, another cell): the roads in use are read again onto it; else the
    // roads kept in this browser are read again as the first time, once the start's numbers are in.
    const inUse = lastRef.current;
    if (inUse) load(inUse.blob, inUse.name, inUse.source);
    else {
      coverageAnswered()
        .then(async () => {
          if (!alive || lastRef.current) return;
          const kept = await readLayerFile('roads');
          if (!alive || !kept || lastRef.current) return;
          const mode = kept.options.mode === 'drive' ? 'drive' : 'walk';
          const snapM = typeof kept.options.snapM === 'number' ? kept.options.snapM : 200;
          const crs = kept.options.crs === 'wgs84' || kept.options.crs === 'gcj02' || kept.options.crs === 'bd09' ? kept.options.crs : 'auto';
          settingsRef.current = { mode, snapM, crs };
          store().setNetworkSettings({ mode, snapM, crs });
          load(new Blob([kept.bytes]), kept.name, 'kept');
        })
        .catch((e: unknown) => {
          if (!alive) return;
          update((s) => ({ ...s, error: { problem: 'storage', fileName: '', message: e instanceof Error ? e.message : String(e) } }));
        });
    }

    return () => {
      alive = false;
      started?.terminate();
      store().setNetworkCommands(null);
      flushRef.current = () => undefined;
    };
  }, [data, cellM, townships]);

  // Every change of the sites, the rule or the ground: one request once the last is answered.
  useEffect(() => flushRef.current(), [wanted.sites, wanted.compare, JSON.stringify(rule), ground, JSON.stringify(wanted.targets.map((t) => [t.target.id, t.parts]))]); // eslint-disable-line react-hooks/exhaustive-deps

  // A new mode, snap distance or coordinate system reads the roads in use again with it.
  useEffect(() => {
    const before = settingsRef.current;
    settingsRef.current = settings;
    if ((before.mode !== settings.mode || before.snapM !== settings.snapM || before.crs !== settings.crs) && lastRef.current) {
      const { blob, name, source } = lastRef.current;
      loadRef.current(blob, name, source === 'kept' ? 'file' : source);
    }
  }, [settings]);

  return null;
}

