import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from './staticServer';
import { DIST } from './distFolder';

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
