/**
 * The build's identity for what the app keeps between visits that code could change: the coverage
 * worker's answers (src/worker/answerCache.ts) are kept under a key that includes it, so a new
 * version of the engine or of the bundled plans never shows an answer an older one computed.
 *
 * `__APP_BUILD_ID__`: a SHA-256 of every file under src/ (path and bytes, in path order) and of
 * package-lock.json (the libraries' versions), fixed at `vite build`. The dev server defines null —
 * its modules change under it — so nothing is kept there.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The hash of the app's sources and locked libraries under `root`. */
export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  const files = [...filesUnder(join(root, 'src')), join(root, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(relative(root, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function buildId(): Plugin {
  return {
    name: 'app-build-id',
    config(config, { command }) {
      const id = command === 'build' ? sourceHash(config.root ?? process.cwd()) : null;
      return { define: { __APP_BUILD_ID__: JSON.stringify(id) } };
    },
  };
}
