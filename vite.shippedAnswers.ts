/**
 * After `vite build` has written the app, computes the coverage worker's answer for the start every
 * first visit makes and writes it beside the app (scripts/ship-answers.ts; issue #19: numbers at
 * start). Runs the script in a Node process of its own (tsx, as the CLI and the benches do): the
 * engine, the checker and the shipped files are the app's own modules, and a build's memory is not
 * held by the grid.
 *
 * A failure fails the build: a build whose answer could not be made is a defect to see, not to ship
 * around. `SHIP_ANSWERS=false` leaves the answers out (the page then computes its first figures).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { sourceHash } from './vite.buildId.ts';

export function shippedAnswers(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'shipped-answers',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      if (process.env.SHIP_ANSWERS === 'false' || config.build.ssr || config.build.watch) return;
      const out = resolve(config.root, config.build.outDir);
      // The same id the app was built with (vite.buildId.ts), so the keys match the worker's.
      const id = sourceHash(config.root);
      const output = execFileSync(process.execPath, ['--import', 'tsx', resolve(config.root, 'scripts/ship-answers.ts'), out, id], { cwd: config.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (config.logLevel !== 'silent' && config.logLevel !== 'error') config.logger.info(output.trim());
    },
  };
}
