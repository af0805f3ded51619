/**
 * Keeps the test hooks (src/ui/testHooks.ts: `window.__shanghaiMap` and the others) out of every
 * build not made for tests: a build without `VITE_TEST_HOOKS=true` fails if any of its JavaScript
 * names one. The hooks are dropped by Vite's dead-code elimination, not by hand, so this is what
 * says they really went (a new use outside testHooks.ts, or a flag no longer folded, shows here).
 * Costs a string search over the bundle. Used by the Vite config; tests/ui/testHooks.test.ts
 * checks it on small builds.
 */
import type { Plugin } from 'vite';

/** What the test hooks publish: the window properties and the attributes on <html>. */
export const TEST_HOOK_NAMES = ['__shanghaiMap', '__shanghaiDeck', 'data-autosave-pending', 'data-autosaved', 'data-saved-scenarios'] as const;

export function noTestHooksInNormalBuild(): Plugin {
  let hooksOn = false;
  return {
    name: 'no-test-hooks-in-normal-build',
    apply: 'build',
    configResolved(config) {
      // The env as the app sees it (the shell's and any .env file's).
      hooksOn = config.env.VITE_TEST_HOOKS === 'true';
    },
    generateBundle(_options, bundle) {
      if (hooksOn) return;
      for (const file of Object.values(bundle)) {
        if (!/\.m?js$/.test(file.fileName)) continue;
        const code = file.type === 'chunk' ? file.code : typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        const found = TEST_HOOK_NAMES.filter((name) => code.includes(name));
        if (found.length > 0) {
          this.error(`${file.fileName} names the test hooks ${found.join(', ')} in a build without VITE_TEST_HOOKS=true: only src/ui/testHooks.ts may publish them, behind the flag`);
        }
      }
    },
  };
}
