/**
 * The app's two first reads — the shipped geodata and the base scenario (the published dataset or the
 * illustrative sample) — started by src/main.tsx before React mounts, and taken by the components that
 * need them (App, useLibraryStartup) when they mount: the fetches and their validation overlap React's
 * first render instead of following it (issue #19's start-up). One read each per page.
 */
import { COUNTED_FILES, GEODATA_FILES, MAP_ONLY_FILES, loadGeodata, type LoadResult } from '../io/loadGeodata';
import { loadGeometryFiles } from '../io/geodataFiles';
import { loadBaseScenario, publishedParam } from '../io/publishedData';
import { SAMPLE_SCENARIO_FILE } from '../io/loadScenario';
import { initEarlyCoverage } from './coverage/earlyCoverage';
import { useAppStore } from './state/appStore';
import { loadLibrary } from '../io/autosave';
import { deadJournals, type DeadJournals } from './scenarios/journalRecovery';
import { liveTabs, scenariosBeingEdited } from './scenarios/tabCoordination';

let geodata: Promise<LoadResult> | null = null;
let baseScenario: ReturnType<typeof loadBaseScenario> | null = null;
let library: Promise<LibraryRead> | null = null;

export interface LibraryRead {
  /** The journals of tabs no longer alive (their edits are replayed onto the library). */
  journals: DeadJournals;
  /** The scenarios some live tab is editing (null without Web Locks). */
  busy: Set<string> | null;
  saved: Awaited<ReturnType<typeof loadLibrary>>;
}

/**
 * The shipped geodata the figures are counted on (COUNTED_FILES, the census, the townships),
 * validated; the first call also sends the early coverage worker its grid's sources.
 */
export function geodataRead(): Promise<LoadResult> {
  geodata ??= loadGeodata(`${import.meta.env.BASE_URL}data/`, fetch, COUNTED_FILES).then((result) => {
    // Start-up marks for bench/startup.ts (where the time to the first numbers goes).
    performance.mark('geodata:loaded');
    initEarlyCoverage(result.data, useAppStore.getState().cellM);
    // The map-only files are asked for now: asked with these, they held the browser's own process,
    // which serves every file and the saved library, before the first numbers.
    mapFilesFetch();
    return result;
  });
  return geodata;
}

let mapFetches: Map<string, Promise<Response>> | null = null;
let mapGeodata: Promise<LoadResult> | null = null;

/**
 * Starts fetching the map-only files (MAP_ONLY_FILES: the ocean, rivers, metro…) with the others:
 * their bodies wait, undecoded, until {@link mapGeodataRead} reads them. Read and checked at start
 * they held the page's thread before the first numbers, which are not counted on them.
 */
export function mapFilesFetch(): void {
  mapFetches ??= new Map(MAP_ONLY_FILES.map((key) => {
    const url = `${import.meta.env.BASE_URL}data/${GEODATA_FILES[key].file}`;
    const response = fetch(url);
    // A failed fetch is reported with the file when the files are read, not as an unhandled rejection now.
    response.catch(() => undefined);
    return [url, response];
  }));
}

/** The map-only files, validated (read once: the main app asks once its first numbers are shown). */
export function mapGeodataRead(): Promise<LoadResult> {
  mapFilesFetch();
  const started = mapFetches!;
  mapGeodata ??= loadGeometryFiles(`${import.meta.env.BASE_URL}data/`, (url) => started.get(url) ?? fetch(url), MAP_ONLY_FILES).then((result) => {
    performance.mark('geodata:map-loaded');
    return result;
  });
  return mapGeodata;
}

/** The base scenario of this address (`?published=` or the deployer's index, else the sample). */
export function baseScenarioRead(): ReturnType<typeof loadBaseScenario> {
  if (baseScenario) return baseScenario;
  // The sample is asked for with the published index, not after its answer: on a busy machine the
  // index's answer, then the sample's, each waited behind the other files' (~0.2 s). Where a dataset is
  // published the sample is not read, and its download is cancelled.
  const sampleUrl = `${import.meta.env.BASE_URL}data/${SAMPLE_SCENARIO_FILE}`;
  const sample = fetch(sampleUrl);
  let sampleRead = false;
  baseScenario = loadBaseScenario(import.meta.env.BASE_URL, publishedParam(window.location.search), (url) => {
    if (url !== sampleUrl || sampleRead) return fetch(url);
    sampleRead = true;
    return sample;
  });
  void baseScenario.then(() => (sampleRead ? undefined : sample.then((r) => r.body?.cancel()))).catch(() => undefined);
  return baseScenario;
}

/**
 * The library saved in this browser (its list, the current scenario and those the dead tabs'
 * journals touch), with those journals: the next visit's scenario, read from IndexedDB while React
 * mounts instead of after (src/ui/scenarios/useLibraryStartup.ts takes it).
 */
export function libraryRead(): Promise<LibraryRead> {
  // The saved library is read while the live tabs are asked for: both wait on the browser's own
  // process, and one after the other they took ~0.7 s of a first visit (the tabs ~0.3 s, the read
  // ~0.4 s). Only where a dead tab's journal names other scenarios are they all read again after.
  library ??= (() => {
    const plain = loadLibrary(indexedDB);
    return Promise.all([liveTabs(), scenariosBeingEdited()]).then(async ([live, busy]) => {
      const journals = deadJournals(live);
      const also = [...new Set(journals.dead.flatMap((j) => [j.index.currentId, ...j.scenarios.map((d) => d.id)]))];
      const saved = also.length === 0 ? await plain : await loadLibrary(indexedDB, also);
      return { journals, busy, saved };
    });
  })();
  return library;
}
