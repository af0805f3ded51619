/**
 * The plan files are discovered, not listed: every `seeds/plans/*.json` is a plan. Under Vite (the
 * app, its workers, the unit tests) the folder is inlined at build time with `import.meta.glob`;
 * under plain Node (the CLI, bench and geodata scripts run with tsx, which has no glob) it is read
 * from disk here. Both give the files by name, so a sixth plan dropped into the folder reaches the
 * app and the CLI alike, with no code change.
 */

/** The folder of the bundled plans, relative to this module (a variable, not a literal in `new URL`, so Vite does not take the folder for an asset). */
const PLAN_FOLDER_FROM_HERE = '../../seeds/plans/';

/** True where Vite transformed this code (it defines `import.meta.env`; Node under tsx does not). */
export const UNDER_VITE = typeof import.meta.env === 'object' && import.meta.env !== null;

interface NodeFs {
  readdirSync(dir: URL): string[];
  readFileSync(file: URL, encoding: 'utf8'): string;
}

/**
 * Every `*.json` file of `dir` by file name, parsed (Node only). A file that is not JSON is kept as
 * an error object so the plan checker names the file instead of throwing here.
 */
export function readPlanFolder(dir: URL = new URL(PLAN_FOLDER_FROM_HERE, import.meta.url)): Record<string, unknown> {
  // `getBuiltinModule`, not an import: this module is also bundled for the browser, where it never runs.
  const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (!fs) throw new Error('reading the plan folder needs Node 20.16 or later');
  const files: Record<string, unknown> = {};
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const text = fs.readFileSync(new URL(name, dir), 'utf8');
    try {
      files[name] = JSON.parse(text);
    } catch (e) {
      files[name] = { unreadable: (e as Error).message };
    }
  }
  return files;
}

/** `../../seeds/plans/minhang.json` → `minhang.json` (glob keys are paths). */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Something of every plan file, by file name: under Vite from `globbed` — the caller's own
 * `import.meta.glob` (Vite rewrites only literal calls, so each caller writes its own, in a thunk
 * because plain Node has no glob) — and under Node from the folder on disk, mapped by `fromPlan`.
 */
export function byPlanFile<T>(globbed: () => Record<string, T>, fromPlan: (plan: unknown) => T): Record<string, T> {
  const entries = UNDER_VITE
    ? Object.entries(globbed()).map(([path, value]) => [baseName(path), value] as const)
    : Object.entries(readPlanFolder()).map(([file, plan]) => [file, fromPlan(plan)] as const);
  return Object.fromEntries(entries);
}
