/**
 * MapLibre 6 runs its tile work in a module worker it looks for next to its own module file.
 * Bundled by Vite, that file is not there, so we ship the worker as an asset of our own origin
 * and point MapLibre at it. Import this module before creating a map.
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(new URL(workerUrl, window.location.href).href);
