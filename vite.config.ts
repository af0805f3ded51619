import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { planDistricts } from './vite.planDistricts.ts';
import { noTestHooksInNormalBuild } from './vite.testHooks.ts';
import { buildId } from './vite.buildId.ts';
import { shippedAnswers } from './vite.shippedAnswers.ts';
import { asciiData } from './vite.asciiData.ts';

// Relative base so the static build in dist/ can be served from any path or CDN folder.
// `--mode profile` (bench/renders.ts): React's profiling renderer, so the app's <Profiler>s
// (src/ui/profiled.tsx) report renders in a production build; every other mode is unchanged.
// VITE_TEST_HOOKS=true (builds for tests and benches): the page publishes the handles they use
// (src/ui/testHooks.ts); any other build fails if its code names one (vite.testHooks.ts).
// Cross-origin isolation (COOP + COEP) on the dev and preview servers, as on a deployment (README
// "Deploying"): the coverage worker then shares memory with its helper threads (src/coverage/fillPool.ts).
// `credentialless`, not `require-corp`: tiles from a server the user names load without its consent.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'credentialless' };

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react(), planDistricts(), noTestHooksInNormalBuild(), buildId(), asciiData(), shippedAnswers()],
  resolve: mode === 'profile' ? { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] } : {},
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // One static page per entry; chunks they share are split out, so the read-only embed loads
      // none of the editor's code.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
      },
      // Scripts ASCII-only (the Chinese strings as \u escapes): a script with one non-ASCII character
      // is decoded to a two-byte string on the page's thread and scanned two bytes a character
      // (issue #19; the data files likewise: vite.asciiData.ts).
      output: { charset: 'ascii' },
    },
  },
  // The workers' scripts likewise; their minifier takes the setting in its own options (it ignores
  // `charset`), so minifying is spelled out as the main build's default.
  worker: { rolldownOptions: { output: { charset: 'ascii', minify: { compress: true, mangle: true, codegen: { removeWhitespace: true, asciiOnly: true } } } } },
  server: { port: 5173, headers: isolation },
  preview: { port: 4173, headers: isolation },
}));
