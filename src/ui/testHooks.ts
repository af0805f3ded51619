/**
 * The handles the browser tests (tests/e2e) and the benches (bench/) reach into the page with,
 * published from here only, and only in builds made for them: `VITE_TEST_HOOKS=true vite build`
 * (npm test, npm run test:e2e, every bench that builds). Vite replaces the flag at build time: the
 * pages load this module only in such builds (src/main.tsx, src/embed/main.ts), and
 * `publishTestHooks` is empty without it, so none of this reaches a normal bundle
 * (tests/ui/testHooks.test.ts, and vite.testHooks.ts on every build). The app itself never reads
 * them: it reaches the live map through src/map/liveMap.ts and knows its saves from
 * src/ui/scenarios/saveStatus.ts.
 *
 * - `window.__shanghaiMap`: the live MapLibre map, from the moment it is created;
 * - `window.__shanghaiDeck`: its deck.gl overlay, once loaded;
 * - on <html>: `data-autosave-pending` ("true" from a change until it is in IndexedDB with nothing
 *   else waiting, then "false"), `data-autosaved` (the current scenario's sites in the last save),
 *   `data-saved-scenarios` (the scenarios in the list at the last save).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { liveMap, liveOverlay, watchLiveMap } from '../map/liveMap';
import { saveStatus, watchSaveStatus, type SaveStatus } from './scenarios/saveStatus';

declare global {
  interface Window {
    __shanghaiMap?: MapLibreMap;
    __shanghaiDeck?: MapboxOverlay;
  }
  interface ImportMetaEnv {
    /** "true" in builds for tests and benches: see src/ui/testHooks.ts. */
    readonly VITE_TEST_HOOKS?: string;
  }
}

const TEST_HOOKS = import.meta.env.VITE_TEST_HOOKS === 'true';

/** Publishes the handles, and keeps them up to date (a no-op outside a test build); what exists already is published at once. */
export function publishTestHooks(): void {
  if (!TEST_HOOKS) return;
  const mirrorMap = () => {
    // Assigned only when it changes: bench/embed.ts times the first frame from a setter on this property.
    const map = liveMap.now() ?? undefined;
    if (window.__shanghaiMap !== map) {
      if (map) window.__shanghaiMap = map;
      else delete window.__shanghaiMap;
    }
    const overlay = liveOverlay.now() ?? undefined;
    if (window.__shanghaiDeck !== overlay) {
      if (overlay) window.__shanghaiDeck = overlay;
      else delete window.__shanghaiDeck;
    }
  };
  watchLiveMap(mirrorMap);
  mirrorMap();
  const mirrorSaves = ({ pending, savedSites, savedScenarios }: SaveStatus) => {
    const root = document.documentElement;
    if (savedSites !== null) root.setAttribute('data-autosaved', String(savedSites));
    if (savedScenarios !== null) root.setAttribute('data-saved-scenarios', String(savedScenarios));
    if (pending !== null) root.setAttribute('data-autosave-pending', String(pending));
  };
  watchSaveStatus(mirrorSaves);
  // Loaded lazily by the page: what happened before is mirrored now.
  mirrorSaves(saveStatus());
}
