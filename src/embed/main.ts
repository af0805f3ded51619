/**
 * The embed's first script: the map, created before anything else of the embed has loaded.
 *
 * This script holds MapLibre and the base style only. It creates the map in the page's start-up
 * skeleton (embed.html) with sources linked by URL, so MapLibre's worker fetches and draws them
 * itself, in two stages: first the districts and the city's land under them — what a reader came
 * for, drawn as soon as a bare MapLibre page would draw them — then the other nine files (zones,
 * ring, rivers, roads, metro…). Only then does the rest of the embed load (startEmbedApp.tsx):
 * React, the data validation, the numbers; its start-up script, run sooner, would hold up the
 * map's tile requests. The app takes the map into its layout (MapView `premade`) and, once the
 * files are validated, drops any that failed and adds the labels (map/baseSources.ts).
 *
 * A share link (`#s=…`) needs its decoder (zod, fflate) before the map opens — its view, layers and
 * language decide the first frame — so only then does that code come first.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import '../ui/app.css';
import '../ui/share/share.css';
import './embed.css';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { BASE_SOURCE_FILES, buildBaseStyle, DEFAULT_VISIBILITY, linkedBaseSources, type FileSourceId } from '../map/baseStyle';
import { createBaseMap } from '../map/createBaseMap';
import { stateFromFragment } from '../share/fragment';
import { DEFAULT_LANG, langFromParam } from '../domain/lang';

/** Drawn first: the districts, and the city's land beneath them (the sea is the background). */
const FIRST_STAGE: readonly FileSourceId[] = ['districts', 'municipal'];
const LATER_STAGE = (Object.keys(BASE_SOURCE_FILES) as FileSourceId[]).filter((id) => !FIRST_STAGE.includes(id));

// Start-up marks (read by bench/embed.ts): this script evaluated; then the map created, data in.
performance.mark('embed:scripts');
// The handles of builds for tests and benches (src/ui/testHooks.ts); a normal build drops this
// branch. Loaded lazily, not imported: a module both pages' entries import statically changes how
// Rolldown splits the bundle (the embed then loaded more chunks before its map, even in a normal
// build). Asked for now, published before the map is created (bench/embed.ts times its first frames).
const testHooks = import.meta.env.VITE_TEST_HOOKS === 'true' ? import('../ui/testHooks') : null;

async function boot(): Promise<void> {
  // The link is read (and the fragment rewritten to the link's view) before the map reads the fragment.
  const link = stateFromFragment(window.location.hash) !== null ? (await import('../ui/share/startupLink')).readStartupLink() : null;
  const shared = link?.state ?? null;
  const lang = langFromParam(new URLSearchParams(window.location.search).get('lang')) ?? shared?.lang ?? DEFAULT_LANG;
  const container = document.getElementById('embed-boot-map')!;
  const dataUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
  (await testHooks)?.publishTestHooks();
  let map: MapLibreMap | Error;
  try {
    const style = buildBaseStyle(linkedBaseSources(dataUrl, FIRST_STAGE), lang, shared?.layers ?? DEFAULT_VISIBILITY);
    map = createBaseMap(container, style, { readable: false });
  } catch (e) {
    map = e as Error;
  }
  if (!(map instanceof Error)) {
    await districtsDrawn(map);
    const linked = linkedBaseSources(dataUrl);
    for (const id of LATER_STAGE) (map.getSource(id) as GeoJSONSource | undefined)?.setData(linked[id] as string);
  }
  const { startEmbedApp } = await import('./startEmbedApp');
  startEmbedApp(map);
}

/**
 * Resolves once a frame has been drawn with the districts loaded — or when their file failed, or
 * after a few seconds whatever happened, so the embed (which reports the problem) always starts.
 */
function districtsDrawn(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      map.off('render', onRender);
      map.off('error', onError as () => void);
      window.clearTimeout(timer);
      resolve();
    };
    const onRender = () => {
      if (map.getSource('districts') && map.isSourceLoaded('districts')) done();
    };
    const onError = (e: { sourceId?: string }) => {
      if (e.sourceId === 'districts') done();
    };
    const timer = window.setTimeout(done, 4000);
    map.on('render', onRender);
    map.on('error', onError as () => void);
  });
}

void boot();
