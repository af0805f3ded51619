/**
 * The test hooks stay out of normal builds (src/ui/testHooks.ts, vite.testHooks.ts). Cheap: no
 * build of the app — the whole app is built only by `npm test`'s browser stage, with the hooks on.
 * - Only src/ui/testHooks.ts names a hook in src/: nothing else can carry one into a bundle.
 * - testHooks.ts built as a normal build keeps none of them, and as a test build all of them (the
 *   flag is folded at build time, not read at run time).
 * - The build guard fails a normal build whose code names a hook.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { noTestHooksInNormalBuild, TEST_HOOK_NAMES } from '../../vite.testHooks';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.(ts|tsx|html|css)$/.test(d.name) ? [join(dir, d.name)] : []));
}

/** Builds `entry` (a file of the repository, or code) minified, with the build guard; the flag as given. */
async function bundle(entry: { file: string } | { code: string }, testHooks: boolean): Promise<string> {
  const dir = 'code' in entry ? mkdtempSync(join(tmpdir(), 'test-hooks-')) : null;
  const file = 'code' in entry ? join(dir!, 'entry.ts') : join(ROOT, entry.file);
  if ('code' in entry) writeFileSync(file, entry.code);
  const before = process.env.VITE_TEST_HOOKS;
  if (testHooks) process.env.VITE_TEST_HOOKS = 'true';
  else delete process.env.VITE_TEST_HOOKS;
  try {
    const out = (await build({
      root: ROOT,
      configFile: false,
      envFile: false,
      logLevel: 'silent',
      plugins: [noTestHooksInNormalBuild()],
      build: {
        write: false,
        minify: true,
        lib: { entry: file, formats: ['es'], fileName: 'entry' },
      },
    })) as Rolldown.RolldownOutput[];
    return out.flatMap((o) => o.output.map((f) => (f.type === 'chunk' ? f.code : ''))).join('\n');
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env.VITE_TEST_HOOKS;
    else process.env.VITE_TEST_HOOKS = before;
  }
}

describe('test hooks', () => {
  it('are named in src/ by src/ui/testHooks.ts only', () => {
    const naming = sourceFiles(join(ROOT, 'src'))
      .filter((f) => TEST_HOOK_NAMES.some((name) => readFileSync(f, 'utf8').includes(name)))
      .map((f) => relative(ROOT, f).replaceAll('\\', '/'));
    expect(naming).toEqual(['src/ui/testHooks.ts']);
  });

  it('leave a normal build of testHooks.ts, and are all in a test build', async () => {
    const normal = await bundle({ file: 'src/ui/testHooks.ts' }, false);
    expect(normal).toContain('publishTestHooks'); // the module was built (its export stays)
    expect(TEST_HOOK_NAMES.filter((name) => normal.includes(name))).toEqual([]);
    const forTests = await bundle({ file: 'src/ui/testHooks.ts' }, true);
    expect(TEST_HOOK_NAMES.filter((name) => !forTests.includes(name))).toEqual([]);
  });

  it('fail a normal build whose code names one', async () => {
    const leak = { code: 'export const leak = () => { window.__shanghaiMap = 1; };' };
    await expect(bundle(leak, false)).rejects.toThrow(/__shanghaiMap/);
    expect(await bundle(leak, true)).toContain('__shanghaiMap');
  });
});
