import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setWorkerCount } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../ui/app.css';
import '../ui/share/share.css';
import './embed.css';
import { EmbedApp } from './EmbedApp';

// MapLibre parses its GeoJSON sources in one worker by default (outside Safari); the embed's first
// paint waits on eleven sources, which two workers share out.
setWorkerCount(2);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp />
  </StrictMode>,
);
