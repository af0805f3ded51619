/** The built app a browser bench opens: a folder given by the caller, or a build made now into a temporary one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Builds the app into `outDir` (in vite `mode`, when given) as benches and tests need it: with the
 * handles they reach into the page with (`window.__shanghaiMap` and the others: src/ui/testHooks.ts),
 * which a normal build leaves out. The flag goes through the environment, as on the command line
 * (`VITE_TEST_HOOKS=true vite build`), and is put back after.
 */
export async function buildForBench(outDir: string, mode?: string, testHooks = true): Promise<void> {
  const before = process.env.VITE_TEST_HOOKS;
  process.env.VITE_TEST_HOOKS = testHooks ? 'true' : 'false';
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), ...(mode ? { mode } : {}), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.VITE_TEST_HOOKS;
    else process.env.VITE_TEST_HOOKS = before;
  }
}

/**
 * `given` when set (a folder built as the bench needs); else builds the app into a temporary folder
 * that `remove` deletes — with the test handles, unless `testHooks` is false (a bench that reads only
 * the page's performance marks measures the build a deployment serves).
 */
export async function builtApp(given: string | undefined, name: string, mode?: string, testHooks = true): Promise<{ dist: string; remove: () => void }> {
  if (given) return { dist: given, remove: () => {} };
  const dist = mkdtempSync(join(tmpdir(), `${name}-`));
  await buildForBench(dist, mode, testHooks);
  return { dist, remove: () => rmSync(dist, { recursive: true, force: true }) };
}
