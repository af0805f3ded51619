/** The built app a browser bench opens: a folder given by the caller, or a build made now into a temporary one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `given` when set; else builds the app (in vite `mode`, when given) into a temporary folder that `remove` deletes. */
export async function builtApp(given: string | undefined, name: string, mode?: string): Promise<{ dist: string; remove: () => void }> {
  if (given) return { dist: given, remove: () => {} };
  const dist = mkdtempSync(join(tmpdir(), `${name}-`));
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), ...(mode ? { mode } : {}), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  return { dist, remove: () => rmSync(dist, { recursive: true, force: true }) };
}
