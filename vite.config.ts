import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so the static build in dist/ can be served from any path or CDN folder.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
