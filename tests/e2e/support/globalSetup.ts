import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { resolve } from 'node:path';
import { startStaticServer } from './staticServer';

// E2E_DIST: serve another build folder (e.g. `vite build --outDir dist-x`), so two checkouts' test runs don't share one dist/.
const DIST = process.env.E2E_DIST
  ? `${resolve(process.env.E2E_DIST)}/`
  : fileURLToPath(new URL('../../../dist/', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serves the built app for the browser tests; `npm test` builds it first. */
export default async function setup(project: TestProject) {
  if (!existsSync(`${DIST}index.html`)) throw new Error('dist/ is missing: run `npm run build` before the browser tests');
  const server = await startStaticServer(DIST);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
