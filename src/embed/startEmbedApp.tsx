/**
 * The rest of the embed, loaded by its first script (main.ts) once the map exists: React renders
 * the embed's layout around that map (EmbedApp) and takes the start-up skeleton away.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { EmbedApp } from './EmbedApp';

export function startEmbedApp(map: MapLibreMap | Error): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <EmbedApp map={map} />
    </StrictMode>,
  );
}
