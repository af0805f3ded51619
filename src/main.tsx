import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import { App } from './ui/App';
import { prestartCoverageWorker } from './ui/coverage/earlyCoverage';
import { baseScenarioRead, geodataRead, libraryRead } from './ui/startupReads';

// The coverage worker starts now: its script loads while React mounts (src/ui/coverage/earlyCoverage.ts);
// so do the first reads (the shipped files, the sample, the saved library), and the worker gets its
// grid's sources as soon as they are validated. The map-only files are fetched once those are in.
prestartCoverageWorker();
void geodataRead();
void baseScenarioRead();
void libraryRead();

// The handles of builds for tests and benches (src/ui/testHooks.ts); a normal build drops this
// branch. Loaded lazily for the reason src/embed/main.ts gives.
if (import.meta.env.VITE_TEST_HOOKS === 'true') void import('./ui/testHooks').then((m) => m.publishTestHooks());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
