import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The build the browser tests serve. E2E_DIST: another build folder (e.g. `vite build --outDir dist-x`), so two checkouts' test runs don't share one dist/. */
export const DIST = process.env.E2E_DIST ? `${resolve(process.env.E2E_DIST)}/` : fileURLToPath(new URL('../../../dist/', import.meta.url));
